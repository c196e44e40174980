/** Runs the bench's child processes (bench/children) and reads the one JSON line each prints. */
import { spawnSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "./imports";

/**
 * The Node options every plan and floor child gets: the heap limit `npm run plan` gives the CLI, so that the largest
 * estates fit, and `gc()`, which a child calls before it times policy evaluation alone. Everything else the plan
 * tunes it tunes itself, in-process (src/plan/engine.ts), for the floor alike.
 */
export const CHILD_NODE_OPTIONS = ["--max-old-space-size=16384", "--expose-gc"];

/** Runs `bench/children/<name>.ts` with `args` (through tsx, from the sources); returns what it printed, parsed. */
export function runChild<T>(name: string, args: readonly string[]): T {
    const script = path.join(REPO_ROOT, "bench/children", `${name}.ts`);
    const result = spawnSync(process.execPath, [...CHILD_NODE_OPTIONS, "--require", "tsx/cjs", script, ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
        throw new Error(`bench child ${name} ${args.join(" ")} failed (exit ${String(result.status ?? result.signal)}):\n${result.stderr}`);
    }
    const lines = result.stdout.trim().split("\n");
    return JSON.parse(lines[lines.length - 1] as string) as T;
}
