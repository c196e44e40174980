/**
 * The Pulumi project a plan runs: `Pulumi.yaml`, the stack's settings file and the program's entry point, resolved
 * as the Pulumi CLI and its Node.js language host resolve them.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PlanError } from "./errors";

/** What the plan needs from `Pulumi.yaml`. */
export interface PulumiProject {
    /** The directory holding `Pulumi.yaml`. */
    readonly dir: string;
    readonly name: string;
    readonly description?: string;
    /** `main`, if set: the program's entry point relative to {@link dir}. */
    readonly main?: string;
    /** The `config` section, unparsed. */
    readonly config?: unknown;
}

/** What the plan needs from `Pulumi.<stack>.yaml`. */
export interface StackSettings {
    /** The file, or undefined when the stack has none (a stack without configuration). */
    readonly file?: string;
    /** The `config` section, unparsed. */
    readonly config?: unknown;
    /** The Pulumi ESC environments the stack imports, which cannot be opened offline. */
    readonly environments: readonly string[];
}

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PlanError(`cannot read ${file}: ${(error as Error).message}`);
    }
    try {
        return parse(text) ?? {};
    } catch (error) {
        throw new PlanError(`${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
}

function findFile(dir: string, base: string): string | undefined {
    return [`${base}.yaml`, `${base}.yml`].map((name) => path.join(dir, name)).find((file) => fs.existsSync(file));
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `Pulumi.yaml` in `dir`. Only Node.js projects can be planned. */
export function readProject(dir: string): PulumiProject {
    const file = findFile(dir, "Pulumi");
    if (file === undefined) {
        throw new PlanError(`no Pulumi.yaml in ${dir}: give the directory of a Pulumi project`);
    }
    const document = readYaml(file);
    if (!isRecord(document)) {
        throw new PlanError(`${file} must be a YAML map`);
    }
    const { name, runtime, main, description, config } = document;
    if (typeof name !== "string" || name.trim() === "") {
        throw new PlanError(`${file}: \`name\` must be set to the project's name`);
    }
    const runtimeName = isRecord(runtime) ? runtime["name"] : runtime;
    if (runtimeName !== "nodejs") {
        throw new PlanError(`${file}: runtime ${JSON.stringify(runtimeName)} cannot be planned: only \`nodejs\` programs can`);
    }
    if (main !== undefined && typeof main !== "string") {
        throw new PlanError(`${file}: \`main\` must be a path`);
    }
    return {
        dir,
        name,
        ...(typeof description === "string" ? { description } : {}),
        ...(main !== undefined ? { main } : {}),
        ...(config !== undefined ? { config } : {}),
    };
}

/** Reads `Pulumi.<stack>.yaml` next to `Pulumi.yaml`. A missing file is a stack without configuration. */
export function readStackSettings(project: PulumiProject, stack: string): StackSettings {
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new PlanError(`stack name ${JSON.stringify(stack)} may only contain letters, digits, '-', '_' and '.'`);
    }
    const file = findFile(project.dir, `Pulumi.${stack}`);
    if (file === undefined) {
        return { environments: [] };
    }
    const document = readYaml(file);
    if (!isRecord(document)) {
        throw new PlanError(`${file} must be a YAML map`);
    }
    const environment = document["environment"];
    const environments = Array.isArray(environment)
        ? environment.map(String)
        : isRecord(environment) && Array.isArray(environment["imports"])
          ? environment["imports"].map(String)
          : [];
    return { file, config: document["config"], environments };
}

function existingFile(candidate: string): string | undefined {
    if (!fs.existsSync(candidate)) {
        return undefined;
    }
    if (!fs.statSync(candidate).isDirectory()) {
        return candidate;
    }
    return ["index.ts", "index.js"].map((name) => path.join(candidate, name)).find((file) => fs.existsSync(file));
}

function packageEntry(dir: string): string | undefined {
    const manifest = path.join(dir, "package.json");
    if (!fs.existsSync(manifest)) {
        return undefined;
    }
    let pkg: Record<string, unknown>;
    try {
        pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, unknown>;
    } catch (error) {
        throw new PlanError(`${manifest} is not valid JSON: ${(error as Error).message}`);
    }
    if (pkg["type"] === "module") {
        throw new PlanError(`${manifest} declares "type": "module": the plan loads CommonJS programs only`);
    }
    const exportsField = pkg["exports"];
    const mainExport = isRecord(exportsField) ? exportsField["."] : exportsField;
    const entry = isRecord(mainExport) ? (mainExport["default"] ?? mainExport["require"]) : mainExport;
    const declared = typeof entry === "string" ? entry : typeof pkg["main"] === "string" ? pkg["main"] : undefined;
    return declared === undefined ? undefined : existingFile(path.resolve(dir, declared));
}

/**
 * The file to load: `main` from `Pulumi.yaml`, else the project directory's `package.json` entry point (`exports`,
 * then `main`), else the directory's `index.ts` or `index.js`.
 */
export function resolveEntryPoint(project: PulumiProject): string {
    if (project.main !== undefined) {
        const entry = existingFile(path.resolve(project.dir, project.main));
        if (entry === undefined) {
            throw new PlanError(`Pulumi.yaml's main (${project.main}) does not name a file or a directory with an index.ts`);
        }
        return entry;
    }
    const entry = packageEntry(project.dir) ?? existingFile(project.dir);
    if (entry === undefined) {
        throw new PlanError(`${project.dir} has no program: add an index.ts, or set \`main\` in Pulumi.yaml`);
    }
    return entry;
}
