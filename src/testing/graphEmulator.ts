/**
 * A loopback Microsoft Graph emulator for the connector endpoints this library uses. It keeps state, answers with the
 * documented shapes and status codes (including the beta API's quirks), issues tokens the way an App Service managed
 * identity endpoint does, injects faults on demand, and counts requests per route.
 *
 * It listens on 127.0.0.1 only, on a free port. Point the code under test at {@link GraphEmulator.endpoint} and give
 * it {@link GraphEmulator.credentialEnvironment} so that `DefaultAzureCredential` fetches its tokens here: the code
 * under test runs exactly as it would against Graph.
 */
import { randomBytes, randomUUID } from "node:crypto";
import * as http from "node:http";
import { type AddressInfo } from "node:net";

/** The regions Graph documents for a connector group (what create and update accept). */
export const DOCUMENTED_GROUP_REGIONS: readonly string[] = ["nam", "eur", "aus", "asia", "ind"];

/** Options of {@link GraphEmulator.start}. */
export interface GraphEmulatorOptions {
    /** Items per page of every collection; more items come through `@odata.nextLink`. Default 100. */
    pageSize?: number;
    /** The status `POST .../connectorGroups` answers with: 201 (as documented) or 200 (as seen live). Default 201. */
    createGroupStatus?: 200 | 201;
    /** The region the tenant's default group reports. Default `nam`; tenants have been seen reporting `japan`. */
    defaultGroupRegion?: string;
}

/** A connector group as the emulator stores it (Graph's shape). */
export interface EmulatedConnectorGroup {
    id: string;
    name: string;
    connectorGroupType: string;
    isDefault: boolean;
    region: string | null;
}

/** A connector as the emulator stores it (Graph's shape, plus the group it belongs to). */
export interface EmulatedConnector {
    id: string;
    machineName: string;
    externalIp: string;
    status: "active" | "inactive";
    version: string;
    /** The group the connector is in. */
    connectorGroupId: string;
}

/** An application as the emulator stores it. */
export interface EmulatedApplication {
    id: string;
    appId: string;
    displayName: string;
    tags: string[];
    /** Absent when the app has no on-premises publishing (then it cannot join a connector group). */
    onPremisesPublishing?: { applicationType: string; isAccessibleViaZTNAClient?: boolean };
    /** The group it is assigned to; undefined means the tenant's default group. */
    connectorGroupId?: string;
}

/** A fault to inject into the next matching request(s). */
export interface GraphFault {
    /**
     * Which requests: a route as {@link GraphEmulator.requestCounts} names them (`POST /connectorGroups`,
     * `GET /connectors`, `GET /msi/token`, ...). Default: every route, the token route included.
     */
    route?: string;
    /** How many matching requests it hits. Default 1. */
    times?: number;
    /**
     * - `throttle`: 429 with `Retry-After` (`retryAfterSeconds`, default 1) and Graph's throttling error body.
     * - `unavailable`: 503, with `Retry-After` when `retryAfterSeconds` is set.
     * - `serverError`: 500.
     * - `reset`: the connection is dropped before the request is processed (nothing changes).
     * - `resetAfterCommit`: the request is processed, then the connection is dropped instead of answering.
     * - `delay`: the answer comes after `delayMs` (the request is processed then, even if the client has gone).
     * - `error`: answers `status` with Graph's error body (`code`, `message`), e.g. a 403.
     */
    kind: "throttle" | "unavailable" | "serverError" | "reset" | "resetAfterCommit" | "delay" | "error";
    retryAfterSeconds?: number;
    delayMs?: number;
    status?: number;
    code?: string;
    message?: string;
}

/** One request the emulator received. */
export interface RecordedRequest {
    method: string;
    /** The route template, e.g. `GET /connectorGroups/{id}`. */
    route: string;
    /** The path as sent, without the query. */
    path: string;
    /** The status answered; undefined when the connection was dropped. */
    status?: number;
    /** The fault injected into this request, if any. */
    fault?: GraphFault["kind"];
}

