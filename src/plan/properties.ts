/**
 * Resource properties as the plan keeps them. The mock monitor hands properties over in Pulumi's wire format, where
 * secrets, resource references, assets and output values are objects tagged with a signature key. The plan turns
 * them into plain data, keeping each secret wrapped in a {@link SecretValue} so that nothing renders it by accident.
 */
import { inspect } from "util";
import * as pulumi from "@pulumi/pulumi";
import { SECRET_PLACEHOLDER_PREFIX } from "./config";

/** What a property holds once read from the wire. */
export type PlanValue = null | boolean | number | string | SecretValue | PlanValue[] | PlanObject;

/** A property bag. */
export interface PlanObject {
    [key: string]: PlanValue;
}

/** The input under which a dynamic resource carries its serialised provider: transport, not a property of the resource. */
export const DYNAMIC_PROVIDER_KEY = "__provider";

/** How a secret is shown wherever the plan renders a value. */
export const REDACTED = "[secret]";

/**
 * A secret property. Its plaintext is reachable only through {@link revealSecrets} (which policies get, as they do
 * from the engine); JSON, `util.inspect` and string conversion all show {@link REDACTED}.
 */
export class SecretValue {
    readonly #plaintext: PlanValue;

    constructor(plaintext: PlanValue) {
        this.#plaintext = plaintext;
    }

    /** The plaintext, for policy evaluation only. */
    reveal(): PlanValue {
        return this.#plaintext;
    }

    toJSON(): string {
        return REDACTED;
    }

    toString(): string {
        return REDACTED;
    }

    [inspect.custom](): string {
        return REDACTED;
    }
}

const rpc = pulumi.runtime;

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Converts one wire-format value. Resource references become the referenced resource's id, or its URN for a
 * component, as the engine downgrades them for analyzers; an output value without a value (unknown) is dropped.
 */
export function fromWire(value: unknown): PlanValue | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((element) => fromWire(element) ?? null);
    }
    if (!isObject(value)) {
        return String(value);
    }
    const signature = value[rpc.specialSigKey];
    if (signature === rpc.specialSecretSig) {
        return new SecretValue(fromWire(value["value"]) ?? null);
    }
    if (signature === rpc.specialResourceSig) {
        const id = value["id"];
        return typeof id === "string" && id !== "" ? id : String(value["urn"] ?? "");
    }
    if (signature === rpc.specialOutputValueSig) {
        const inner = fromWire(value["value"]);
        if (inner === undefined) {
            return undefined;
        }
        return value["secret"] === true ? new SecretValue(inner) : inner;
    }
    return fromWireObject(value);
}

/** Converts a property bag, dropping undefined properties and the signature key of assets and archives. */
export function fromWireObject(value: Record<string, unknown> | undefined): PlanObject {
    const result: PlanObject = {};
    if (value === undefined) {
        return result;
    }
    for (const [key, element] of Object.entries(value)) {
        if (key === rpc.specialSigKey) {
            continue;
        }
        const converted = fromWire(element);
        if (converted !== undefined) {
            result[key] = converted;
        }
    }
    return result;
}

/** The value with every secret replaced by its plaintext: what policies see, as the engine unwraps secrets for them. */
export function revealSecrets(value: PlanValue): unknown {
    if (value instanceof SecretValue) {
        return revealSecrets(value.reveal());
    }
    if (Array.isArray(value)) {
        return value.map(revealSecrets);
    }
    if (isObject(value)) {
        const result: Record<string, unknown> = {};
        for (const [key, element] of Object.entries(value as PlanObject)) {
            result[key] = revealSecrets(element);
        }
        return result;
    }
    return value;
}

// A secure config value that the program read as plain text (`config.get` rather than `config.getSecret`) reaches
// resources as a plain string: the stand-in is masked all the same, and reported by `findPlaintextSecrets`.
const PLACEHOLDER = new RegExp(`${SECRET_PLACEHOLDER_PREFIX}[0-9a-f]+`, "g");

