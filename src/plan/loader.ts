/**
 * Loads a TypeScript (or JavaScript) Pulumi program in this process, through tsx's CommonJS register API, with the
 * program's own tsconfig (so `paths`, such as `connector-topology` mapped to this repo's sources, resolve).
 */
import * as fs from "fs";
import * as path from "path";
import { PlanError } from "./errors";

interface TsxApi {
    register(options: { namespace: string }): { require(id: string, fromFile: string): unknown; unregister(): void };
}

/** A program, ready to run. */
export interface LoadedProgram {
    /** Loads the entry point and runs what it exports, as Pulumi's Node.js host does: the result is the stack outputs. */
    run(): Promise<unknown>;
    /** Removes the TypeScript loader. */
    dispose(): void;
}

/** The nearest `tsconfig.json` at or above `dir`. */
export function findTsconfig(dir: string): string | undefined {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
        const candidate = path.join(current, "tsconfig.json");
        if (fs.existsSync(candidate)) {
            return candidate;
        }
        if (path.dirname(current) === current) {
            return undefined;
        }
    }
}

function versionAt(pulumiEntry: string): string {
    for (let dir = path.dirname(pulumiEntry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) {
            const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "@pulumi/pulumi") {
                return pkg.version ?? "unknown";
            }
        }
    }
    return "unknown";
}

/**
 * Checks that the program resolves `@pulumi/pulumi` to the installation the plan runs with. A second copy would
 * register its resources with its own runtime, out of the mock engine's sight.
 */
export function checkSharedPulumi(entry: string): void {
    let programPulumi: string;
    try {
        programPulumi = fs.realpathSync(require.resolve("@pulumi/pulumi", { paths: [path.dirname(entry)] }));
    } catch {
        return; // The program cannot import @pulumi/pulumi at all: it will say so itself when it runs.
    }
    const planPulumi = fs.realpathSync(require.resolve("@pulumi/pulumi"));
    if (programPulumi !== planPulumi) {
        throw new PlanError(
            `the program loads @pulumi/pulumi ${versionAt(programPulumi)} from ${path.dirname(programPulumi)}, ` +
                `but the plan runs with @pulumi/pulumi ${versionAt(planPulumi)} from ${path.dirname(planPulumi)}: ` +
                "they must be one installation. Install connector-topology in the program's project and give both the same " +
                "@pulumi/pulumi version (`npm ls @pulumi/pulumi` shows the copies; `npm dedupe` merges them).",
        );
    }
}

let loads = 0;

/**
 * Prepares `entry` to run. Each load gets its own tsx namespace, so the program's modules are evaluated afresh on
 * every plan, while packages under node_modules (among them @pulumi/pulumi) stay shared with the plan.
 */
export function loadProgram(entry: string, projectDir: string): LoadedProgram {
    checkSharedPulumi(entry);
    const tsconfig = findTsconfig(projectDir);
    // tsx publishes this entry point through package `exports` only, which this project's module resolution cannot type.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tsx = require("tsx/cjs/api") as TsxApi;
    const previous = process.env["TSX_TSCONFIG_PATH"];
    let api: ReturnType<TsxApi["register"]>;
    try {
        if (tsconfig !== undefined) {
            process.env["TSX_TSCONFIG_PATH"] = tsconfig;
        }
        loads += 1;
        api = tsx.register({ namespace: `connector-topology-plan-${process.pid}-${loads}` });
    } finally {
        if (previous === undefined) {
            delete process.env["TSX_TSCONFIG_PATH"];
        } else {
            process.env["TSX_TSCONFIG_PATH"] = previous;
        }
    }
    return {
        async run() {
            const exported = api.require(entry, __filename);
            // `export = async () => { ... }` programs: run the function; its result is the stack outputs.
            return typeof exported === "function" ? await (exported as () => unknown)() : exported;
        },
        dispose() {
            api.unregister();
        },
    };
}
