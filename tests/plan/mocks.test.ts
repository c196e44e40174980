/** The mock engine's answers: realistic for the library's resource types, derived from names, the same every time. */
import * as fc from "fast-check";
import { ENTRA_RESOURCE_TYPES } from "connector-topology";
import { PlanMocks, resolveStackConfig } from "connector-topology/plan";

const config = resolveStackConfig({ projectName: "p", stackName: "dev", stackConfig: { "aws:region": "eu-west-1", "gcp:project": "corp-net" } });
const mocks = new PlanMocks({ project: "p", stack: "dev", config, providerInputs: () => undefined });
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PRIVATE_IP = /^10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function create(type: string, name: string, inputs: Record<string, unknown>) {
    return mocks.newResource({ type, name, inputs, custom: true });
}

describe("PlanMocks", () => {
    it("answers Azure VMs, NICs and extensions with ARM ids, private IPs and no admin password", () => {
        const nic = create("azure-native:network:NetworkInterface", "nic", {
            resourceGroupName: "rg",
            ipConfigurations: [{ name: "a" }, { name: "b", privateIPAddress: "10.1.2.3" }],
        });
        expect(nic.id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/rg\/providers\/Microsoft\.Network\/networkInterfaces\/nic-[0-9a-f]{7}$/);
        const [first, second] = nic.state["ipConfigurations"] as { privateIPAddress: string; primary: boolean }[];
        expect(first?.privateIPAddress).toMatch(PRIVATE_IP);
        expect(second).toMatchObject({ privateIPAddress: "10.1.2.3", primary: false });

        const vm = create("azure-native:compute:VirtualMachine", "vm", {
            resourceGroupName: "rg",
            vmName: "conn-1",
            osProfile: { computerName: "CONN1", adminPassword: "never-returned" },
        });
        expect(vm.id).toMatch(/\/providers\/Microsoft\.Compute\/virtualMachines\/conn-1$/);
        expect(vm.state).toMatchObject({ provisioningState: "Succeeded", osProfile: { computerName: "CONN1" } });
        expect(JSON.stringify(vm.state)).not.toContain("never-returned");

        const extension = create("azure-native:compute:VirtualMachineExtension", "join", { resourceGroupName: "rg", vmName: "conn-1", vmExtensionName: "domainJoin" });
        expect(extension.id).toBe(`${vm.id}/extensions/domainJoin`);
    });

    it("answers AWS instances in the configured region, without a public IP unless one is asked for", () => {
        const instance = create("aws:ec2/instance:Instance", "conn", { instanceType: "c6i.xlarge" });
        expect(instance.id).toMatch(/^i-[0-9a-f]{17}$/);
        expect(instance.state).toMatchObject({ availabilityZone: expect.stringMatching(/^eu-west-1[abc]$/), publicIp: "", instanceState: "running" });
        expect(instance.state["privateIp"]).toMatch(PRIVATE_IP);
        expect(instance.state["arn"]).toMatch(/^arn:aws:ec2:eu-west-1:\d{12}:instance\/i-[0-9a-f]{17}$/);
        const exposed = create("aws:ec2/instance:Instance", "exposed", { associatePublicIpAddress: true });
        expect(exposed.state["publicIp"]).toMatch(/^203\.0\.113\.\d+$/);
    });

    it("answers GCP instances with a numeric id, a self link and a network IP per interface", () => {
        const instance = create("gcp:compute/instance:Instance", "conn", { zone: "europe-west1-b", networkInterfaces: [{ network: "default" }] });
        expect(instance.id).toMatch(/^projects\/corp-net\/zones\/europe-west1-b\/instances\/conn-[0-9a-f]{7}$/);
        expect(instance.state["instanceId"]).toMatch(/^[1-9]\d{18}$/);
        expect((instance.state["networkInterfaces"] as { networkIp: string }[])[0]?.networkIp).toMatch(PRIVATE_IP);
    });

    it("answers the Entra resources with GUIDs, as a custom group that is not the default one", () => {
        const group = create(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "eu-apps", region: "eur", __provider: "serialised closure" });
        expect(group.id).toMatch(GUID);
        expect(group.state).toEqual({ displayName: "eu-apps", region: "eur", isDefault: false, connectorGroupType: "applicationProxy", adopted: false });
        const membership = create(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m", { machineName: "CONN1" });
        expect(membership.state).toMatchObject({ connectorId: membership.id, connectorMachineName: "CONN1", previousConnectorGroupId: expect.stringMatching(GUID) });
    });

    it("answers app lookups with the found app's object id, so that an assignment depends on its lookup", () => {
        const byName = create(ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup, "hr", { displayName: "HR portal", __provider: "serialised closure" });
        expect(byName.id).toMatch(GUID);
        expect(byName.state).toEqual({ displayName: "HR portal", objectId: byName.id, appId: expect.stringMatching(GUID), applicationType: "nonwebapp" });
        const byAppId = create(ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup, "files", { appId: "11111111-1111-4111-8111-111111111111" });
        expect(byAppId.state).toMatchObject({ appId: "11111111-1111-4111-8111-111111111111", objectId: byAppId.id });
        const quickAccess = create(ENTRA_RESOURCE_TYPES.QuickAccessApplicationLookup, "qa", {});
        expect(quickAccess.state).toMatchObject({ objectId: quickAccess.id, applicationType: "quickaccessapp" });
    });

    it("echoes inputs for other types, gives components no id, and resolves the AMI parameter", () => {
        expect(create("random:index:RandomPet", "pet", { length: 2 })).toEqual({ id: expect.stringMatching(/^pet-[0-9a-f]{8}$/), state: { length: 2 } });
        expect(mocks.newResource({ type: "x:index:Component", name: "c", inputs: { a: 1 }, custom: false })).toEqual({ id: undefined, state: {} });
        const parameter = mocks.call({ token: "aws:ssm/getParameter:getParameter", inputs: { name: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base" } });
        expect(parameter["value"]).toMatch(/^ami-[0-9a-f]{17}$/);
    });

    it("answers the same resource the same way every time, and different resources differently", () => {
        const types = ["azure-native:compute:VirtualMachine", "aws:ec2/instance:Instance", "gcp:compute/instance:Instance", ENTRA_RESOURCE_TYPES.ConnectorGroup];
        fc.assert(
            fc.property(fc.constantFrom(...types), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), (type, a, b) => {
                const first = create(type, a, { resourceGroupName: "rg" });
                expect(create(type, a, { resourceGroupName: "rg" })).toEqual(first);
                if (a !== b) {
                    expect(create(type, b, { resourceGroupName: "rg" }).id).not.toBe(first.id);
                }
            }),
        );
    });

    it("derives private IPs that are valid host addresses", () => {
        fc.assert(
            fc.property(fc.string(), (name) => {
                const ip = create("aws:ec2/instance:Instance", name || "x", {}).state["privateIp"] as string;
                const octets = PRIVATE_IP.exec(ip)?.slice(1).map(Number) ?? [];
                expect(octets).toHaveLength(3);
                expect(octets.every((octet) => octet >= 0 && octet <= 255)).toBe(true);
                expect(octets[2]).toBeGreaterThanOrEqual(4);
                expect(octets[2]).toBeLessThanOrEqual(254);
            }),
        );
    });
});
