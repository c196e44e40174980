import { dynamicProviderImplementations } from "connector-topology/graph";
import { useGraphEmulator } from "../graph/support/emulator";
import { created, updated } from "../graph/support/provider";

const provider = dynamicProviderImplementations.assignment;
const graph = useGraphEmulator();

beforeEach(() => {
    graph.get().clearFaults();
    graph.get().resetRequestLog();
});

function inputs(objectId: string, groupId: string, groupName = "apps"): Record<string, unknown> {
    return { applicationObjectId: objectId, connectorGroupId: groupId, connectorGroupName: groupName, graphEndpoint: graph.get().endpoint };
}

describe("ApplicationConnectorGroupAssignment provider", () => {
    it("assigns the app to the group, and a re-run sends no write", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const app = graph.get().addApplication({ displayName: "HR portal", applicationType: "nonwebapp" });
        const { id, outs } = await created(provider, inputs(app.id, group.id));
        expect(id).toBe(app.id);
        expect(outs.previousConnectorGroupId).toBe(graph.get().defaultGroupId);
        expect(graph.get().applicationGroupId(app.id)).toBe(group.id);

        graph.get().resetRequestLog();
        expect((await updated(provider, id, outs, inputs(app.id, group.id))).diff.changes).toBe(false);
        expect(await provider.read!(id, outs)).toEqual({ id, props: outs });
        const again = await created(provider, inputs(app.id, group.id));
        expect(again.outs.previousConnectorGroupId).toBe(group.id);
        expect(graph.get().requestCounts()).not.toHaveProperty("PUT /applications/{id}/connectorGroup/$ref");
    });

    it("refuses the tenant's default group, by name before any call and by Graph's word after", async () => {
        const app = graph.get().addApplication({ displayName: "Intranet", applicationType: "nonwebapp" });
        const check = await provider.check!({}, inputs(app.id, graph.get().defaultGroupId, "Default"));
        expect(check.failures).toEqual([
            { property: "connectorGroupName", reason: expect.stringMatching(/^"Default": is the tenant's default group: never assign apps to it/) },
        ]);
        await expect(created(provider, inputs(app.id, graph.get().defaultGroupId, "whatever it is called"))).rejects.toThrow(
            /^Refusing to assign application .* to connector group "Default" \[.*\]: it is the tenant's default group\./,
        );
        expect(graph.get().requestCounts()).not.toHaveProperty("PUT /applications/{id}/connectorGroup/$ref");
    });

    it("explains an app without on-premises publishing", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const app = graph.get().addApplication({ displayName: "Plain SaaS app" });
        await expect(created(provider, inputs(app.id, group.id))).rejects.toThrow(
            /Application_NotFound.*The application has no on-premises publishing .*object id, not its app \(client\) id/,
        );
    });

    it("reassigns the app in place when the group changes", async () => {
        const first = graph.get().addConnectorGroup({ name: "first" });
        const second = graph.get().addConnectorGroup({ name: "second" });
        const app = graph.get().addApplication({ displayName: "Finance share", applicationType: "nonwebapp" });
        const { id, outs } = await created(provider, inputs(app.id, first.id, "first"));
        const moved = await updated(provider, id, outs, inputs(app.id, second.id, "second"));
        expect(moved.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(moved.outs.previousConnectorGroupId).toBe(graph.get().defaultGroupId);
        expect(graph.get().applicationGroupId(app.id)).toBe(second.id);
        expect((await provider.diff!(id, outs, inputs("11111111-1111-1111-1111-111111111111", first.id))).replaces).toEqual(["applicationObjectId"]);
    });

    it("on delete, removes the assignment (the app falls back to the default group), unless it moved elsewhere", async () => {
        const group = graph.get().addConnectorGroup({ name: "apps" });
        const other = graph.get().addConnectorGroup({ name: "other" });
        const app = graph.get().addApplication({ displayName: "Wiki", applicationType: "nonwebapp" });
        const { id, outs } = await created(provider, inputs(app.id, group.id));
        await provider.delete!(id, outs);
        expect(graph.get().applicationGroupId(app.id)).toBe(graph.get().defaultGroupId);

        const kept = graph.get().addApplication({ displayName: "Kept", applicationType: "nonwebapp", connectorGroupId: other.id });
        await provider.delete!(kept.id, inputs(kept.id, group.id));
        expect(graph.get().applicationGroupId(kept.id)).toBe(other.id);
        await provider.delete!("22222222-2222-2222-2222-222222222222", inputs("22222222-2222-2222-2222-222222222222", group.id));
        expect(graph.get().requests.filter((r) => r.route === "DELETE /applications/{id}/connectorGroup/$ref")).toHaveLength(1);
    });

    it("refuses an app id that is not an object id", async () => {
        const check = await provider.check!({}, inputs("HR portal", "g"));
        expect(check.failures).toEqual([
            { property: "applicationObjectId", reason: expect.stringMatching(/^"HR portal": must be the application's object id \(a GUID\)/) },
        ]);
    });
});
