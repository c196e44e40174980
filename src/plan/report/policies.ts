/** The policy sections: the violations, the remediations `pulumi up` would apply, and how each policy ran. */
import { type PolicyOutcome, type PolicyRemediation, type PolicyViolation } from "../policy/evaluate";
import { columns, type PlanContext, type ReportSection } from "./section";

/** One violation in the JSON document. */
export interface ViolationEntry {
    policyName: string;
    enforcementLevel: "advisory" | "mandatory";
    /** The resource in violation; null when a stack policy reports the stack as a whole. */
    urn: string | null;
    message: string;
    description: string;
    severity?: string;
}

function subject(urn: string | null, context: PlanContext): string {
    if (urn === null) {
        return "(the stack)";
    }
    const resource = context.byUrn.get(urn);
    return resource === undefined ? urn : `${resource.type} ${resource.name}`;
}

export const violationsSection: ReportSection<ViolationEntry[]> = {
    key: "violations",
    build(context) {
        return context.policies.violations.map((violation: PolicyViolation) => ({
            policyName: violation.policyName,
            enforcementLevel: violation.enforcementLevel,
            urn: violation.urn ?? null,
            message: violation.message,
            description: violation.description,
            ...(violation.severity !== undefined ? { severity: violation.severity } : {}),
        }));
    },
    render(violations, context) {
        if (violations.length === 0) {
            return ["Policy violations:", "  none"];
        }
        // Mandatory first, each level in the order found.
        const ordered = [...violations.filter((v) => v.enforcementLevel === "mandatory"), ...violations.filter((v) => v.enforcementLevel === "advisory")];
        const lines = ["Policy violations:"];
        for (const violation of ordered) {
            lines.push(`  [${violation.enforcementLevel}] ${violation.policyName}  ${subject(violation.urn, context)}`);
            if (violation.message !== violation.description) {
                lines.push(`      ${violation.description}`);
            }
            lines.push(...violation.message.split("\n").map((line) => `      ${line}`));
        }
        return lines;
    },
};

export const remediationsSection: ReportSection<PolicyRemediation[]> = {
    key: "remediations",
    build: (context) => context.policies.remediations,
    render(remediations, context) {
        if (remediations.length === 0) {
            return [];
        }
        return ["Remediations `pulumi up` would apply:", ...remediations.map((r) => `  ${r.policyName}  ${subject(r.urn, context)}`)];
    },
};

export const policiesSection: ReportSection<PolicyOutcome[]> = {
    key: "policies",
    build: (context) => context.policies.policies,
    render(outcomes) {
        if (outcomes.length === 0) {
            return ["Policies:", "  no policies were given"];
        }
        const rows = [["Policy", "Level", "Violations"]];
        for (const outcome of outcomes) {
            rows.push([outcome.name, outcome.enforcementLevel, String(outcome.violations)]);
        }
        return ["Policies:", ...columns(rows)];
    },
};
