/**
 * The real entry point, as a child process: exit codes, stdout holding the report alone, secrets redacted, errors in
 * one line.
 */
import * as path from "path";
import { FIXTURES, runCli, runCliWithDefaultHeap } from "./helpers";

const estate = path.join(FIXTURES, "estate");
const policies = path.join(FIXTURES, "policies.ts");
const CIPHERTEXT = "v1:AAAAFixtureCiphertextOfTheRegistrationToken==";

describe("connector-topology plan (command line)", () => {
    it("prints the resource tree, the topology and the verdict, and exits 0 without a mandatory violation", () => {
        const run = runCli("plan", estate);
        expect(run.status).toBe(0);
        expect(run.stdout).toContain("Plan for stack dev of project estate");
        expect(run.stdout).toMatch(/\+\s+pulumi:pulumi:Stack\s+estate-dev\s+create/);
        expect(run.stdout).toMatch(/├─ connector-topology:index:ConnectorGroup\s+eu-apps\s+create/);
        expect(run.stdout).toMatch(/│ {2}└─ azure-native:compute:VirtualMachine\s+eu-apps-vm-2\s+create/);
        expect(run.stdout).toMatch(/eu-apps\s+eur \(Europe\)\s+azure\s+2\s+westeurope-1, westeurope-2\s+1/);
        expect(run.stdout).toContain("Result: no mandatory policy violation.");
        expect(run.stdout).toMatch(/Outputs \(values from the mock engine\):\n {2}awsHost:\s+"10\.\d+\.\d+\.\d+"\n {2}registrationTokenEcho:\s\[secret\]\n/);
        // What the program prints goes to stderr.
        expect(run.stdout).not.toContain("planning the connector estate");
        expect(run.stderr).toContain("estate: planning the connector estate");
    });

    it("prints nothing but the JSON document with --json, and keeps secure config values redacted", () => {
        const run = runCli("plan", estate, "--json");
        expect(run.status).toBe(0);
        const document = JSON.parse(run.stdout) as Record<string, unknown>;
        expect(Object.keys(document)).toEqual(
            expect.arrayContaining(["schemaVersion", "project", "stack", "exitCode", "resources", "topology", "violations"]),
        );
        expect(document).toMatchObject({ project: "estate", stack: "dev", exitCode: 0 });
        const resources = document["resources"] as { name: string; parent: string | null; inputs: Record<string, unknown> }[];
        const vm = resources.find((resource) => resource.name === "eu-apps-vm-1");
        expect(vm?.parent).toBe("urn:pulumi:dev::estate::connector-topology:index:ConnectorGroup::eu-apps");
        expect(vm?.inputs["osProfile"]).toMatchObject({ adminPassword: "[secret]", computerName: "EUCONN1" });
        // Neither the ciphertext nor the stand-in plaintext the program received appears anywhere.
        for (const output of [run.stdout, run.stderr]) {
            expect(output).not.toContain(CIPHERTEXT);
            expect(output).not.toContain("plan-secret-placeholder");
        }
        expect(run.stderr).toContain("info: [runtime] estate: an info message from the program");
        // What cannot be done offline is said, in the document and on stderr.
        const warning = 'stack "dev" imports the Pulumi ESC environment "connectors/shared", which cannot be opened offline: its values are not set';
        expect(document["warnings"]).toEqual([warning]);
        expect(run.stderr).toContain(`warning: ${warning}`);
    });

    it("exits 1 on a mandatory violation, honouring the policy config", () => {
        const config = path.join(FIXTURES, "raise-min-connectors.json");
        const run = runCli("plan", estate, "--json", "--policies", policies, "--policy-config", config);
        expect(run.status).toBe(1);
        const document = JSON.parse(run.stdout) as { exitCode: number; violations: unknown[] };
        expect(document.exitCode).toBe(1);
        expect(document.violations).toEqual([
            {
                policyName: "fixture-min-connectors",
                enforcementLevel: "mandatory",
                urn: "urn:pulumi:dev::estate::connector-topology:index:ConnectorGroup::eu-apps",
                message: "eu-apps has 2 connector(s); give it at least 3.",
                description: "Connector groups need enough connectors.",
            },
        ]);
    });

    it("says where the time went with --verbose, on stderr only", () => {
        const run = runCli("plan", estate, "--json", "--verbose");
        expect(run.status).toBe(0);
        expect(run.stderr).toMatch(/^timing: \d+ resources; program \d+\.\d s, policies \d+\.\d s, report \d+\.\d s$/m);
        expect(run.stdout).not.toContain("timing:");
        expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    });

    it("exits 2 with one line when the program throws, and shows the stack with --verbose", () => {
        const failing = path.join(FIXTURES, "failing");
        const run = runCli("plan", failing);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe('error: the program failed: region "mars" is not a connector-group region\n');

        const verbose = runCli("plan", failing, "--verbose");
        expect(verbose.status).toBe(2);
        expect(verbose.stderr.split("\n")[0]).toBe('error: the program failed: region "mars" is not a connector-group region');
        expect(verbose.stderr).toMatch(/\n\s+at checkRegion .*program\.ts/);
    });

    it("exits 2 with the input validation error an apply callback throws (stack `apply`)", () => {
        const run = runCli("plan", path.join(FIXTURES, "failing"), "--stack", "apply");
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe(
            'error: the program failed: ConnectorGroup "eu-apps" has invalid input:\n' +
                "  - displayName = \"Default\": must not read as the tenant's default group\n",
        );
    });

    it("keeps its output and exit code when it runs itself again for a larger heap", () => {
        const run = runCliWithDefaultHeap("plan", path.join(FIXTURES, "failing"));
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe('error: the program failed: region "mars" is not a connector-group region\n');
    });

    it("exits 2 with one clear line when there is no Pulumi project", () => {
        const run = runCli("plan", FIXTURES);
        expect(run.status).toBe(2);
        expect(run.stderr).toBe(`error: no Pulumi.yaml in ${FIXTURES}: give the directory of a Pulumi project\n`);
    });
});
