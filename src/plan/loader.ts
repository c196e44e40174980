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

/** A tsx registration in a namespace of its own. */
interface TsxRegistration {
    readonly api: ReturnType<TsxApi["register"]>;
    readonly namespace: string;
}

/** Registers tsx in a namespace of its own, with the given tsconfig. */
function registerTsx(tsconfig: string | undefined): TsxRegistration {
    // tsx publishes this entry point through package `exports` only, which this project's module resolution cannot type.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tsx = require("tsx/cjs/api") as TsxApi;
    const previous = process.env["TSX_TSCONFIG_PATH"];
    try {
        if (tsconfig !== undefined) {
            process.env["TSX_TSCONFIG_PATH"] = tsconfig;
        }
        loads += 1;
        const namespace = `connector-topology-plan-${process.pid}-${loads}`;
        return { api: tsx.register({ namespace }), namespace };
    } finally {
        if (previous === undefined) {
            delete process.env["TSX_TSCONFIG_PATH"];
        } else {
            process.env["TSX_TSCONFIG_PATH"] = previous;
        }
    }
}

/**
 * Loads the `policies` export of a module (TypeScript or JavaScript): a policy pack's rule objects, as
 * `src/rules` exports them. A module that builds a `PolicyPack` cannot be used: that starts the pack's gRPC server.
 */
export function loadPolicies<T>(file: string): T {
    const { api } = registerTsx(findTsconfig(path.dirname(file)));
    let exported: { policies?: unknown };
    try {
        exported = api.require(path.resolve(file), __filename) as { policies?: unknown };
    } catch (error) {
        throw new PlanError(`cannot load the policies in ${file}: ${(error as Error).message.split("\n")[0]}`, { cause: error });
    } finally {
        api.unregister();
    }
    if (!Array.isArray(exported.policies)) {
        throw new PlanError(`${file} must export \`policies\`: an array of policy objects (as src/rules does)`);
    }
    return exported.policies as T;
}

/**
 * Prepares `entry` to run. Each load gets its own tsx namespace, so the program's modules are evaluated afresh on
 * every plan, while packages under node_modules (among them @pulumi/pulumi) stay shared with the plan.
 */
export function loadProgram(entry: string, projectDir: string): LoadedProgram {
    checkSharedPulumi(entry);
    const { api, namespace } = registerTsx(findTsconfig(projectDir));
    return {
        async run() {
            const exported = api.require(entry, __filename);
            // `export = async () => { ... }` programs: run the function; its result is the stack outputs.
            return typeof exported === "function" ? await (exported as () => unknown)() : exported;
        },
        dispose() {
            api.unregister();
            forgetNamespace(namespace);
        },
    };
}

/**
 * Drops a finished plan's modules from the module cache. Node's cache of same-directory requires is keyed by the
 * requiring directory and the request, not by tsx's namespace, so without this a later plan would be handed this
 * plan's modules, whose own lazy requires then fail once this namespace's loader is gone.
 */
function forgetNamespace(namespace: string): void {
    for (const id of Object.keys(require.cache)) {
        const query = id.split("?")[1];
        if (query !== undefined && new URLSearchParams(query).get("namespace") === namespace) {
            delete require.cache[id];
        }
    }
}
