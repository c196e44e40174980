import { QUICK_ACCESS_TAG, dynamicProviderImplementations, findApplicationByAppId, sharedGraphClient } from "connector-topology/graph";
import { useGraphEmulator } from "../graph/support/emulator";
import { created } from "../graph/support/provider";

const quickAccess = dynamicProviderImplementations.quickAccessLookup;
const enterprise = dynamicProviderImplementations.enterpriseApplicationLookup;
const graph = useGraphEmulator();
const endpoint = (): string => graph.get().endpoint;

describe("application lookups", () => {
    it("explains how to set up Quick Access when the tenant has none, and never creates it", async () => {
        graph.get().addApplication({ displayName: "Not quick", tags: [QUICK_ACCESS_TAG], applicationType: "nonwebapp" });
        await expect(created(quickAccess, { graphEndpoint: endpoint() })).rejects.toThrow(
            /^This tenant has no Quick Access application\. Configure Quick Access in the Microsoft Entra admin center/,
        );
        expect(Object.keys(graph.get().requestCounts()).filter((route) => !route.startsWith("GET"))).toEqual([]);
    });

    it("finds the Quick Access app by its tag and application type; deleting the lookup changes nothing", async () => {
        const app = graph.get().addApplication({ displayName: "Quick Access", tags: ["HideApp", QUICK_ACCESS_TAG], applicationType: "quickaccessapp" });
        const { id, outs } = await created(quickAccess, { graphEndpoint: endpoint() });
        expect(id).toBe(app.id);
        expect(outs).toEqual(expect.objectContaining({ objectId: app.id, appId: app.appId, displayName: "Quick Access", applicationType: "quickaccessapp" }));
        await quickAccess.delete!(id, outs);
        expect(graph.get().applications().some((a) => a.id === app.id)).toBe(true);
        expect((await quickAccess.read!(id, outs)).props).toEqual(outs);
    });

    it("finds an Enterprise app by display name (quotes included) or by app id", async () => {
        const app = graph.get().addApplication({ displayName: "O'Brien's file share", applicationType: "nonwebapp" });
        const byName = await created(enterprise, { displayName: "O'Brien's file share", graphEndpoint: endpoint() });
        expect(byName.outs).toEqual(expect.objectContaining({ objectId: app.id, appId: app.appId, applicationType: "nonwebapp" }));
        const byAppId = await created(enterprise, { appId: app.appId, graphEndpoint: endpoint() });
        expect(byAppId.id).toBe(app.id);
        // Switching the selector to the same app is no change; to another app, a replacement.
        expect((await enterprise.diff!(app.id, byName.outs, { appId: app.appId, graphEndpoint: endpoint() })).changes).toBe(false);
        expect((await enterprise.diff!(app.id, byName.outs, { displayName: "Other", graphEndpoint: endpoint() })).replaces).toEqual(["displayName"]);
    });

    it("fails clearly on no match, on several matches and on an app that is not published", async () => {
        graph.get().addApplication({ displayName: "Twin", applicationType: "nonwebapp" });
        graph.get().addApplication({ displayName: "Twin", applicationType: "nonwebapp" });
        const saas = graph.get().addApplication({ displayName: "SaaS only" });
        await expect(created(enterprise, { displayName: "Nobody", graphEndpoint: endpoint() })).rejects.toThrow(
            /^No application with display name "Nobody" exists in this tenant/,
        );
        await expect(created(enterprise, { displayName: "Twin", graphEndpoint: endpoint() })).rejects.toThrow(
            /^Found 2 applications with display name "Twin": Twin \[.*\], Twin \[.*\]\. Name the one you mean/,
        );
        await expect(findApplicationByAppId(sharedGraphClient(endpoint()), saas.appId)).rejects.toThrow(
            /has no on-premises publishing, so it cannot be assigned to a connector group/,
        );
    });

    it("asks for exactly one selector", async () => {
        expect((await enterprise.check!({}, { graphEndpoint: endpoint() })).failures).toEqual([
            { property: "displayName", reason: "(not set): set exactly one of displayName and appId" },
        ]);
        expect((await enterprise.check!({}, { displayName: "a", appId: "b" })).failures).toEqual([
            { property: "displayName, appId", reason: '{"displayName":"a","appId":"b"}: set exactly one of displayName and appId' },
            { property: "appId", reason: '"b": must be the application (client) id, a GUID' },
        ]);
    });
});
