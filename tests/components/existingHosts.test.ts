/** Existing hosts and mixed groups: servers the stack does not build, alone or next to Azure hosts. */
import * as pulumi from "@pulumi/pulumi";
import {
    COMPONENT_TYPES,
    ConnectorGroup,
    type ConnectorGroupArgs,
    type ConnectorGroupSummary,
    ENTRA_RESOURCE_TYPES,
    InputValidationError,
    renderConnectorBootstrap,
} from "connector-topology";
import { runPlan, type Topology } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { ADMIN_PASSWORD, DOMAIN_JOIN, groupArgs, REGISTRATION_TOKEN, TENANT_ID } from "./fixtures";
import { type MockEngine, outputOf, startMockEngine, whereMentioned } from "./harness";

const MEMBERSHIP = ENTRA_RESOURCE_TYPES.ConnectorGroupMembership;
const VM = "azure-native:compute:VirtualMachine";
const EXTENSION = "azure-native:compute:VirtualMachineExtension";

/** A group of two on-premises servers only. */
function onPremisesArgs(overrides: Partial<ConnectorGroupArgs> = {}): ConnectorGroupArgs {
    return {
        region: "eur",
        registration: { tenantId: TENANT_ID },
        existingHosts: [
            { machineName: "CONN-PAR-1", domainJoined: true, location: "on-premises, Paris" },
            { machineName: "conn-par-2.corp.example.com", domainJoined: true },
        ],
        ...overrides,
    };
}

/** One Azure host and one on-premises server. */
function mixedArgs(overrides: Partial<ConnectorGroupArgs> = {}): ConnectorGroupArgs {
    return groupArgs({
        azure: { ...groupArgs().azure!, count: 1 },
        existingHosts: [{ machineName: "CONN-PAR-1" }],
        ...overrides,
    });
}

describe("ConnectorGroup with existing hosts", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("manages only the memberships of servers it does not build, named after their machine names", async () => {
        const group = new ConnectorGroup("onprem", onPremisesArgs());
        const [connectorIds, hostIds, privateIps] = await Promise.all([
            outputOf(group.connectorIds),
            outputOf(group.hostIds),
            outputOf(group.privateIps),
        ]);
        await engine.settle();

        expect(engine.registrations.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
            [
                `${COMPONENT_TYPES.ConnectorGroup} onprem`,
                `${ENTRA_RESOURCE_TYPES.ConnectorGroup} onprem`,
                `${MEMBERSHIP} onprem-existing-conn-par-1-membership`,
                `${MEMBERSHIP} onprem-existing-conn-par-2.corp.example.com-membership`,
            ].sort(),
        );
        const entraGroup = engine.find(ENTRA_RESOURCE_TYPES.ConnectorGroup, "onprem");
        for (const membership of engine.ofType(MEMBERSHIP)) {
            expect(membership.inputs).toMatchObject({ connectorGroupName: "onprem", waitTimeoutSeconds: 1800 });
            expect(membership.dependencies).toEqual([entraGroup.urn]);
        }
        expect(engine.ofType(MEMBERSHIP).map((m) => m.inputs.machineName).sort()).toEqual(["CONN-PAR-1", "conn-par-2.corp.example.com"]);
        expect(group.machineNames).toEqual(["CONN-PAR-1", "conn-par-2.corp.example.com"]);
        expect(connectorIds).toEqual([
            "connector-onprem-existing-conn-par-1-membership",
            "connector-onprem-existing-conn-par-2.corp.example.com-membership",
        ]);
        expect([hostIds, privateIps]).toEqual([[], []]);
    });

    test("lists them in its summary as platform existing, as declared", async () => {
        new ConnectorGroup("onprem", onPremisesArgs({ servesSso: true }));
        await engine.settle();
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "onprem").inputs as unknown as ConnectorGroupSummary;
        expect(summary).toEqual({
            displayName: "onprem",
            region: "eur",
            servesSso: true,
            allowSingleConnector: false,
            hosts: [
                { machineName: "CONN-PAR-1", platform: "existing", domainJoined: true, location: "on-premises, Paris" },
                { machineName: "conn-par-2.corp.example.com", platform: "existing", domainJoined: true },
            ],
        });
    });

    test("renames nothing when the list is reordered, so no membership is replaced", async () => {
        const [first, second] = onPremisesArgs().existingHosts!;
        new ConnectorGroup("a", onPremisesArgs());
        new ConnectorGroup("b", onPremisesArgs({ displayName: "a2", existingHosts: [second!, first!] }));
        await engine.settle();
        const suffixes = (group: string) =>
            engine
                .ofType(MEMBERSHIP)
                .filter((m) => m.name.startsWith(`${group}-`))
                .map((m) => m.name.slice(group.length))
                .sort();
        expect(suffixes("b")).toEqual(suffixes("a"));
    });

    test("offers the existing-host bootstrap as an output: the rendered script, without any secret", async () => {
        const group = new ConnectorGroup("onprem", onPremisesArgs({ registration: { tenantId: TENANT_ID, token: REGISTRATION_TOKEN } }));
        await engine.settle();
        expect(group.existingHostBootstrap).toBe(renderConnectorBootstrap({ cloud: "existing", tenantId: TENANT_ID }).script);
        expect(group.existingHostBootstrap).toContain("function Read-BootstrapSecrets");
        // The token is not needed by a group that builds no host, and reaches no resource.
        for (const registration of engine.registrations) {
            expect({ resource: registration.name, ...whereMentioned(registration.inputs, REGISTRATION_TOKEN) }).toEqual({
                resource: registration.name,
                secret: [],
                plain: [],
            });
        }
        expect(new ConnectorGroup("cloud-only", groupArgs()).existingHostBootstrap).toBeUndefined();
    });
});

