/** The bench's verdicts, table and chart, from made-up measurements. */
import { figuresOf, rssSlopes, ruleGrowth, trafficModel } from "../../bench/report/figures";
import { renderChart, tickStep } from "../../bench/report/chart";
import { type Figure, type SizeRuns } from "../../bench/report/results";
import { renderTable, wrap } from "../../bench/report/table";
import { type ImportCost } from "../../bench/measure/imports";
import { type GraphTraffic, type PlanRun } from "../../bench/measure/types";

const GIB = 1024 ** 3;

function plan(groups: number, ms: number, rss: number, policies?: Record<string, number>): PlanRun {
    return {
        groups,
        resources: groups * 30,
        ms,
        cpuMs: ms,
        peakRssBytes: rss,
        durations: { program: ms * 0.9, policies: ms * 0.08, report: ms * 0.02 },
        ...(policies !== undefined ? { policies: { packMs: ms * 0.08, packCpuMs: ms * 0.08, byPolicy: policies } } : {}),
    };
}

const floor = (ms: number) => ({ resources: 0, ms, cpuMs: ms, peakRssBytes: 0 });

const SIZES: SizeRuns[] = [
    { groups: 10, plans: [plan(10, 1000, 0.3 * GIB)], floors: [floor(900)] },
    { groups: 100, plans: [plan(100, 6000, 0.5 * GIB, { linear: 100, quadratic: 100 })], floors: [floor(5000)] },
    { groups: 500, plans: [plan(500, 30000, 1.5 * GIB, { linear: 500, quadratic: 2500 })], floors: [floor(20000)] },
    { groups: 1000, plans: [plan(1000, 60000, 2.7 * GIB)], floors: [] },
];

const IMPORTS: ImportCost[] = [
    {
        entry: { name: "connector-topology/azure", file: "components/azure/index.js", cloud: "azure-native" },
        runs: 7,
        floorModules: ["@pulumi/pulumi", "@pulumi/azure-native/compute"],
        ms: 500,
        floorMs: 480,
        peakRssBytes: 130e6,
        floorPeakRssBytes: 128e6,
        cloudModules: { "azure-native": 6, aws: 0, gcp: 1 },
    },
];

const TRAFFIC: GraphTraffic = {
    deployments: [
        { connectors: 2, apps: 0, requests: 8 },
        { connectors: 10, apps: 0, requests: 32 },
        { connectors: 2, apps: 5, requests: 23 },
        { connectors: 10, apps: 5, requests: 47 },
    ],
    polling: [{ waitMinutes: 5, polls: 18, pollsPerMinute: [6, 2, 3, 3, 3, 1] }],
    schedule: { initialSeconds: 2, maxSeconds: 30 },
    timeScale: 100,
};

function figure(figures: readonly Figure[], name: string): Figure {
    const found = figures.find((candidate) => candidate.name === name);
    if (found === undefined) {
        throw new Error(`no figure ${name}: ${figures.map((f) => f.name).join(", ")}`);
    }
    return found;
}

