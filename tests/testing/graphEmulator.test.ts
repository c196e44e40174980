import { GraphEmulator } from "connector-topology/testing";

let emulator: GraphEmulator;
let token: string;
const root = "/beta/onPremisesPublishingProfiles/applicationProxy";

beforeAll(async () => {
    emulator = await GraphEmulator.start({ pageSize: 2, defaultGroupRegion: "japan" });
    const env = emulator.credentialEnvironment();
    const answer = await fetch(`${env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(emulator.endpoint)}`, {
        headers: { "X-IDENTITY-HEADER": env.IDENTITY_HEADER },
    });
    token = ((await answer.json()) as { access_token: string }).access_token;
});

afterAll(() => emulator.stop());

beforeEach(() => {
    emulator.clearFaults();
    emulator.resetRequestLog();
});

/** A Graph answer's JSON, loosely typed: these tests read whatever fields they check. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; headers: Headers }> {
    const response = await fetch(`${emulator.endpoint}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}

const ref = (collection: string, id: string): { "@odata.id": string } => ({ "@odata.id": `${emulator.endpoint}${root}/${collection}/${id}` });

describe("GraphEmulator", () => {
    it("listens on 127.0.0.1 and issues tokens like an App Service managed identity endpoint", async () => {
        expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(emulator.issuedTokens()).toContain(token);
        const noHeader = await fetch(`${emulator.endpoint}/msi/token?resource=${encodeURIComponent(emulator.endpoint)}`);
        expect(noHeader.status).toBe(401);
    });

    it("refuses a request without a token it issued", async () => {
        const response = await fetch(`${emulator.endpoint}${root}/connectorGroups`, { headers: { Authorization: "Bearer forged" } });
        expect(response.status).toBe(401);
        expect(((await response.json()) as Json).error.code).toBe("InvalidAuthenticationToken");
    });

    it("lists groups in pages, the default group first, with a region outside Graph's enum", async () => {
        emulator.addConnectorGroup({ name: "g1" });
        emulator.addConnectorGroup({ name: "g2" });
        const first = await call("GET", `${root}/connectorGroups`);
        expect(first.body.value).toEqual([
            { id: emulator.defaultGroupId, name: "Default", connectorGroupType: "applicationProxy", isDefault: true, region: "japan" },
            expect.objectContaining({ name: "g1", isDefault: false, region: null }),
        ]);
        expect(first.body["@odata.nextLink"]).toMatch(new RegExp(`^${emulator.endpoint}${root}/connectorGroups\\?\\$skiptoken=`));
        const second = await call("GET", first.body["@odata.nextLink"].slice(emulator.endpoint.length));
        expect(second.body.value.map((g: { name: string }) => g.name)).toEqual(["g2"]);
        expect(second.body["@odata.nextLink"]).toBeUndefined();
    });

    it("creates with 201 by default (200 on demand), ignoring isDefault, and refuses what Graph refuses", async () => {
        const made = await call("POST", `${root}/connectorGroups`, { name: "new", region: "eur", isDefault: true });
        expect(made.status).toBe(201);
        expect(made.body).toEqual({ id: expect.any(String), name: "new", connectorGroupType: "applicationProxy", isDefault: false, region: "eur" });
        emulator.createGroupStatus = 200;
        expect((await call("POST", `${root}/connectorGroups`, { name: "quirk" })).status).toBe(200);
        emulator.createGroupStatus = 201;
        expect((await call("POST", `${root}/connectorGroups`, {})).status).toBe(400);
        expect((await call("POST", `${root}/connectorGroups`, { name: "jp", region: "japan" })).body.error.message).toMatch(/connectorGroupRegion/);
    });

    it("answers PATCH with 204 and no body, and refuses a region change while the group holds anything", async () => {
        const group = emulator.addConnectorGroup({ name: "patch", region: "nam" });
        const patched = await call("PATCH", `${root}/connectorGroups/${group.id}`, { name: "patched", region: "aus" });
        expect(patched).toEqual(expect.objectContaining({ status: 204, body: undefined }));
        emulator.addApplication({ displayName: "app", applicationType: "nonwebapp", connectorGroupId: group.id });
        const refused = await call("PATCH", `${root}/connectorGroups/${group.id}`, { region: "eur" });
        expect(refused.status).toBe(400);
        expect(emulator.connectorGroups().find((g) => g.id === group.id)).toEqual(expect.objectContaining({ name: "patched", region: "aus" }));
        expect((await call("PATCH", `${root}/connectorGroups/${emulator.defaultGroupId}`, { name: "x" })).status).toBe(400);
    });

    it("deletes only an empty custom group, with 204", async () => {
        const group = emulator.addConnectorGroup({ name: "del" });
        const connector = emulator.addConnector({ machineName: "d1", connectorGroupId: group.id, status: "inactive" });
        expect((await call("DELETE", `${root}/connectorGroups/${group.id}`)).status).toBe(400);
        expect((await call("GET", `${root}/connectorGroups/${group.id}/members`)).body.value).toEqual([
            { id: connector.id, machineName: "d1", externalIp: "203.0.113.10", status: "inactive", version: expect.any(String) },
        ]);
        emulator.removeConnector(connector.id);
        expect((await call("DELETE", `${root}/connectorGroups/${group.id}`)).status).toBe(204);
        expect((await call("GET", `${root}/connectorGroups/${group.id}`)).body.error.code).toBe("Request_ResourceNotFound");
        expect((await call("DELETE", `${root}/connectorGroups/${emulator.defaultGroupId}`)).status).toBe(400);
    });

    it("moves connectors with either $ref form (201), refusing a reference that exists", async () => {
        const group = emulator.addConnectorGroup({ name: "refs" });
        const a = emulator.addConnector({ machineName: "a" });
        const b = emulator.addConnector({ machineName: "b" });
        expect((await call("POST", `${root}/connectors/${a.id}/memberOf/$ref`, ref("connectorGroups", group.id))).status).toBe(201);
        expect((await call("POST", `${root}/connectorGroups/${group.id}/members/$ref`, ref("connectors", b.id))).status).toBe(201);
        expect((await call("GET", `${root}/connectors/${b.id}/memberOf`)).body.value).toEqual([expect.objectContaining({ id: group.id })]);
        expect((await call("POST", `${root}/connectors/${a.id}/memberOf/$ref`, ref("connectorGroups", group.id))).body.error.message).toMatch(/already exist/);
    });

    it("assigns published apps (204), refuses unpublished ones with Application_NotFound, and shows onPremisesPublishing only on $select", async () => {
        const group = emulator.addConnectorGroup({ name: "apps" });
        const app = emulator.addApplication({ displayName: "HR", applicationType: "nonwebapp", tags: ["PrivateAccessNonWebApplication"] });
        const plain = emulator.addApplication({ displayName: "SaaS" });
        expect((await call("GET", `/beta/applications/${app.id}/connectorGroup`)).body.id).toBe(emulator.defaultGroupId);
        expect((await call("PUT", `/beta/applications/${app.id}/connectorGroup/$ref`, ref("connectorGroups", group.id))).status).toBe(204);
        expect(emulator.applicationGroupId(app.id)).toBe(group.id);
        expect((await call("DELETE", `/beta/applications/${app.id}/connectorGroup/$ref`)).status).toBe(204);
        expect(emulator.applicationGroupId(app.id)).toBe(emulator.defaultGroupId);
        const refused = await call("PUT", `/beta/applications/${plain.id}/connectorGroup/$ref`, ref("connectorGroups", group.id));
        expect(refused.body.error.code).toBe("Application_NotFound");
        expect((await call("GET", `/beta/applications/${app.id}`)).body).not.toHaveProperty("onPremisesPublishing");
        expect((await call("GET", `/beta/applications/${app.id}?$select=id,onPremisesPublishing`)).body).toEqual({
            id: app.id,
            onPremisesPublishing: { applicationType: "nonwebapp", isAccessibleViaZTNAClient: true },
        });
        const byTag = await call("GET", `/beta/applications?$filter=${encodeURIComponent("tags/any(t:t eq 'PrivateAccessNonWebApplication')")}`);
        expect(byTag.body.value.map((a: { id: string }) => a.id)).toEqual([app.id]);
        expect((await call("GET", `/beta/applications?$filter=${encodeURIComponent("startswith(displayName,'H')")}`)).status).toBe(400);
    });

    it("injects faults in order, on the routes asked, as many times as asked", async () => {
        emulator.injectFault({ route: "GET /connectorGroups", kind: "throttle", retryAfterSeconds: 7, times: 2 });
        emulator.injectFault({ route: "GET /connectorGroups", kind: "unavailable" });
        emulator.injectFault({ route: "GET /connectors", kind: "error", status: 403, code: "Authorization_RequestDenied" });
        const throttled = await call("GET", `${root}/connectorGroups`);
        expect([throttled.status, throttled.headers.get("Retry-After"), throttled.body.error.code]).toEqual([429, "7", "TooManyRequests"]);
        expect((await call("GET", `${root}/connectors`)).status).toBe(403);
        expect((await call("GET", `${root}/connectorGroups`)).status).toBe(429);
        expect((await call("GET", `${root}/connectorGroups`)).status).toBe(503);
        expect((await call("GET", `${root}/connectorGroups`)).status).toBe(200);
        expect(emulator.requests.map((r) => r.fault ?? r.status)).toEqual(["throttle", "error", "throttle", "unavailable", 200]);
    });

    it("drops connections before or after acting, and answers late on demand", async () => {
        emulator.injectFault({ route: "POST /connectorGroups", kind: "reset" });
        await expect(call("POST", `${root}/connectorGroups`, { name: "reset-before" })).rejects.toThrow();
        expect(emulator.connectorGroups().some((g) => g.name === "reset-before")).toBe(false);
        emulator.injectFault({ route: "POST /connectorGroups", kind: "resetAfterCommit" });
        await expect(call("POST", `${root}/connectorGroups`, { name: "reset-after" })).rejects.toThrow();
        expect(emulator.connectorGroups().some((g) => g.name === "reset-after")).toBe(true);
        emulator.injectFault({ route: "GET /connectors", kind: "delay", delayMs: 300 });
        expect((await call("GET", `${root}/connectors`)).status).toBe(200);
        expect(emulator.requests.at(-1)).toEqual({ method: "GET", route: "GET /connectors", path: `${root}/connectors`, fault: "delay", status: 200 });
    });

    it("counts requests per route", async () => {
        const group = emulator.addConnectorGroup({ name: "count" });
        await call("GET", `${root}/connectorGroups/${group.id}`);
        await call("GET", `${root}/connectorGroups/${group.id}/applications`);
        await call("GET", `/beta/applications/${group.id}/connectorGroup`);
        expect(emulator.requestCounts()).toEqual({
            "GET /connectorGroups/{id}": 1,
            "GET /connectorGroups/{id}/applications": 1,
            "GET /applications/{id}/connectorGroup": 1,
        });
        expect(emulator.graphRequestCount()).toBe(3);
    });
});
