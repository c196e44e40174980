import { createHash } from "node:crypto";
import { COMPONENT_TYPES, InputValidationError, renderConnectorBootstrap } from "connector-topology";
import { AzureConnectorHost, type AzureConnectorHostArgs } from "connector-topology/azure";
import { ADMIN_PASSWORD, SUBNET_ID, TENANT_ID } from "./fixtures";
import { type ExtensionInputs, inputsOf, type MockEngine, startMockEngine, type VmInputs, whereMentioned } from "./harness";

const VM = "azure-native:compute:VirtualMachine";
const EXTENSION = "azure-native:compute:VirtualMachineExtension";

function hostArgs(overrides: Partial<AzureConnectorHostArgs> = {}): AzureConnectorHostArgs {
    return {
        computerName: "pki-conn-1",
        location: "West Europe",
        resourceGroupName: "pki",
        subnetId: SUBNET_ID,
        zone: "2",
        adminPassword: ADMIN_PASSWORD,
        connectorKind: "intune-certificate",
        connectorGroupName: "pki-fleet",
        ...overrides,
    };
}

describe("AzureConnectorHost", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("serves any kind of connector: kind and group come in as tags, without bootstrap or domain join", async () => {
        new AzureConnectorHost("pki-1", hostArgs({ tags: { owner: "pki-team" }, vmSize: "Standard_F4s_v2" }));
        await engine.settle();
        expect(engine.registrations.map((r) => r.type).sort()).toEqual(
            [COMPONENT_TYPES.AzureConnectorHost, "azure-native:network:NetworkInterface", VM].sort(),
        );
        const vm = inputsOf<VmInputs>(engine.find(VM, "pki-1-vm"));
        expect(vm.tags).toEqual({ owner: "pki-team", "connector-group": "pki-fleet", "connector-kind": "intune-certificate" });
        expect(vm.location).toBe("westeurope");
        expect(vm.zones).toEqual(["2"]);
        expect(vm.hardwareProfile).toEqual({ vmSize: "Standard_F4s_v2" });
        expect(vm.userData).toBeUndefined();
        expect(engine.find(COMPONENT_TYPES.AzureConnectorHost, "pki-1").inputs).toMatchObject({
            machineName: "pki-conn-1",
            platform: "azure",
            zone: "2",
            connectorKind: "intune-certificate",
            connectorGroupName: "pki-fleet",
            domainJoined: false,
        });
    });

    test("delivers the script in user data and the secrets only in the launcher, which checks the script's hash", async () => {
        const bootstrap = renderConnectorBootstrap({ cloud: "azure", tenantId: TENANT_ID });
        const token = "header.eyJleHAiOjQxMDI0NDQ4MDB9.LAUNCHER-SECRET-5d1";
        new AzureConnectorHost(
            "entra-1",
            hostArgs({ connectorKind: "entra-private-network", bootstrap: { script: bootstrap.script, secrets: { RegistrationToken: token } } }),
        );
        await engine.settle();
        const vm = engine.find(VM, "entra-1-vm");
        expect(Buffer.from(vm.inputs.userData as string, "base64").toString("utf8")).toBe(bootstrap.script);
        const extension = engine.find(EXTENSION, "entra-1-bootstrap");
        const command = inputsOf<ExtensionInputs>(extension).protectedSettings.commandToExecute!;
        expect(command).toContain(createHash("sha256").update(bootstrap.script).digest("hex"));
        expect(whereMentioned(extension.inputs, token)).toEqual({ secret: ["protectedSettings.commandToExecute"], plain: [] });
        expect(whereMentioned(vm.inputs, token)).toEqual({ secret: [], plain: [] });
    });

    test("refuses bad input, naming each field, before registering anything", async () => {
        let error: unknown;
        try {
            new AzureConnectorHost(
                "bad",
                hostArgs({
                    computerName: "a-name-longer-than-15",
                    zone: "0",
                    adminUsername: "admin",
                    connectorKind: "other",
                    tags: { "connector-kind": "x" },
                    imageOverride: { windowsServerVersion: 2019, desktopExperience: true },
                    bootstrap: { script: "Write-Host ’quoted’", secrets: {} },
                }),
            );
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(InputValidationError);
        const message = (error as Error).message;
        expect(message).toMatch(/^AzureConnectorHost "bad" has invalid input:/);
        expect(message).toMatch(/computerName = "a-name-longer-than-15": a Windows computer name has at most 15 characters/);
        expect(message).toMatch(/zone = "0": must be one of "1", "2", "3"/);
        expect(message).toMatch(/adminUsername = "admin": Azure refuses "admin"/);
        expect(message).toMatch(/connectorKind = "other": must be one of entra-private-network, intune-certificate/);
        expect(message).toMatch(/tags\.connector-kind = "x": is set by the component/);
        expect(message).toMatch(/image = ".*": .* \(declared\) is Windows Server 2019; connector hosts must run Windows Server 2022 or later/);
        expect(message).toMatch(/bootstrap\.script = "\(the script\)": must be ASCII/);
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });
});
