/**
 * How the plan sets up the Pulumi runtime and the process to run a program under the mock engine. Anything measured
 * against the plan (the bench's floor) runs with these same settings, so they are written once, here.
 *
 * None of them changes what is registered; each removes work whose result the plan never reads:
 * - stack traces: every Output records one when it is created, and Node formats it through source maps; under the
 *   mock engine that was most of a registration's cost. `verbose` keeps them, for errors worth a stack.
 * - the SDK's version-alias Outputs (see `aliases.ts`).
 */
import * as pulumi from "@pulumi/pulumi";
import { type VersionAliases } from "./aliases";

/**
 * Runs `body` with stack traces and source-mapped positions off (unless `verbose`), and restores the process's
 * settings afterwards.
 */
export async function withEngineSettings<T>(verbose: boolean, body: () => Promise<T>): Promise<T> {
    const stackTraceLimit = Error.stackTraceLimit;
    const sourceMaps = process.sourceMapsEnabled;
    Error.stackTraceLimit = verbose ? Math.max(stackTraceLimit, 20) : 0;
    if (!verbose) {
        // Pulumi still takes each resource's source position from a full stack trace: mapping it is wasted here.
        process.setSourceMapsEnabled(false);
    }
    try {
        return await body();
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
        process.setSourceMapsEnabled(sourceMaps);
    }
}

/** Runs `program` inside the root stack resource, as Pulumi's Node.js host does, with version aliases set aside. */
export async function runInStack(aliases: VersionAliases, program: () => Promise<unknown>): Promise<void> {
    await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(aliases.transformation);
        return program();
    });
}
