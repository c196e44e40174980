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

test("an AWS group loads @pulumi/aws's ec2, iam, ssm and cloudwatch modules only: not its root, nor Azure or GCP", () => {
    const { afterImport, atEnd } = cloudModulesLoaded("--aws-group");
    expect(afterImport).toEqual([]);
    expect(atEnd).toEqual(expect.arrayContaining(["aws/ec2/index.js", "aws/iam/index.js", "aws/ssm/index.js", "aws/cloudwatch/index.js"]));
    expect(atEnd).not.toContain("aws/index.js");
    expect(atEnd.filter((file) => !file.startsWith("aws/"))).toEqual([]);
    // cloudwatch's event mixins import lambda, config and utils themselves; nothing else of the SDK loads.
    const allowed = ["ec2", "iam", "ssm", "cloudwatch", "lambda", "config", "types", "utilities.js", "utils.js", "package.json"];
    const modules = new Set(atEnd.map((file) => file.split("/")[1] ?? ""));
    expect([...modules].filter((module) => !allowed.includes(module))).toEqual([]);
});