describe("a mixed group: Azure hosts and existing hosts", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("counts both kinds: one Azure host and one server make the two connectors a group needs", async () => {
        const group = new ConnectorGroup("mix", mixedArgs());
        const connectorIds = await outputOf(group.connectorIds);
        await engine.settle();
        expect(engine.ofType(VM)).toHaveLength(1);
        expect(engine.ofType(MEMBERSHIP).map((m) => m.name).sort()).toEqual(["mix-azure-1-membership", "mix-existing-conn-par-1-membership"]);
        expect(group.machineNames).toEqual(["mix-1", "CONN-PAR-1"]);
        expect(connectorIds).toHaveLength(2);
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "mix").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.map((h) => [h.machineName, h.platform, h.zone])).toEqual([
            ["mix-1", "azure", "1"],
            ["CONN-PAR-1", "existing", undefined],
        ]);
    });

    test("waits for the Azure host's bootstrap, not for the server's", async () => {
        new ConnectorGroup("mix", mixedArgs());
        await engine.settle();
        const bootstrap = engine.find(EXTENSION, "mix-azure-1-bootstrap");
        expect(engine.find(MEMBERSHIP, "mix-azure-1-membership").dependencies).toContain(bootstrap.urn);
        const onPremises = engine.find(MEMBERSHIP, "mix-existing-conn-par-1-membership");
        expect(onPremises.dependencies).toEqual([engine.find(ENTRA_RESOURCE_TYPES.ConnectorGroup, "mix").urn]);
    });

    test("keeps the token a secret in the Azure bootstrap only, and out of the existing-host bootstrap", async () => {
        const group = new ConnectorGroup("mix", mixedArgs());
        await engine.settle();
        const holders = engine.registrations.filter((r) => whereMentioned(r.inputs, REGISTRATION_TOKEN).secret.length > 0).map((r) => r.name);
        expect(holders).toEqual(["mix-azure-1-bootstrap"]);
        for (const registration of engine.registrations) {
            expect(whereMentioned(registration.inputs, REGISTRATION_TOKEN).plain).toEqual([]);
            expect(whereMentioned(registration.inputs, ADMIN_PASSWORD).plain).toEqual([]);
        }
        expect(group.existingHostBootstrap).not.toContain("TOKEN-SECRET-7f3a");
        expect(engine.find(EXTENSION, "mix-azure-1-bootstrap").inputs.protectedSettings).toBeDefined();
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, () => ConnectorGroupArgs, RegExp][] = [
            [
                "a single server",
                () => onPremisesArgs({ existingHosts: [{ machineName: "CONN-PAR-1" }] }),
                /hosts = 1: a connector group needs at least 2 connectors for high availability; this one would have 1/,
            ],
            [
                "a server with an Azure host's machine name",
                () => mixedArgs({ existingHosts: [{ machineName: "MIX-1.corp.example.com" }] }),
                /hosts = "MIX-1\.corp\.example\.com": two hosts have the machine name "mix-1"/,
            ],
            [
                "a server not declared domain-joined in an SSO group",
                () => mixedArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }),
                /existingHosts\[0\]\.domainJoined = \(not set\): the group serves SSO apps/,
            ],
            [
                "a machine name Windows cannot have",
                () => onPremisesArgs({ existingHosts: [{ machineName: "conn_par_1" }, { machineName: "conn-par-2" }] }),
                /existingHosts\[0\]\.machineName = "conn_par_1": must be a host name/,
            ],
            [
                "Azure hosts without a token",
                () => mixedArgs({ registration: { tenantId: TENANT_ID } }),
                /registration\.token = \(not set\): a secret is required here/,
            ],
            ["no hosts of any kind", () => onPremisesArgs({ existingHosts: [] }), /hosts = \(not set\): a connector group needs hosts: declare them under azure, aws or gcp, or list the servers that already run its connectors under existingHosts/],
        ];
        test.each(cases)("%s", async (_label, args, message) => {
            let error: unknown;
            try {
                new ConnectorGroup("mix", args());
            } catch (caught) {
                error = caught;
            }
            expect(error).toBeInstanceOf(InputValidationError);
            expect((error as Error).message).toMatch(message);
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});

