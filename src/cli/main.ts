#!/usr/bin/env node
/**
 * The `connector-topology` executable. It makes sure the heap is large enough before it loads anything heavy, then
 * runs the command line (`./command`).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as v8 from "v8";

/** Set in the re-executed process, so that it does not re-execute again. */
const HEADROOM_ENV = "CONNECTOR_TOPOLOGY_PLAN_HEAP";

/**
 * Node's default heap limit (about 4 GiB) is too small for large estates: a program creates its resources
 * synchronously, so every registration is in flight at once, and an azure-native VM costs about half a MiB until it
 * settles (about 1000 groups exhaust the default). When the limit is below three quarters of the machine's memory
 * (at most 16 GiB), the command runs itself again with that limit and exits with its code. Returns false when it
 * did not need to.
 */
function reexecWithHeapHeadroom(): boolean {
    const mib = 1024 * 1024;
    const target = Math.floor(Math.min(os.totalmem() * 0.75, 16 * 1024 * mib) / mib);
    const limit = v8.getHeapStatistics().heap_size_limit / mib;
    if (process.env[HEADROOM_ENV] !== undefined || limit >= target * 0.9) {
        return false;
    }
    const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${target}`, ...process.argv.slice(1)], {
        stdio: "inherit",
        env: { ...process.env, [HEADROOM_ENV]: String(target) },
    });
    process.exit(child.status ?? 2);
}

if (require.main === module && !reexecWithHeapHeadroom()) {
    void import("./command").then((command) => command.runCommandLine());
}
