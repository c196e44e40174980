/**
 * Reading resource properties the way the policy engine hands them over.
 *
 * During `pulumi preview`, @pulumi/policy wraps `props` in a proxy that throws an `UnknownValueError` when a value
 * is not known yet (an id, a private IP, anything computed from another resource's output). Left alone, that error
 * aborts the whole rule for the resource, or for the whole stack in a stack rule, and the engine downgrades it to an
 * advisory "can't run during preview". Rules read through these helpers instead: an unknown value comes back as an
 * {@link Unknown} that keeps the engine's error, so a rule can report what it does know and still say, once, what it
 * could not tell.
 *
 * Secret values reach a policy unwrapped (the engine sends them, @pulumi/policy decodes them to plain values), so a
 * rule cannot tell a secret from a plain string by looking. Captured mock registrations (the offline plan) may still
 * carry Pulumi's secret envelope; it is unwrapped here and remembered, see {@link readIsSecret}.
 */

/** The sentinels the Pulumi RPC layer uses for values unknown during preview (`@pulumi/policy` proxy.ts). */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** Pulumi's wire envelope for a secret: `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A value that cannot be known yet (during preview). */
export class Unknown {
    constructor(
        /** Where the value sits, relative to what was read (e.g. `hardwareProfile.vmSize`); the cause has the full path. */
        public readonly path: string,
        /** The engine's `UnknownValueError`, rethrown by the policy wrappers so that the engine reports it. */
        public readonly cause?: Error,
    ) {}
}

/** Whether a value is an {@link Unknown}. */
export function isUnknown(value: unknown): value is Unknown {
    return value instanceof Unknown;
}

/** A property path: keys and array indexes. */
export type PropertyPath = readonly (string | number)[];

function pathText(path: PropertyPath): string {
    return path.map((key) => String(key)).join(".");
}

// The proxy's error class is not imported (the policy runtime must not load in the library); its shape is stable.
function isEngineUnknownError(error: unknown): error is Error {
    return error instanceof Error && "unknownTypeSentinel" in error && "props" in error;
}

