/**
 * The figures `npm run bench` prints, each with its goal and a verdict, computed from the measurements. Pure: the
 * goals of issue 8 are written here, once.
 */
import { type ImportCost } from "../measure/imports";
import { median } from "../measure/stats";
import { type GraphTraffic, type PlanRun } from "../measure/types";
import { type Figure, type GroupCriticalPath, type SizeRuns } from "./results";

/** The goals. */
export const GOALS = {
    /** Import: library process over floor process, time and peak RSS. */
    importRatio: 1.15,
    /** Plan over floor, at every size. */
    planFloorRatio: 1.25,
    /** Plan time from 100 to 500 groups. */
    growth100To500: 5.5,
    growthFrom: 100,
    growthTo: 500,
    /** Peak RSS at {@link GOALS.rssAtGroups} groups, in bytes. */
    peakRssBytes: 2 * 1024 ** 3,
    rssAtGroups: 500,
    /** Linear growth of peak RSS: no segment's per-group growth above this multiple of the previous segment's. */
    rssSlopeRatio: 1.5,
    /** Policy evaluation's share of plan time at {@link GOALS.policyShareAtGroups} groups. */
    policyShare: 0.1,
    policyShareAtGroups: 500,
    /** Membership polls per minute after the first minute of waiting. */
    pollsPerMinute: 4,
    /** The bench's own runtime, in seconds. */
    benchSeconds: 600,
} as const;

const MIB = 1024 * 1024;

function verdict(ok: boolean): "pass" | "miss" {
    return ok ? "pass" : "miss";
}

export function formatMs(ms: number): string {
    return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

export function formatBytes(bytes: number): string {
    return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / MIB).toFixed(0)} MiB`;
}

function ratio(value: number): string {
    return `${value.toFixed(2)}×`;
}

export function formatSeconds(seconds: number): string {
    const minutes = Math.floor(seconds / 60);
    const rest = Math.round(seconds % 60);
    return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}

function importFigures(costs: readonly ImportCost[]): Figure[] {
    const section = "Import cost";
    return costs.flatMap((cost): Figure[] => {
        const name = cost.entry.name;
        const time = cost.ms / cost.floorMs;
        const rss = cost.peakRssBytes / cost.floorPeakRssBytes;
        const others = Object.entries(cost.cloudModules).filter(([sdk]) => sdk !== cost.entry.cloud);
        const floor = cost.floorModules.join(" + ");
        return [
            {
                section,
                name: `${name}: time vs floor`,
                value: `${ratio(time)} (${formatMs(cost.ms)} vs ${formatMs(cost.floorMs)}, median of ${cost.runs}; floor: ${floor})`,
                goal: `≤ ${GOALS.importRatio}×`,
                verdict: verdict(time <= GOALS.importRatio),
            },
            {
                section,
                name: `${name}: peak RSS vs floor`,
                value: `${ratio(rss)} (${formatBytes(cost.peakRssBytes)} vs ${formatBytes(cost.floorPeakRssBytes)})`,
                goal: `≤ ${GOALS.importRatio}×`,
                verdict: verdict(rss <= GOALS.importRatio),
            },
            {
                section,
                name: `${name}: other clouds' modules loaded`,
                value: others.map(([sdk, count]) => `@pulumi/${sdk}: ${count}`).join(", "),
                goal: "0",
                verdict: verdict(others.every(([, count]) => count === 0)),
            },
        ];
    });
}

/** Median wall and CPU milliseconds of a set of runs. */
function medians(runs: readonly { ms: number; cpuMs: number }[]): { ms: number; cpuMs: number } {
    return { ms: median(runs.map((run) => run.ms)), cpuMs: median(runs.map((run) => run.cpuMs)) };
}

/** The plan's phases (medians), against the floor: what the components, the policy pack and the report add. */
function phases(plans: readonly PlanRun[], floorMs: number): string {
    const phase = (key: keyof PlanRun["durations"]) => formatMs(median(plans.map((run) => run.durations[key])));
    return `program ${phase("program")} (the floor: ${formatMs(floorMs)}), policies ${phase("policies")}, report ${phase("report")}`;
}

