import { GraphClient, UNKNOWN_VALUE, dynamicProviderImplementations, moveConnectorToGroup } from "connector-topology/graph";
import { useGraphEmulator } from "../graph/support/emulator";
import { created, replaced, updated } from "../graph/support/provider";

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
        // The membership's id is its own: the connector it manages can change when its host is replaced.
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(id).not.toBe(connector.id);
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
        expect(outs.connectorId).toBe(connector.id);
        expect(await provider.read!(id, outs)).toEqual({ id, props: outs });
        expect(graph.get().requestCounts()).not.toHaveProperty("POST /connectors/{id}/memberOf/$ref");
    });

    it("waits for a connector that registers later, ignoring an inactive one of the same host", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        graph.get().addConnector({ machineName: "conn-a3", status: "inactive" });
        const registered = graph.get().whenRequested("GET /connectors", 2).then(() => graph.get().addConnector({ machineName: "CONN-A3" }));
        const { outs } = await created(provider, inputs(group.id, "conn-a3"));
        expect(outs.connectorId).toBe((await registered).id);
        expect(groupOf(outs.connectorId as string)).toBe(group.id);
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
        // Compared with the name the connector registered: its FQDN is the same host, another domain's is not.
        const recorded = { ...state, connectorMachineName: "conn-a5.corp.example" };
        expect(await provider.diff!("c", recorded, inputs("g", "conn-a5.corp.example"))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect((await provider.diff!("c", recorded, inputs("g", "conn-a5.other.example"))).replaces).toEqual(["machineName"]);
    });

    it("respells the host in place, leaving its connector in the group", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const connector = graph.get().addConnector({ machineName: "conn-a10.corp.example" });
        const { id, outs } = await created(provider, inputs(group.id, "conn-a10"));
        const respelled = await updated(provider, id, outs, inputs(group.id, "CONN-A10.corp.example"));
        expect(respelled.outs).toEqual(expect.objectContaining({ machineName: "CONN-A10.corp.example", connectorId: connector.id }));
        expect(groupOf(connector.id)).toBe(group.id);
        expect(graph.get().requestCounts()["POST /connectors/{id}/memberOf/$ref"]).toBe(1);
    });

    it("for another host, creates the new membership first, and the old one's delete moves only the old connector", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const before = graph.get().addConnector({ machineName: "conn-a11" });
        const after = graph.get().addConnector({ machineName: "conn-a12" });
        const first = await created(provider, inputs(group.id, "conn-a11"));
        const second = await replaced(provider, first.id, first.outs, inputs(group.id, "conn-a12"));
        expect(second.diff).toEqual({ changes: true, replaces: ["machineName"], deleteBeforeReplace: false });
        expect(second.outs.connectorId).toBe(after.id);
        expect(groupOf(after.id)).toBe(group.id);
        expect(groupOf(before.id)).toBe(graph.get().defaultGroupId);
    });

    it("survives its own replacement (pulumi up --replace, a renamed resource): the successor keeps the connector in the group", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const connector = graph.get().addConnector({ machineName: "conn-a13" });
        const first = await created(provider, inputs(group.id, "conn-a13"));
        graph.get().resetRequestLog();
        // Create-before-delete, as Pulumi replaces by default and handles a renamed resource: the old membership's
        // delete comes after its successor has taken the connector over.
        const second = await replaced(provider, first.id, first.outs, inputs(group.id, "conn-a13"), { forced: true });
        expect(second.id).not.toBe(first.id);
        expect(second.outs.connectorId).toBe(connector.id);
        expect(groupOf(connector.id)).toBe(group.id);
        expect(graph.get().requestCounts()).not.toHaveProperty("POST /connectors/{id}/memberOf/$ref");
        // Delete-before-replace moves it out and back in.
        await provider.delete!(second.id, second.outs);
        expect(groupOf(connector.id)).toBe(graph.get().defaultGroupId);
        const third = await created(provider, inputs(group.id, "conn-a13"));
        expect(groupOf(connector.id)).toBe(group.id);
        // Destroying the stack releases it.
        await provider.delete!(third.id, third.outs);
        expect(groupOf(connector.id)).toBe(graph.get().defaultGroupId);
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
        const check = await provider.check!({}, inputs("", "conn-with-a-far-too-long-name", { waitTimeoutSeconds: 5, hostUniqueId: " " }));
        expect(check.failures).toEqual([
            { property: "connectorGroupId", reason: expect.stringMatching(/^"": is required/) },
            { property: "machineName", reason: expect.stringMatching(/^"conn-with-a-far-too-long-name": its computer name .* has 29 characters; Windows computer names have at most 15$/) },
            { property: "hostUniqueId", reason: expect.stringMatching(/^" ": must be a non-empty string: the id the cloud gives the host VM alone/) },
            { property: "waitTimeoutSeconds", reason: "5: must be a number of seconds from 10 to 7200" },
        ]);
    });
});

