/**
 * Child process: the floor. Registers, directly and without components, the resources a plan recorded, under the
 * plan's mock engine with the plan's settings, and prints how long that took and the peak RSS, as JSON on stdout.
 *
 * Usage: floor.ts <recording.json>
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { PlanMocks, resolveStackConfig, runInStack, VersionAliases, withEngineSettings } from "connector-topology/plan";
import { type RecordedResource } from "../floor/recording";
import { replayResources } from "../floor/replay";
import { ESTATE_PROJECT, ESTATE_STACK_CONFIG } from "../estate/program";
import { type FloorRun } from "../measure/types";
import { startCpuClock } from "./cpu";

async function main(): Promise<void> {
    const recording = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8")) as RecordedResource[];
    const stack = "bench";
    const config = resolveStackConfig({ projectName: ESTATE_PROJECT, stackName: stack, stackConfig: ESTATE_STACK_CONFIG });
    const started = performance.now();
    const cpu = startCpuClock();
    await withEngineSettings(false, async () => {
        await pulumi.runtime.setMocks(new PlanMocks({ project: ESTATE_PROJECT, stack, config, providerInputs: () => undefined }), ESTATE_PROJECT, stack, false);
        await runInStack(new VersionAliases(ESTATE_PROJECT, stack), async () => {
            replayResources(recording);
        });
        await pulumi.runtime.disconnect();
    });
    const ms = performance.now() - started;
    const run: FloorRun = { resources: recording.length, ms, ...cpu.stop(), peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(2);
});
