/**
 * How many Graph calls one connector group with N connectors and M apps costs, measured against the emulator. It must
 * grow linearly: 2 to create the group, 3 per connector (find it, read its group, move it), 3 per app (read the target
 * group, read the app's group, assign it). The figures hold when every connector has registered already; a connector
 * still installing adds one list call per poll (pauses of 2 s doubling to 30 s). A replaced host costs its membership
 * 6 calls: find the new connector, read its group, move it, read the old connector's group, find the default group,
 * move the old connector there.
 */
import { dynamicProviderImplementations } from "connector-topology/graph";
import { useGraphEmulator } from "../graph/support/emulator";
import { created, updated } from "../graph/support/provider";

const graph = useGraphEmulator();
const { connectorGroup, membership, assignment } = dynamicProviderImplementations;

async function deploy(name: string, connectors: number, apps: number): Promise<Record<string, number>> {
    const emulator = graph.get();
    const endpoint = emulator.endpoint;
    const hosts = Array.from({ length: connectors }, (_, i) => emulator.addConnector({ machineName: `${name}-${i}.corp.example` }));
    const published = Array.from({ length: apps }, (_, i) => emulator.addApplication({ displayName: `${name} app ${i}`, applicationType: "nonwebapp" }));
    emulator.resetRequestLog();
    const group = await created(connectorGroup, { displayName: name, region: "eur", graphEndpoint: endpoint });
    await Promise.all([
        ...hosts.map((host) =>
            created(membership, { connectorGroupId: group.id, connectorGroupName: name, machineName: host.machineName.split(".")[0], graphEndpoint: endpoint }),
        ),
        ...published.map((app) =>
            created(assignment, { applicationObjectId: app.id, connectorGroupId: group.id, connectorGroupName: name, graphEndpoint: endpoint }),
        ),
    ]);
    const counts = emulator.requestCounts();
    delete counts["GET /msi/token"];
    return counts;
}

describe("Graph calls per deployment", () => {
    it.each([
        [1, 1],
        [2, 0],
        [4, 3],
        [10, 10],
    ])("a group with %i connectors and %i apps costs 2 + 3N + 3M calls", async (connectors, apps) => {
        const counts = await deploy(`calls-${connectors}-${apps}`, connectors, apps);
        expect(counts).toEqual({
            "GET /connectorGroups": 1,
            "POST /connectorGroups": 1,
            ...(connectors > 0
                ? { "GET /connectors": connectors, "GET /connectors/{id}/memberOf": connectors, "POST /connectors/{id}/memberOf/$ref": connectors }
                : {}),
            ...(apps > 0
                ? { "GET /connectorGroups/{id}": apps, "GET /applications/{id}/connectorGroup": apps, "PUT /applications/{id}/connectorGroup/$ref": apps }
                : {}),
        });
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2 + 3 * connectors + 3 * apps);
    });
});

describe("Graph calls when hosts are replaced", () => {
    it.each([1, 2, 5])("replacing %i hosts costs 6 calls each, once their new connectors have registered", async (replacedHosts) => {
        const emulator = graph.get();
        const endpoint = emulator.endpoint;
        const group = emulator.addConnectorGroup({ name: `swap-${replacedHosts}` });
        const machineNames = Array.from({ length: replacedHosts }, (_, i) => `swap${replacedHosts}-${i}`);
        const raw = (machineName: string, hostUniqueId: string) => ({
            connectorGroupId: group.id,
            connectorGroupName: group.name,
            machineName,
            hostUniqueId,
            graphEndpoint: endpoint,
        });
        const memberships = await Promise.all(
            machineNames.map(async (machineName) => {
                emulator.addConnector({ machineName });
                return { machineName, ...(await created(membership, raw(machineName, `${machineName}-vm-1`))) };
            }),
        );
        for (const machineName of machineNames) {
            emulator.addConnector({ machineName });
        }
        emulator.resetRequestLog();
        await Promise.all(memberships.map(({ machineName, id, outs }) => updated(membership, id, outs, raw(machineName, `${machineName}-vm-2`))));
        const counts = emulator.requestCounts();
        delete counts["GET /msi/token"];
        expect(counts).toEqual({
            "GET /connectors": replacedHosts,
            "GET /connectors/{id}/memberOf": 2 * replacedHosts,
            "POST /connectors/{id}/memberOf/$ref": 2 * replacedHosts,
            "GET /connectorGroups": replacedHosts,
        });
        expect(emulator.connectors().filter((c) => c.connectorGroupId === group.id)).toHaveLength(replacedHosts);
    });
});