interface Answer {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

class GraphAnswer extends Error {
    constructor(
        public readonly status: number,
        public readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

const CONNECTOR_ROOT = "/onPremisesPublishingProfiles/applicationProxy";
const IDENTITY_HEADER = "connector-topology-emulator";
const TOKEN_ROUTE = "GET /msi/token";

/** See the module comment. Start one with {@link GraphEmulator.start}; stop it with {@link GraphEmulator.stop}. */
export class GraphEmulator {
    /** `http://127.0.0.1:<port>`: the value for `graphEndpoint`. */
    public readonly endpoint: string;
    /** The id of the tenant's default connector group. */
    public readonly defaultGroupId: string;
    /** The status `POST .../connectorGroups` answers with: 201 (as documented) or 200 (as seen live). */
    public createGroupStatus: 200 | 201;

    private readonly groups = new Map<string, EmulatedConnectorGroup>();
    private readonly connectorMap = new Map<string, EmulatedConnector>();
    private readonly applicationMap = new Map<string, EmulatedApplication>();
    private readonly faults: (GraphFault & { remaining: number })[] = [];
    private readonly log: RecordedRequest[] = [];
    private readonly tokens = new Set<string>();
    private readonly waiters: { route: string; count: number; resolve: () => void }[] = [];
    private readonly pageSize: number;

    private constructor(
        private readonly server: http.Server,
        options: GraphEmulatorOptions,
    ) {
        const port = (server.address() as AddressInfo).port;
        this.endpoint = `http://127.0.0.1:${port}`;
        this.pageSize = options.pageSize ?? 100;
        this.createGroupStatus = options.createGroupStatus ?? 201;
        this.defaultGroupId = this.addConnectorGroup({
            name: "Default",
            isDefault: true,
            region: options.defaultGroupRegion ?? "nam",
        }).id;
    }

    /** Starts an emulator on 127.0.0.1, on a free port. */
    static async start(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
        const server = http.createServer();
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve());
        });
        const emulator = new GraphEmulator(server, options);
        server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
            void emulator.handle(request, response);
        });
        return emulator;
    }

    /** Stops listening and drops open connections. */
    async stop(): Promise<void> {
        await new Promise<void>((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }

    /**
     * Environment variables that make `DefaultAzureCredential` take its tokens from this emulator: it speaks the App
     * Service managed identity protocol (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`). Set them in the process (or child
     * process) under test; no other credential variables (`AZURE_CLIENT_SECRET`, ...) should be set. The managed
     * identity client remembers its endpoint for the life of the process (of the module registry, under jest): use one
     * emulator per process, or per test file.
     */
    credentialEnvironment(): Record<string, string> {
        return { IDENTITY_ENDPOINT: `${this.endpoint}/msi/token`, IDENTITY_HEADER: IDENTITY_HEADER };
    }

    // ----- state ---------------------------------------------------------------------------------------------------

    /** Adds a connector group, as if created in the admin center. */
    addConnectorGroup(spec: { name: string; region?: string | null; isDefault?: boolean }): EmulatedConnectorGroup {
        const group: EmulatedConnectorGroup = {
            id: randomUUID(),
            name: spec.name,
            connectorGroupType: "applicationProxy",
            isDefault: spec.isDefault ?? false,
            region: spec.region ?? null,
        };
        this.groups.set(group.id, group);
        return { ...group };
    }

    /** Registers a connector, as the agent on a host does. It lands in the default group unless told otherwise. */
    addConnector(spec: {
        machineName: string;
        status?: "active" | "inactive";
        connectorGroupId?: string;
        externalIp?: string;
        version?: string;
    }): EmulatedConnector {
        const connector: EmulatedConnector = {
            id: randomUUID(),
            machineName: spec.machineName,
            status: spec.status ?? "active",
            externalIp: spec.externalIp ?? "203.0.113.10",
            version: spec.version ?? "1.5.4522.0",
            connectorGroupId: spec.connectorGroupId ?? this.defaultGroupId,
        };
        this.connectorMap.set(connector.id, connector);
        return { ...connector };
    }

    /** Turns a connector active or inactive (an uninstalled agent shows as inactive). */
    setConnectorStatus(connectorId: string, status: "active" | "inactive"): void {
        this.mustGet(this.connectorMap, connectorId, "connector").status = status;
    }

    /** Removes a connector, as the service does 10 days after it turned inactive. */
    removeConnector(connectorId: string): void {
        this.connectorMap.delete(connectorId);
    }

    /**
     * Adds an application. `applicationType` sets `onPremisesPublishing.applicationType` (`nonwebapp` for a Private
     * Access app, `quickaccessapp` for Quick Access); leave it out for an app without on-premises publishing.
     */
    addApplication(spec: {
        displayName: string;
        appId?: string;
        tags?: string[];
        applicationType?: string;
        connectorGroupId?: string;
    }): EmulatedApplication {
        const application: EmulatedApplication = {
            id: randomUUID(),
            appId: spec.appId ?? randomUUID(),
            displayName: spec.displayName,
            tags: spec.tags ?? [],
            ...(spec.applicationType !== undefined
                ? { onPremisesPublishing: { applicationType: spec.applicationType, isAccessibleViaZTNAClient: true } }
                : {}),
            ...(spec.connectorGroupId !== undefined ? { connectorGroupId: spec.connectorGroupId } : {}),
        };
        this.applicationMap.set(application.id, application);
        return structuredClone(application);
    }

    /** Every connector group (copies). */
    connectorGroups(): EmulatedConnectorGroup[] {
        return [...this.groups.values()].map((group) => ({ ...group }));
    }

    /** Every connector (copies). */
    connectors(): EmulatedConnector[] {
        return [...this.connectorMap.values()].map((connector) => ({ ...connector }));
    }

    /** Every application (copies). */
    applications(): EmulatedApplication[] {
        return [...this.applicationMap.values()].map((application) => structuredClone(application));
    }

    /** The id of the group an application is served by (the default group when it has no assignment). */
    applicationGroupId(applicationId: string): string {
        return this.mustGet(this.applicationMap, applicationId, "application").connectorGroupId ?? this.defaultGroupId;
    }

    // ----- faults and accounting -----------------------------------------------------------------------------------

    /** Queues a fault for the next matching request(s). Faults apply in the order they were injected. */
    injectFault(fault: GraphFault): void {
        this.faults.push({ ...fault, remaining: fault.times ?? 1 });
    }

    /** Drops every queued fault. */
    clearFaults(): void {
        this.faults.length = 0;
    }

    /** Every request received since the start (or the last {@link resetRequestLog}). */
    get requests(): readonly RecordedRequest[] {
        return this.log;
    }

    /** Requests per route, e.g. `{ "GET /connectorGroups": 2, "POST /connectorGroups": 1, "GET /msi/token": 1 }`. */
    requestCounts(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const request of this.log) {
            counts[request.route] = (counts[request.route] ?? 0) + 1;
        }
        return counts;
    }

    /** Graph requests (token requests excluded) since the start or the last reset. */
    graphRequestCount(): number {
        return this.log.filter((request) => request.route !== TOKEN_ROUTE).length;
    }

    /** Forgets the requests received so far. */
    resetRequestLog(): void {
        this.log.length = 0;
    }

    /** Resolves once `route` has been requested `count` times in total (counting from the last reset). */
    whenRequested(route: string, count = 1): Promise<void> {
        return new Promise((resolve) => {
            this.waiters.push({ route, count, resolve });
            this.settleWaiters();
        });
    }

    /** Every access token issued so far: tests check that none leaks into logs, errors or state. */
    issuedTokens(): readonly string[] {
        return [...this.tokens];
    }

    // ----- HTTP ----------------------------------------------------------------------------------------------------

    private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
        const url = new URL(request.url ?? "/", this.endpoint);
        const method = (request.method ?? "GET").toUpperCase();
        const route = routeOf(method, url.pathname);
        const record: RecordedRequest = { method, route, path: url.pathname };
        this.log.push(record);
        this.settleWaiters();
        let text: string;
        try {
            text = await readBody(request);
        } catch {
            return;
        }
        const fault = this.takeFault(route);
        if (fault !== undefined) {
            record.fault = fault.kind;
        }
        if (fault?.kind === "reset") {
            request.socket.destroy();
            return;
        }
        if (fault?.kind === "delay") {
            // Unreferenced: a slow answer in flight must not keep a test process alive after the emulator stops.
            await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000).unref());
        }
        const answer = this.faultAnswer(fault) ?? this.answer(method, url, request.headers, text);
        if (fault?.kind === "resetAfterCommit") {
            request.socket.destroy();
            return;
        }
        record.status = answer.status;
        const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
        try {
            response.writeHead(answer.status, {
                ...(body !== "" ? { "Content-Type": "application/json" } : {}),
                "Content-Length": Buffer.byteLength(body).toString(),
                "request-id": randomUUID(),
                ...answer.headers,
            });
            response.end(body);
        } catch {
            // The client went away (a timed-out attempt); nothing to answer.
        }
    }

    private takeFault(route: string): GraphFault | undefined {
        const index = this.faults.findIndex((fault) => fault.route === undefined || fault.route === route);
        if (index < 0) {
            return undefined;
        }
        const fault = this.faults[index];
        fault.remaining -= 1;
        if (fault.remaining <= 0) {
            this.faults.splice(index, 1);
        }
        return fault;
    }

    private faultAnswer(fault: GraphFault | undefined): Answer | undefined {
        switch (fault?.kind) {
            case "throttle":
                return {
                    status: 429,
                    headers: { "Retry-After": String(fault.retryAfterSeconds ?? 1) },
                    body: graphError("TooManyRequests", "Too many requests. Please retry after the time in the Retry-After header."),
                };
            case "unavailable":
                return {
                    status: 503,
                    headers: fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {},
                    body: graphError("serviceNotAvailable", "The service is temporarily unavailable."),
                };
            case "serverError":
                return { status: 500, body: graphError("generalException", "An internal server error occurred.") };
            case "error":
                return {
                    status: fault.status ?? 400,
                    body: graphError(fault.code ?? "BadRequest", fault.message ?? "The request was refused."),
                };
            default:
                return undefined;
        }
    }

    private answer(method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): Answer {
        try {
            if (url.pathname === "/msi/token") {
                return this.token(url, headers);
            }
            const authorization = headers.authorization ?? "";
            const token = authorization.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : "";
            if (!this.tokens.has(token)) {
                throw new GraphAnswer(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
            }
            if (!url.pathname.startsWith("/beta/")) {
                throw new GraphAnswer(400, "BadRequest", `Invalid version: ${url.pathname.split("/")[1] ?? ""}`);
            }
            let body: Record<string, unknown> = {};
            if (text !== "") {
                try {
                    body = JSON.parse(text) as Record<string, unknown>;
                } catch {
                    throw new GraphAnswer(400, "BadRequest", "Unable to read JSON request payload.");
                }
            }
            return this.route(method, url.pathname.slice("/beta".length), url.searchParams, body);
        } catch (error) {
            if (error instanceof GraphAnswer) {
                return { status: error.status, body: graphError(error.code, error.message) };
            }
            return { status: 500, body: graphError("generalException", String(error)) };
        }
    }

    private token(url: URL, headers: http.IncomingHttpHeaders): Answer {
        if (headers["x-identity-header"] !== IDENTITY_HEADER) {
            throw new GraphAnswer(401, "invalid_request", "The X-IDENTITY-HEADER header is missing or wrong.");
        }
        const resource = url.searchParams.get("resource");
        if (resource !== this.endpoint) {
            throw new GraphAnswer(400, "invalid_resource", `Unknown resource ${resource ?? "(none)"}.`);
        }
        // Shaped like a JWT, so that tests looking for leaked tokens look for something realistic.
        const token = ["eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9", randomBytes(24).toString("base64url"), randomBytes(32).toString("base64url")].join(".");
        this.tokens.add(token);
        return {
            status: 200,
            body: {
                access_token: token,
                expires_on: String(Math.floor(Date.now() / 1000) + 3600),
                resource,
                token_type: "Bearer",
            },
        };
    }

    private route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Answer {
        const segments = path.split("/").filter((segment) => segment !== "").map(decodeURIComponent);
        if (path.startsWith(`${CONNECTOR_ROOT}/`)) {
            const [collection, id, relation, ref] = segments.slice(2);
            if (collection === "connectorGroups") {
                return this.connectorGroupRoute(method, id, relation, ref, query, body);
            }
            if (collection === "connectors") {
                return this.connectorRoute(method, id, relation, ref, query, body);
            }
        }
        if (segments[0] === "applications") {
            return this.applicationRoute(method, segments[1], segments[2], segments[3], query, body);
        }
        throw new GraphAnswer(400, "BadRequest", `Resource not found for the segment '${segments[0] ?? ""}'.`);
    }

    private connectorGroupRoute(
        method: string,
        id: string | undefined,
        relation: string | undefined,
        ref: string | undefined,
        query: URLSearchParams,
        body: Record<string, unknown>,
    ): Answer {
        if (id === undefined) {
            if (method === "GET") {
                return this.page([...this.groups.values()], query, `${CONNECTOR_ROOT}/connectorGroups`);
            }
            if (method === "POST") {
                return { status: this.createGroupStatus, body: this.createGroup(body) };
            }
            throw methodNotAllowed();
        }
        const group = this.group(id);
        if (relation === undefined) {
            switch (method) {
                case "GET":
                    return { status: 200, body: { ...group } };
                case "PATCH":
                    this.updateGroup(group, body);
                    return { status: 204 };
                case "DELETE":
                    this.deleteGroup(group);
                    return { status: 204 };
                default:
                    throw methodNotAllowed();
            }
        }
        if (relation === "members" && ref === undefined && method === "GET") {
            return this.page(this.membersOf(group.id), query, `${CONNECTOR_ROOT}/connectorGroups/${id}/members`);
        }
        if (relation === "members" && ref === "$ref" && method === "POST") {
            const connector = this.connectorFromRef(body);
            this.moveConnector(connector, group);
            return { status: 201 };
        }
        if (relation === "applications" && ref === undefined && method === "GET") {
            const apps = this.applicationsOf(group.id).map(applicationListView);
            return this.page(apps, query, `${CONNECTOR_ROOT}/connectorGroups/${id}/applications`);
        }
        throw new GraphAnswer(400, "BadRequest", `Resource not found for the segment '${relation ?? ""}'.`);
    }

    private connectorRoute(
        method: string,
        id: string | undefined,
        relation: string | undefined,
        ref: string | undefined,
        query: URLSearchParams,
        body: Record<string, unknown>,
    ): Answer {
        if (id === undefined) {
            if (method !== "GET") {
                throw methodNotAllowed();
            }
            return this.page([...this.connectorMap.values()].map(connectorView), query, `${CONNECTOR_ROOT}/connectors`);
        }
        const connector = this.connectorMap.get(id);
        if (connector === undefined) {
            throw new GraphAnswer(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
        }
        if (relation === undefined && method === "GET") {
            return { status: 200, body: connectorView(connector) };
        }
        if (relation === "memberOf" && ref === undefined && method === "GET") {
            return { status: 200, body: { value: [{ ...this.group(connector.connectorGroupId) }] } };
        }
        if (relation === "memberOf" && ref === "$ref" && method === "POST") {
            this.moveConnector(connector, this.groupFromRef(body));
            return { status: 201 };
        }
        throw new GraphAnswer(400, "BadRequest", `Resource not found for the segment '${relation ?? ""}'.`);
    }

    private applicationRoute(
        method: string,
        id: string | undefined,
        relation: string | undefined,
        ref: string | undefined,
        query: URLSearchParams,
        body: Record<string, unknown>,
    ): Answer {
        if (id === undefined) {
            if (method !== "GET") {
                throw methodNotAllowed();
            }
            const matches = [...this.applicationMap.values()].filter(applicationFilter(query.get("$filter")));
            const select = selection(query);
            return this.page(matches.map((app) => applicationView(app, select)), query, "/applications");
        }
        const application = this.applicationMap.get(id);
        if (application === undefined) {
            throw new GraphAnswer(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
        }
        if (relation === undefined && method === "GET") {
            return { status: 200, body: applicationView(application, selection(query)) };
        }
        if (relation === "connectorGroup") {
            if (application.onPremisesPublishing === undefined) {
                throw new GraphAnswer(404, "Application_NotFound", "Application not found.");
            }
            if (ref === undefined && method === "GET") {
                return { status: 200, body: { ...this.group(application.connectorGroupId ?? this.defaultGroupId) } };
            }
            if (ref === "$ref" && method === "PUT") {
                application.connectorGroupId = this.groupFromRef(body).id;
                return { status: 204 };
            }
            if (ref === "$ref" && method === "DELETE") {
                delete application.connectorGroupId;
                return { status: 204 };
            }
        }
        throw new GraphAnswer(400, "BadRequest", `Resource not found for the segment '${relation ?? ""}'.`);
    }

    private createGroup(body: Record<string, unknown>): EmulatedConnectorGroup {
        const name = body.name;
        if (typeof name !== "string" || name.trim() === "") {
            throw new GraphAnswer(400, "BadRequest", "The property 'name' is required.");
        }
        const region = body.region;
        if (region !== undefined && region !== null) {
            checkRegion(region);
        }
        // isDefault and connectorGroupType are accepted and ignored, as Graph does.
        return this.addConnectorGroup({ name, region: (region as string | undefined) ?? null });
    }

    private updateGroup(group: EmulatedConnectorGroup, body: Record<string, unknown>): void {
        if (body.name !== undefined) {
            if (typeof body.name !== "string" || body.name.trim() === "") {
                throw new GraphAnswer(400, "BadRequest", "The property 'name' must be a non-empty string.");
            }
            if (group.isDefault) {
                throw new GraphAnswer(400, "BadRequest", "The default connector group cannot be renamed.");
            }
        }
        if (body.region !== undefined && body.region !== group.region) {
            checkRegion(body.region);
            if (!this.isEmpty(group.id)) {
                throw new GraphAnswer(
                    400,
                    "BadRequest",
                    "The region of a connector group cannot be changed while connectors or applications are assigned to it.",
                );
            }
        }
        if (typeof body.name === "string") {
            group.name = body.name;
        }
        if (typeof body.region === "string") {
            group.region = body.region;
        }
    }

    private deleteGroup(group: EmulatedConnectorGroup): void {
        if (group.isDefault) {
            throw new GraphAnswer(400, "BadRequest", "The default connector group cannot be deleted.");
        }
        if (!this.isEmpty(group.id)) {
            throw new GraphAnswer(
                400,
                "BadRequest",
                "The connector group cannot be deleted while connectors or applications are assigned to it.",
            );
        }
        this.groups.delete(group.id);
    }

    private moveConnector(connector: EmulatedConnector, group: EmulatedConnectorGroup): void {
        if (connector.connectorGroupId === group.id) {
            throw new GraphAnswer(
                400,
                "Request_BadRequest",
                "One or more added object references already exist for the following modified properties: 'memberOf'.",
            );
        }
        connector.connectorGroupId = group.id;
    }

    private membersOf(groupId: string): Record<string, unknown>[] {
        return [...this.connectorMap.values()].filter((c) => c.connectorGroupId === groupId).map(connectorView);
    }

    private applicationsOf(groupId: string): EmulatedApplication[] {
        return [...this.applicationMap.values()].filter(
            (app) => app.onPremisesPublishing !== undefined && (app.connectorGroupId ?? this.defaultGroupId) === groupId,
        );
    }

    private isEmpty(groupId: string): boolean {
        return this.membersOf(groupId).length === 0 && this.applicationsOf(groupId).length === 0;
    }

    private group(id: string): EmulatedConnectorGroup {
        const group = this.groups.get(id);
        if (group === undefined) {
            throw new GraphAnswer(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
        }
        return group;
    }

    private groupFromRef(body: Record<string, unknown>): EmulatedConnectorGroup {
        const id = refId(body, "connectorGroups");
        const group = this.groups.get(id);
        if (group === undefined) {
            throw new GraphAnswer(400, "Request_BadRequest", `Invalid object identifier '${id}'.`);
        }
        return group;
    }

    private connectorFromRef(body: Record<string, unknown>): EmulatedConnector {
        const id = refId(body, "connectors");
        const connector = this.connectorMap.get(id);
        if (connector === undefined) {
            throw new GraphAnswer(400, "Request_BadRequest", `Invalid object identifier '${id}'.`);
        }
        return connector;
    }

    private page(items: readonly object[], query: URLSearchParams, path: string): Answer {
        const skip = Number(Buffer.from(query.get("$skiptoken") ?? "", "base64url").toString() || "0");
        const value = items.slice(skip, skip + this.pageSize).map((item) => ({ ...item }));
        const body: Record<string, unknown> = { "@odata.context": `${this.endpoint}/beta/$metadata`, value };
        if (skip + this.pageSize < items.length) {
            const next = new URLSearchParams(query);
            next.set("$skiptoken", Buffer.from(String(skip + this.pageSize)).toString("base64url"));
            // Graph writes OData's system query options with a literal `$`.
            body["@odata.nextLink"] = `${this.endpoint}/beta${path}?${next.toString().replace(/%24/g, "$")}`;
        }
        return { status: 200, body };
    }

    private mustGet<T>(map: Map<string, T>, id: string, what: string): T {
        const value = map.get(id);
        if (value === undefined) {
            throw new Error(`The emulator has no ${what} ${id}`);
        }
        return value;
    }

    private settleWaiters(): void {
        for (let index = this.waiters.length - 1; index >= 0; index--) {
            const waiter = this.waiters[index];
            if (this.log.filter((request) => request.route === waiter.route).length >= waiter.count) {
                this.waiters.splice(index, 1);
                waiter.resolve();
            }
        }
    }
}

/** The route template of a request: ids become `{id}`, the connector root is left out. */
function routeOf(method: string, pathname: string): string {
    if (pathname === "/msi/token") {
        return TOKEN_ROUTE;
    }
    let path = pathname.replace(/^\/beta/, "");
    path = path.startsWith(CONNECTOR_ROOT) ? path.slice(CONNECTOR_ROOT.length) : path;
    const segments = path.split("/").map((segment, index, all) =>
        index > 0 && index % 2 === 0 && segment !== "" && segment !== "$ref" && all[index - 1] !== "" ? "{id}" : segment,
    );
    return `${method} ${segments.join("/")}`;
}

function readBody(request: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        request.on("error", reject);
    });
}

function graphError(code: string, message: string): unknown {
    return { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID() } } };
}