function planFigures(sizes: readonly SizeRuns[]): Figure[] {
    const section = "Plan scaling";
    const figures: Figure[] = [];
    for (const size of sizes) {
        const plan = medians(size.plans);
        const resources = size.plans[0]?.resources ?? 0;
        const rss = median(size.plans.map((run) => run.peakRssBytes));
        const runs = size.plans.length > 1 ? `, median of ${size.plans.length}` : "";
        if (size.floors.length === 0) {
            figures.push({
                section,
                name: `${size.groups} groups: plans to completion`,
                value: `${resources} resources in ${formatMs(plan.ms)} (CPU ${formatMs(plan.cpuMs)}), peak RSS ${formatBytes(rss)}`,
                goal: "completes",
                verdict: "pass",
            });
            continue;
        }
        const floor = medians(size.floors);
        figures.push(
            {
                section,
                name: `${size.groups} groups: plan / floor, wall`,
                value: `${ratio(plan.ms / floor.ms)} (${formatMs(plan.ms)} vs ${formatMs(floor.ms)}, ${resources} resources${runs})`,
                goal: `≤ ${GOALS.planFloorRatio}×`,
                verdict: verdict(plan.ms / floor.ms <= GOALS.planFloorRatio),
            },
            {
                section,
                name: `${size.groups} groups: plan / floor, CPU`,
                value: `${ratio(plan.cpuMs / floor.cpuMs)} (${formatMs(plan.cpuMs)} vs ${formatMs(floor.cpuMs)})`,
                goal: `≤ ${GOALS.planFloorRatio}×`,
                verdict: verdict(plan.cpuMs / floor.cpuMs <= GOALS.planFloorRatio),
            },
            {
                section,
                name: `${size.groups} groups: where the plan's time goes`,
                value: phases(size.plans, floor.ms),
                goal: "-",
                verdict: "info",
            },
        );
        figures.push(
            size.groups === GOALS.rssAtGroups
                ? {
                      section,
                      name: `${size.groups} groups: peak RSS`,
                      value: formatBytes(rss),
                      goal: `≤ ${formatBytes(GOALS.peakRssBytes)}`,
                      verdict: verdict(rss <= GOALS.peakRssBytes),
                  }
                : { section, name: `${size.groups} groups: peak RSS`, value: formatBytes(rss), goal: "-", verdict: "info" },
        );
    }
    const from = sizes.find((size) => size.groups === GOALS.growthFrom);
    const to = sizes.find((size) => size.groups === GOALS.growthTo);
    if (from !== undefined && to !== undefined) {
        const [a, b] = [medians(from.plans), medians(to.plans)];
        for (const [clock, key] of [
            ["wall", "ms"],
            ["CPU", "cpuMs"],
        ] as const) {
            figures.push({
                section,
                name: `plan time ${GOALS.growthFrom} → ${GOALS.growthTo} groups, ${clock}`,
                value: `${ratio(b[key] / a[key])} (${formatMs(a[key])} → ${formatMs(b[key])})`,
                goal: `≤ ${GOALS.growth100To500}×`,
                verdict: verdict(b[key] / a[key] <= GOALS.growth100To500),
            });
        }
    }
    const slopes = rssSlopes(sizes);
    if (slopes.length >= 2) {
        const worst = Math.max(...slopes.slice(1).map((slope, index) => slope.mibPerGroup / (slopes[index] as RssSlope).mibPerGroup));
        figures.push({
            section,
            name: "peak RSS growth per group",
            value: slopes.map((slope) => `${slope.from}→${slope.to}: ${slope.mibPerGroup.toFixed(2)} MiB`).join(", "),
            goal: `linear: no step above ${GOALS.rssSlopeRatio}× the one before`,
            verdict: verdict(worst <= GOALS.rssSlopeRatio),
        });
    }
    return figures;
}

interface RssSlope {
    readonly from: number;
    readonly to: number;
    readonly mibPerGroup: number;
}

