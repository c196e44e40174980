/** Which cloud SDKs a CertificateConnectorFleet loads: only those of the clouds it has hosts on, by deep import. */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the probe in a fresh Node process (jest's own module registry would hide what Node loads). */
function cloudModulesLoaded(...args: string[]): { afterImport: string[]; atEnd: string[] } {
    const output = execFileSync(process.execPath, ["--require", "tsx/cjs", "tests/intune/programs/fleetCloudModules.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        // The fleet's warnings (enrolment dates spread from today) go to stderr: kept out of the test's output.
        stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(output) as { afterImport: string[]; atEnd: string[] };
}

/** The cloud SDKs whose modules were loaded. */
function clouds(files: readonly string[]): string[] {
    return [...new Set(files.map((file) => file.split("/")[0] ?? ""))].sort();
}

describe("CertificateConnectorFleet entry points", () => {
    test("an Azure fleet with Azure Monitor alerting loads azure-native only, by deep import: no AWS or GCP SDK", () => {
        const { afterImport, atEnd } = cloudModulesLoaded("--azure", "--alerting");
        expect(afterImport).toEqual([]);
        expect(clouds(atEnd)).toEqual(["azure-native"]);
        expect(atEnd).toEqual(expect.arrayContaining(["azure-native/compute/index.js", "azure-native/monitor/index.js"]));
        expect(atEnd).not.toContain("azure-native/index.js");
    });

    test("an AWS fleet loads @pulumi/aws only, by deep import", () => {
        const { atEnd } = cloudModulesLoaded("--aws");
        expect(clouds(atEnd)).toEqual(["aws"]);
        expect(atEnd).toEqual(expect.arrayContaining(["aws/ec2/index.js", "aws/ssm/index.js", "aws/iam/index.js"]));
        expect(atEnd).not.toContain("aws/index.js");
    });

    test("a GCP fleet with Cloud Monitoring alerting loads @pulumi/gcp only, by deep import", () => {
        const { atEnd } = cloudModulesLoaded("--gcp", "--alerting");
        expect(clouds(atEnd)).toEqual(["gcp"]);
        expect(atEnd).toEqual(expect.arrayContaining(["gcp/compute/index.js", "gcp/monitoring/index.js", "gcp/secretmanager/index.js"]));
        expect(atEnd).not.toContain("gcp/index.js");
    });
});
