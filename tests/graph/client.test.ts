import { type AccessToken, type TokenCredential } from "@azure/identity";
import {
    CONNECTOR_GROUPS_PATH,
    GraphAuthenticationError,
    GraphClient,
    type GraphClientOptions,
    GraphRequestError,
    type GraphRetryEvent,
    GraphTransportError,
} from "connector-topology/graph";
import { useGraphEmulator } from "./support/emulator";

const graph = useGraphEmulator({ pageSize: 2 });
const list = { action: "list connector groups" };

function client(options: Omit<GraphClientOptions, "endpoint"> = {}): { client: GraphClient; retries: GraphRetryEvent[] } {
    const retries: GraphRetryEvent[] = [];
    return { client: new GraphClient({ endpoint: graph.get().endpoint, onRetry: (e) => retries.push(e), ...options }), retries };
}

beforeEach(() => {
    graph.get().clearFaults();
    graph.get().resetRequestLog();
});

describe("GraphClient", () => {
    it("authenticates with DefaultAzureCredential from the environment and reuses its token", async () => {
        const { client: c } = client();
        for (let i = 0; i < 4; i++) {
            await c.get(`${CONNECTOR_GROUPS_PATH}/${graph.get().defaultGroupId}`, { action: "read the default group" });
        }
        expect(graph.get().requestCounts()).toEqual({ "GET /msi/token": 1, "GET /connectorGroups/{id}": 4 });
    });

    it("follows @odata.nextLink to the last page", async () => {
        for (const name of ["a", "b", "c", "d"]) {
            graph.get().addConnectorGroup({ name: `paging-${name}` });
        }
        const groups = await client().client.list<{ name: string }>(CONNECTOR_GROUPS_PATH, list);
        expect(groups.filter((g) => g.name.startsWith("paging-")).map((g) => g.name)).toEqual([
            "paging-a",
            "paging-b",
            "paging-c",
            "paging-d",
        ]);
        expect(graph.get().requestCounts()["GET /connectorGroups"]).toBe(Math.ceil(groups.length / 2));
    });

    it("waits for Retry-After on 429, then succeeds", async () => {
        graph.get().injectFault({ route: "GET /connectorGroups/{id}", kind: "throttle", retryAfterSeconds: 1, times: 2 });
        const { client: c, retries } = client();
        const group = await c.get<{ isDefault: boolean }>(`${CONNECTOR_GROUPS_PATH}/${graph.get().defaultGroupId}`, list);
        expect(group.isDefault).toBe(true);
        expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
            [1, "HTTP 429"],
            [2, "HTTP 429"],
        ]);
        expect(retries.every((r) => r.delayMs >= 1000)).toBe(true);
        expect(graph.get().requestCounts()["GET /connectorGroups/{id}"]).toBe(3);
    });

    it("backs off on 503 without Retry-After, on 500 and on a dropped connection when reading", async () => {
        graph.get().injectFault({ route: "GET /connectorGroups/{id}", kind: "unavailable" });
        graph.get().injectFault({ route: "GET /connectorGroups/{id}", kind: "serverError" });
        graph.get().injectFault({ route: "GET /connectorGroups/{id}", kind: "reset" });
        const { client: c, retries } = client({ retry: { initialBackoffSeconds: 0.05 } });
        await c.get(`${CONNECTOR_GROUPS_PATH}/${graph.get().defaultGroupId}`, list);
        expect(retries.map((r) => r.reason)).toEqual(["HTTP 503", "HTTP 500", expect.stringMatching(/^the connection failed/)]);
    });

    it("abandons an attempt that is too slow and repeats it when that is safe", async () => {
        graph.get().injectFault({ route: "GET /connectorGroups/{id}", kind: "delay", delayMs: 5000 });
        const { client: c, retries } = client({ retry: { attemptTimeoutSeconds: 1, initialBackoffSeconds: 0.05 } });
        await c.get(`${CONNECTOR_GROUPS_PATH}/${graph.get().defaultGroupId}`, list);
        expect(retries.map((r) => r.reason)).toEqual(["the attempt timed out"]);
    });

    it("does not repeat a POST whose connection dropped, and says its outcome is unknown", async () => {
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "resetAfterCommit" });
        const { client: c, retries } = client();
        const failure = await c.post(CONNECTOR_GROUPS_PATH, { name: "dropped" }, { action: 'create connector group "dropped"' }).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(GraphTransportError);
        expect((failure as GraphTransportError).outcomeUnknown).toBe(true);
        expect((failure as Error).message).toMatch(/^Could not create connector group "dropped": POST .* got no answer .* may or may not have acted on it/);
        expect(retries).toEqual([]);
        expect(graph.get().requestCounts()["POST /connectorGroups"]).toBe(1);
    });

    it("retries a throttled POST: Graph did not act on it", async () => {
        graph.get().injectFault({ route: "POST /connectorGroups", kind: "throttle", retryAfterSeconds: 0 });
        const created = await client().client.post<{ id: string }>(CONNECTOR_GROUPS_PATH, { name: "throttled-once" }, list);
        expect(graph.get().connectorGroups().filter((g) => g.name === "throttled-once")).toEqual([expect.objectContaining({ id: created?.id })]);
    });

    it("fails at once when Retry-After would pass the deadline, saying so", async () => {
        graph.get().injectFault({ route: "GET /connectorGroups", kind: "throttle", retryAfterSeconds: 120 });
        const { client: c } = client({ retry: { deadlineSeconds: 5 } });
        const failure = await c.list(CONNECTOR_GROUPS_PATH, list).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(GraphRequestError);
        expect((failure as GraphRequestError).status).toBe(429);
        expect((failure as Error).message).toMatch(
            /^Could not list connector groups: Microsoft Graph answered 429 .*TooManyRequests.* The client stopped retrying: Graph asked to retry after 120 s, past the deadline \([\d.]+ s left of 5 s\)\. Graph is throttling/,
        );
        expect(graph.get().requestCounts()["GET /connectorGroups"]).toBe(1);
    });

    it("gives up after the maximum number of attempts", async () => {
        graph.get().injectFault({ route: "GET /connectorGroups", kind: "serverError", times: 5 });
        const failure = await client({ retry: { maxAttempts: 2, initialBackoffSeconds: 0.05 } })
            .client.list(CONNECTOR_GROUPS_PATH, list)
            .catch((e: unknown) => e);
        expect((failure as GraphRequestError).status).toBe(500);
        expect((failure as Error).message).toMatch(/answered 500 .*The client gave up after 2 attempts\. Graph failed on its side/);
    });

    it("turns a 403 into a message naming the permission to grant", async () => {
        graph.get().injectFault({
            route: "POST /connectorGroups",
            kind: "error",
            status: 403,
            code: "Authorization_RequestDenied",
            message: "Insufficient privileges to complete the operation.",
        });
        const failure = await client().client.post(CONNECTOR_GROUPS_PATH, { name: "x" }, { action: 'create connector group "x"' }).catch((e: unknown) => e);
        expect((failure as Error).message).toMatch(
            /^Could not create connector group "x": Microsoft Graph answered 403 .*Authorization_RequestDenied: Insufficient privileges.*grant it OnPremisesPublishingProfiles.ReadWrite.All \(or Directory.ReadWrite.All\)/,
        );
    });

    it("fetches a fresh token once when Graph refuses one, and explains a persistent 401", async () => {
        const issued: string[] = [];
        const stale: TokenCredential = {
            getToken: async (): Promise<AccessToken> => {
                issued.push("stale");
                return { token: `stale-${issued.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
            },
        };
        const failure = await client({ credential: stale }).client.list(CONNECTOR_GROUPS_PATH, list).catch((e: unknown) => e);
        expect(issued).toHaveLength(2);
        expect((failure as GraphRequestError).status).toBe(401);
        expect((failure as Error).message).toMatch(/InvalidAuthenticationToken.*Graph refused the token.*DefaultAzureCredential/);
    });

    it("reports a credential that cannot give a token, with what to configure", async () => {
        const broken: TokenCredential = {
            getToken: async () => {
                throw new Error("ManagedIdentityCredential: no managed identity endpoint found");
            },
        };
        const failure = await client({ credential: broken }).client.list(CONNECTOR_GROUPS_PATH, list).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(GraphAuthenticationError);
        expect((failure as Error).message).toMatch(
            /^Could not get a Microsoft Graph token for http:\/\/127.0.0.1:\d+\/.default: ManagedIdentityCredential: no managed identity endpoint found\nThe provider authenticates with DefaultAzureCredential/,
        );
        expect(graph.get().graphRequestCount()).toBe(0);
    });
});