describe("existing hosts under the policy pack and in the plan's topology", () => {
    async function planOf(program: () => void) {
        const result = await runPlan({ inline: { projectName: "estate", program }, policies });
        const violations = (result.document["violations"] ?? []) as { policyName: string; enforcementLevel: string; message: string }[];
        return { result, violations, topology: result.document["topology"] as Topology };
    }

    test("a mixed group passes every policy, and the topology shows its platforms, zones and connectors", async () => {
        // The servers' connectors are registered already, so in some group: the pack reminds to restart them once moved.
        const { result, violations, topology } = await planOf(() => {
            new ConnectorGroup(
                "eur-apps",
                groupArgs({
                    servesSso: true,
                    domainJoin: DOMAIN_JOIN,
                    existingHosts: [
                        { machineName: "CONN-PAR-1", domainJoined: true },
                        { machineName: "CONN-PAR-2", domainJoined: true },
                    ],
                }),
            );
        });
        expect(violations.map((v) => [v.policyName, v.enforcementLevel])).toEqual([
            ["restart-connector-after-group-move", "advisory"],
            ["restart-connector-after-group-move", "advisory"],
        ]);
        expect(violations.map((v) => v.message)).toEqual([expect.stringContaining("CONN-PAR-1"), expect.stringContaining("CONN-PAR-2")]);
        expect(result.exitCode).toBe(0);
        expect(topology.groups).toEqual([
            expect.objectContaining({
                name: "eur-apps",
                region: "eur",
                platforms: ["azure", "existing"],
                connectors: 4,
                zones: ["westeurope-1", "westeurope-2"],
            }),
        ]);
        expect(result.text).toMatch(/eur-apps\s+eur \(Europe\)\s+azure, existing\s+4\s+westeurope-1, westeurope-2/);
    });

    test("the pack still counts a single allowed server, and flags it", async () => {
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            const { result, violations } = await planOf(() => {
                new ConnectorGroup("lab", onPremisesArgs({ allowSingleConnector: true, existingHosts: [{ machineName: "LAB-1", domainJoined: true }] }));
            });
            expect(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName)).toEqual(["min-connectors-per-group"]);
            expect(result.exitCode).toBe(1);
            expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ConnectorGroup "lab": hosts = 1: .*allowed by allowSingleConnector/), expect.anything());
        } finally {
            warn.mockRestore();
        }
    });
});
