/**
 * Runs a Pulumi program under the mock engine and returns its plan: the resources `pulumi up` would create, the
 * topology they form and the policy pack's verdicts. No cloud account, Pulumi CLI or network is involved.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { VersionAliases } from "./aliases";
import { type CapturableMonitor, type PlanResource, RegistrationCapture } from "./capture";
import { resolveStackConfig, type StackConfig } from "./config";
import { runInStack, withEngineSettings } from "./engine";
import { describeError, PlanError } from "./errors";
import { loadProgram, type LoadedProgram } from "./loader";
import { PlanMocks } from "./mocks";
import { findPlaintextSecrets, maskSecrets } from "./properties";
import { reconcilePolicyConfig, type PolicyConfigOverride } from "./policy/config";
import { evaluatePolicies } from "./policy/evaluate";
import { readProject, readStackSettings, resolveEntryPoint } from "./project";
import { buildReport, DEFAULT_SECTIONS, type PlanDocument, type ReportSection, resourceTree } from "./report";

/** The stack a plan runs when none is named. */
export const DEFAULT_STACK = "dev";

/** A program given as a function rather than a project directory (tests, automation). */
export interface InlineProgram {
    /** The project name (what `Pulumi.yaml`'s `name` would be). */
    readonly projectName: string;
    /** The program. What it returns (or resolves to) becomes the stack outputs. */
    readonly program: () => unknown;
    /** A `Pulumi.yaml` `config` section. */
    readonly projectConfig?: unknown;
    /** A `Pulumi.<stack>.yaml` `config` section. */
    readonly stackConfig?: unknown;
}

/** What to plan, and how. */
export interface PlanOptions {
    /** The directory holding the project's `Pulumi.yaml`. One of `programDir` and `inline` must be given. */
    readonly programDir?: string;
    /** An inline program. */
    readonly inline?: InlineProgram;
    /** The stack whose configuration is used. Default {@link DEFAULT_STACK}. */
    readonly stack?: string;
    /** The policy pack's policies. */
    readonly policies: Policies;
    /** The policy pack's own enforcement level (for policies that set none). Default `advisory`, as PolicyPack's. */
    readonly packEnforcementLevel?: EnforcementLevel;
    /** The policy pack's initial config (PolicyPack's third argument). */
    readonly initialPolicyConfig?: PolicyPackConfig;
    /** Policy config overrides: the parsed `--policy-config` file. */
    readonly policyConfig?: Record<string, PolicyConfigOverride>;
    /** Keep stack traces, and add them to error messages. Default false (stack traces cost most of a registration). */
    readonly verbose?: boolean;
    /** The report's sections. Default {@link DEFAULT_SECTIONS}. */
    readonly sections?: readonly ReportSection[];
}

/** A finished plan. */
export interface PlanResult {
    /** 0 = no mandatory violation, 1 = at least one. (A plan that cannot run throws a PlanError: exit code 2.) */
    readonly exitCode: 0 | 1;
    readonly document: PlanDocument;
    readonly text: string;
    /** Every resource, in tree order, with secrets still wrapped. */
    readonly resources: readonly PlanResource[];
    /** Where the time went. */
    readonly durations: PlanDurations;
}

/** How long each phase of a plan took, in milliseconds of wall-clock time. */
export interface PlanDurations {
    /** Running the program under the mock engine until every registration settled. */
    readonly program: number;
    /** Evaluating the policies. */
    readonly policies: number;
    /** Building the report (tree, topology, text and JSON). */
    readonly report: number;
}

interface PreparedProgram {
    projectName: string;
    description?: string;
    config: StackConfig;
    warnings: string[];
    /** The directory to run in (the project directory), if any. */
    dir?: string;
    load(): LoadedProgram;
}

