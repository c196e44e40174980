/** What the bench's child processes report. */

/** One plan of a synthetic estate (bench/children/plan.ts). */
export interface PlanRun {
    readonly groups: number;
    readonly resources: number;
    /** Wall-clock time of `runPlan`, in milliseconds. */
    readonly ms: number;
    /** CPU time (user and system, all threads) over the same span, in milliseconds. */
    readonly cpuMs: number;
    /** CPU time of the main thread alone over the same span (Linux), in milliseconds. */
    readonly mainThreadCpuMs?: number;
    /** The process's peak resident set size, in bytes. */
    readonly peakRssBytes: number;
    /** The plan's own phases, wall-clock, in milliseconds. */
    readonly durations: { readonly program: number; readonly policies: number; readonly report: number };
    /** With `--policies`: the whole pack, then each policy alone, evaluated again over the plan's resources. */
    readonly policies?: PolicyTimes;
}

/** Policy evaluation, timed after the plan over its resources: the best of a few runs, in milliseconds. */
export interface PolicyTimes {
    readonly packMs: number;
    readonly packCpuMs: number;
    readonly byPolicy: Readonly<Record<string, number>>;
}

/** The floor: the same custom resources registered directly (bench/children/floor.ts). */
export interface FloorRun {
    readonly resources: number;
    /** Wall-clock time from the engine's start until every registration settled, in milliseconds. */
    readonly ms: number;
    /** CPU time (user and system, all threads) over the same span, in milliseconds. */
    readonly cpuMs: number;
    /** CPU time of the main thread alone over the same span (Linux), in milliseconds. */
    readonly mainThreadCpuMs?: number;
    readonly peakRssBytes: number;
}

/** A resource of a plan, as much as the critical path needs (bench/children/plan.ts `--graph`). */
export interface GraphResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parent?: string;
    /** URNs of the custom resources it waits for. */
    readonly dependencies: readonly string[];
    /** For VM extensions: the extension's type (`CustomScriptExtension`, `JsonADDomainExtension`). */
    readonly extensionType?: string;
}

/** Microsoft Graph traffic against the emulator (bench/children/graph.ts). */
export interface GraphTraffic {
    /** One group with `connectors` and `apps`, connectors registered already: Graph requests, tokens left out. */
    readonly deployments: readonly { readonly connectors: number; readonly apps: number; readonly requests: number }[];
    readonly polling: readonly PollingRun[];
    /** The membership's polling schedule: first pause and longest pause, in seconds (before jitter). */
    readonly schedule: { readonly initialSeconds: number; readonly maxSeconds: number };
    /** How many times faster than real time the polling ran. */
    readonly timeScale: number;
}

/** One membership waiting for its connector. */
export interface PollingRun {
    /** How long after the membership started waiting the connector registered, in real minutes. */
    readonly waitMinutes: number;
    /** `GET .../connectors` requests in all. */
    readonly polls: number;
    /** The same, per real minute of waiting. */
    readonly pollsPerMinute: readonly number[];
}
