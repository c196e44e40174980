/** The policy evaluator against hand-built resources: the semantics of @pulumi/policy's analyzer and the engine. */
import type { Policies, PolicyResource } from "@pulumi/policy";
import {
    evaluatePolicies,
    parsePolicyConfig,
    type PlanResource,
    PlanError,
    reconcilePolicyConfig,
    SecretValue,
} from "connector-topology/plan";
import { planResource } from "./helpers";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const GROUP = "urn:pulumi:dev::p::x:index:Group::g";
const VM = "urn:pulumi:dev::p::x:index:Group$x:index:Vm::vm";
const PROVIDER = "urn:pulumi:dev::p::pulumi:providers:x::default";

const resources: PlanResource[] = [
    planResource({ urn: STACK, type: "pulumi:pulumi:Stack", name: "p-dev", custom: false }),
    planResource({ urn: PROVIDER, type: "pulumi:providers:x", name: "default", inputs: { region: "north" } }),
    planResource({ urn: GROUP, type: "x:index:Group", name: "g", custom: false, parent: STACK, inputs: { hosts: 1 }, outputs: { id: "g-1" } }),
    planResource({
        urn: VM,
        type: "x:index:Vm",
        name: "vm",
        parent: GROUP,
        provider: PROVIDER,
        dependencies: [GROUP],
        propertyDependencies: { group: [GROUP] },
        inputs: { size: "small", password: new SecretValue("hunter2") },
        outputs: { size: "small", ip: "10.0.0.4" },
    }),
];

/** Evaluates with a policy config written as the `--policy-config` file would be. */
async function evaluate(policies: Policies, policyConfig: object = {}) {
    return evaluatePolicies(policies, resources, {
        configs: reconcilePolicyConfig(policies, { overrides: parsePolicyConfig(policyConfig, "policy-config.json") }),
        stackTags: new Map([["pulumi:project", "p"]]),
    });
}

