/**
 * Input validation: every component checks its args before it registers a single resource, and reports every
 * problem at once, each naming the field, the value it was given and the rule it breaks.
 */

/** One problem with one input field. */
export interface ValidationIssue {
    /** Dotted path of the field inside the component's args, e.g. `azure.vmSize` or `hosts[1].zone`. */
    readonly field: string;
    /** The value the field was given (never a secret: secret fields are validated for presence only). */
    readonly value: unknown;
    /** The rule the value breaks, and what to do instead. */
    readonly rule: string;
}

/** Renders a value for a message: strings quoted, everything else as JSON, long values cut short. */
export function formatValue(value: unknown): string {
    if (value === undefined) {
        return "(not set)";
    }
    const text = typeof value === "string" ? JSON.stringify(value) : safeJson(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function safeJson(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/** Formats one issue as `field = value: rule`. */
export function formatIssue(issue: ValidationIssue): string {
    return `${issue.field} = ${formatValue(issue.value)}: ${issue.rule}`;
}

/**
 * Thrown by a component (or by a pure validator) when its args break one or more rules. Raised before any resource is
 * registered, so a failed program leaves nothing half-created.
 */
export class InputValidationError extends Error {
    /** What was being validated, e.g. `ConnectorGroup "eu-apps"`. */
    public readonly subject: string;
    public readonly issues: readonly ValidationIssue[];

    constructor(subject: string, issues: readonly ValidationIssue[]) {
        const lines = issues.map((issue) => `  - ${formatIssue(issue)}`);
        super(`${subject} has invalid input:\n${lines.join("\n")}`);
        this.name = "InputValidationError";
        this.subject = subject;
        this.issues = issues;
    }
}

/**
 * Collects the errors and warnings found while validating one subject. Validators add to it; the component throws
 * once with everything found, and logs the warnings.
 */
export class IssueCollector {
    private readonly errorList: ValidationIssue[] = [];
    private readonly warningList: ValidationIssue[] = [];

    constructor(public readonly subject: string) {}

    /** Records an error. */
    error(field: string, value: unknown, rule: string): void {
        this.errorList.push({ field, value, rule });
    }

    /** Records a warning: the input is accepted, but breaks a best practice. */
    warn(field: string, value: unknown, rule: string): void {
        this.warningList.push({ field, value, rule });
    }

    /** Records an error unless `ok` holds. Returns `ok`, so callers can skip checks that depend on it. */
    require(ok: boolean, field: string, value: unknown, rule: string): boolean {
        if (!ok) {
            this.error(field, value, rule);
        }
        return ok;
    }

    get errors(): readonly ValidationIssue[] {
        return this.errorList;
    }

    get warnings(): readonly ValidationIssue[] {
        return this.warningList;
    }

    /** Throws an {@link InputValidationError} listing every error, if there is any. */
    throwIfErrors(): void {
        if (this.errorList.length > 0) {
            throw new InputValidationError(this.subject, this.errorList);
        }
    }
}
