import { GraphClient, createConnectorGroup, findConnectorGroupsByName, sameGroupName } from "connector-topology/graph";
import { useGraphEmulator } from "./support/emulator";

describe("connector groups in Graph", () => {
    const graph = useGraphEmulator();
    const client = (): GraphClient => new GraphClient({ endpoint: graph.get().endpoint });

    beforeEach(() => {
        graph.get().resetRequestLog();
        graph.get().createGroupStatus = 201;
    });

    it("compares names trimmed and case-insensitively", () => {
        expect(sameGroupName(" EU Apps ", "eu apps")).toBe(true);
        expect(sameGroupName("eu-apps", "eu apps")).toBe(false);
    });

    it("creates a group once even when the POST's answer is lost after Graph acted on it", async () => {
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "resetAfterCommit" });
        const created = await createConnectorGroup(client(), { name: "lost-answer", region: "eur" });
        const named = await findConnectorGroupsByName(client(), "lost-answer");
        expect(named).toEqual([expect.objectContaining({ id: created.id, region: "eur" })]);
        expect(graph.get().requestCounts()["POST /connectorGroups"]).toBe(1);
    });

    it("posts again when the lost POST had not been processed", async () => {
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "reset" });
        const created = await createConnectorGroup(client(), { name: "dropped-before" });
        expect(graph.get().connectorGroups().filter((g) => g.name === "dropped-before")).toEqual([
            expect.objectContaining({ id: created.id }),
        ]);
        expect(graph.get().requestCounts()["POST /connectorGroups"]).toBe(2);
    });

    it("never takes a namesake that existed before for the group it created", async () => {
        const older = graph.get().addConnectorGroup({ name: "namesake" });
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "resetAfterCommit" });
        const created = await createConnectorGroup(client(), { name: "namesake" }, [older.id]);
        expect(created.id).not.toBe(older.id);
    });

    it.each([200, 201] as const)("accepts the group Graph returns with %i", async (status) => {
        graph.get().createGroupStatus = status;
        const created = await createConnectorGroup(client(), { name: `quirk-${status}` });
        expect(graph.get().requests.find((r) => r.route === "POST /connectorGroups")?.status).toBe(status);
        expect(created).toEqual(
            expect.objectContaining({ name: `quirk-${status}`, isDefault: false, connectorGroupType: "applicationProxy" }),
        );
    });
});
