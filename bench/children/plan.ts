/**
 * Child process: plans a synthetic estate through the offline plan and prints a {@link PlanRun}, as one JSON line on
 * stdout.
 *
 * Usage: plan.ts <groups> [--connectors <n>] [--record <file>] [--graph <file>] [--policies]
 * - `--record`: writes the custom resources the plan registered, for the floor;
 * - `--graph`: writes every resource with its dependencies, for the critical path;
 * - `--policies`: times policy evaluation again after the plan, the whole pack and each policy alone.
 */
import * as fs from "fs";
import { evaluatePolicies, type PlanResource, reconcilePolicyConfig, runPlan } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { recordFloor } from "../floor/recording";
import { CONNECTORS_PER_GROUP, ESTATE_PROJECT, ESTATE_STACK_CONFIG, estateProgram } from "../estate/program";
import { type GraphResource, type PlanRun, type PolicyTimes } from "../measure/types";
import { option } from "./args";
import { startCpuClock } from "./cpu";

const POLICY_RUNS = 3;

/** Best of {@link POLICY_RUNS} evaluations of `pack` over the resources: wall and CPU milliseconds. */
async function timeEvaluation(pack: typeof policies, resources: readonly PlanResource[]): Promise<{ ms: number; cpuMs: number }> {
    const configs = reconcilePolicyConfig(pack, {});
    const stackTags = new Map([["pulumi:project", ESTATE_PROJECT]]);
    let best = { ms: Number.POSITIVE_INFINITY, cpuMs: Number.POSITIVE_INFINITY };
    for (let run = 0; run < POLICY_RUNS; run++) {
        // Each run starts from a collected heap: a full collection of the plan's heap (over a GiB at 500 groups) that
        // fell inside one run would be billed to whichever rule ran then.
        (globalThis as { gc?: () => void }).gc?.();
        const started = performance.now();
        const cpu = process.cpuUsage();
        await evaluatePolicies(pack, resources, { configs, stackTags });
        const used = process.cpuUsage(cpu);
        const ms = performance.now() - started;
        if (ms < best.ms) {
            best = { ms, cpuMs: (used.user + used.system) / 1000 };
        }
    }
    return best;
}

async function timePolicies(resources: readonly PlanResource[]): Promise<PolicyTimes> {
    const pack = await timeEvaluation(policies, resources);
    const byPolicy: Record<string, number> = {};
    for (const policy of policies) {
        byPolicy[policy.name] = (await timeEvaluation([policy], resources)).ms;
    }
    return { packMs: pack.ms, packCpuMs: pack.cpuMs, byPolicy };
}

function graphOf(resources: readonly PlanResource[]): GraphResource[] {
    return resources.map((resource) => {
        const extensionType = resource.inputs["type"];
        return {
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            custom: resource.custom,
            ...(resource.parent !== undefined ? { parent: resource.parent } : {}),
            dependencies: resource.dependencies,
            ...(resource.type.endsWith(":VirtualMachineExtension") && typeof extensionType === "string" ? { extensionType } : {}),
        };
    });
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const groups = Number(args[0]);
    const connectors = Number(option(args, "--connectors") ?? CONNECTORS_PER_GROUP);
    const started = performance.now();
    const cpu = startCpuClock();
    const result = await runPlan({
        inline: { projectName: ESTATE_PROJECT, program: estateProgram(groups, connectors), stackConfig: ESTATE_STACK_CONFIG },
        stack: "bench",
        policies,
    });
    const ms = performance.now() - started;
    const cpuUsed = cpu.stop();
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    if (result.exitCode !== 0) {
        throw new Error(`the estate of ${groups} groups has ${result.document.summary.mandatoryViolations} mandatory policy violation(s)`);
    }
    const recordPath = option(args, "--record");
    if (recordPath !== undefined) {
        fs.writeFileSync(recordPath, JSON.stringify(recordFloor(result.resources)));
    }
    const graphPath = option(args, "--graph");
    if (graphPath !== undefined) {
        fs.writeFileSync(graphPath, JSON.stringify(graphOf(result.resources)));
    }
    const run: PlanRun = {
        groups,
        resources: result.resources.length,
        ms,
        ...cpuUsed,
        peakRssBytes,
        durations: result.durations,
        ...(args.includes("--policies") ? { policies: await timePolicies(result.resources) } : {}),
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(2);
});
