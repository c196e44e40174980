import * as pulumi from "@pulumi/pulumi";
import { type CheckedInputs, UNKNOWN_VALUE } from "../graph/providers/validation";
import { InputValidationError, formatIssue } from "../model/errors";

/**
 * Applies a resource's input rules to the args whose values are already known, before the resource is registered:
 * bad input fails the program at once, naming every problem, with nothing half-created. Args that are outputs of other
 * resources are checked by the provider's `check` at deploy time. Returns the warnings, to log against the resource.
 */
export function validateKnownArgs(
    subject: string,
    args: object,
    rules: (raw: Record<string, unknown>) => CheckedInputs,
): readonly string[] {
    const known = Object.fromEntries(
        Object.entries(args).map(([key, value]) => [key, isKnownValue(value) ? value : UNKNOWN_VALUE]),
    );
    const result = rules(known);
    if (result.errors.length > 0) {
        throw new InputValidationError(subject, result.errors);
    }
    return result.warnings.map(formatIssue);
}

function isKnownValue(value: unknown): boolean {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/** Logs validation warnings against a resource. */
export function logWarnings(resource: pulumi.Resource, warnings: readonly string[]): void {
    for (const warning of warnings) {
        void pulumi.log.warn(warning, resource);
    }
}