/** The value with every secret replaced by {@link REDACTED}: what the plan prints. */
export function redactSecrets(value: PlanValue): unknown {
    if (value instanceof SecretValue) {
        return REDACTED;
    }
    if (typeof value === "string") {
        return value.includes(SECRET_PLACEHOLDER_PREFIX) ? value.replace(PLACEHOLDER, REDACTED) : value;
    }
    if (Array.isArray(value)) {
        return value.map(redactSecrets);
    }
    if (isObject(value)) {
        const result: Record<string, unknown> = {};
        for (const [key, element] of Object.entries(value as PlanObject)) {
            result[key] = redactSecrets(element);
        }
        return result;
    }
    return value;
}

/**
 * Reads a property by path (`["tags", "connector-group"]`). A value reached through a secret comes back wrapped in a
 * {@link SecretValue}: the engine wraps a whole top-level property when any part of it is secret.
 */
export function propertyAt(value: PlanValue | undefined, path: readonly (string | number)[]): PlanValue | undefined {
    let current: PlanValue | undefined = value;
    let secret = false;
    for (const step of path) {
        if (current instanceof SecretValue) {
            secret = true;
            current = current.reveal();
        }
        if (current === undefined || current === null || typeof current !== "object") {
            return undefined;
        }
        current = (current as Record<string | number, PlanValue>)[step];
    }
    return secret && current !== undefined && !(current instanceof SecretValue) ? new SecretValue(current) : current;
}

/** A property as display text: strings and numbers as they are, secrets as {@link REDACTED}, anything else undefined. */
export function displayText(value: PlanValue | undefined): string | undefined {
    if (value instanceof SecretValue) {
        return REDACTED;
    }
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * The paths (`osProfile.customData`) at which a secure config value appears in plain text, outside any secret: the
 * program read it with `config.get`/`require` and it would reach the state unencrypted.
 */
export function findPlaintextSecrets(value: PlanValue): string[] {
    // The plan walks every input of every resource, and finds nothing in nearly all: a path is spelled out on a hit only.
    const found: string[] = [];
    const path: (string | number)[] = [];
    const walk = (node: PlanValue): void => {
        if (node instanceof SecretValue) {
            return;
        }
        if (typeof node === "string") {
            if (node.includes(SECRET_PLACEHOLDER_PREFIX)) {
                found.push(path.reduce<string>((text, step) => (typeof step === "number" ? `${text}[${step}]` : text === "" ? step : `${text}.${step}`), ""));
            }
        } else if (Array.isArray(node)) {
            node.forEach((element, index) => {
                path.push(index);
                walk(element);
                path.pop();
            });
        } else if (isObject(node)) {
            for (const [key, element] of Object.entries(node as PlanObject)) {
                path.push(key);
                walk(element);
                path.pop();
            }
        }
    };
    walk(value);
    return found;
}

/** Every string held in a secret among `values`: what must not be printed, even inside a message. */
export function collectSecretStrings(values: Iterable<PlanValue>): Set<string> {
    const secrets = new Set<string>();
    const walk = (value: PlanValue, inSecret: boolean): void => {
        if (value instanceof SecretValue) {
            walk(value.reveal(), true);
        } else if (Array.isArray(value)) {
            value.forEach((element) => walk(element, inSecret));
        } else if (isObject(value)) {
            Object.values(value as PlanObject).forEach((element) => walk(element, inSecret));
        } else if (inSecret && typeof value === "string" && value.length >= 4) {
            secrets.add(value);
        }
    };
    for (const value of values) {
        walk(value, false);
    }
    return secrets;
}

/**
 * The text with secrets masked: the stand-ins for secure config values always, and each of `secrets` (see
 * {@link collectSecretStrings}). For messages that rules and programs write, which may quote what they were given.
 */
export function maskSecrets(text: string, secrets: ReadonlySet<string> = new Set()): string {
    let masked = text.includes(SECRET_PLACEHOLDER_PREFIX) ? text.replace(PLACEHOLDER, REDACTED) : text;
    for (const secret of secrets) {
        if (masked.includes(secret)) {
            masked = masked.split(secret).join(REDACTED);
        }
    }
    return masked;
}
