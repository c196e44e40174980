/** Project files and program loading: what the plan reads before it runs anything. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanError } from "connector-topology/plan";
import { checkSharedPulumi } from "../../src/plan/loader";
import { readProject, readStackSettings, resolveEntryPoint } from "../../src/plan/project";

let dir: string;

function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
}

beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-project-"));
});

afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

describe("project files", () => {
    it("reads the project and finds the entry point: main, then package.json, then index.ts", () => {
        write("Pulumi.yaml", "name: estate\nruntime:\n  name: nodejs\n  options:\n    typescript: true\ndescription: d\n");
        write("index.ts", "");
        expect(resolveEntryPoint(readProject(dir))).toBe(path.join(dir, "index.ts"));

        write("package.json", JSON.stringify({ main: "lib/program.ts" }));
        write("lib/program.ts", "");
        expect(resolveEntryPoint(readProject(dir))).toBe(path.join(dir, "lib/program.ts"));

        write("Pulumi.yaml", "name: estate\nruntime: nodejs\nmain: app/\n");
        write("app/index.ts", "");
        expect(resolveEntryPoint(readProject(dir))).toBe(path.join(dir, "app/index.ts"));
    });

    it("refuses what it cannot plan, with a message that says what to do", () => {
        expect(() => readProject(dir)).toThrow(`no Pulumi.yaml in ${dir}: give the directory of a Pulumi project`);
        write("Pulumi.yaml", "name: estate\nruntime: python\n");
        expect(() => readProject(dir)).toThrow('runtime "python" cannot be planned: only `nodejs` programs can');
        write("Pulumi.yaml", "name: estate\nruntime: nodejs\n");
        expect(() => resolveEntryPoint(readProject(dir))).toThrow("has no program: add an index.ts, or set `main` in Pulumi.yaml");
        write("package.json", JSON.stringify({ type: "module" }));
        expect(() => resolveEntryPoint(readProject(dir))).toThrow('declares "type": "module": the plan loads CommonJS programs only');
        write("Pulumi.yaml", "name: [estate\n");
        expect(() => readProject(dir)).toThrow(PlanError);
    });

    it("reads the stack's config and ESC imports; a stack without a settings file has no config", () => {
        write("Pulumi.yaml", "name: estate\nruntime: nodejs\n");
        const project = readProject(dir);
        expect(readStackSettings(project, "dev")).toEqual({ environments: [] });
        write("Pulumi.prod.yaml", "environment:\n  - shared/network\nconfig:\n  estate:size: large\n");
        expect(readStackSettings(project, "prod")).toEqual({
            file: path.join(dir, "Pulumi.prod.yaml"),
            config: { "estate:size": "large" },
            environments: ["shared/network"],
        });
        expect(() => readStackSettings(project, "../etc")).toThrow("may only contain letters, digits");
    });

    it("refuses a program that would load a second copy of @pulumi/pulumi", () => {
        write("node_modules/@pulumi/pulumi/package.json", JSON.stringify({ name: "@pulumi/pulumi", version: "3.0.0", main: "index.js" }));
        write("node_modules/@pulumi/pulumi/index.js", "");
        write("index.ts", "");
        expect(() => checkSharedPulumi(path.join(dir, "index.ts"))).toThrow(
            new RegExp(`the program loads @pulumi/pulumi 3\\.0\\.0 from .*${path.basename(dir)}.*, but the plan runs with @pulumi/pulumi \\d+\\.\\d+\\.\\d+ .*they must be one installation`),
        );
        expect(() => checkSharedPulumi(path.join(__dirname, "fixtures/estate/index.ts"))).not.toThrow();
    });
});