/** Peak RSS added per group between consecutive sizes. */
export function rssSlopes(sizes: readonly SizeRuns[]): RssSlope[] {
    const points = sizes
        .filter((size) => size.plans.length > 0)
        .map((size) => ({ groups: size.groups, rss: median(size.plans.map((run) => run.peakRssBytes)) }))
        .sort((a, b) => a.groups - b.groups);
    return points.slice(1).map((point, index) => {
        const previous = points[index] as { groups: number; rss: number };
        return { from: previous.groups, to: point.groups, mibPerGroup: (point.rss - previous.rss) / MIB / (point.groups - previous.groups) };
    });
}

function policyFigures(sizes: readonly SizeRuns[]): Figure[] {
    const section = "Policy evaluation";
    const timed = (groups: number): PlanRun | undefined => sizes.find((size) => size.groups === groups)?.plans.find((run) => run.policies !== undefined);
    const at = timed(GOALS.policyShareAtGroups);
    const before = timed(GOALS.growthFrom);
    const figures: Figure[] = [];
    if (at?.policies !== undefined) {
        const per10k = (at.policies.packMs / at.resources) * 10_000;
        const perCpu10k = (at.policies.packCpuMs / at.resources) * 10_000;
        figures.push({
            section,
            name: "time per 10,000 resources",
            value: `${formatMs(per10k)} (CPU ${formatMs(perCpu10k)}; the whole pack, ${at.resources} resources)`,
            goal: "-",
            verdict: "info",
        });
        const share = at.durations.policies / at.ms;
        figures.push({
            section,
            name: `share of plan time at ${at.groups} groups`,
            value: `${(share * 100).toFixed(1)}% (${formatMs(at.durations.policies)} of ${formatMs(at.ms)})`,
            goal: `≤ ${GOALS.policyShare * 100}%`,
            verdict: verdict(share <= GOALS.policyShare),
        });
    }
    if (at?.policies !== undefined && before?.policies !== undefined) {
        const growth = ruleGrowth(before, at);
        const worst = growth[0];
        if (worst !== undefined) {
            // A linear rule keeps its time per resource (1×); a quadratic one multiplies it by the estate's growth. A rule
            // is called linear when it is nearer the first than the second, on a log scale: the square root of the growth.
            const quadratic = at.resources / before.resources;
            const limit = Math.sqrt(quadratic);
            figures.push({
                section,
                name: `rule time per resource, ${before.groups} → ${at.groups} groups`,
                value: `at most ${ratio(worst.perResource)} (${worst.rule}); linear is 1×, quadratic ${ratio(quadratic)}`,
                goal: `≤ ${ratio(limit)} (nearer linear than quadratic)`,
                verdict: verdict(worst.perResource <= limit),
            });
        }
    }
    return figures;
}

/** Each rule's time per resource at the larger estate over the smaller one's, worst first. */
export function ruleGrowth(smaller: PlanRun, larger: PlanRun): { rule: string; perResource: number }[] {
    const a = smaller.policies?.byPolicy ?? {};
    const b = larger.policies?.byPolicy ?? {};
    return Object.keys(b)
        .filter((rule) => (a[rule] ?? 0) > 0)
        .map((rule) => ({ rule, perResource: ((b[rule] as number) / larger.resources) / ((a[rule] as number) / smaller.resources) }))
        .sort((x, y) => y.perResource - x.perResource);
}

function criticalPathFigures(paths: readonly GroupCriticalPath[]): Figure[] {
    const section = "Critical path (pulumi up)";
    const figures: Figure[] = paths.map((path) => ({
        section,
        name: `one group of ${path.connectors} connectors`,
        value: `${path.longestChainLength} resources deep; ${formatSeconds(path.seconds)} along ${path.chain.map((step) => step.kind).join(" → ")}`,
        goal: "-",
        verdict: "info",
    }));
    const [first, ...rest] = paths;
    if (first !== undefined && rest.length > 0) {
        const equal = rest.every((path) => path.seconds === first.seconds && path.longestChainLength === first.longestChainLength);
        figures.push({
            section,
            name: `${paths.map((path) => path.connectors).join(" vs ")} connectors`,
            value: equal ? "equal" : paths.map((path) => `${path.connectors}: ${formatSeconds(path.seconds)}, ${path.longestChainLength} deep`).join("; "),
            goal: "equal",
            verdict: verdict(equal),
        });
        const chained = paths.flatMap((path) => path.hostsChained);
        figures.push({
            section,
            name: "hosts, bootstraps, memberships chained across hosts",
            value: chained.length === 0 ? "none" : chained.join("; "),
            goal: "none",
            verdict: verdict(chained.length === 0),
        });
        figures.push({
            section,
            name: "expected wall-clock of a first `pulumi up`",
            value: `${formatSeconds(first.seconds)} for any number of connectors (typical durations below; --parallel unbounded)`,
            goal: "-",
            verdict: "info",
        });
    }
    return figures;
}

