/**
 * Planning the examples and their variants as users do (`connector-topology plan <dir> --stack <s> --json`), and
 * stating the exact violations each one must yield.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { type PlanDocument, type ViolationEntry } from "connector-topology/plan";
import { type CliRun, REPO_ROOT } from "../plan/helpers";

export const FIXTURES = path.join(__dirname, "fixtures");
/** The hand-built connector group (tests/examples/fixtures/hand-built), one stack per flaw. */
export const HAND_BUILT = path.join(FIXTURES, "hand-built");
/** The policy config the hand-built group's team uses: its default group's id, and that branch-apps serves SSO. */
export const HAND_BUILT_POLICY_CONFIG = path.join(HAND_BUILT, "policy-config.json");
/** Policy configs that change a rule's level. */
export const POLICY_CONFIGS = path.join(FIXTURES, "policy-config");

/** One `connector-topology plan` command line, relative to the repository root. */
export interface PlanCommand {
    /** The project directory; undefined for the repository's own (root) project. */
    readonly dir?: string;
    readonly stack: string;
    readonly policyConfig?: string;
}

/** The command line's arguments for a plan, with the JSON report. */
export function planArgs(command: PlanCommand): string[] {
    return [
        "plan",
        ...(command.dir === undefined ? [] : [command.dir]),
        "--stack",
        command.stack,
        "--json",
        ...(command.policyConfig === undefined ? [] : ["--policy-config", command.policyConfig]),
    ];
}

/**
 * Runs command lines in one child process (tests/examples/planBatch.ts, the command line's own `main` in turn), from
 * the repository root. Fails with the child's output when the batch itself cannot run.
 */
export function runCliBatch(commands: readonly string[][]): CliRun[] {
    const result = spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "--max-old-space-size=16384", path.join(__dirname, "planBatch.ts")],
        { cwd: REPO_ROOT, encoding: "utf8", input: JSON.stringify(commands), env: { ...process.env, FORCE_COLOR: "0" }, timeout: 240_000, maxBuffer: 256 * 1024 * 1024 },
    );
    if (result.status !== 0) {
        throw new Error(`the plan batch failed (${String(result.status ?? result.signal)}): ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as CliRun[];
}

/** The plan document a run printed; fails with its diagnostics when it printed none (exit 2). */
export function documentOf(run: CliRun): PlanDocument & { violations: ViolationEntry[] } {
    if (run.status !== 0 && run.status !== 1) {
        throw new Error(`the plan could not run (exit ${String(run.status)}): ${run.stderr}`);
    }
    return JSON.parse(run.stdout) as PlanDocument & { violations: ViolationEntry[] };
}

/** A violation as a test states it: the policy, its level, the resource, and a stable part of the message. */
export interface ExpectedViolation {
    readonly policyName: string;
    readonly enforcementLevel: "mandatory" | "advisory";
    readonly urn: string;
    readonly message: string;
}

/** The URN of a resource registered at the top of a stack (no parent component). */
export function urn(stack: string, project: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/**
 * Asserts that `violations` are exactly `expected`, in any order: same count, and each expected one present (policy,
 * level and resource equal, message containing the stated part).
 */
export function expectExactViolations(violations: readonly ViolationEntry[], expected: readonly ExpectedViolation[]): void {
    const seen = violations.map(({ policyName, enforcementLevel, urn: at, message }) => ({ policyName, enforcementLevel, urn: at, message }));
    const wanted = expected.map((violation) => ({ ...violation, message: expect.stringContaining(violation.message) as unknown }));
    expect(seen).toHaveLength(expected.length);
    expect(seen).toEqual(expect.arrayContaining(wanted));
}
