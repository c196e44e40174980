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

describe("entry points", () => {
    test("the root entry point loads no cloud SDK", () => {
        const { afterImport } = cloudModulesLoaded();
        expect(afterImport).toEqual([]);
    });

    test("an Azure group loads azure-native's compute and network modules only: not its root, nor AWS or GCP", () => {
        const { afterImport, atEnd } = cloudModulesLoaded("--azure-group");
        expect(afterImport).toEqual([]);
        expect(atEnd).toEqual(expect.arrayContaining(["azure-native/compute/index.js", "azure-native/network/index.js"]));
        expect(atEnd).not.toContain("azure-native/index.js");
        expect(atEnd.filter((file) => !file.startsWith("azure-native/"))).toEqual([]);
        expect(atEnd.filter((file) => /^azure-native\/(?!compute\/|network\/|types\/enums\/(compute|network)\/|utilities\.js|package\.json)/.test(file))).toEqual([]);
        expect(atEnd).not.toContain("azure-native/monitor/index.js");
    });

    test("an Azure group with scale-out alerts loads azure-native's monitor module too, and still not its root", () => {
        const { atEnd } = cloudModulesLoaded("--azure-alert-group");
        expect(atEnd).toEqual(expect.arrayContaining(["azure-native/compute/index.js", "azure-native/monitor/index.js"]));
        expect(atEnd).not.toContain("azure-native/index.js");
        expect(atEnd.filter((file) => !file.startsWith("azure-native/"))).toEqual([]);
    });

    test("a group of existing hosts only loads no cloud SDK", () => {
        expect(cloudModulesLoaded("--existing-group").atEnd).toEqual([]);
    });
});