/** Requests per group, per connector and per app, from deployments of different sizes. */
export function trafficModel(traffic: GraphTraffic): { perGroup: number; perConnector: number; perApp: number; predictsAll: boolean } {
    const find = (connectors: number, apps: number): number | undefined =>
        traffic.deployments.find((deployment) => deployment.connectors === connectors && deployment.apps === apps)?.requests;
    const byConnectors = traffic.deployments.filter((deployment) => deployment.apps === 0).sort((a, b) => a.connectors - b.connectors);
    const [small, large] = [byConnectors[0], byConnectors[byConnectors.length - 1]];
    if (small === undefined || large === undefined || small === large) {
        throw new Error("the traffic needs two deployments without apps");
    }
    const perConnector = (large.requests - small.requests) / (large.connectors - small.connectors);
    const perGroup = small.requests - perConnector * small.connectors;
    const withApps = traffic.deployments.find((deployment) => deployment.apps > 0 && deployment.connectors === small.connectors);
    const perApp = withApps === undefined ? 0 : (withApps.requests - (find(small.connectors, 0) ?? 0)) / withApps.apps;
    const predictsAll = traffic.deployments.every(
        (deployment) => deployment.requests === perGroup + perConnector * deployment.connectors + perApp * deployment.apps,
    );
    return { perGroup, perConnector, perApp, predictsAll };
}

function graphFigures(traffic: GraphTraffic): Figure[] {
    const section = "Graph traffic";
    const model = trafficModel(traffic);
    const polling = traffic.polling.map((run) => ({ run, later: Math.max(0, ...run.pollsPerMinute.slice(1, -1)) }));
    const worstLater = Math.max(...polling.map(({ later }) => later));
    const backsOff = polling.every(({ run, later }) => run.pollsPerMinute.length < 3 || (run.pollsPerMinute[0] ?? 0) > later);
    return [
        {
            section,
            name: "requests per group / per connector / per app",
            value: `${model.perGroup} / ${model.perConnector} / ${model.perApp} (${traffic.deployments.map((d) => `${d.connectors}c ${d.apps}a: ${d.requests}`).join(", ")})`,
            goal: "linear in the estate",
            verdict: verdict(model.predictsAll),
        },
        {
            section,
            name: "membership polls while its connector registers",
            value: traffic.polling.map(({ waitMinutes, polls, pollsPerMinute }) => `${waitMinutes} min: ${polls} (${pollsPerMinute.join("/")} a minute)`).join("; "),
            goal: `back off; ≤ ${GOALS.pollsPerMinute} a minute after the first`,
            verdict: verdict(backsOff && worstLater <= GOALS.pollsPerMinute),
        },
    ];
}

/** The bench's runtime figure. */
export function benchFigure(seconds: number): Figure {
    return {
        section: "Bench",
        name: "npm run bench, this run",
        value: formatSeconds(seconds),
        goal: `< ${formatSeconds(GOALS.benchSeconds)}`,
        verdict: verdict(seconds < GOALS.benchSeconds),
    };
}

/** Every figure, in table order (the bench's own runtime last, added by the caller). */
export function figuresOf(results: {
    imports: readonly ImportCost[];
    sizes: readonly SizeRuns[];
    criticalPaths: readonly GroupCriticalPath[];
    graph: GraphTraffic;
}): Figure[] {
    return [
        ...importFigures(results.imports),
        ...planFigures(results.sizes),
        ...policyFigures(results.sizes),
        ...criticalPathFigures(results.criticalPaths),
        ...graphFigures(results.graph),
    ];
}
