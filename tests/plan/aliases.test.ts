/**
 * Version aliases set aside before the SDK collapses them: the plan must record exactly the aliases it records when
 * the SDK handles them itself, for resources at the top, inside components, with user aliases of every shape.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import { PlanMocks, resolveStackConfig, runInStack, VersionAliases } from "connector-topology/plan";
import { type CapturableMonitor, RegistrationCapture } from "../../src/plan/capture";

const PROJECT = "proj";
const STACK = "dev";
const config = resolveStackConfig({ projectName: PROJECT, stackName: STACK });

class Host extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("x:index:Host", name, {}, opts);
        const nic = new network.NetworkInterface(`${name}-nic`, { resourceGroupName: "rg" }, { parent: this });
        new compute.VirtualMachine(
            `${name}-vm`,
            { resourceGroupName: "rg", networkProfile: { networkInterfaces: [{ id: nic.id }] } },
            // User aliases of every shape: a rename, a type-only alias of the user's own, and one known only later.
            { parent: this, aliases: [{ name: `${name}-old-vm` }, { type: "x:index:OldVm" }, pulumi.output({ name: `${name}-vm-2` })] },
        );
        this.registerOutputs({});
    }
}

function program(): void {
    new network.NetworkInterface("top-nic", { resourceGroupName: "rg" });
    new Host("host-a");
    new Host("host-b", { aliases: [{ name: "host-b-old" }] });
}

/** The aliases the capture records for each resource, with version aliases set aside or left to the SDK. */
async function recordedAliases(setAside: boolean): Promise<Map<string, readonly string[]>> {
    const versionAliases = new VersionAliases(PROJECT, STACK);
    const capture = new RegistrationCapture(PROJECT, STACK, config, setAside ? versionAliases : undefined);
    await pulumi.runtime.setMocks(new PlanMocks({ project: PROJECT, stack: STACK, config, providerInputs: () => undefined }), PROJECT, STACK, false);
    capture.attach(pulumi.runtime.getMonitor() as unknown as CapturableMonitor);
    const body = async (): Promise<void> => program();
    if (setAside) {
        await runInStack(versionAliases, body);
    } else {
        await pulumi.runtime.runInPulumiStack(body);
    }
    await pulumi.runtime.disconnect();
    return new Map(capture.resources.map((resource) => [resource.urn, [...resource.options.aliases].sort()]));
}

describe("version aliases", () => {
    it("are recorded exactly as when the SDK collapses them", async () => {
        const bySdk = await recordedAliases(false);
        const setAside = await recordedAliases(true);
        expect(setAside).toEqual(bySdk);
        const nic = setAside.get("urn:pulumi:dev::proj::x:index:Host$azure-native:network:NetworkInterface::host-a-nic") ?? [];
        expect(nic.length).toBeGreaterThan(10);
        expect(nic).toContain("urn:pulumi:dev::proj::x:index:Host$azure-native:network/v20180601:NetworkInterface::host-a-nic");
        const vm = setAside.get("urn:pulumi:dev::proj::x:index:Host$azure-native:compute:VirtualMachine::host-b-vm") ?? [];
        expect(vm).toEqual(
            expect.arrayContaining([
                "urn:pulumi:dev::proj::x:index:Host$azure-native:compute:VirtualMachine::host-b-old-vm",
                "urn:pulumi:dev::proj::x:index:Host$x:index:OldVm::host-b-vm",
                "urn:pulumi:dev::proj::x:index:Host$azure-native:compute:VirtualMachine::host-b-vm-2",
            ]),
        );
    });

    it("are only plain type-only aliases: anything else is left to the SDK", () => {
        const aliases = new VersionAliases(PROJECT, STACK);
        const named = { name: "old" };
        const later = pulumi.output({ type: "x:index:Later" });
        const result = aliases.transformation({
            resource: {} as pulumi.Resource,
            type: "x:index:Thing",
            name: "thing",
            props: {},
            opts: { aliases: [named, { type: "x:index:Old" }, later, "urn:pulumi:dev::proj::x:index:Older::thing"] },
        });
        expect(result?.opts.aliases).toEqual([named, later, "urn:pulumi:dev::proj::x:index:Older::thing"]);
        expect(aliases.take("urn:pulumi:dev::proj::x:index:Thing::thing")).toEqual(["x:index:Old"]);
        expect(aliases.take("urn:pulumi:dev::proj::x:index:Thing::thing")).toEqual([]);
        const untouched = aliases.transformation({ resource: {} as pulumi.Resource, type: "x:index:Plain", name: "p", props: {}, opts: { aliases: [named] } });
        expect(untouched).toBeUndefined();
    });

    it("are left alone under a parent the transformation never saw, whose URN it cannot tell", () => {
        const aliases = new VersionAliases(PROJECT, STACK);
        const stranger = {} as pulumi.Resource;
        const result = aliases.transformation({
            resource: {} as pulumi.Resource,
            type: "x:index:Child",
            name: "child",
            props: {},
            opts: { parent: stranger, aliases: [{ type: "x:index:Old" }] },
        });
        expect(result).toBeUndefined();
    });
});
