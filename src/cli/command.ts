/**
 * `connector-topology plan`: the offline plan on the command line. The report alone goes to stdout; everything the
 * program prints (console output, Pulumi's log) goes to stderr, so that `--json` output can be piped as it is.
 */
import type { Policies } from "@pulumi/policy";
import { describeError, loadPolicies, PlanError, readPolicyConfigFile, runPlan } from "../plan";
import { policies as builtInPolicies } from "../rules";
import { parseArgs, USAGE, UsageError } from "./args";

type Write = (text: string) => void;

/** Runs the command line; resolves to the exit code. `out` receives the report, `err` diagnostics. */
export async function main(argv: readonly string[], out: Write, err: Write): Promise<number> {
    let command;
    try {
        command = parseArgs(argv);
    } catch (error) {
        if (error instanceof UsageError) {
            err(`error: ${error.message}\n\n${USAGE}`);
            return 2;
        }
        throw error;
    }
    if (command.command === "help") {
        out(USAGE);
        return 0;
    }
    try {
        const result = await runPlan({
            programDir: command.programDir ?? process.cwd(),
            ...(command.stack !== undefined ? { stack: command.stack } : {}),
            policies: command.policiesModule !== undefined ? loadPolicies<Policies>(command.policiesModule) : builtInPolicies,
            ...(command.policyConfigFile !== undefined ? { policyConfig: readPolicyConfigFile(command.policyConfigFile) } : {}),
            verbose: command.verbose,
        });
        for (const warning of result.document.warnings) {
            err(`warning: ${warning}\n`);
        }
        if (command.verbose) {
            const { program, policies, report } = result.durations;
            const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
            err(`timing: ${result.resources.length} resources; program ${seconds(program)}, policies ${seconds(policies)}, report ${seconds(report)}\n`);
        }
        out(command.json ? `${JSON.stringify(result.document, null, 2)}\n` : result.text);
        return result.exitCode;
    } catch (error) {
        if (error instanceof PlanError) {
            err(`error: ${error.message}\n`);
        } else {
            err(`error: the plan failed unexpectedly: ${describeError(error, true)}\n`);
        }
        return 2;
    }
}

/** Runs the process: parses `process.argv`, prints the report on stdout and exits with the plan's code. */
export function runCommandLine(): void {
    const stdout = process.stdout.write.bind(process.stdout);
    // Whatever the program writes to stdout goes to stderr: stdout carries the report only.
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
    let report = "";
    const fail = (error: unknown): never => {
        process.stderr.write(`error: ${describeError(error, process.argv.includes("--verbose"))}\n`);
        process.exit(2);
    };
    main(process.argv.slice(2), (text) => (report += text), (text) => process.stderr.write(text)).then(
        (code) => {
            // Work the program left running past its plan can still fail: that, too, is a program that could not run.
            process.on("unhandledRejection", fail);
            process.on("uncaughtException", fail);
            stdout(report, () => process.exit(code));
        },
        fail,
    );
}
