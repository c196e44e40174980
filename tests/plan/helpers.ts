import { spawnSync } from "child_process";
import * as path from "path";
import { type PlanResource } from "connector-topology/plan";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(__dirname, "fixtures");

/** What a run of the real command line printed. */
export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** The heap limit `npm run plan` gives Node (see package.json). */
const PLAN_SCRIPT_HEAP = "--max-old-space-size=16384";

/** Runs `connector-topology` from source, as `npm run plan` does, from the repository root. */
export function runCli(...args: string[]): CliRun {
    return spawnCli([PLAN_SCRIPT_HEAP], args);
}

/** Runs `connector-topology` from source with Node's default heap limit, as the installed executable starts. */
export function runCliWithDefaultHeap(...args: string[]): CliRun {
    return spawnCli([], args);
}

function spawnCli(nodeOptions: string[], args: string[]): CliRun {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), ...nodeOptions, "src/cli/main.ts", ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, FORCE_COLOR: "0" },
        timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A captured resource, for tests of the pure parts. */
export function planResource(fields: Partial<PlanResource> & Pick<PlanResource, "urn" | "type" | "name">): PlanResource {
    return {
        custom: true,
        operation: "create",
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
        outputs: {},
        options: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
            ...(fields.parent !== undefined ? { parent: fields.parent } : {}),
        },
        ...fields,
    };
}
