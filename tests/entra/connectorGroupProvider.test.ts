import { dynamicProviderImplementations } from "connector-topology/graph";
import { useGraphEmulator } from "../graph/support/emulator";
import { checked, created, updated } from "../graph/support/provider";

const provider = dynamicProviderImplementations.connectorGroup;
const graph = useGraphEmulator({ pageSize: 3 });

beforeEach(() => {
    graph.get().clearFaults();
    graph.get().resetRequestLog();
});

function inputs(displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { displayName, graphEndpoint: graph.get().endpoint, ...extra };
}

function groupsNamed(name: string): unknown[] {
    return graph.get().connectorGroups().filter((g) => g.name === name);
}

describe("EntraConnectorGroup provider", () => {
    it("creates the group with its region, and a re-run changes nothing", async () => {
        const { id, outs } = await created(provider, inputs("eu-apps", { region: "EUR" }));
        expect(outs).toEqual(
            expect.objectContaining({ displayName: "eu-apps", region: "eur", isDefault: false, adopted: false, connectorGroupType: "applicationProxy" }),
        );
        expect(groupsNamed("eu-apps")).toEqual([expect.objectContaining({ id, region: "eur" })]);

        graph.get().resetRequestLog();
        const rerun = await updated(provider, id, outs, inputs("eu-apps", { region: "eur" }));
        expect(rerun.diff.changes).toBe(false);
        const refreshed = await provider.read!(id, outs);
        expect(refreshed).toEqual({ id, props: outs });
        expect(graph.get().requestCounts()).not.toHaveProperty("PATCH /connectorGroups/{id}");
        expect(graph.get().requestCounts()).not.toHaveProperty("POST /connectorGroups");
    });

    it("refuses a name another group has, unless asked to adopt it", async () => {
        const existing = graph.get().addConnectorGroup({ name: "Shared Apps", region: "nam" });
        await expect(created(provider, inputs("shared apps"))).rejects.toThrow(
            new RegExp(`^A connector group named "shared apps" already exists: "Shared Apps" \\[${existing.id}\\]\\. Set adoptExisting: true`),
        );
        const adopted = await created(provider, inputs("Shared Apps", { adoptExisting: true }));
        expect(adopted).toEqual({ id: existing.id, outs: expect.objectContaining({ adopted: true, region: "nam" }) });
        expect(groupsNamed("Shared Apps")).toHaveLength(1);
        // Adopting again (a re-run after lost state) finds the same group and sends no write.
        graph.get().resetRequestLog();
        expect((await created(provider, inputs("Shared Apps", { adoptExisting: true }))).id).toBe(existing.id);
        expect(Object.keys(graph.get().requestCounts()).filter((route) => !route.startsWith("GET"))).toEqual([]);
    });

    it("brings an adopted group's region in line, only while it is empty", async () => {
        const empty = graph.get().addConnectorGroup({ name: "adopt-empty", region: "nam" });
        const { outs } = await created(provider, inputs("adopt-empty", { adoptExisting: true, region: "aus" }));
        expect(outs.region).toBe("aus");
        expect(graph.get().connectorGroups().find((g) => g.id === empty.id)?.region).toBe("aus");

        const busy = graph.get().addConnectorGroup({ name: "adopt-busy", region: "nam" });
        graph.get().addConnector({ machineName: "busy-1", connectorGroupId: busy.id });
        await expect(created(provider, inputs("adopt-busy", { adoptExisting: true, region: "eur" }))).rejects.toThrow(
            /^Cannot move connector group "adopt-busy" \[.*\] to region "eur": it still holds 1 connector \(busy-1 \[.*, active\]\)\. Graph changes a group's region only while it is empty/,
        );
    });

    it("reads a region Graph's enum does not document (japan) as it is", async () => {
        const japan = graph.get().addConnectorGroup({ name: "tokyo", region: "japan" });
        const { outs } = await created(provider, inputs("tokyo", { adoptExisting: true }));
        expect(outs.region).toBe("japan");
        expect((await provider.read!(japan.id, outs)).props?.region).toBe("japan");
    });

    it("never adopts, renames or deletes the default group", async () => {
        const check = await provider.check!({}, inputs("Default"));
        expect(check.failures).toEqual([
            { property: "displayName", reason: expect.stringMatching(/^"Default": reads as the tenant's default group/) },
        ]);
        // Even past check (an older stack's state), create refuses to adopt it.
        await expect(provider.create({ ...inputs("Default"), adoptExisting: true })).rejects.toThrow(/it is the tenant's default group/);
        const state = { ...inputs("Default"), isDefault: true, region: "nam" };
        await expect(provider.update!(graph.get().defaultGroupId, state, inputs("Renamed"))).rejects.toThrow(/default group: it is never renamed/);
        await provider.delete!(graph.get().defaultGroupId, state);
        expect(graph.get().requestCounts()).not.toHaveProperty("DELETE /connectorGroups/{id}");
        expect(graph.get().connectorGroups().some((g) => g.isDefault)).toBe(true);
    });

    it("renames in place, refusing a name another group has", async () => {
        const { id, outs } = await created(provider, inputs("before-rename"));
        const renamed = await updated(provider, id, outs, inputs("after-rename"));
        expect(renamed.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(renamed.outs.displayName).toBe("after-rename");
        expect(graph.get().connectorGroups().find((g) => g.id === id)?.name).toBe("after-rename");

        graph.get().addConnectorGroup({ name: "taken" });
        await expect(updated(provider, id, renamed.outs, inputs("Taken"))).rejects.toThrow(/^Cannot rename connector group "after-rename" .* to "Taken": "taken" \[.*\] already has that name/);
    });

    it("moves an empty group to another region in place, keeping its id", async () => {
        const { id, outs } = await created(provider, inputs("region-move", { region: "nam" }));
        const moved = await updated(provider, id, outs, inputs("region-move", { region: "ind" }));
        expect(moved.diff.replaces).toEqual([]);
        expect(moved.outs.region).toBe("ind");
        expect(graph.get().connectorGroups().find((g) => g.id === id)?.region).toBe("ind");
        // Leaving the region out later asks for no change.
        expect((await updated(provider, id, moved.outs, inputs("region-move"))).diff.changes).toBe(false);
    });

    it("refuses to move a group that holds connectors or apps, listing them, and sends no change", async () => {
        const { id, outs } = await created(provider, inputs("region-busy", { region: "nam" }));
        graph.get().addConnector({ machineName: "rb-1", connectorGroupId: id });
        graph.get().addApplication({ displayName: "HR portal", applicationType: "nonwebapp", connectorGroupId: id });
        graph.get().resetRequestLog();
        await expect(updated(provider, id, outs, inputs("region-busy", { region: "eur" }))).rejects.toThrow(
            /^Cannot move connector group "region-busy" \[.*\] to region "eur": it still holds 1 connector \(rb-1 \[.*, active\]\) and 1 application \(HR portal \[.*\]\)\./,
        );
        expect(graph.get().requestCounts()).not.toHaveProperty("PATCH /connectorGroups/{id}");
    });

    it("replaces the group when it moves to another cloud's Graph", async () => {
        const state = { ...(await checked(provider, inputs("cloud-move"))), region: undefined };
        const diff = await provider.diff!("id", state, await checked(provider, { ...inputs("cloud-move"), graphEndpoint: "https://graph.microsoft.us/" }));
        expect(diff).toEqual({ changes: true, replaces: ["graphEndpoint"], deleteBeforeReplace: false });
    });

    it("refuses to delete a group that still holds connectors or apps, listing them", async () => {
        const { id, outs } = await created(provider, inputs("delete-busy"));
        graph.get().addConnector({ machineName: "db-1", connectorGroupId: id, status: "inactive" });
        graph.get().addConnector({ machineName: "db-2", connectorGroupId: id });
        await expect(provider.delete!(id, outs)).rejects.toThrow(
            /^Cannot delete connector group "delete-busy" \[.*\]: it still holds 2 connectors \(db-1 \[.*, inactive\], db-2 \[.*, active\]\)\. Move them to another group first: .* removes it 10 days later\.$/,
        );
        expect(graph.get().connectorGroups().some((g) => g.id === id)).toBe(true);
    });

    it("deletes an empty group, and counts a group already gone as deleted", async () => {
        const { id, outs } = await created(provider, inputs("delete-empty"));
        await provider.delete!(id, outs);
        expect(graph.get().connectorGroups().some((g) => g.id === id)).toBe(false);
        await provider.delete!(id, outs);
        expect(await provider.read!(id, outs)).toEqual({ id: "", props: outs });
    });

    it("converges through a throttling storm without a duplicate group", async () => {
        graph.get().injectFault({ route: "GET /connectorGroups", kind: "throttle", retryAfterSeconds: 1 });
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "throttle", retryAfterSeconds: 1, times: 2 });
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "unavailable", retryAfterSeconds: 1 });
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "resetAfterCommit" });
        const { id } = await created(provider, inputs("storm", { region: "asia" }));
        expect(groupsNamed("storm")).toEqual([expect.objectContaining({ id, region: "asia" })]);
        const posts = graph.get().requests.filter((r) => r.route === "POST /connectorGroups");
        expect(posts.map((r) => r.fault ?? r.status)).toEqual(["throttle", "throttle", "unavailable", "resetAfterCommit"]);
    });

    it("passes Graph's refusal of an undocumented region on create through, saying what Graph said", async () => {
        const check = await provider.check!({}, inputs("osaka", { region: "japan" }));
        expect(check.failures).toEqual([]);
        await expect(provider.create(check.inputs)).rejects.toThrow(
            /^Could not create connector group "osaka": Microsoft Graph answered 400 .*connectorGroupRegion/,
        );
        expect(groupsNamed("osaka")).toEqual([]);
    });
});
