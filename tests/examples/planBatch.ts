/**
 * Runs several `connector-topology` command lines in one process, through the command line's own `main`, one after
 * the other: each variant then costs its plan alone, not the start of Node, tsx and the cloud SDKs again. Reads a JSON
 * array of argument lists on stdin; writes a JSON array of `{ status, stdout, stderr }` on stdout, one per command
 * line, in order. What the programs print goes to stderr, as with the real executable.
 *
 *     node node_modules/tsx/dist/cli.mjs tests/examples/planBatch.ts < commands.json
 */
import * as fs from "fs";
import { main } from "../../src/cli/command";

interface BatchRun {
    status: number;
    stdout: string;
    stderr: string;
}

async function runAll(commands: readonly string[][]): Promise<BatchRun[]> {
    const runs: BatchRun[] = [];
    for (const argv of commands) {
        let stdout = "";
        let stderr = "";
        const status = await main(argv, (text) => (stdout += text), (text) => (stderr += text));
        runs.push({ status, stdout, stderr });
    }
    return runs;
}

const commands = JSON.parse(fs.readFileSync(0, "utf8")) as string[][];
const write = process.stdout.write.bind(process.stdout);
// Programs may print: only the results go to stdout.
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
runAll(commands).then(
    (runs) => write(JSON.stringify(runs), () => process.exit(0)),
    (error: unknown) => {
        process.stderr.write(`planBatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(2);
    },
);
