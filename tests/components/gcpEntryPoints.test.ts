import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the probe in a fresh Node process (jest's own module registry would hide what Node loads). */
function cloudModulesLoaded(...args: string[]): { afterImport: string[]; atEnd: string[] } {
    const output = execFileSync(process.execPath, ["--require", "tsx/cjs", "tests/components/programs/cloudModules.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return JSON.parse(output) as { afterImport: string[]; atEnd: string[] };
}

/** The @pulumi/gcp modules a GCP group may load: the five it uses, by deep import, and the package's own helpers. */
const GCP_MODULES = /^gcp\/((compute|monitoring|projects|secretmanager|serviceaccount)\/|utilities\.js$|package\.json$)/;

describe("GCP entry points", () => {
    test("a GCP group loads @pulumi/gcp's compute, serviceaccount, secretmanager, projects and monitoring modules only", () => {
        const { afterImport, atEnd } = cloudModulesLoaded("--gcp-group");
        expect(afterImport).toEqual([]);
        expect(atEnd).toEqual(
            expect.arrayContaining(["gcp/compute/index.js", "gcp/serviceaccount/index.js", "gcp/secretmanager/index.js", "gcp/projects/index.js", "gcp/monitoring/index.js"]),
        );
        expect(atEnd).not.toContain("gcp/index.js");
        expect(atEnd.filter((file) => !GCP_MODULES.test(file))).toEqual([]);
    });

    test("connector-topology/gcp loads @pulumi/gcp's compute module only, and no other cloud", () => {
        const { atEnd } = cloudModulesLoaded("--gcp-entry");
        expect(atEnd).toContain("gcp/compute/index.js");
        expect(atEnd.filter((file) => !/^gcp\/(compute\/|utilities\.js$|package\.json$)/.test(file))).toEqual([]);
    });
});