describe("bench figures", () => {
    const path = { connectors: 2, seconds: 600, longestChainLength: 6, chain: [{ name: "vm", kind: "Azure VM", seconds: 180 }], hostsChained: [] };
    const figures = figuresOf({ imports: IMPORTS, sizes: SIZES, criticalPaths: [path, { ...path, connectors: 10 }], graph: TRAFFIC });

    it("judges each measurement against its goal", () => {
        expect(figure(figures, "connector-topology/azure: time vs floor").verdict).toBe("pass");
        // A GCP module loaded by the Azure entry point is a miss.
        expect(figure(figures, "connector-topology/azure: other clouds' modules loaded")).toMatchObject({ value: "@pulumi/aws: 0, @pulumi/gcp: 1", verdict: "miss" });
        expect(figure(figures, "10 groups: plan / floor, wall").verdict).toBe("pass"); // 1.11
        expect(figure(figures, "500 groups: plan / floor, wall")).toMatchObject({ verdict: "miss" }); // 1.5
        expect(figure(figures, "500 groups: peak RSS").verdict).toBe("pass");
        expect(figure(figures, "100 groups: where the plan's time goes").value).toMatch(/^program .* \(the floor: .*\), policies .*, report /);
        expect(figure(figures, "plan time 100 → 500 groups, wall").value).toMatch(/^5\.00×/);
        expect(figure(figures, "1000 groups: plans to completion").verdict).toBe("pass");
        expect(figure(figures, "share of plan time at 500 groups")).toMatchObject({ value: expect.stringMatching(/^8\.0%/), verdict: "pass" });
        expect(figure(figures, "rule time per resource, 100 → 500 groups")).toMatchObject({ value: expect.stringContaining("quadratic"), verdict: "miss" });
        expect(figure(figures, "2 vs 10 connectors")).toMatchObject({ value: "equal", verdict: "pass" });
        expect(figure(figures, "requests per group / per connector / per app")).toMatchObject({ value: expect.stringMatching(/^2 \/ 3 \/ 3 /), verdict: "pass" });
        expect(figure(figures, "membership polls while its connector registers").verdict).toBe("pass");
    });

    it("tells a linear traffic model from one that does not predict every deployment", () => {
        expect(trafficModel(TRAFFIC)).toEqual({ perGroup: 2, perConnector: 3, perApp: 3, predictsAll: true });
        const extra = { ...TRAFFIC, deployments: TRAFFIC.deployments.map((d) => (d.connectors === 10 && d.apps === 5 ? { ...d, requests: 60 } : d)) };
        expect(trafficModel(extra).predictsAll).toBe(false);
    });

    it("measures RSS growth per group between sizes, and rule growth per resource", () => {
        expect(rssSlopes(SIZES).map((slope) => [slope.from, slope.to])).toEqual([
            [10, 100],
            [100, 500],
            [500, 1000],
        ]);
        const [worst, best] = ruleGrowth(SIZES[1]!.plans[0]!, SIZES[2]!.plans[0]!);
        expect(worst).toEqual({ rule: "quadratic", perResource: 5 });
        expect(best).toEqual({ rule: "linear", perResource: 1 });
    });
});

describe("bench table", () => {
    it("prints every figure with its goal and verdict, and counts the misses", () => {
        const table = renderTable([
            { section: "S", name: "fast", value: "1.0×", goal: "≤ 1.15×", verdict: "pass" },
            { section: "S", name: "slow", value: "2.0×", goal: "≤ 1.15×", verdict: "miss" },
            { section: "T", name: "count", value: "42", goal: "-", verdict: "info" },
        ]);
        expect(table).toMatch(/^S\n/);
        expect(table).toMatch(/ fast +1\.0× +≤ 1\.15× +pass\n/);
        expect(table).toMatch(/ slow +2\.0× +≤ 1\.15× +MISS\n/);
        expect(table).toContain("1 of 2 goals missed.");
    });

    it("wraps long values at spaces, never past the width", () => {
        const lines = wrap("a long value that has to wrap somewhere sensible", 12);
        expect(lines.join(" ")).toBe("a long value that has to wrap somewhere sensible");
        expect(lines.every((line) => line.length <= 12)).toBe(true);
    });
});

describe("bench chart", () => {
    it("picks round ticks and draws one line per series", () => {
        expect([tickStep(95), tickStep(1000), tickStep(7)]).toEqual([20, 200, 2]);
        const svg = renderChart("t", [
            { label: "plan", color: "#000", points: [{ groups: 10, seconds: 1 }, { groups: 500, seconds: 30 }] },
            { label: "floor & co", color: "#f00", dashed: true, points: [{ groups: 10, seconds: 1 }] },
        ]);
        expect(svg.startsWith("<svg")).toBe(true);
        expect(svg.match(/<polyline/g)).toHaveLength(2);
        expect(svg).toContain("floor &amp; co");
        expect(svg).toContain('stroke-dasharray="5 3"');
    });
});
