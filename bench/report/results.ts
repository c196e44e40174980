/** What `npm run bench` measured: the document written to bench/results.json. */
import { type TypicalDuration } from "../measure/criticalPath";
import { type ImportCost } from "../measure/imports";
import { type FloorRun, type GraphTraffic, type PlanRun } from "../measure/types";

/** The plans (and floors) of one estate size. */
export interface SizeRuns {
    readonly groups: number;
    readonly plans: readonly PlanRun[];
    /** Empty for sizes planned only to show they complete. */
    readonly floors: readonly FloorRun[];
}

/** The critical path of one group of `connectors` connectors. */
export interface GroupCriticalPath {
    readonly connectors: number;
    readonly seconds: number;
    readonly longestChainLength: number;
    /** The chain, first to last: resource name, kind and typical seconds. */
    readonly chain: readonly { readonly name: string; readonly kind: string; readonly seconds: number }[];
    /** Hosts that wait for another host (see `hostsChained`): empty when hosts deploy in parallel. */
    readonly hostsChained: readonly string[];
}

export interface BenchResults {
    readonly schemaVersion: 1;
    readonly startedAt: string;
    readonly benchSeconds: number;
    readonly machine: { readonly node: string; readonly cpus: number; readonly memoryBytes: number; readonly loadAverage: readonly number[] };
    readonly imports: readonly ImportCost[];
    readonly sizes: readonly SizeRuns[];
    readonly criticalPaths: readonly GroupCriticalPath[];
    readonly typicalDurations: readonly TypicalDuration[];
    readonly graph: GraphTraffic;
    readonly figures: readonly Figure[];
}

/** One line of the table: a figure, its goal and the verdict. */
export interface Figure {
    readonly section: string;
    readonly name: string;
    readonly value: string;
    readonly goal: string;
    /** `info` for figures reported without a goal. */
    readonly verdict: "pass" | "miss" | "info";
}
