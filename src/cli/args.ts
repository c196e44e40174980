/** The command line of `connector-topology`. */

/** The parsed `plan` command. */
export interface PlanCommand {
    readonly command: "plan";
    /** The project directory; undefined for the current directory. */
    readonly programDir?: string;
    readonly stack?: string;
    readonly json: boolean;
    readonly policyConfigFile?: string;
    /** A module whose `policies` export replaces the built-in policy pack. */
    readonly policiesModule?: string;
    readonly verbose: boolean;
}

/** A request for the usage text. */
export interface HelpCommand {
    readonly command: "help";
}

/** A command line that does not parse. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export const USAGE = `Usage: connector-topology plan [programDir] [options]

Plans a Pulumi program offline, under the Pulumi mock engine: no cloud account, no Pulumi CLI. Prints the resources
\`pulumi up\` would create, the connector topology and the policy pack's verdicts.

Arguments:
  programDir               the directory of the project's Pulumi.yaml (default: the current directory)

Options:
  --stack <name>           the stack whose Pulumi.<name>.yaml configuration is used (default: dev)
  --json                   print the plan as a JSON document, and nothing else, on stdout
  --policy-config <file>   policy config, as for \`pulumi preview --policy-pack-config\`
  --policies <module>      evaluate the \`policies\` export of this module (.ts or .js) instead of the
                           built-in policy pack
  --verbose                show stack traces with errors
  -h, --help               show this help

Exit codes: 0 no mandatory policy violation, 1 a mandatory violation, 2 the program could not run.
`;

const VALUE_OPTIONS = new Set(["--stack", "--policy-config", "--policies"]);

/** Parses the arguments after the executable (`plan examples/dev --json`). */
export function parseArgs(argv: readonly string[]): PlanCommand | HelpCommand {
    if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
        return { command: "help" };
    }
    const [command, ...rest] = argv;
    if (command !== "plan") {
        throw new UsageError(`unknown command ${JSON.stringify(command)}: the command is \`plan\``);
    }
    const values = new Map<string, string>();
    const flags = new Set<string>();
    const positionals: string[] = [];
    for (let index = 0; index < rest.length; index += 1) {
        const arg = rest[index] as string;
        if (!arg.startsWith("--") || arg === "--") {
            if (arg !== "--") {
                positionals.push(arg);
            }
            continue;
        }
        const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        if (VALUE_OPTIONS.has(name)) {
            const value = inline ?? rest[index + 1];
            if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
                throw new UsageError(`${name} needs a value`);
            }
            if (inline === undefined) {
                index += 1;
            }
            values.set(name, value);
        } else if (name === "--json" || name === "--verbose") {
            if (inline !== undefined) {
                throw new UsageError(`${name} takes no value`);
            }
            flags.add(name);
        } else {
            throw new UsageError(`unknown option ${name}`);
        }
    }
    if (positionals.length > 1) {
        throw new UsageError(`one program directory at most, got ${positionals.length}: ${positionals.join(" ")}`);
    }
    const [programDir] = positionals;
    const stack = values.get("--stack");
    const policyConfigFile = values.get("--policy-config");
    const policiesModule = values.get("--policies");
    return {
        command: "plan",
        ...(programDir !== undefined ? { programDir } : {}),
        ...(stack !== undefined ? { stack } : {}),
        json: flags.has("--json"),
        ...(policyConfigFile !== undefined ? { policyConfigFile } : {}),
        ...(policiesModule !== undefined ? { policiesModule } : {}),
        verbose: flags.has("--verbose"),
    };
}
