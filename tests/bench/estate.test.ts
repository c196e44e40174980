/**
 * The synthetic estate and its floor: the estate is what the issue asks for (3 connectors and 5 apps a group, no
 * mandatory violation), and the floor registers exactly the plan's custom resources again, without components.
 */
import * as fc from "fast-check";
import { type PlanResource, runPlan, SecretValue } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { HOST_MIX, placementOf } from "../../bench/estate/mix";
import { APPS_PER_GROUP, CONNECTORS_PER_GROUP, ESTATE_PROJECT, ESTATE_STACK_CONFIG, estateProgram } from "../../bench/estate/program";
import { recordFloor, registrationOrder, type RecordedResource } from "../../bench/floor/recording";
import { replayResources } from "../../bench/floor/replay";

function count(resources: readonly PlanResource[], type: string): number {
    return resources.filter((resource) => resource.type === type).length;
}

/** What identifies a registration apart from its place in the tree: type, name, inputs (secrets marked). */
function registrations(resources: readonly PlanResource[]): string[] {
    const marked = (value: unknown): unknown =>
        value instanceof SecretValue
            ? { secret: marked(value.reveal()) }
            : Array.isArray(value)
              ? value.map(marked)
              : value !== null && typeof value === "object"
                ? Object.fromEntries(Object.entries(value).map(([key, element]) => [key, marked(element)]))
                : value;
    return resources
        .filter((resource) => resource.custom && !resource.type.startsWith("pulumi:providers:"))
        .map((resource) => JSON.stringify({ type: resource.type, name: resource.name, inputs: marked(resource.inputs) }))
        .sort();
}

describe("the bench's estate", () => {
    it("has the asked shape, every kind of host in one turn of the mix, and plans without a violation or warning", async () => {
        const groups = HOST_MIX.reduce((sum, row) => sum + row.weight, 0);
        const result = await runPlan({ inline: { projectName: ESTATE_PROJECT, program: estateProgram(groups), stackConfig: ESTATE_STACK_CONFIG }, policies });
        expect(result.exitCode).toBe(0);
        expect(result.document.violations).toEqual([]);
        expect(result.document.warnings).toEqual([]);
        expect(count(result.resources, "connector-topology:index:ConnectorGroup")).toBe(groups);
        expect(count(result.resources, "pulumi-nodejs:dynamic/connector-topology:ConnectorGroupMembership")).toBe(groups * CONNECTORS_PER_GROUP);
        expect(count(result.resources, "connector-topology:index:AppAssignment")).toBe(groups * APPS_PER_GROUP);
        // Azure VMs (2 + 2 + 2 of the hybrid group), AWS and GCP instances, and one server the stack does not build.
        expect(count(result.resources, "azure-native:compute:VirtualMachine")).toBe(2 * CONNECTORS_PER_GROUP + CONNECTORS_PER_GROUP - 1);
        expect(count(result.resources, "aws:ec2/instance:Instance")).toBe(CONNECTORS_PER_GROUP);
        expect(count(result.resources, "gcp:compute/instance:Instance")).toBe(CONNECTORS_PER_GROUP);
        // Every other group serves SSO, so its hosts join the domain: on Azure with an extension per VM (groups 0 and 4),
        // on AWS from the launcher (group 2).
        const joins = result.resources.filter((resource) => resource.type === "azure-native:compute:VirtualMachineExtension" && resource.inputs["type"] === "JsonADDomainExtension");
        expect(joins.map((resource) => resource.name).sort()).toEqual(["group-0-azure-1-domain-join", "group-0-azure-2-domain-join", "group-0-azure-3-domain-join", "group-4-azure-1-domain-join", "group-4-azure-2-domain-join"]);
        // Secrets stay secrets, and no secure value reaches a resource as plain text.
        const vm = result.resources.find((resource) => resource.type === "azure-native:compute:VirtualMachine");
        expect((vm?.inputs["osProfile"] as Record<string, unknown>)["adminPassword"]).toBeInstanceOf(SecretValue);
    });

    it("takes the host mix's rows in turn, each as often as its weight", () => {
        const mix = [
            { ...HOST_MIX[0]!, name: "a", weight: 2 },
            { ...HOST_MIX[0]!, name: "b", weight: 1 },
        ];
        fc.assert(
            fc.property(fc.nat({ max: 1000 }), (start) => {
                const turn = [0, 1, 2].map((offset) => placementOf(start * 3 + offset, mix).name);
                expect(turn.sort()).toEqual(["a", "a", "b"]);
            }),
        );
    });
});

describe("the floor", () => {
    it("registers exactly the plan's custom resources again, with their inputs and secrets, and no component", async () => {
        const plan = await runPlan({ inline: { projectName: ESTATE_PROJECT, program: estateProgram(2), stackConfig: ESTATE_STACK_CONFIG }, policies: [] });
        const recording = JSON.parse(JSON.stringify(recordFloor(plan.resources))) as RecordedResource[];
        const floor = await runPlan({ inline: { projectName: ESTATE_PROJECT, program: () => void replayResources(recording), stackConfig: ESTATE_STACK_CONFIG }, policies: [] });
        expect(registrations(floor.resources)).toEqual(registrations(plan.resources));
        expect(floor.resources.filter((resource) => !resource.custom).map((resource) => resource.type)).toEqual(["pulumi:pulumi:Stack"]);
        // Dependencies are kept: a VM still waits for its NIC, a membership for its host's bootstrap.
        const vm = floor.resources.find((resource) => resource.name === "group-0-azure-1-vm");
        expect(vm?.dependencies).toEqual(["urn:pulumi:dev::estate::azure-native:network:NetworkInterface::group-0-azure-1-nic"]);
        const membership = floor.resources.find((resource) => resource.name === "group-0-azure-1-membership");
        expect(membership?.dependencies).toContain("urn:pulumi:dev::estate::azure-native:compute:VirtualMachineExtension::group-0-azure-1-bootstrap");
    });

    it("registers every resource after those it depends on, and refuses a cycle", () => {
        const resource = (urn: string, dependencies: string[]): RecordedResource => ({ urn, type: "x:y:Z", name: urn, inputs: {}, dependencies, propertyDependencies: {} });
        const ordered = registrationOrder([resource("c", ["b"]), resource("b", ["a", "elsewhere"]), resource("a", [])]);
        expect(ordered.map((r) => r.urn)).toEqual(["a", "b", "c"]);
        expect(() => registrationOrder([resource("a", ["b"]), resource("b", ["a"])])).toThrow(/cycle/);
    });
});
