/**
 * Small checks shared by the validators. Each takes the value as the user gave it (JavaScript callers can pass
 * anything) and reports through an {@link IssueCollector}.
 */
import { type IssueCollector } from "./errors";

/** Joins a field path: `fieldPath("azure", "vmSize")` is `azure.vmSize`; an empty prefix leaves the name alone. */
export function fieldPath(prefix: string, name: string): string {
    return prefix === "" ? name : `${prefix}.${name}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a GUID in its usual 8-4-4-4-12 form. */
export function isGuid(value: unknown): value is string {
    return typeof value === "string" && GUID.test(value);
}

/**
 * Whether a value is known while the program runs, i.e. not a Pulumi Output (or other promise-like). Fields that
 * accept Outputs are validated only when they are known; their shape is checked again by the resource that gets them.
 */
export function isKnown(value: unknown): boolean {
    return !(typeof value === "object" && value !== null && ("apply" in value || "then" in value));
}

/** Records an error unless the value is a non-empty string. Returns the string, or undefined. */
export function requireString(issues: IssueCollector, field: string, value: unknown, what: string): string | undefined {
    if (typeof value === "string" && value.trim() !== "") {
        return value;
    }
    issues.error(field, value, `${what} is required and must be a non-empty string`);
    return undefined;
}

/** Records an error unless the value, when set, is a boolean. Returns it, or the default. */
export function optionalBoolean(issues: IssueCollector, field: string, value: unknown, defaultValue: boolean): boolean {
    if (value === undefined) {
        return defaultValue;
    }
    if (typeof value !== "boolean") {
        issues.error(field, value, "must be true or false");
        return defaultValue;
    }
    return value;
}

/**
 * Records an error unless a secret input is present. The value is never put in the message: only whether it was set.
 * Outputs count as present (their value is not known yet, and they are usually secrets from config).
 */
export function requireSecret(issues: IssueCollector, field: string, value: unknown, hint: string): void {
    const missing = value === undefined || value === null || (typeof value === "string" && value.trim() === "");
    if (missing) {
        issues.error(field, undefined, `a secret is required here; ${hint}`);
    }
}

/** Records an error unless a known value is an `https://` URL. Outputs are not checked. */
export function optionalHttpsUrl(issues: IssueCollector, field: string, value: unknown): void {
    if (value === undefined || !isKnown(value)) {
        return;
    }
    let ok = false;
    if (typeof value === "string") {
        try {
            ok = new URL(value).protocol === "https:";
        } catch {
            ok = false;
        }
    }
    if (!ok) {
        // The URL may carry a SAS or other credential in its query: report only that it is malformed.
        issues.error(field, typeof value === "string" ? "(a string)" : value, "must be an https:// URL");
    }
}

/** Records an error unless the value, when set, is an integer in [min, max]. Returns it, or the default. */
export function optionalInteger(
    issues: IssueCollector,
    field: string,
    value: unknown,
    range: { readonly min: number; readonly max: number; readonly default: number },
    unit: string,
): number {
    if (value === undefined) {
        return range.default;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
        issues.error(field, value, `must be a whole number of ${unit} from ${range.min} to ${range.max}`);
        return range.default;
    }
    return value;
}
