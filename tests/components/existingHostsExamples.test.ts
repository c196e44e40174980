/**
 * The examples, planned as a user would: `npm run plan -- examples/<name> --json`. The multi-cloud estate has an
 * on-premises group of existing hosts next to its cloud groups; the consumer stack adds one group in a few lines.
 */
import { runCli } from "../plan/helpers";

interface PlannedGroup {
    name: string;
    region?: string;
    platforms: string[];
    connectors: number;
    zones: string[];
    apps: { app: string }[];
}

interface PlanJson {
    exitCode: number;
    topology: { groups: PlannedGroup[] };
    violations: { policyName: string; enforcementLevel: string }[];
    resources: { type: string; inputs: unknown }[];
}

function plan(example: string): { status: number | null; document: PlanJson } {
    const run = runCli("plan", `examples/${example}`, "--json");
    if (run.status !== 0 && run.status !== 1) {
        throw new Error(`plan of examples/${example} failed (${String(run.status)}): ${run.stderr}`);
    }
    return { status: run.status, document: JSON.parse(run.stdout) as PlanJson };
}

describe("examples", () => {
    test("multi-cloud: plans with exit code 0, every group shown with its platforms, zones and connectors", () => {
        const { status, document } = plan("multi-cloud");
        expect(status).toBe(0);
        expect(document.exitCode).toBe(0);
        expect(document.topology.groups.map(({ name, region, platforms, connectors, zones }) => ({ name, region, platforms, connectors, zones }))).toEqual([
            { name: "asia-apps", region: "asia", platforms: ["gcp"], connectors: 2, zones: ["asia-southeast1-a", "asia-southeast1-b"] },
            { name: "eur-apps", region: "eur", platforms: ["azure"], connectors: 2, zones: ["westeurope-1", "westeurope-2"] },
            { name: "nam-apps", region: "nam", platforms: ["aws"], connectors: 2, zones: ["us-east-1a", "us-east-1b"] },
            { name: "onprem-paris", region: "eur", platforms: ["existing"], connectors: 2, zones: [] },
        ]);
        // The servers' connectors are new (inDefaultGroup), so no restart reminder either: tests/examples has the rest.
        expect(document.violations).toEqual([]);
        expect(document.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert")).toHaveLength(2);
        expect(document.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(4);
        expect(document.resources.filter((r) => r.type === "gcp:monitoring/alertPolicy:AlertPolicy")).toHaveLength(1);
        // Secrets from config reach the plan only masked.
        expect(JSON.stringify(document.resources)).not.toMatch(/plan-secret-placeholder/);
    });

    test("consumer: one group of two Azure hosts and one app, in a few lines, with no violation", () => {
        const { status, document } = plan("consumer");
        expect(status).toBe(0);
        expect(document.violations).toEqual([]);
        expect(document.topology.groups).toEqual([
            expect.objectContaining({ name: "payroll-eur", region: "eur", platforms: ["azure"], connectors: 2, apps: [expect.objectContaining({ app: "33333333-3333-4333-8333-333333333333" })] }),
        ]);
    });
});
