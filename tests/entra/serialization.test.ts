/**
 * The dynamic providers are serialised into the stack's state and run later by Pulumi's dynamic-provider host, in
 * another process. These tests serialise them the way Pulumi does and run the result in a child process against the
 * emulator: from the sources (this repository's stacks) and from an installed copy of the package.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { transformFileSync } from "@swc/core";
import { connectorGroupProvider } from "../../src/entra/providers/connectorGroupProvider";
import { implementationLocation } from "../../src/entra/providers/delegate";
import { useGraphEmulator } from "../graph/support/emulator";

const run = promisify(execFile);
const repo = path.resolve(__dirname, "../..");
const graph = useGraphEmulator();
const scratch: string[] = [];

function scratchDirectory(prefix: string): string {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    scratch.push(directory);
    return directory;
}

afterAll(() => {
    for (const directory of scratch) {
        fs.rmSync(directory, { recursive: true, force: true });
    }
});

/** What Pulumi's dynamic-provider host does with a serialised provider: load it and call it. */
const HOST = `
const requireFromString = require(process.env.REQUIRE_FROM_STRING);
const provider = requireFromString(require("fs").readFileSync(process.env.PROVIDER_FILE, "utf8")).handler();
(async () => {
    const check = await provider.check({}, JSON.parse(process.env.INPUTS));
    if (check.failures.length > 0) throw new Error(JSON.stringify(check.failures));
    const created = await provider.create(check.inputs);
    const diff = await provider.diff(created.id, created.outs, check.inputs);
    process.stdout.write(JSON.stringify({ id: created.id, outs: created.outs, diff }));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

async function runInHost(providerText: string, cwd: string, inputs: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown>; diff: { changes: boolean } }> {
    const file = path.join(scratchDirectory("provider-"), "provider.js");
    fs.writeFileSync(file, providerText);
    const { stdout } = await run(process.execPath, ["-e", HOST], {
        cwd,
        env: {
            ...process.env,
            PROVIDER_FILE: file,
            INPUTS: JSON.stringify(inputs),
            REQUIRE_FROM_STRING: require.resolve("require-from-string"),
        },
    });
    return JSON.parse(stdout);
}

describe("provider serialisation", () => {
    it("locates the implementation by package name when installed, by a path relative to the program otherwise", () => {
        expect(implementationLocation("/srv/app/node_modules/connector-topology/dist/src/graph/index.js", "/srv/app")).toEqual({
            kind: "package",
            specifier: "connector-topology/graph",
        });
        expect(
            implementationLocation("/srv/app/node_modules/.pnpm/connector-topology@0.1.0/node_modules/connector-topology/dist/src/graph/index.js", "/srv/app"),
        ).toEqual({ kind: "package", specifier: "connector-topology/graph" });
        expect(implementationLocation("/repo/src/graph/index.ts", "/repo")).toEqual({ kind: "file", relativePath: "src/graph/index.ts", typescript: true });
        expect(implementationLocation("/repo/dist/src/graph/index.js", "/repo/examples/dev")).toEqual({
            kind: "file",
            relativePath: "../../dist/src/graph/index.js",
            typescript: false,
        });
    });

    it("exports the implementation where an installed copy's serialised providers require it", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
        expect(manifest.name).toBe("connector-topology");
        expect(manifest.exports["./graph"].default).toBe("./dist/src/graph/index.js");
    });

    it("runs from the sources: serialised as Pulumi does, executed in another process against Graph", async () => {
        const serialised = await pulumi.runtime.serializeFunction(() => connectorGroupProvider, { allowSecrets: true });
        expect(serialised.text).not.toContain("createConnectorGroup");
        const result = await runInHost(serialised.text, repo, { displayName: "from-sources", region: "eur", graphEndpoint: graph.get().endpoint });
        expect(graph.get().connectorGroups().filter((g) => g.name === "from-sources")).toEqual([
            expect.objectContaining({ id: result.id, region: "eur" }),
        ]);
        expect(result.outs).toEqual(expect.objectContaining({ displayName: "from-sources", adopted: false }));
        expect(result.diff.changes).toBe(false);
    });

    it("runs from an installed copy: requires connector-topology/graph by name, wherever the state is used", async () => {
        const app = scratchDirectory("installed-");
        const modules = path.join(app, "node_modules");
        const installed = path.join(modules, "connector-topology");
        // The package as npm would unpack it: package.json and compiled JavaScript under dist/.
        for (const source of listSources(path.join(repo, "src")).concat(path.join(repo, "components", "index.ts"))) {
            const target = path.join(installed, "dist", path.relative(repo, source)).replace(/\.ts$/, ".js");
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(
                target,
                transformFileSync(source, { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }).code,
            );
        }
        fs.copyFileSync(path.join(repo, "package.json"), path.join(installed, "package.json"));
        for (const dependency of fs.readdirSync(path.join(repo, "node_modules"))) {
            if (!dependency.startsWith(".")) {
                fs.symlinkSync(path.join(repo, "node_modules", dependency), path.join(modules, dependency));
            }
        }
        // Serialise in the installed copy's own process, as a user's program would.
        const serialise = `
            const pulumi = require("@pulumi/pulumi");
            const { connectorGroupProvider } = require(${JSON.stringify(path.join(installed, "dist/src/entra/providers/connectorGroupProvider.js"))});
            pulumi.runtime.serializeFunction(() => connectorGroupProvider, { allowSecrets: true }).then((f) => process.stdout.write(f.text));
        `;
        const { stdout: text } = await run(process.execPath, ["-e", serialise], { cwd: app });
        expect(text).toContain('kind: "package", specifier: "connector-topology/graph"');
        expect(text).not.toContain(installed);
        expect(text).not.toContain("createConnectorGroup");

        const result = await runInHost(text, app, { displayName: "from-package", graphEndpoint: graph.get().endpoint });
        expect(graph.get().connectorGroups().filter((g) => g.name === "from-package")).toEqual([expect.objectContaining({ id: result.id })]);
    });
});

function listSources(directory: string): string[] {
    return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(directory, entry.name);
        return entry.isDirectory() ? listSources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}
