/**
 * How the plan sets up the Pulumi runtime and the process to run a program under the mock engine. Anything measured
 * against the plan (the bench's floor) runs with these same settings, so they are written once, here.
 *
 * None of them changes what is registered; each removes work whose result the plan never reads. Under the mock engine
 * a program's resources are all constructed before any registration completes, so per-Output overhead is multiplied
 * by every output property of every resource at once:
 * - stack traces: every Output records one when it is created, and each resource records a full one (its source
 *   position) that Node formats, through source maps, frame by frame. Errors keep their message.
 * - the SDK's promise-leak bookkeeping: every promise behind an Output is wrapped twice more and kept in a set, so
 *   that a process that exits with work pending can list it. The plan settles every registration itself before it
 *   returns (`disconnect`), so there is never such work to list. About a third of the memory of a resource in flight.
 * - the SDK's version-alias Outputs (see `aliases.ts`).
 * `verbose` keeps the first two, for errors worth a stack and a leak report.
 *
 * And one for memory: V8 lets the heap grow to several times what is live when garbage collection keeps up, which a
 * plan's burst of allocation makes it do; the plan caps the growth at {@link HEAP_GROWING_PERCENT} percent over the
 * live heap after each full collection, unless the process was started with a growth setting of its own.
 */
import * as v8 from "v8";
import * as pulumi from "@pulumi/pulumi";
import { type VersionAliases } from "./aliases";

/**
 * How far V8 may grow the heap over what is live after a full collection, in percent. Measured on a 500-group estate
 * (15,000 resources): peak RSS about 2.5 GiB with V8's own heuristics, 1.9 GiB at 50, 1.7 GiB at 30, each step paid
 * for with more full collections.
 */
export const HEAP_GROWING_PERCENT = 50;

const HEAP_GROWING_FLAG = "--heap-growing-percent";

/** Whether the process was started with its own heap-growing setting (on the command line or in NODE_OPTIONS). */
function heapGrowingSetByUser(): boolean {
    return [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)].some((arg) => arg.startsWith(HEAP_GROWING_FLAG));
}

/** The part of the SDK's internal `runtime/debuggable` module the plan turns off: it wraps a promise for leak reports. */
interface LeakTracking {
    debuggablePromise?: unknown;
}

function leakTracking(): LeakTracking | undefined {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- internal module, not typed: see LeakTracking
        return require("@pulumi/pulumi/runtime/debuggable") as LeakTracking;
    } catch {
        return undefined; // Another SDK layout: nothing to turn off.
    }
}

/**
 * Runs `body` with stack traces and promise-leak bookkeeping off (unless `verbose`) and the
 * heap's growth capped, and restores the process's settings afterwards.
 */
export async function withEngineSettings<T>(verbose: boolean, body: () => Promise<T>): Promise<T> {
    const stackTraceLimit = Error.stackTraceLimit;
    const prepareStackTrace = Error.prepareStackTrace;
    const tracking = leakTracking();
    const trackPromise = tracking?.debuggablePromise;
    const tuneHeap = !heapGrowingSetByUser();
    Error.stackTraceLimit = verbose ? Math.max(stackTraceLimit, 20) : 0;
    if (tuneHeap) {
        v8.setFlagsFromString(`${HEAP_GROWING_FLAG}=${HEAP_GROWING_PERCENT}`);
    }
    if (!verbose) {
        // Pulumi raises the limit to take each resource's source position from a full stack trace: formatting (and
        // source-mapping) every frame of it is wasted here.
        Error.prepareStackTrace = (error: Error): string => String(error);
        if (tracking !== undefined && typeof trackPromise === "function") {
            tracking.debuggablePromise = <T>(promise: Promise<T>): Promise<T> => promise;
        }
    }
    try {
        return await body();
    } finally {
        if (tuneHeap) {
            v8.setFlagsFromString(`${HEAP_GROWING_FLAG}=0`); // V8's default: its own heuristics
        }
        Error.stackTraceLimit = stackTraceLimit;
        Error.prepareStackTrace = prepareStackTrace;
        if (tracking !== undefined && typeof trackPromise === "function") {
            tracking.debuggablePromise = trackPromise;
        }
    }
}

/** Runs `program` inside the root stack resource, as Pulumi's Node.js host does, with version aliases set aside. */
export async function runInStack(aliases: VersionAliases, program: () => Promise<unknown>): Promise<void> {
    await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(aliases.transformation);
        return program();
    });
}
