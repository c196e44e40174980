/**
 * The library API on inline programs: what the mock engine answers, what the capture records, how secrets travel,
 * and how program failures surface.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as ec2 from "@pulumi/aws/ec2";
import type { Policies } from "@pulumi/policy";
import { COMPONENT_TYPES, EntraConnectorGroup } from "connector-topology";
import { type InlineProgram, PlanError, REDACTED, runPlan, SecretValue, secretPlaceholder } from "connector-topology/plan";

class StandIn extends pulumi.ComponentResource {
    constructor(type: string, name: string, inputs: object, opts?: pulumi.ComponentResourceOptions) {
        super(type, name, inputs as pulumi.Inputs, opts);
    }

    finish(outputs: pulumi.Inputs): void {
        this.registerOutputs(outputs);
    }
}

/** A custom resource of any type: the mock engine answers it with its inputs. */
class Custom extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs) {
        super(type, name, props);
    }
}

function plan(program: () => unknown, inline: Partial<InlineProgram> = {}) {
    return runPlan({ inline: { projectName: "proj", ...inline, program }, policies: [] });
}

describe("runPlan", () => {
    it("records the resource tree with the URNs the engine gives, and the default providers it would create", async () => {
        const result = await plan(
            () => {
                const outer = new StandIn("x:index:Outer", "outer", {});
                const inner = new StandIn("x:index:Inner", "inner", {}, { parent: outer });
                new ec2.Instance("vm", { ami: "ami-0", instanceType: "c6i.xlarge" }, { parent: inner });
                inner.finish({});
                outer.finish({ done: true });
            },
            { stackConfig: { "aws:region": "eu-north-1" } },
        );
        const byName = new Map(result.resources.map((resource) => [resource.name, resource]));
        expect(byName.get("proj-dev")?.urn).toBe("urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev");
        expect(byName.get("outer")).toMatchObject({
            urn: "urn:pulumi:dev::proj::x:index:Outer::outer",
            parent: "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev",
            outputs: { done: true },
        });
        expect(byName.get("vm")).toMatchObject({
            urn: "urn:pulumi:dev::proj::x:index:Outer$x:index:Inner$aws:ec2/instance:Instance::vm",
            parent: "urn:pulumi:dev::proj::x:index:Outer$x:index:Inner::inner",
            provider: "urn:pulumi:dev::proj::pulumi:providers:aws::default_7_48_0",
        });
        expect(byName.get("default_7_48_0")?.inputs).toEqual({ region: "eu-north-1", version: "7.48.0" });
        // Tree order: parents first; the providers shown under the stack.
        expect(result.resources.map((resource) => resource.name)).toEqual(["proj-dev", "default_7_48_0", "outer", "inner", "vm"]);
        const tree = result.text.split("\n").filter((line) => line.startsWith("  +"));
        expect(tree.map((line) => line.replace(/\s+create$/, "").replace(/\s{2,}(\S+)$/, " $1"))).toEqual([
            "  +  pulumi:pulumi:Stack proj-dev",
            "  +  ├─ pulumi:providers:aws default_7_48_0",
            "  +  └─ x:index:Outer outer",
            "  +     └─ x:index:Inner inner",
            "  +        └─ aws:ec2/instance:Instance vm",
        ]);
    });

    it("answers with realistic, deterministic outputs", async () => {
        const program = () => {
            const nic = new network.NetworkInterface("nic", {
                resourceGroupName: "rg",
                ipConfigurations: [{ name: "ipconfig1", subnet: { id: "subnet-id" } }],
            });
            const group = new EntraConnectorGroup("group", { displayName: "eu-apps", region: "eur" });
            const vm = new ec2.Instance("vm", { ami: "ami-0", instanceType: "c6i.xlarge" });
            return {
                ip: nic.ipConfigurations.apply((configurations) => configurations?.[0]?.privateIPAddress),
                groupId: group.id,
                isDefault: group.isDefault,
                zone: vm.availabilityZone,
            };
        };
        const first = await plan(program);
        const stack = first.resources.find((resource) => resource.type === "pulumi:pulumi:Stack");
        const outputs = stack?.outputs as Record<string, unknown>;
        expect(outputs["ip"]).toMatch(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
        expect(outputs["groupId"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(outputs["isDefault"]).toBe(false);
        expect(outputs["zone"]).toMatch(/^us-east-1[abc]$/);

        const second = await plan(program);
        expect(JSON.stringify(second.document)).toBe(JSON.stringify(first.document));
        expect(second.text).toBe(first.text);
    });

    it("gives secure config values to the program as secrets, shows them redacted, and lets policies read them", async () => {
        const seen: unknown[] = [];
        const policies: Policies = [
            {
                name: "sees-plaintext",
                description: "records what a policy sees",
                validateResource: (args) => {
                    if (args.type === "x:index:Host") {
                        seen.push(args.props["token"]);
                    }
                },
            },
        ];
        const result = await runPlan({
            inline: {
                projectName: "proj",
                stackConfig: { token: { secure: "v1:c2VjcmV0Q2lwaGVydGV4dA==" }, size: "large" },
                program: () => {
                    const config = new pulumi.Config();
                    new Custom("x:index:Host", "host", {
                        token: config.requireSecret("token"),
                        size: config.require("size"),
                        // Read as plain text by mistake: the plan masks it and warns.
                        userData: `#!token=${config.require("token")}`,
                    });
                },
            },
            policies,
        });
        const placeholder = secretPlaceholder("proj:token");
        const host = result.resources.find((resource) => resource.name === "host");
        expect(host?.inputs["token"]).toBeInstanceOf(SecretValue);
        expect(JSON.stringify(host?.inputs["token"])).toBe(JSON.stringify(REDACTED));
        expect(host?.inputs["size"]).toBe("large");
        expect(seen).toEqual([placeholder]);
        const hostEntry = (result.document["resources"] as { name: string; inputs: unknown }[]).find((entry) => entry.name === "host");
        expect(hostEntry?.inputs).toEqual({ size: "large", token: REDACTED, userData: `#!token=${REDACTED}` });
        expect(result.document.warnings).toEqual([
            "a secure config value reaches urn:pulumi:dev::proj::x:index:Host::host (input userData) as plain text: the program reads " +
                "it with config.get or config.require; read it with config.getSecret or config.requireSecret so that it stays a secret",
        ]);
        for (const output of [JSON.stringify(result.document), result.text]) {
            expect(output).not.toContain(placeholder);
            expect(output).not.toContain("c2VjcmV0Q2lwaGVydGV4dA");
        }
    });

    it("fails when the program throws, naming the error and nothing else", async () => {
        const attempt = plan(() => {
            new Custom("x:index:Thing", "registered-first", { a: 1 });
            throw new Error("no connector groups declared");
        });
        await expect(attempt).rejects.toThrow(PlanError);
        await expect(attempt).rejects.toThrow(/^the program failed: no connector groups declared$/);
    });

    it("masks a secure config value that the program quotes in its error", async () => {
        const attempt = plan(
            () => {
                throw new Error(`token ${new pulumi.Config().require("token")} was refused`);
            },
            { stackConfig: { token: { secure: "v1:c2VjcmV0" } } },
        );
        await expect(attempt).rejects.toThrow(/^the program failed: token \[secret\] was refused$/);
    });

    it("refuses two resources with one URN, as the engine does", async () => {
        await expect(
            plan(() => {
                new Custom("x:index:Thing", "same", {});
                new Custom("x:index:Thing", "same", {});
            }),
        ).rejects.toThrow("the program failed: duplicate resource URN 'urn:pulumi:dev::proj::x:index:Thing::same': give each resource of a type a unique name");
    });

    it("refuses configuration that Pulumi.yaml declares and the stack does not give", async () => {
        await expect(
            runPlan({
                inline: { projectName: "proj", projectConfig: { groupCount: { type: "integer" } }, program: () => undefined },
                policies: [],
            }),
        ).rejects.toThrow(/proj:groupCount = \(not set\): stack "dev" is missing this configuration value/);
    });

    it("derives the topology from the summaries components register", async () => {
        const result = await plan(() => {
            const hosts = ["1", "2"].map((zone) => ({ machineName: `CONN${zone}`, platform: "azure", cloudRegion: "westeurope", zone }));
            const group = new StandIn(COMPONENT_TYPES.ConnectorGroup, "eu", {
                displayName: "eu-apps",
                region: "eur",
                servesSso: false,
                allowSingleConnector: false,
                hosts,
            });
            new StandIn(COMPONENT_TYPES.AppAssignment, "hr", { appKind: "enterprise", app: "HR portal", connectorGroupName: "eu-apps" });
            group.finish({});
        });
        expect(result.document["topology"]).toMatchObject({
            groups: [{ name: "eu-apps", region: "eur", declared: true, connectors: 2, zones: ["westeurope-1", "westeurope-2"], apps: [{ app: "HR portal", kind: "enterprise" }] }],
            regions: ["eur"],
            totals: { groups: 1, connectors: 2, apps: 1 },
        });
    });

    describe("enforcement levels", () => {
        const policies: Policies = [
            {
                name: "no-large-things",
                description: "Things must be small.",
                enforcementLevel: "mandatory",
                validateResource: (args, reportViolation) => {
                    if (args.props["size"] === "large") {
                        reportViolation(`${args.name} is large`);
                    }
                },
            },
        ];
        const program = () => {
            new Custom("x:index:Thing", "big", { size: "large" });
        };

        it("exits 1 on a mandatory violation", async () => {
            const result = await runPlan({ inline: { projectName: "proj", program }, policies });
            expect(result.exitCode).toBe(1);
            expect(result.document["violations"]).toEqual([
                {
                    policyName: "no-large-things",
                    enforcementLevel: "mandatory",
                    urn: "urn:pulumi:dev::proj::x:index:Thing::big",
                    message: "big is large",
                    description: "Things must be small.",
                },
            ]);
            expect(result.text).toContain("[mandatory] no-large-things  x:index:Thing big");
        });

        it("exits 0 when the config makes it advisory, and reports nothing when it disables it", async () => {
            const advisory = await runPlan({ inline: { projectName: "proj", program }, policies, policyConfig: { "no-large-things": { enforcementLevel: "advisory" } } });
            expect(advisory.exitCode).toBe(0);
            expect(advisory.document["violations"]).toMatchObject([{ enforcementLevel: "advisory" }]);

            const disabled = await runPlan({ inline: { projectName: "proj", program }, policies, policyConfig: { all: { enforcementLevel: "disabled" } } });
            expect(disabled.exitCode).toBe(0);
            expect(disabled.document["violations"]).toEqual([]);
        });

        it("warns about policy config for policies the pack does not have", async () => {
            const result = await runPlan({ inline: { projectName: "proj", program }, policies, policyConfig: { "no-large-thing": { enforcementLevel: "disabled" } } });
            expect(result.exitCode).toBe(1);
            expect(result.document.warnings).toEqual(['the policy config sets "no-large-thing", which is not a policy of the pack: check its spelling']);
        });
    });
});