function isSecretEnvelope(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

interface Step {
    readonly value: unknown;
    readonly secret: boolean;
}

/** Reads one key of a container, turning the engine's unknowns into {@link Unknown} and opening secret envelopes. */
function step(container: unknown, key: string | number, path: PropertyPath): Step {
    if (container === null || typeof container !== "object") {
        return { value: undefined, secret: false };
    }
    let value: unknown;
    try {
        value = (container as Record<string | number, unknown>)[key];
    } catch (error) {
        if (isEngineUnknownError(error)) {
            return { value: new Unknown(pathText(path), error), secret: false };
        }
        throw error;
    }
    return settle(value, path);
}

function settle(value: unknown, path: PropertyPath): Step {
    let secret = false;
    let current = value;
    while (isSecretEnvelope(current)) {
        secret = true;
        current = current.value;
    }
    if (typeof current === "string" && UNKNOWN_SENTINELS.has(current)) {
        return { value: new Unknown(pathText(path)), secret };
    }
    return { value: current, secret };
}

function walk(root: unknown, path: PropertyPath): Step {
    let current = settle(root, []);
    let secret = current.secret;
    for (let i = 0; i < path.length; i++) {
        if (isUnknown(current.value)) {
            return { value: new Unknown(pathText(path), current.value.cause), secret };
        }
        current = step(current.value, path[i] as string | number, path.slice(0, i + 1));
        secret = secret || current.secret;
    }
    return { value: current.value, secret };
}

/** The value at `path`: a plain value, undefined when absent, or an {@link Unknown}. */
export function read(root: unknown, ...path: PropertyPath): unknown {
    return walk(root, path).value;
}

/** Whether the value at `path`, or a container on the way to it, arrived in Pulumi's secret envelope. */
export function readIsSecret(root: unknown, ...path: PropertyPath): boolean {
    return walk(root, path).secret;
}

/** A string at `path`; undefined when absent or not a string. */
export function readString(root: unknown, ...path: PropertyPath): string | Unknown | undefined {
    const value = read(root, ...path);
    return typeof value === "string" || isUnknown(value) ? value : undefined;
}

/** A boolean at `path` (`"true"`/`"false"` strings are accepted, as some providers echo them). */
export function readBoolean(root: unknown, ...path: PropertyPath): boolean | Unknown | undefined {
    const value = read(root, ...path);
    if (typeof value === "boolean" || isUnknown(value)) {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return undefined;
}

/** The elements of an array at `path`, each read safely; undefined when absent or not an array. */
export function readArray(root: unknown, ...path: PropertyPath): unknown[] | Unknown | undefined {
    const value = read(root, ...path);
    if (isUnknown(value) || !Array.isArray(value)) {
        return isUnknown(value) ? value : undefined;
    }
    const elements: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        elements.push(step(value, i, [...path, i]).value);
    }
    return elements;
}

/**
 * The elements of an array at `path` with their indexes, for rules that look at each one. An unknown array or element
 * is added to `unknowns` and left out; an absent array gives no elements.
 */
export function readElements(root: unknown, path: PropertyPath, unknowns: Unknown[]): [number, unknown][] {
    const elements = readArray(root, ...path);
    if (isUnknown(elements)) {
        unknowns.push(elements);
        return [];
    }
    const known: [number, unknown][] = [];
    for (const [index, element] of (elements ?? []).entries()) {
        if (isUnknown(element)) {
            unknowns.push(element);
        } else {
            known.push([index, element]);
        }
    }
    return known;
}

/** The entries of an object at `path`, each value read safely; undefined when absent or not an object. */
export function readEntries(root: unknown, ...path: PropertyPath): [string, unknown][] | Unknown | undefined {
    const value = read(root, ...path);
    if (isUnknown(value)) {
        return value;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return undefined;
    }
    return Object.keys(value).map((key) => [key, step(value, key, [...path, key]).value]);
}

/** A string-valued map (tags, labels, metadata) at `path`; non-string values are left out. */
export function readStringMap(root: unknown, ...path: PropertyPath): Map<string, string | Unknown> | Unknown | undefined {
    const entries = readEntries(root, ...path);
    if (entries === undefined || isUnknown(entries)) {
        return entries;
    }
    const map = new Map<string, string | Unknown>();
    for (const [key, value] of entries) {
        if (typeof value === "string" || isUnknown(value)) {
            map.set(key, value);
        }
    }
    return map;
}

/** A string that a reader found, with where it sits. */
export interface FoundString {
    readonly path: string;
    readonly text: string;
    /** True when the string arrived in Pulumi's secret envelope. */
    readonly secret: boolean;
}

/** Every string inside the value at `path` (recursively), plus the unknowns met on the way. */
export function collectStrings(root: unknown, ...path: PropertyPath): { strings: FoundString[]; unknowns: Unknown[] } {
    const strings: FoundString[] = [];
    const unknowns: Unknown[] = [];
    const visit = (current: Step, at: PropertyPath, depth: number): void => {
        const { value, secret } = current;
        if (isUnknown(value)) {
            unknowns.push(value);
        } else if (typeof value === "string") {
            strings.push({ path: pathText(at), text: value, secret });
        } else if (value !== null && typeof value === "object" && depth < 32) {
            for (const key of Object.keys(value)) {
                const child = step(value, Array.isArray(value) ? Number(key) : key, [...at, key]);
                visit({ value: child.value, secret: secret || child.secret }, [...at, key], depth + 1);
            }
        }
    };
    visit(walk(root, path), path, 0);
    return { strings, unknowns };
}

/** The parts of a Pulumi URN: `urn:pulumi:<stack>::<project>::<parent types $ own type>::<name>`. */
export interface ParsedUrn {
    readonly stack: string;
    readonly project: string;
    /** The type chain, outermost parent first, the resource's own type last. */
    readonly typeChain: readonly string[];
    readonly name: string;
}

/** Parses a URN; undefined when it is not one. */
export function parseUrn(urn: string): ParsedUrn | undefined {
    const prefix = "urn:pulumi:";
    if (!urn.startsWith(prefix)) {
        return undefined;
    }
    const parts = urn.slice(prefix.length).split("::");
    if (parts.length < 4) {
        return undefined;
    }
    const [stack, project, qualifiedType, ...name] = parts as [string, string, string, ...string[]];
    return { stack, project, typeChain: qualifiedType.split("$"), name: name.join("::") };
}

/** Whether the resource named by `urn` sits (at any depth) inside a component of type `componentType`. */
export function isInside(urn: string, componentType: string): boolean {
    const chain = parseUrn(urn)?.typeChain ?? [];
    return chain.slice(0, -1).includes(componentType);
}