function methodNotAllowed(): GraphAnswer {
    return new GraphAnswer(405, "Request_BadRequest", "The requested method is not allowed on this resource.");
}

function checkRegion(region: unknown): void {
    if (typeof region !== "string" || !DOCUMENTED_GROUP_REGIONS.includes(region)) {
        throw new GraphAnswer(
            400,
            "BadRequest",
            `Cannot convert the literal '${String(region)}' to the expected type 'microsoft.graph.connectorGroupRegion'.`,
        );
    }
}

function refId(body: Record<string, unknown>, collection: string): string {
    const ref = body["@odata.id"];
    const match = typeof ref === "string" ? new RegExp(`/beta${CONNECTOR_ROOT}/${collection}/([^/?#]+)$`).exec(ref) : null;
    if (match === null) {
        throw new GraphAnswer(400, "Request_BadRequest", `The @odata.id must reference ${collection}: got ${JSON.stringify(ref)}.`);
    }
    return decodeURIComponent(match[1]);
}

function connectorView(connector: EmulatedConnector): Record<string, unknown> {
    const { connectorGroupId: _group, ...view } = connector;
    return view;
}

function applicationListView(application: EmulatedApplication): Record<string, unknown> {
    return { id: application.id, appId: application.appId, displayName: application.displayName };
}