describe("ConnectorGroupMembership provider, when its host is replaced", () => {
    /** A group with the connector of host `machineName` (unique id `vm-1`) in it, through the provider. */
    async function joined(machineName: string) {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const old = graph.get().addConnector({ machineName });
        const membership = await created(provider, inputs(group.id, machineName, { hostUniqueId: "vm-1" }));
        expect(groupOf(old.id)).toBe(group.id);
        graph.get().resetRequestLog();
        return { group, old, ...membership };
    }

    it("is an update in place, also during a preview, so that the membership outlives a host deleted first", async () => {
        const state = { ...inputs("g", "conn-r0", { hostUniqueId: "vm-1" }), connectorId: "c", connectorMachineName: "conn-r0" };
        const inPlace = { changes: true, replaces: [], deleteBeforeReplace: false };
        expect(await provider.diff!("m", state, inputs("g", "conn-r0", { hostUniqueId: "vm-2" }))).toEqual(inPlace);
        // Pulumi asks this, with the host's outputs unknown, before it deletes a host that is replaced
        // delete-before-replace (a GCP instance keeps its name): a replacement would delete the membership with it.
        expect(await provider.diff!("m", state, inputs("g", "conn-r0", { hostUniqueId: UNKNOWN_VALUE }))).toEqual(inPlace);
        expect((await provider.diff!("m", state, inputs("g", "conn-r0", { hostUniqueId: "vm-1" }))).changes).toBe(false);
    });

    it("while the old host still runs (create-before-delete), waits past its active connector for the new one", async () => {
        const { group, old, id, outs } = await joined("conn-r1");
        const registered = graph.get().whenRequested("GET /connectors", 2).then(() => graph.get().addConnector({ machineName: "conn-r1.corp.example" }));
        const replacement = await updated(provider, id, outs, inputs(group.id, "conn-r1", { hostUniqueId: "vm-2" }));
        const fresh = await registered;
        expect(replacement.outs).toEqual(
            expect.objectContaining({
                hostUniqueId: "vm-2",
                connectorId: fresh.id,
                connectorMachineName: "conn-r1.corp.example",
                previousConnectorGroupId: graph.get().defaultGroupId,
            }),
        );
        expect(groupOf(fresh.id)).toBe(group.id);
        // The old connector leaves the group at once: dead once its host is deleted, it would stay a member 10 days.
        expect(groupOf(old.id)).toBe(graph.get().defaultGroupId);
        expect(graph.get().requestCounts()["GET /connectors"]).toBe(2);
        // Pulumi then deletes the old host; the next run sees nothing to do.
        graph.get().setConnectorStatus(old.id, "inactive");
        expect((await updated(provider, id, replacement.outs, inputs(group.id, "conn-r1", { hostUniqueId: "vm-2" }))).diff.changes).toBe(false);
        expect(await provider.read!(id, replacement.outs)).toEqual({ id, props: replacement.outs });
    });

    it("with both hosts' connectors listed as active, takes the one it did not record", async () => {
        const { group, old, id, outs } = await joined("conn-r2");
        const fresh = graph.get().addConnector({ machineName: "conn-r2" });
        const replacement = await updated(provider, id, outs, inputs(group.id, "conn-r2", { hostUniqueId: "vm-2" }));
        expect(replacement.outs.connectorId).toBe(fresh.id);
        expect(groupOf(fresh.id)).toBe(group.id);
        expect(groupOf(old.id)).toBe(graph.get().defaultGroupId);
        expect(graph.get().requestCounts()["GET /connectors"]).toBe(1);
    });

    it("with the old host deleted first (delete-before-replace), takes the active connector over the inactive one", async () => {
        const { group, old, id, outs } = await joined("conn-r3");
        graph.get().setConnectorStatus(old.id, "inactive");
        const registered = graph.get().whenRequested("GET /connectors", 2).then(() => graph.get().addConnector({ machineName: "CONN-R3" }));
        const replacement = await updated(provider, id, outs, inputs(group.id, "conn-r3", { hostUniqueId: "vm-2" }));
        expect(replacement.outs.connectorId).toBe((await registered).id);
        expect(graph.get().connectors().filter((c) => c.connectorGroupId === group.id).map((c) => c.id)).toEqual([replacement.outs.connectorId]);
        expect(groupOf(old.id)).toBe(graph.get().defaultGroupId);
    });

    it("with the old connector already removed by the service, moves the new one in", async () => {
        const { group, old, id, outs } = await joined("conn-r4");
        graph.get().removeConnector(old.id);
        const fresh = graph.get().addConnector({ machineName: "conn-r4" });
        const replacement = await updated(provider, id, outs, inputs(group.id, "conn-r4", { hostUniqueId: "vm-2" }));
        expect(replacement.outs.connectorId).toBe(fresh.id);
        expect(groupOf(fresh.id)).toBe(group.id);
    });

    it("leaves the old connector where someone else moved it", async () => {
        const { group, old, id, outs } = await joined("conn-r5");
        const elsewhere = graph.get().addConnectorGroup({ name: "elsewhere" });
        await dynamicProviderImplementations.membership.update!(id, outs, inputs(elsewhere.id, "conn-r5", { hostUniqueId: "vm-1" }));
        graph.get().addConnector({ machineName: "conn-r5" });
        await updated(provider, id, outs, inputs(group.id, "conn-r5", { hostUniqueId: "vm-2" }));
        expect(groupOf(old.id)).toBe(elsewhere.id);
    });

    it("when the wait fails, keeps the old connector in the group, and the next run asks again", async () => {
        const { group, old, id, outs } = await joined("conn-r6");
        const news = inputs(group.id, "conn-r6", { hostUniqueId: "vm-2" });
        // Any failure of the wait; a timeout (tests/graph/connectors.test.ts) names the old connector, never taken.
        graph.get().injectFault({ route: "GET /connectors", kind: "error", status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges." });
        await expect(updated(provider, id, outs, news)).rejects.toThrow(/Insufficient privileges/);
        // Pulumi keeps the old state after a failed update: the old connector still serves, and the diff still asks.
        expect(groupOf(old.id)).toBe(group.id);
        expect(await provider.diff!(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("on delete after a replacement, moves the new host's connector out, and only it", async () => {
        const { group, old, id, outs } = await joined("conn-r7");
        const fresh = graph.get().addConnector({ machineName: "conn-r7" });
        const replacement = await updated(provider, id, outs, inputs(group.id, "conn-r7", { hostUniqueId: "vm-2" }));
        // Say the old connector was put back by hand: the delete acts on the connector it recorded, not by name.
        await moveBack(old.id, group.id);
        graph.get().resetRequestLog();
        await provider.delete!(id, replacement.outs);
        expect(groupOf(fresh.id)).toBe(graph.get().defaultGroupId);
        expect(groupOf(old.id)).toBe(group.id);
        expect(graph.get().requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([
            expect.stringContaining(`/connectors/${fresh.id}/memberOf/$ref`),
        ]);
    });

    it("only records a host id given for the first time (a membership created before the input existed)", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const connector = graph.get().addConnector({ machineName: "conn-r8" });
        const { id, outs } = await created(provider, inputs(group.id, "conn-r8"));
        graph.get().addConnector({ machineName: "conn-r8" });
        graph.get().resetRequestLog();
        const recorded = await updated(provider, id, outs, inputs(group.id, "conn-r8", { hostUniqueId: "vm-1" }));
        expect(recorded.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(recorded.outs).toEqual(expect.objectContaining({ hostUniqueId: "vm-1", connectorId: connector.id }));
        expect(graph.get().requestCounts()).toEqual({ "GET /connectors/{id}/memberOf": 1 });
        expect((await updated(provider, id, recorded.outs, inputs(group.id, "conn-r8", { hostUniqueId: "vm-1" }))).diff.changes).toBe(false);
    });

    it("follows a state written when a membership's id was its connector's, and one imported by the connector's id", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const old = graph.get().addConnector({ machineName: "conn-r9", connectorGroupId: group.id });
        const state = {
            ...inputs(group.id, "conn-r9", { hostUniqueId: "vm-1", waitTimeoutSeconds: 1800 }),
            connectorId: old.id,
            connectorMachineName: "conn-r9",
            previousConnectorGroupId: graph.get().defaultGroupId,
        };
        const fresh = graph.get().addConnector({ machineName: "conn-r9" });
        const replacement = await updated(provider, old.id, state, inputs(group.id, "conn-r9", { hostUniqueId: "vm-2" }));
        expect(replacement.outs.connectorId).toBe(fresh.id);
        expect(groupOf(fresh.id)).toBe(group.id);
        expect(groupOf(old.id)).toBe(graph.get().defaultGroupId);
        expect((await provider.read!(old.id, replacement.outs)).props).toEqual(replacement.outs);
        // `pulumi import` reads by id, with no state yet.
        expect((await provider.read!(fresh.id, { graphEndpoint: graph.get().endpoint })).props).toEqual(
            expect.objectContaining({ connectorId: fresh.id, connectorGroupId: group.id, connectorMachineName: "conn-r9" }),
        );
    });
});

/** Moves a connector the way an admin does in the admin center (through Graph, outside the provider). */
async function moveBack(connectorId: string, groupId: string): Promise<void> {
    const client = new GraphClient({ endpoint: graph.get().endpoint });
    await moveConnectorToGroup(client, connectorId, groupId);
}
