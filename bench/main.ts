/**
 * `npm run bench`: measures, in one run and side by side, what users feel of this library's speed, and prints every
 * figure with its goal and a verdict. Also writes the figures to bench/results.json and a chart of plan time against
 * estate size to bench/plan-scaling.svg (see docs/performance.md).
 *
 * - Import cost: fresh processes that load each entry point, against processes that load only the SDK modules it
 *   loads (bench/measure/imports.ts).
 * - Plan scaling: synthetic estates (bench/estate) through the offline plan, against the same resources registered
 *   directly under the same mock engine (bench/floor); and policy evaluation over the same plans.
 * - Critical path: the longest chain of dependent resources `pulumi up` would create, for 2 and 10 connectors.
 * - Graph traffic: requests per group, connector and app, and a membership's polling, against the loopback emulator.
 *
 * Progress goes to stderr; the table to stdout. No figure here is asserted by a test: CI does not gate on wall-clock.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runChild } from "./measure/children";
import { criticalPath, hostsChained, TYPICAL_DURATIONS, typicalDuration } from "./measure/criticalPath";
import { buildLibrary, measureImports, REPO_ROOT } from "./measure/imports";
import { median } from "./measure/stats";
import { type FloorRun, type GraphResource, type GraphTraffic, type PlanRun } from "./measure/types";
import { renderChart } from "./report/chart";
import { benchFigure, figuresOf } from "./report/figures";
import { type BenchResults, type GroupCriticalPath, type SizeRuns } from "./report/results";
import { renderTable } from "./report/table";

/** Fresh processes per entry point, and as many for its floor. */
const IMPORT_RUNS = 11;
/** Estate sizes planned against their floor, and how many times each (medians of small, fast runs). */
const PLAN_SIZES: readonly { groups: number; runs: number }[] = [
    { groups: 10, runs: 3 },
    { groups: 100, runs: 3 },
    { groups: 500, runs: 3 },
];
/** An estate planned only to show that it completes. */
const COMPLETION_GROUPS = 1000;
/** The sizes whose plans also time policy evaluation. */
const POLICY_SIZES: ReadonlySet<number> = new Set([100, 500]);
/** The group sizes whose critical paths are compared. */
const CRITICAL_PATH_CONNECTORS = [2, 10];

const RESULTS_FILE = path.join(REPO_ROOT, "bench/results.json");
const CHART_FILE = path.join(REPO_ROOT, "bench/plan-scaling.svg");

function progress(message: string): void {
    process.stderr.write(`bench: ${message}\n`);
}

function measurePlans(workDir: string): SizeRuns[] {
    const sizes: SizeRuns[] = [];
    for (const { groups, runs } of PLAN_SIZES) {
        const plans: PlanRun[] = [];
        const floors: FloorRun[] = [];
        const recording = path.join(workDir, `estate-${groups}.json`);
        for (let run = 0; run < runs; run++) {
            progress(`planning ${groups} groups (${run + 1} of ${runs}), then its floor`);
            const timePolicies = run === 0 && POLICY_SIZES.has(groups);
            plans.push(runChild<PlanRun>("plan", [String(groups), "--record", recording, ...(timePolicies ? ["--policies"] : [])]));
            floors.push(runChild<FloorRun>("floor", [recording]));
        }
        sizes.push({ groups, plans, floors });
    }
    progress(`planning ${COMPLETION_GROUPS} groups`);
    sizes.push({ groups: COMPLETION_GROUPS, plans: [runChild<PlanRun>("plan", [String(COMPLETION_GROUPS)])], floors: [] });
    return sizes;
}

function measureCriticalPaths(workDir: string): GroupCriticalPath[] {
    return CRITICAL_PATH_CONNECTORS.map((connectors) => {
        progress(`critical path of a group of ${connectors} connectors`);
        const file = path.join(workDir, `graph-${connectors}.json`);
        runChild<PlanRun>("plan", ["1", "--connectors", String(connectors), "--graph", file]);
        const graph = JSON.parse(fs.readFileSync(file, "utf8")) as GraphResource[];
        const found = criticalPath(graph);
        return {
            connectors,
            seconds: found.seconds,
            longestChainLength: found.longestChainLength,
            chain: found.chain.map((resource) => {
                const typical = typicalDuration(resource);
                return { name: resource.name, kind: typical.kind, seconds: typical.seconds };
            }),
            hostsChained: hostsChained(graph),
        };
    });
}

function chart(sizes: readonly SizeRuns[]): string {
    const points = (pick: (size: SizeRuns) => readonly { ms: number; cpuMs: number }[], key: "ms" | "cpuMs") =>
        sizes.filter((size) => pick(size).length > 0).map((size) => ({ groups: size.groups, seconds: median(pick(size).map((run) => run[key])) / 1000 }));
    return renderChart("Offline plan time against estate size", [
        { label: "plan, wall", color: "#1f77b4", points: points((size) => size.plans, "ms") },
        { label: "plan, CPU", color: "#1f77b4", dashed: true, points: points((size) => size.plans, "cpuMs") },
        { label: "floor, wall", color: "#ff7f0e", points: points((size) => size.floors, "ms") },
        { label: "floor, CPU", color: "#ff7f0e", dashed: true, points: points((size) => size.floors, "cpuMs") },
    ]);
}

async function main(): Promise<void> {
    const startedAt = new Date();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "connector-topology-bench-"));
    try {
        progress("building the library (tsc) for the import measurements");
        buildLibrary();
        progress(`import cost: ${IMPORT_RUNS} fresh processes per entry point and per floor, interleaved`);
        const imports = measureImports(IMPORT_RUNS);
        const sizes = measurePlans(workDir);
        const criticalPaths = measureCriticalPaths(workDir);
        progress("Graph traffic against the loopback emulator");
        const graph = runChild<GraphTraffic>("graph", []);

        const benchSeconds = (Date.now() - startedAt.getTime()) / 1000;
        const figures = [...figuresOf({ imports, sizes, criticalPaths, graph }), benchFigure(benchSeconds)];
        const results: BenchResults = {
            schemaVersion: 1,
            startedAt: startedAt.toISOString(),
            benchSeconds,
            machine: { node: process.version, cpus: os.cpus().length, memoryBytes: os.totalmem(), loadAverage: os.loadavg() },
            imports,
            sizes,
            criticalPaths,
            typicalDurations: Object.values(TYPICAL_DURATIONS),
            graph,
            figures,
        };
        fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
        fs.writeFileSync(CHART_FILE, chart(sizes));
        const durations = Object.values(TYPICAL_DURATIONS)
            .filter((duration) => duration.seconds > 0)
            .map((duration) => `  ${duration.kind}: ${duration.seconds} s (${duration.basis})`);
        process.stdout.write(
            `${renderTable(figures)}\nTypical durations the critical path is weighed with:\n${durations.join("\n")}\n\n` +
                `Machine: Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} ` +
                `(shared: wall-clock figures are noisy, CPU figures less so).\nWritten: ${path.relative(REPO_ROOT, RESULTS_FILE)}, ${path.relative(REPO_ROOT, CHART_FILE)}\n`,
        );
    } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
});