function prepare(options: PlanOptions, stack: string): PreparedProgram {
    const configOf = (projectName: string, projectConfig: unknown, stackConfig: unknown): StackConfig => {
        try {
            return resolveStackConfig({ projectName, stackName: stack, projectConfig, stackConfig });
        } catch (error) {
            throw new PlanError(describeError(error, false), { cause: error });
        }
    };
    if (options.inline !== undefined) {
        const inline = options.inline;
        return {
            projectName: inline.projectName,
            config: configOf(inline.projectName, inline.projectConfig, inline.stackConfig),
            warnings: [],
            load: () => ({ run: async () => inline.program(), dispose: () => undefined }),
        };
    }
    if (options.programDir === undefined) {
        throw new PlanError("nothing to plan: give a program directory or an inline program");
    }
    const project = readProject(path.resolve(options.programDir));
    const settings = readStackSettings(project, stack);
    const entry = resolveEntryPoint(project);
    const warnings = settings.environments.map(
        (environment) => `stack "${stack}" imports the Pulumi ESC environment "${environment}", which cannot be opened offline: its values are not set`,
    );
    return {
        projectName: project.name,
        ...(project.description !== undefined ? { description: project.description } : {}),
        config: configOf(project.name, project.config, settings.config),
        warnings,
        dir: project.dir,
        load: () => loadProgram(entry, project.dir),
    };
}

/** Collects what the program throws, including from apply callbacks and from promises nobody awaits. */
class FailureCollector {
    private readonly seen = new Set<unknown>();
    readonly failures: unknown[] = [];
    readonly listener = (error: unknown): void => this.add(error);

    add(error: unknown): void {
        // The same rejection surfaces once per awaiter: report it once.
        if (!this.seen.has(error)) {
            this.seen.add(error);
            this.failures.push(error);
        }
    }

    install(): void {
        process.on("unhandledRejection", this.listener);
        process.on("uncaughtException", this.listener);
    }

    uninstall(): void {
        process.off("unhandledRejection", this.listener);
        process.off("uncaughtException", this.listener);
    }
}

function nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** Runs the program under the mock engine and records every registration. Throws a PlanError if it fails. */
async function runUnderMocks(prepared: PreparedProgram, stack: string, verbose: boolean): Promise<RegistrationCapture> {
    const versionAliases = new VersionAliases(prepared.projectName, stack);
    const capture = new RegistrationCapture(prepared.projectName, stack, prepared.config, versionAliases);
    const mocks = new PlanMocks({
        project: prepared.projectName,
        stack,
        config: prepared.config,
        providerInputs: (reference) => capture.providerInputs(reference),
    });
    await pulumi.runtime.setMocks(mocks, prepared.projectName, stack, false);
    pulumi.runtime.setAllConfig({ ...prepared.config.values }, [...prepared.config.secretKeys]);
    capture.attach(pulumi.runtime.getMonitor() as unknown as CapturableMonitor);

    const failures = new FailureCollector();
    const loggedErrorsBefore = pulumi.log.hasErrors();
    const previousCwd = process.cwd();
    let program: LoadedProgram | undefined;
    failures.install();
    try {
        program = prepared.load();
        if (prepared.dir !== undefined) {
            process.chdir(prepared.dir);
        }
        const loaded = program;
        // A program that throws is recorded here rather than left to reject inside the stack resource, where the
        // rejection would also surface, unhandled, from each of Pulumi's internal awaiters.
        await runInStack(versionAliases, async () => {
            try {
                return await loaded.run();
            } catch (error) {
                failures.add(error);
                return undefined;
            }
        });
    } catch (error) {
        failures.add(error);
    } finally {
        // Settle every registration, failed or not, before going on: nothing may still be in flight when the plan
        // returns (a dynamic resource still serialising its provider would outlive it).
        try {
            await pulumi.runtime.disconnect();
        } catch (error) {
            failures.add(error);
        }
        // Rejections nobody handled are reported on the next turns of the event loop.
        await nextTurn();
        await nextTurn();
        failures.uninstall();
        process.chdir(previousCwd);
        program?.dispose();
    }
    if (failures.failures.length > 0) {
        const [first, ...rest] = failures.failures;
        let more = "";
        if (rest.length > 0 && verbose) {
            more = `\n${rest.length} more error(s):\n${rest.map((error) => describeError(error, verbose)).join("\n")}`;
        } else if (rest.length > 0) {
            more = `\n(and ${rest.length} more error(s): --verbose shows them)`;
        }
        // A program may quote a secure config value in its error: the stand-in it received is masked.
        throw new PlanError(maskSecrets(`the program failed: ${describeError(first, verbose)}${more}`), { cause: first });
    }
    const [duplicate] = capture.duplicateUrns;
    if (duplicate !== undefined) {
        throw new PlanError(`the program failed: duplicate resource URN '${duplicate}': give each resource of a type a unique name`);
    }
    if (!loggedErrorsBefore && pulumi.log.hasErrors()) {
        throw new PlanError("the program failed: it logged an error with pulumi.log.error (shown above)");
    }
    return capture;
}

