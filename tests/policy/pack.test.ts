/**
 * The policy/ directory is a policy pack the Pulumi CLI can run: PulumiPolicy.yaml, a package.json with a version and
 * a "main" that the build produces, dependencies the entry can resolve, and an entry that serves exactly the rules'
 * list. The pack's entry is loaded here with @pulumi/policy mocked, so that no policy server starts.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const root = path.resolve(__dirname, "../..");
const packDir = path.join(root, "policy");
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
const stripComments = (text: string) => text.replace(/^\s*\/\/.*$/gm, "");

jest.mock("@pulumi/policy", () => ({ PolicyPack: jest.fn() }));

describe("the policy pack directory", () => {
    it("has a PulumiPolicy.yaml for the Node.js runtime", () => {
        const project = parse(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")) as Record<string, unknown>;
        expect(project.runtime).toBe("nodejs");
        expect(String(project.description)).toContain("private network connectors");
    });

    it("has a package.json whose version is the library's and whose main is where the build puts the entry", () => {
        const pack = readJson(path.join(packDir, "package.json"));
        const library = readJson(path.join(root, "package.json"));
        expect(pack.version).toBe(library.version);
        const build = JSON.parse(stripComments(fs.readFileSync(path.join(packDir, "tsconfig.build.json"), "utf8"))) as {
            compilerOptions: { outDir: string; rootDir: string };
        };
        const entry = path.relative(path.resolve(packDir, build.compilerOptions.rootDir), path.join(packDir, "index.ts")).replace(/\.ts$/, ".js");
        expect(path.normalize(String(pack.main))).toBe(path.join(build.compilerOptions.outDir, entry));
    });

    it("pins the same @pulumi/policy and @pulumi/pulumi as the library", () => {
        const pack = readJson(path.join(packDir, "package.json")) as { dependencies: Record<string, string> };
        const library = readJson(path.join(root, "package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
        expect(pack.dependencies["@pulumi/policy"]).toBe(library.devDependencies["@pulumi/policy"]);
        expect(pack.dependencies["@pulumi/pulumi"]).toBe(library.devDependencies["@pulumi/pulumi"]);
    });

    it("resolves what the CLI's policy runner and the entry need from the pack directory", () => {
        // pulumi-analyzer-policy resolves the runner from the pack directory, then runs it there.
        expect(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] })).toContain("run-policy-pack");
        expect(require.resolve("@pulumi/policy", { paths: [path.join(packDir, "bin", "policy")] })).toContain("@pulumi/policy");
    });

    it("is built and shipped with the library, and its build output stays out of git", () => {
        const library = readJson(path.join(root, "package.json")) as { scripts: Record<string, string>; files: string[] };
        expect(library.scripts["build:policy"]).toBe("tsc -p policy/tsconfig.build.json");
        expect(library.scripts.prepack).toContain("build:policy");
        expect(library.files).toEqual(expect.arrayContaining(["policy/PulumiPolicy.yaml", "policy/package.json", "policy/bin"]));
        expect(fs.readFileSync(path.join(root, ".gitignore"), "utf8").split("\n")).toContain("policy/bin/");
    });
});

describe("the pack's entry", () => {
    it("serves exactly the rules' policy list under the name connector-topology", async () => {
        const { PolicyPack } = jest.requireMock<{ PolicyPack: jest.Mock }>("@pulumi/policy");
        await import("../../policy/index");
        const { policies } = await import("../../src/rules");
        expect(PolicyPack).toHaveBeenCalledTimes(1);
        expect(PolicyPack).toHaveBeenCalledWith("connector-topology", { policies });
        expect((PolicyPack.mock.calls[0] as [string, { policies: unknown }])[1].policies).toBe(policies);
    });
});
