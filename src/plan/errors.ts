/**
 * Why a plan could not run, and how a failure is told to the user: one clear message, the stack only on request.
 */
import { formatIssue, type ValidationIssue } from "../model/errors";

/** A failure that stops the plan before a verdict: bad project files, config, program or policy config (exit 2). */
export class PlanError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = "PlanError";
    }
}

interface IssueCarrier {
    subject: string;
    issues: readonly ValidationIssue[];
}

// Duck-typed: the program loads its own copy of the library (TypeScript sources through tsx), so `instanceof` would
// not recognise its InputValidationError.
function isValidationError(error: unknown): error is Error & IssueCarrier {
    const candidate = error as Partial<IssueCarrier> | null;
    return (
        error instanceof Error &&
        error.name === "InputValidationError" &&
        typeof candidate?.subject === "string" &&
        Array.isArray(candidate.issues)
    );
}

/**
 * The message for an error thrown by a program or a policy. An input validation error is rebuilt from its issues, so
 * that prefixes Pulumi adds on the way (`error serializing property "x": ...`) do not bury it. With `verbose`, the
 * stack follows, when there is one.
 */
export function describeError(error: unknown, verbose: boolean): string {
    let message: string;
    if (isValidationError(error)) {
        message = `${error.subject} has invalid input:\n${error.issues.map((issue) => `  - ${formatIssue(issue)}`).join("\n")}`;
    } else if (error instanceof Error) {
        message = error.message || error.name;
        // Node's module errors list the whole require chain: noise unless asked for.
        if (!verbose) {
            message = message.replace(/\nRequire stack:[\s\S]*$/, "");
        }
    } else {
        message = String(error);
    }
    if (verbose && error instanceof Error) {
        const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
        if (frames.length > 0) {
            message += `\n${frames.join("\n")}`;
        }
        if (error.cause !== undefined) {
            message += `\ncaused by: ${describeError(error.cause, verbose)}`;
        }
    }
    return message;
}