/** Plans a program: see the module comment. Throws a PlanError when the plan cannot run (exit code 2). */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
    // `org/project/stack` names the same stack as `stack`, whose settings file is `Pulumi.stack.yaml`.
    const stack = (options.stack ?? DEFAULT_STACK).split("/").pop() ?? DEFAULT_STACK;
    const verbose = options.verbose ?? false;
    const prepared = prepare(options, stack);
    // Check the policy config before running anything: a typo there should not cost a whole run.
    const configs = reconcilePolicyConfig(options.policies, {
        ...(options.packEnforcementLevel !== undefined ? { packEnforcementLevel: options.packEnforcementLevel } : {}),
        ...(options.initialPolicyConfig !== undefined ? { initialConfig: options.initialPolicyConfig } : {}),
        ...(options.policyConfig !== undefined ? { overrides: options.policyConfig } : {}),
    });

    return withEngineSettings(verbose, async () => {
        const started = performance.now();
        const capture = await runUnderMocks(prepared, stack, verbose);
        return report(capture, prepared, stack, options, configs, performance.now() - started);
    });
}

/** Evaluates the policies over a finished run and builds the report. */
async function report(
    capture: RegistrationCapture,
    prepared: PreparedProgram,
    stack: string,
    options: PlanOptions,
    configs: ReturnType<typeof reconcilePolicyConfig>,
    programMs: number,
): Promise<PlanResult> {
    const reportStarted = performance.now();
    const tree = resourceTree(capture.resources);
    const warnings = [...prepared.warnings];
    const policyNames = new Set(options.policies.map((policy) => policy.name));
    for (const name of Object.keys(options.policyConfig ?? {})) {
        if (name !== "all" && !policyNames.has(name)) {
            warnings.push(`the policy config sets "${name}", which is not a policy of the pack: check its spelling`);
        }
    }
    for (const resource of tree.ordered) {
        for (const property of findPlaintextSecrets(resource.inputs)) {
            warnings.push(
                `a secure config value reaches ${resource.urn} (input ${property}) as plain text: the program reads it with ` +
                    "config.get or config.require; read it with config.getSecret or config.requireSecret so that it stays a secret",
            );
        }
    }
    const stackTags = new Map<string, string>([
        ["pulumi:project", prepared.projectName],
        ["pulumi:runtime", "nodejs"],
        ...(prepared.description !== undefined ? [["pulumi:description", prepared.description] as [string, string]] : []),
    ]);
    const policiesStarted = performance.now();
    const evaluation = await evaluatePolicies(options.policies, tree.ordered, { configs, stackTags });
    const policiesMs = performance.now() - policiesStarted;
    const { document, text } = buildReport(
        {
            project: prepared.projectName,
            stack,
            resources: tree.ordered,
            byUrn: new Map(tree.ordered.map((resource) => [resource.urn, resource])),
            tree,
            policies: evaluation,
        },
        options.sections ?? DEFAULT_SECTIONS,
        warnings,
    );
    const durations = { program: programMs, policies: policiesMs, report: performance.now() - reportStarted - policiesMs };
    return { exitCode: document.exitCode, document, text, resources: tree.ordered, durations };
}
