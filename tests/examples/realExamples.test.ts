/**
 * Issue 6: every example program through the offline plan, as a user runs it (`npm run plan -- <example> --json`, the
 * real command line in a process of its own), yields no violation at all, advisory ones included, while every policy
 * of the pack runs on it.
 */
import { policies } from "connector-topology/rules";
import { runCli } from "../plan/helpers";
import { documentOf, planArgs, type PlanCommand } from "./helpers";

const EXAMPLES: [string, PlanCommand][] = [
    ["examples/dev, the repository's own stack (root Pulumi.yaml)", { stack: "dev" }],
    ["examples/consumer", { dir: "examples/consumer", stack: "dev" }],
    ["examples/multi-cloud", { dir: "examples/multi-cloud", stack: "dev" }],
    ["examples/intune", { dir: "examples/intune", stack: "dev" }],
];

describe("the real examples through `connector-topology plan`", () => {
    test.each(EXAMPLES)("%s: exit 0, no violation, every policy run", (_title, command) => {
        const run = runCli(...planArgs(command));
        const document = documentOf(run);
        expect(run.status).toBe(0);
        expect(document.exitCode).toBe(0);
        expect(document.violations).toEqual([]);
        expect(document.summary).toMatchObject({ mandatoryViolations: 0, advisoryViolations: 0 });
        const ran = document["policies"] as { name: string; enforcementLevel: string }[];
        expect(ran.map((policy) => policy.name).sort()).toEqual(policies.map((policy) => policy.name).sort());
        expect(ran.filter((policy) => policy.enforcementLevel === "disabled")).toEqual([]);
        // Secure config values reach the plan as stand-ins, and never show.
        expect(run.stdout).not.toContain("plan-secret-placeholder");
    });
});
