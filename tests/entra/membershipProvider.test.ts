import { dynamicProviderImplementations } from "connector-topology/graph";
import { useGraphEmulator } from "../graph/support/emulator";
import { created, updated } from "../graph/support/provider";

const provider = dynamicProviderImplementations.membership;
const graph = useGraphEmulator();

beforeEach(() => {
    graph.get().clearFaults();
    graph.get().resetRequestLog();
});

function inputs(groupId: string, machineName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { connectorGroupId: groupId, connectorGroupName: "apps", machineName, graphEndpoint: graph.get().endpoint, ...extra };
}

function groupOf(connectorId: string): string | undefined {
    return graph.get().connectors().find((c) => c.id === connectorId)?.connectorGroupId;
}

describe("ConnectorGroupMembership provider", () => {
    it("moves the host's connector into the group, matching a short name to the registered FQDN", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const connector = graph.get().addConnector({ machineName: "conn-a1.corp.example" });
        const { id, outs } = await created(provider, inputs(group.id, "CONN-A1"));
        expect(id).toBe(connector.id);
        expect(outs).toEqual(
            expect.objectContaining({
                connectorId: connector.id,
                connectorMachineName: "conn-a1.corp.example",
                previousConnectorGroupId: graph.get().defaultGroupId,
                waitTimeoutSeconds: 1800,
            }),
        );
        expect(groupOf(connector.id)).toBe(group.id);
    });

    it("is a no-op for a connector already in the group, and a re-run sees no change", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const connector = graph.get().addConnector({ machineName: "conn-a2", connectorGroupId: group.id });
        const { id, outs } = await created(provider, inputs(group.id, "conn-a2"));
        expect(outs.previousConnectorGroupId).toBe(group.id);
        expect((await updated(provider, id, outs, inputs(group.id, "conn-a2"))).diff.changes).toBe(false);
        expect(await provider.read!(id, outs)).toEqual({ id: connector.id, props: outs });
        expect(graph.get().requestCounts()).not.toHaveProperty("POST /connectors/{id}/memberOf/$ref");
    });

    it("waits for a connector that registers later, ignoring an inactive one of the same host", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        graph.get().addConnector({ machineName: "conn-a3", status: "inactive" });
        const registered = graph.get().whenRequested("GET /connectors", 2).then(() => graph.get().addConnector({ machineName: "CONN-A3" }));
        const { id } = await created(provider, inputs(group.id, "conn-a3"));
        expect(id).toBe((await registered).id);
        expect(groupOf(id)).toBe(group.id);
        expect(graph.get().requestCounts()["GET /connectors"]).toBe(2);
    });

    it("gives up at the timeout with a clear error, polling sparingly", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        await expect(created(provider, inputs(group.id, "never-there", { waitTimeoutSeconds: 10 }))).rejects.toThrow(
            /^Timed out after \d+ s \(\d polls\) waiting for the connector on "never-there" to register and turn active\. No connector with that machine name is registered\./,
        );
        // Pauses of about 2, 4 and 8 s: a handful of polls in 10 s, not a loop hammering Graph.
        const polls = graph.get().requestCounts()["GET /connectors"];
        expect(polls).toBeGreaterThanOrEqual(3);
        expect(polls).toBeLessThanOrEqual(6);
    });

    it("moves the connector when the group changes, in place", async () => {
        const first = graph.get().addConnectorGroup({ name: "first" });
        const second = graph.get().addConnectorGroup({ name: "second" });
        const connector = graph.get().addConnector({ machineName: "conn-a4" });
        const { id, outs } = await created(provider, inputs(first.id, "conn-a4"));
        const moved = await updated(provider, id, outs, inputs(second.id, "conn-a4", { connectorGroupName: "second" }));
        expect(moved.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(moved.outs).toEqual(expect.objectContaining({ connectorGroupId: second.id, connectorId: connector.id }));
        expect(groupOf(connector.id)).toBe(second.id);
    });

    it("replaces the membership for another host, but not for the same host spelled differently", async () => {
        const state = inputs("g", "conn-a5");
        expect((await provider.diff!("c", state, inputs("g", "CONN-A5"))).replaces).toEqual([]);
        expect((await provider.diff!("c", state, inputs("g", "conn-a6"))).replaces).toEqual(["machineName"]);
    });

    it("reports a connector moved elsewhere as drift, and one removed by the service as gone", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const other = graph.get().addConnectorGroup({ name: "other" });
        const connector = graph.get().addConnector({ machineName: "conn-a7" });
        const { id, outs } = await created(provider, inputs(group.id, "conn-a7"));
        graph.get().addConnector({ machineName: "unrelated" });
        graph.get().setConnectorStatus(connector.id, "inactive");
        await dynamicProviderImplementations.membership.update!(id, outs, inputs(other.id, "conn-a7"));
        const refreshed = await provider.read!(id, outs);
        expect(refreshed.props?.connectorGroupId).toBe(other.id);
        graph.get().removeConnector(connector.id);
        expect(await provider.read!(id, outs)).toEqual({ id: "", props: outs });
    });

    it("on delete, moves the connector back to the default group so that its group can be deleted", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const connector = graph.get().addConnector({ machineName: "conn-a8" });
        const { id, outs } = await created(provider, inputs(group.id, "conn-a8"));
        graph.get().setConnectorStatus(connector.id, "inactive");
        await provider.delete!(id, outs);
        expect(groupOf(connector.id)).toBe(graph.get().defaultGroupId);
        // The connector itself stays: Graph cannot delete it.
        expect(graph.get().connectors().some((c) => c.id === connector.id)).toBe(true);
        await dynamicProviderImplementations.connectorGroup.delete!(group.id, { displayName: "apps", graphEndpoint: graph.get().endpoint });
        expect(graph.get().connectorGroups().some((g) => g.id === group.id)).toBe(false);
    });

    it("on delete, leaves alone a connector moved elsewhere meanwhile, or already removed", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const elsewhere = graph.get().addConnectorGroup({ name: "elsewhere" });
        const moved = graph.get().addConnector({ machineName: "conn-a9", connectorGroupId: elsewhere.id });
        await provider.delete!(moved.id, inputs(group.id, "conn-a9"));
        expect(groupOf(moved.id)).toBe(elsewhere.id);
        await provider.delete!("00000000-0000-0000-0000-000000000000", inputs(group.id, "gone"));
        expect(graph.get().requestCounts()).not.toHaveProperty("POST /connectors/{id}/memberOf/$ref");
    });

    it("refuses bad input with the field, the value and the rule", async () => {
        const check = await provider.check!({}, inputs("", "conn-with-a-far-too-long-name", { waitTimeoutSeconds: 5 }));
        expect(check.failures).toEqual([
            { property: "connectorGroupId", reason: expect.stringMatching(/^"": is required/) },
            { property: "machineName", reason: expect.stringMatching(/^"conn-with-a-far-too-long-name": its computer name .* has 29 characters; Windows computer names have at most 15$/) },
            { property: "waitTimeoutSeconds", reason: "5: must be a number of seconds from 10 to 7200" },
        ]);
    });
});
