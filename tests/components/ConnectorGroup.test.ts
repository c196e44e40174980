import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES, ConnectorGroup, type ConnectorGroupSummary, ENTRA_RESOURCE_TYPES, type InputValidationError } from "connector-topology";
import { ADMIN_PASSWORD, DOMAIN_JOIN, DOMAIN_PASSWORD, groupArgs, REGISTRATION_TOKEN, SUBNET_ID } from "./fixtures";
import { expectRefusedBeforeRegistering, inputsOf, isSecret, type MockEngine, outputOf, reveal, startMockEngine, type VmInputs, whereMentioned } from "./harness";

const VM = "azure-native:compute:VirtualMachine";
const NIC = "azure-native:network:NetworkInterface";
const EXTENSION = "azure-native:compute:VirtualMachineExtension";

describe("ConnectorGroup", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("creates the Entra group, two zoned hosts and a membership per host", async () => {
        const group = new ConnectorGroup("eur-apps", groupArgs());
        const [groupId, hostIds, privateIps] = await Promise.all([
            outputOf(group.groupId),
            outputOf(group.hostIds),
            outputOf(group.privateIps),
        ]);
        await engine.settle();

        const entraGroup = engine.find(ENTRA_RESOURCE_TYPES.ConnectorGroup, "eur-apps");
        expect(entraGroup.inputs).toMatchObject({ displayName: "eur-apps", region: "eur", adoptExisting: false });
        const hosts = engine.ofType(COMPONENT_TYPES.AzureConnectorHost);
        expect(hosts.map((h) => h.name)).toEqual(["eur-apps-azure-1", "eur-apps-azure-2"]);

        const vms = engine.ofType(VM);
        expect(vms).toHaveLength(2);
        expect(vms.map((vm) => vm.inputs.zones)).toEqual([["1"], ["2"]]);
        for (const vm of vms) {
            const inputs = inputsOf<VmInputs>(vm);
            expect(inputs.hardwareProfile).toEqual({ vmSize: "Standard_D4ls_v5" });
            expect(inputs.storageProfile.imageReference).toEqual({
                publisher: "MicrosoftWindowsServer",
                offer: "WindowsServer",
                sku: "2022-datacenter-azure-edition",
                version: "latest",
            });
            expect(inputs.securityProfile).toEqual({ encryptionAtHost: true });
            expect(inputs.location).toBe("westeurope");
            expect(inputs.tags).toEqual({ "connector-group": "eur-apps", "connector-kind": "entra-private-network" });
            expect(inputs.identity).toBeUndefined();
        }
        expect(vms.map((vm) => inputsOf<VmInputs>(vm).osProfile.computerName)).toEqual(["eur-apps-1", "eur-apps-2"]);

        for (const nic of engine.ofType(NIC)) {
            expect(nic.inputs.tags).toEqual({ "connector-group": "eur-apps", "connector-kind": "entra-private-network" });
            const configurations = nic.inputs.ipConfigurations as Record<string, unknown>[];
            expect(configurations).toHaveLength(1);
            expect(configurations[0]).toEqual({
                name: "primary",
                primary: true,
                privateIPAllocationMethod: "Dynamic",
                subnet: { id: SUBNET_ID },
            });
            expect(JSON.stringify(nic.inputs)).not.toMatch(/publicIPAddress|networkSecurityGroup/i);
        }

        const memberships = engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership);
        expect(memberships.map((m) => m.inputs.machineName)).toEqual(["eur-apps-1", "eur-apps-2"]);
        for (const membership of memberships) {
            expect(membership.inputs).toMatchObject({ connectorGroupName: "eur-apps", waitTimeoutSeconds: 1800 });
            expect(membership.inputs.connectorGroupId).toBe(groupId);
        }

        expect(hostIds).toEqual(vms.map((vm) => expect.stringContaining(`/virtualMachines/${vm.name}`)));
        expect(privateIps).toHaveLength(2);
        expect(privateIps.every((ip) => /^10\.0\.0\.\d+$/.test(ip))).toBe(true);
        expect(group.machineNames).toEqual(["eur-apps-1", "eur-apps-2"]);
    });

    test("spreads hosts round-robin over the zones it is given", async () => {
        new ConnectorGroup("nam", groupArgs({ region: "nam", azure: { ...groupArgs().azure!, location: "eastus", count: 5, zones: ["2", "3"] } }));
        await engine.settle();
        expect(engine.ofType(VM).map((vm) => vm.inputs.zones)).toEqual([["2"], ["3"], ["2"], ["3"], ["2"]]);
    });

    test("orders each host's chain: domain join, then bootstrap, then the membership", async () => {
        new ConnectorGroup("sso", groupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }));
        await engine.settle();
        for (const index of [1, 2]) {
            const host = `sso-azure-${index}`;
            const vm = engine.find(VM, `${host}-vm`);
            const domainJoin = engine.find(EXTENSION, `${host}-domain-join`);
            const bootstrap = engine.find(EXTENSION, `${host}-bootstrap`);
            const membership = engine.find(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, `${host}-membership`);
            expect(domainJoin.dependencies).toContain(vm.urn);
            expect(bootstrap.dependencies).toEqual(expect.arrayContaining([vm.urn, domainJoin.urn]));
            expect(membership.dependencies).toEqual(expect.arrayContaining([bootstrap.urn, domainJoin.urn, vm.urn]));
            expect(reveal(domainJoin.inputs)).toMatchObject({
                publisher: "Microsoft.Compute",
                type: "JsonADDomainExtension",
                typeHandlerVersion: "1.3",
                settings: {
                    Name: "corp.example.com",
                    OUPath: "OU=Connectors,DC=corp,DC=example,DC=com",
                    User: "CORP\\svc-join",
                    Restart: "true",
                    Options: "3",
                },
                protectedSettings: { Password: DOMAIN_PASSWORD },
            });
            expect(reveal(bootstrap.inputs)).toMatchObject({
                publisher: "Microsoft.Compute",
                type: "CustomScriptExtension",
                typeHandlerVersion: "1.10",
            });
            expect((bootstrap.inputs as Record<string, unknown>).settings).toBeUndefined();
        }
    });

    test("registers a non-secret summary that the plan and the policies read", async () => {
        new ConnectorGroup("eur-apps", groupArgs({ displayName: "EU apps", servesSso: true, domainJoin: DOMAIN_JOIN }));
        await engine.settle();
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "eur-apps").inputs as unknown as ConnectorGroupSummary;
        expect(summary).toEqual({
            displayName: "EU apps",
            region: "eur",
            servesSso: true,
            allowSingleConnector: false,
            hosts: [1, 2].map((n) => ({
                machineName: `eur-apps-${n}`,
                platform: "azure",
                cloudRegion: "westeurope",
                zone: String(n),
                size: "Standard_D4ls_v5",
                image: "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest",
                domainJoined: true,
            })),
        });
    });

    test("keeps every secret a secret wherever it reaches a resource, and nowhere else", async () => {
        new ConnectorGroup("eur-apps", groupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }));
        await engine.settle();
        const expectations: [string, string, (name: string) => boolean][] = [
            ["registration token", REGISTRATION_TOKEN, (name) => name.endsWith("-bootstrap")],
            ["admin password", ADMIN_PASSWORD, (name) => name.endsWith("-vm")],
            ["domain password", DOMAIN_PASSWORD, (name) => name.endsWith("-domain-join")],
        ];
        for (const [, secret, reaches] of expectations) {
            const holders: string[] = [];
            for (const registration of engine.registrations) {
                const where = whereMentioned(registration.inputs, secret);
                expect({ resource: registration.name, plain: where.plain }).toEqual({ resource: registration.name, plain: [] });
                if (where.secret.length > 0) {
                    holders.push(registration.name);
                }
            }
            expect(holders.sort()).toEqual(engine.registrations.map((r) => r.name).filter(reaches).sort());
            expect(holders).toHaveLength(2);
        }
        // The whole top-level property is secret, not only the value inside it.
        for (const bootstrap of engine.ofType(EXTENSION).filter((r) => r.name.endsWith("-bootstrap"))) {
            expect(isSecret(bootstrap.inputs.protectedSettings)).toBe(true);
        }
        for (const vm of engine.ofType(VM)) {
            expect(isSecret(vm.inputs.osProfile)).toBe(true);
            expect(isSecret(vm.inputs.userData)).toBe(false);
        }
    });

    test("makes a plain-string token a secret too", async () => {
        new ConnectorGroup("eur-apps", groupArgs({ registration: { tenantId: groupArgs().registration.tenantId, token: pulumi.output(REGISTRATION_TOKEN) } }));
        await engine.settle();
        for (const bootstrap of engine.ofType(EXTENSION)) {
            expect(isSecret(bootstrap.inputs.protectedSettings)).toBe(true);
        }
    });

    test("exposes its outputs: group id, host ids, private IPs, connector ids", async () => {
        const group = new ConnectorGroup("eur-apps", groupArgs());
        const connectorIds = await outputOf(group.connectorIds);
        await engine.settle();
        expect(connectorIds).toEqual(["connector-eur-apps-azure-1-membership", "connector-eur-apps-azure-2-membership"]);
    });

    test("logs a warning, and still builds, for a single connector that the user allowed", async () => {
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            new ConnectorGroup("lab", groupArgs({ allowSingleConnector: true, azure: { ...groupArgs().azure!, count: 1 } }));
            await engine.settle();
            expect(engine.ofType(VM)).toHaveLength(1);
            expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ConnectorGroup "lab": hosts = 1: .*at least 2 connectors/), expect.anything());
        } finally {
            warn.mockRestore();
        }
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, () => ConstructorParameters<typeof ConnectorGroup>[1], RegExp][] = [
            [
                "one connector",
                () => groupArgs({ azure: { ...groupArgs().azure!, count: 1 } }),
                /hosts = 1: a connector group needs at least 2 connectors for high availability; this one would have 1; add a host, or set allowSingleConnector/,
            ],
            [
                "an undersized VM",
                () => groupArgs({ azure: { ...groupArgs().azure!, vmSize: "Standard_D2s_v5" } }),
                /azure\.vmSize = "Standard_D2s_v5": has 2 vCPU, 8 GiB; a connector host needs at least 4 vCPU, 8 GiB/,
            ],
            [
                "an unknown VM size",
                () => groupArgs({ azure: { ...groupArgs().azure!, vmSize: "Standard_X99" } }),
                /azure\.vmSize = "Standard_X99": is not in the Azure size catalogue.*azure\.sizeOverride/,
            ],
            [
                "a Server Core image",
                () =>
                    groupArgs({
                        azure: {
                            ...groupArgs().azure!,
                            image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-core-g2", version: "latest" },
                        },
                    }),
                /azure\.image = "MicrosoftWindowsServer:WindowsServer:2022-datacenter-core-g2:latest": .* is Server Core; the connector needs the Desktop Experience/,
            ],
            [
                "Windows Server 2016",
                () =>
                    groupArgs({
                        azure: {
                            ...groupArgs().azure!,
                            image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2016-datacenter", version: "latest" },
                        },
                    }),
                /azure\.image = .*2016-datacenter.*: .*Windows Server 2016; connector hosts must run Windows Server 2022 or later\. Windows Server 2016 reaches end of life in January 2027/,
            ],
            ["an unknown region", () => groupArgs({ region: "mars" }), /region = "mars": is not a connector-group region; use one of nam, eur, aus, asia, ind, japan/],
            [
                "SSO without domain join",
                () => groupArgs({ servesSso: true }),
                /servesSso = true: a group that serves SSO apps \(Kerberos constrained delegation\) needs its connectors joined to the domain; set domainJoin/,
            ],
            ["a name that reads as the default group", () => groupArgs({ displayName: "Default" }), /displayName = "Default": reads as the tenant's default connector group/],
            [
                "a computer name over 15 characters",
                () => groupArgs({ azure: { ...groupArgs().azure!, computerNamePrefix: "connectors-westeu" } }),
                /azure\.computerNamePrefix = "connectors-westeu": gives host 1 the computer name "connectors-westeu-1": a Windows computer name has at most 15 characters/,
            ],
            ["a bad zone", () => groupArgs({ azure: { ...groupArgs().azure!, zones: ["1", "4"] } }), /azure\.zones\[1\] = "4": must be one of "1", "2", "3"/],
            ["no registration token", () => groupArgs({ registration: { tenantId: groupArgs().registration.tenantId, token: "" } }), /registration\.token = \(not set\): a secret is required here/],
        ];
        test.each(cases)("%s", async (_label, args, message) => {
            await expectRefusedBeforeRegistering(engine, () => new ConnectorGroup("eur-apps", args()), 'ConnectorGroup "eur-apps"', message);
        });

        test("lists every problem at once, and no secret", async () => {
            let error: unknown;
            try {
                new ConnectorGroup("x", groupArgs({ region: "mars", servesSso: true, azure: { ...groupArgs().azure!, count: 1, vmSize: "Standard_B2s" } }));
            } catch (caught) {
                error = caught;
            }
            const issues = (error as InputValidationError).issues.map((issue) => issue.field);
            expect(issues).toEqual(expect.arrayContaining(["region", "servesSso", "azure.vmSize"]));
            for (const secret of [REGISTRATION_TOKEN, ADMIN_PASSWORD]) {
                expect((error as Error).message).not.toContain(secret);
            }
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});
