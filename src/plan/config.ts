/**
 * Stack configuration as `pulumi preview` would hand it to the program: project-level values and schemas from
 * `Pulumi.yaml`, overridden by `Pulumi.<stack>.yaml`. `secure:` values cannot be decrypted offline; each becomes an
 * opaque placeholder that the program receives as a secret, so it flows wherever the real value would and is shown
 * redacted.
 */
import { IssueCollector } from "../model/errors";
import { hexId } from "./ids";

/** Configuration keyed by namespaced key (`<project>:<key>`, `aws:region`). */
export interface StackConfig {
    /** Each value as the engine passes it: scalars as strings, objects and arrays as JSON. */
    readonly values: Readonly<Record<string, string>>;
    /** The keys whose value is secret (a `secure:` value, or an object holding one). */
    readonly secretKeys: readonly string[];
}

/** The inputs of {@link resolveStackConfig}: the parsed `config` sections of both files. */
export interface StackConfigSources {
    readonly projectName: string;
    readonly stackName: string;
    /** `Pulumi.yaml`'s `config` section, if any. */
    readonly projectConfig?: unknown;
    /** `Pulumi.<stack>.yaml`'s `config` section, if any. */
    readonly stackConfig?: unknown;
}

/** The prefix of every placeholder that stands in for a `secure:` value. */
export const SECRET_PLACEHOLDER_PREFIX = "plan-secret-placeholder-";

/** The value a program receives for the `secure:` value of `key`. It is never the real secret. */
export function secretPlaceholder(key: string): string {
    return `${SECRET_PLACEHOLDER_PREFIX}${hexId(16, key)}`;
}

const SCHEMA_KEYS = new Set(["type", "description", "default", "value", "secret", "items"]);
const CONFIG_TYPES = new Set(["string", "integer", "boolean", "array", "object"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface ConfigEntry {
    /** The value as written (with secure values replaced by placeholders). */
    value: Json;
    secret: boolean;
}

interface ConfigSchema {
    type?: string;
    secret?: boolean;
    hasDefault: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function namespaced(projectName: string, key: string): string {
    return key.includes(":") ? key : `${projectName}:${key}`;
}

/** Replaces `{ secure: ... }` leaves by placeholders, noting whether any was found. */
function readValue(key: string, raw: unknown): ConfigEntry {
    let secret = false;
    const walk = (value: unknown, path: string): Json => {
        if (isRecord(value)) {
            if (Object.keys(value).length === 1 && typeof value["secure"] === "string") {
                secret = true;
                return secretPlaceholder(path);
            }
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, `${path}.${k}`)]));
        }
        if (Array.isArray(value)) {
            return value.map((v, i) => walk(v, `${path}[${i}]`));
        }
        if (value === undefined) {
            return null;
        }
        return value as Json;
    };
    const value = walk(raw, key);
    return { value, secret };
}

/** How the engine passes a value to the program: strings as they are, anything else as JSON. */
function encode(value: Json): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function typeOf(value: Json): string {
    if (Array.isArray(value)) {
        return "array";
    }
    if (value === null) {
        return "null";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

/**
 * Merges project and stack configuration and checks it against the project's declared types, as the Pulumi CLI does
 * before it runs a program. Throws an InputValidationError listing every problem.
 */
export function resolveStackConfig(sources: StackConfigSources): StackConfig {
    const { projectName, stackName } = sources;
    const issues = new IssueCollector(`The configuration of stack "${stackName}"`);
    const entries = new Map<string, ConfigEntry>();
    const schemas = new Map<string, ConfigSchema>();

    if (sources.projectConfig !== undefined && sources.projectConfig !== null) {
        if (!isRecord(sources.projectConfig)) {
            issues.error("Pulumi.yaml config", sources.projectConfig, "must be a map of configuration keys");
        } else {
            for (const [rawKey, declaration] of Object.entries(sources.projectConfig)) {
                const key = namespaced(projectName, rawKey);
                if (!isRecord(declaration)) {
                    entries.set(key, readValue(key, declaration));
                    continue;
                }
                const unknownKeys = Object.keys(declaration).filter((k) => !SCHEMA_KEYS.has(k));
                if (unknownKeys.length > 0) {
                    issues.error(
                        `Pulumi.yaml config.${rawKey}`,
                        unknownKeys,
                        "an object value must be nested under `value:`; a declaration may only have type, description, default, value, secret and items",
                    );
                    continue;
                }
                const type = declaration["type"];
                if (type !== undefined && (typeof type !== "string" || !CONFIG_TYPES.has(type))) {
                    issues.error(`Pulumi.yaml config.${rawKey}.type`, type, `must be one of ${[...CONFIG_TYPES].join(", ")}`);
                }
                const initial = declaration["value"] ?? declaration["default"];
                schemas.set(key, {
                    type: typeof type === "string" ? type : undefined,
                    secret: declaration["secret"] === true,
                    hasDefault: initial !== undefined,
                });
                if (initial !== undefined) {
                    entries.set(key, readValue(key, initial));
                }
            }
        }
    }

    const stackKeys = new Set<string>();
    if (sources.stackConfig !== undefined && sources.stackConfig !== null) {
        if (!isRecord(sources.stackConfig)) {
            issues.error(`Pulumi.${stackName}.yaml config`, sources.stackConfig, "must be a map of configuration keys");
        } else {
            for (const [rawKey, raw] of Object.entries(sources.stackConfig)) {
                const key = namespaced(projectName, rawKey);
                stackKeys.add(key);
                entries.set(key, readValue(key, raw));
            }
        }
    }

    for (const [key, schema] of schemas) {
        const entry = entries.get(key);
        if (entry === undefined) {
            issues.error(key, undefined, `stack "${stackName}" is missing this configuration value, which Pulumi.yaml declares without a default`);
            continue;
        }
        if (schema.secret && stackKeys.has(key) && !entry.secret) {
            issues.error(key, "(plaintext)", "Pulumi.yaml declares it secret: set it with `pulumi config set --secret`");
        }
        const actual = typeOf(entry.value);
        // A secure value is a string whose plaintext cannot be read offline: only a string type can be checked.
        const expected = schema.type;
        if (expected !== undefined && !entry.secret && actual !== expected && !(expected === "integer" && /^-?\d+$/.test(String(entry.value)))) {
            issues.error(key, entry.value, `must be of type ${expected}, as Pulumi.yaml declares`);
        }
    }
    issues.throwIfErrors();

    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, entry] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
        values[key] = encode(entry.value);
        if (entry.secret || schemas.get(key)?.secret === true) {
            secretKeys.push(key);
        }
    }
    return { values, secretKeys };
}

/** The configuration of one package namespace (`aws`), as properties: what a default provider is configured with. */
export function namespaceConfig(config: StackConfig, namespace: string): { key: string; fullKey: string; value: string }[] {
    const prefix = `${namespace}:`;
    return Object.entries(config.values)
        .filter(([key]) => key.startsWith(prefix))
        .map(([fullKey, value]) => ({ key: fullKey.slice(prefix.length), fullKey, value }));
}
