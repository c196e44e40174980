/**
 * Helpers to put values into PowerShell text safely. Every rendered value goes through one of these, so a value can
 * never end a string early or inject a command.
 */

/** A PowerShell single-quoted string literal: nothing inside is expanded; a `'` is written twice. */
export function psString(value: string): string {
    return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** A PowerShell hashtable literal of strings, in the order given: `@{ 'a' = '1'; 'b' = '2' }`. */
export function psHashtable(entries: readonly (readonly [key: string, value: string])[]): string {
    return `@{ ${entries.map(([key, value]) => `${psString(key)} = ${psString(value)}`).join("; ")} }`;
}

/** A PowerShell integer literal, refusing anything that is not a non-negative whole number. */
export function psInteger(value: number, what: string): string {
    if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`${what} must be a non-negative whole number, got ${String(value)}`);
    }
    return String(value);
}

/**
 * Fills `{{NAME}}` placeholders. Every placeholder in the template must have a value and every value a placeholder, so
 * that a renamed slot fails here rather than on a server.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
    const used = new Set<string>();
    const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
        const value = values[name];
        if (value === undefined) {
            throw new Error(`bootstrap template: no value for placeholder {{${name}}}`);
        }
        used.add(name);
        return value;
    });
    const unused = Object.keys(values).filter((name) => !used.has(name));
    if (unused.length > 0) {
        throw new Error(`bootstrap template: values without a placeholder: ${unused.join(", ")}`);
    }
    return filled;
}