/** Graph returns `onPremisesPublishing` only when it is asked for with `$select`. */
function applicationView(application: EmulatedApplication, select: ReadonlySet<string> | undefined): Record<string, unknown> {
    const full: Record<string, unknown> = {
        id: application.id,
        appId: application.appId,
        displayName: application.displayName,
        tags: [...application.tags],
        onPremisesPublishing: application.onPremisesPublishing ?? null,
    };
    if (select === undefined) {
        const { onPremisesPublishing: _omitted, ...view } = full;
        return view;
    }
    return Object.fromEntries(Object.entries(full).filter(([key]) => key === "id" || select.has(key)));
}

function selection(query: URLSearchParams): ReadonlySet<string> | undefined {
    const select = query.get("$select");
    return select === null ? undefined : new Set(select.split(",").map((field) => field.trim()));
}

/** The `$filter` forms the library sends: `displayName eq '...'`, `appId eq '...'`, `tags/any(x:x eq '...')`. */
function applicationFilter(filter: string | null): (application: EmulatedApplication) => boolean {
    if (filter === null) {
        return () => true;
    }
    const literal = "'((?:[^']|'')*)'";
    const unquote = (text: string): string => text.replace(/''/g, "'");
    const property = new RegExp(`^\\s*(displayName|appId)\\s+eq\\s+${literal}\\s*$`, "i").exec(filter);
    if (property !== null) {
        const field = property[1].toLowerCase() === "appid" ? "appId" : "displayName";
        const value = unquote(property[2]);
        return (application) => application[field] === value;
    }
    const tag = new RegExp(`^\\s*tags/any\\(\\s*(\\w+)\\s*:\\s*\\1\\s+eq\\s+${literal}\\s*\\)\\s*$`, "i").exec(filter);
    if (tag !== null) {
        const value = unquote(tag[2]);
        return (application) => application.tags.includes(value);
    }
    throw new GraphAnswer(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause: ${filter}`);
}