describe("evaluatePolicies", () => {
    it("gives resource policies the inputs, secrets unwrapped, with the resource's options, provider and config", async () => {
        const seen: unknown[] = [];
        await evaluate([
            {
                name: "inspect",
                description: "d",
                configSchema: { properties: { limit: { type: "number", default: 3 } } },
                validateResource: (args) => {
                    if (args.type === "x:index:Vm") {
                        seen.push(args.props, args.opts.parent, args.provider, args.getConfig(), args.stackTags.get("pulumi:project"));
                    }
                },
            },
        ]);
        expect(seen).toEqual([
            { size: "small", password: "hunter2" },
            GROUP,
            { type: "pulumi:providers:x", props: { region: "north" }, urn: PROVIDER, name: "default" },
            { limit: 3 },
            "p",
        ]);
    });

    it("reports violations at the level in force, and against the validated resource whatever URN the rule names", async () => {
        const policies: Policies = [
            {
                name: "small-vms",
                description: "VMs must not be small.",
                enforcementLevel: "mandatory",
                validateResource: (args, reportViolation) => {
                    if (args.props["size"] === "small") {
                        reportViolation("too small", GROUP);
                    }
                },
            },
        ];
        const mandatory = await evaluate(policies);
        expect(mandatory.violations).toEqual([
            { policyName: "small-vms", enforcementLevel: "mandatory", urn: VM, message: "too small", description: "VMs must not be small." },
        ]);
        expect((await evaluate(policies, { "small-vms": "advisory" })).violations).toMatchObject([{ enforcementLevel: "advisory" }]);
        expect((await evaluate(policies, { "small-vms": { enforcementLevel: "disabled" } })).violations).toEqual([]);
    });

    it("treats notApplicable() as not applicable, and a rule that throws as a failed plan", async () => {
        const notApplicable = await evaluate([
            {
                name: "only-groups",
                description: "d",
                enforcementLevel: "mandatory",
                validateResource: (args, reportViolation) => {
                    if (args.type !== "x:index:Group") {
                        args.notApplicable("groups only");
                    }
                    reportViolation("group seen");
                },
            },
        ]);
        expect(notApplicable.violations.map((v) => v.urn)).toEqual([GROUP]);

        const throwing = evaluate([
            {
                name: "buggy",
                description: "d",
                validateResource: (args) => {
                    if (args.type === "x:index:Vm") {
                        throw new TypeError("cannot read hosts of undefined");
                    }
                },
            },
        ]);
        await expect(throwing).rejects.toThrow(PlanError);
        await expect(throwing).rejects.toThrow(`policy "buggy" failed on ${VM}: cannot read hosts of undefined`);
    });

    it("calls a policy that names its resource types only on resources of those types", async () => {
        const seen: string[] = [];
        const policy = {
            name: "vms-only",
            description: "d",
            enforcementLevel: "mandatory" as const,
            resourceTypes: ["x:index:Vm"],
            validateResource: (args: { type: string }, reportViolation: (message: string) => void) => {
                seen.push(args.type);
                reportViolation("vm seen");
            },
        };
        const result = await evaluate([policy]);
        expect(seen).toEqual(["x:index:Vm"]);
        expect(result.violations.map((v) => v.urn)).toEqual([VM]);
    });

    it("masks secrets that a rule quotes in its message or its error", async () => {
        const result = await evaluate([
            {
                name: "quotes",
                description: "d",
                validateResource: (args, reportViolation) => {
                    if (args.type === "x:index:Vm") {
                        reportViolation(`weak password ${String(args.props["password"])} on ${args.name}`);
                    }
                },
            },
        ]);
        expect(result.violations.map((v) => v.message)).toEqual(["weak password [secret] on vm"]);
        const failing = evaluate([
            {
                name: "quotes-and-throws",
                description: "d",
                validateResource: (args) => {
                    if (args.type === "x:index:Vm") {
                        throw new Error(`cannot parse ${String(args.props["password"])}`);
                    }
                },
            },
        ]);
        await expect(failing).rejects.toThrow(`policy "quotes-and-throws" failed on ${VM}: cannot parse [secret]`);
    });

    it("skips a typed validation for other types without calling it", async () => {
        const calls: string[] = [];
        const typed = Object.assign((args: { type: string }) => void calls.push(args.type), { __pulumiType: "x:index:Vm" });
        await evaluate([{ name: "typed", description: "d", validateResource: typed }]);
        expect(calls).toEqual(["x:index:Vm"]);
    });

    it("runs remediations first, records them, and downgrades a remediate-level violation to mandatory", async () => {
        const result = await evaluate([
            {
                name: "grow-vms",
                description: "VMs are grown to medium.",
                enforcementLevel: "remediate",
                remediateResource: (args) => (args.type === "x:index:Vm" ? { ...args.props, size: "medium" } : undefined),
                validateResource: (args, reportViolation) => {
                    if (args.type === "x:index:Vm") {
                        reportViolation(`size is ${String(args.props["size"])}`);
                    }
                },
            },
        ]);
        expect(result.remediations).toEqual([{ policyName: "grow-vms", urn: VM, description: "VMs are grown to medium." }]);
        expect(result.violations).toMatchObject([{ enforcementLevel: "mandatory", message: "size is medium" }]);
    });

    it("gives stack policies every resource's outputs, linked to parent and dependencies, and takes their URN", async () => {
        let vm: PolicyResource | undefined;
        const result = await evaluate([
            {
                name: "stack-wide",
                description: "d",
                enforcementLevel: "mandatory",
                validateStack: (args, reportViolation) => {
                    vm = args.resources.find((resource) => resource.type === "x:index:Vm");
                    reportViolation("a resource", VM);
                    reportViolation("the stack as a whole");
                },
            },
        ]);
        expect(vm?.props).toEqual({ size: "small", ip: "10.0.0.4" });
        expect(vm?.parent?.urn).toBe(GROUP);
        expect(vm?.parent?.props).toEqual({ id: "g-1" });
        expect(vm?.dependencies.map((d) => d.urn)).toEqual([GROUP]);
        expect(vm?.propertyDependencies["group"]?.map((d) => d.urn)).toEqual([GROUP]);
        expect(result.violations.map((v) => v.urn)).toEqual([VM, undefined]);
        expect(result.policies).toEqual([{ name: "stack-wide", kind: "stack", enforcementLevel: "mandatory", violations: 2 }]);
    });

    it("gives each validation its own copy of the inputs", async () => {
        const sizes: unknown[] = [];
        await evaluate([
            {
                name: "mutates",
                description: "d",
                validateResource: [
                    (args) => {
                        args.props["size"] = "mutated";
                    },
                    (args) => {
                        if (args.type === "x:index:Vm") {
                            sizes.push(args.props["size"]);
                        }
                    },
                ],
            },
        ]);
        expect(sizes).toEqual(["small"]);
    });

    it("gives each stack policy the resources as the engine does, whatever an earlier stack policy wrote to them", async () => {
        const seen: unknown[] = [];
        const vmOf = (resources: PolicyResource[]) => resources.find((resource) => resource.urn === VM) as PolicyResource;
        const vandal = {
            name: "vandal",
            description: "d",
            validateStack: (args: { resources: PolicyResource[] }) => {
                const vm = vmOf(args.resources);
                vm.props["size"] = "mutated";
                Object.assign(vm, { name: "renamed", parent: undefined, dependencies: [] });
                args.resources.length = 0;
            },
        };
        const reader = {
            name: "reader",
            description: "d",
            validateStack: (args: { resources: PolicyResource[] }) => {
                const vm = vmOf(args.resources);
                seen.push(args.resources.length, vm.props["size"], vm.name, vm.parent?.urn, vm.dependencies.map((dependency) => dependency.urn), { ...vm }.props);
            },
        };
        await evaluate([vandal, reader]);
        expect(seen).toEqual([resources.length, "small", "vm", GROUP, [GROUP], { size: "small", ip: "10.0.0.4" }]);
    });
});
