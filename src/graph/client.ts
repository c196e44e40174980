/**
 * The Microsoft Graph client: the official `@microsoft/microsoft-graph-client` with this library's middleware chain
 * (see `middleware.ts`), raw responses turned into parsed bodies or into errors that say what failed and what to do,
 * and `@odata.nextLink` paging.
 */
import { type TokenCredential, DefaultAzureCredential } from "@azure/identity";
import { Client, HTTPMessageHandler, ResponseType } from "@microsoft/microsoft-graph-client";
import { GRAPH_API_VERSION, graphScope, normaliseGraphEndpoint } from "./endpoint";
import { type GraphCallContext, GraphRequestError, GraphTransportError } from "./errors";
import { CallTrace, type GraphRetryEvent, ResilientRetryHandler, TokenAuthenticationHandler } from "./middleware";
import { type RetryOptions, isIdempotent, resolveRetryPolicy } from "./retryPolicy";

/** How to reach Graph. Every field is optional. */
export interface GraphClientOptions {
    /**
     * Graph's service root, e.g. `https://graph.microsoft.us` for US Government. Default `https://graph.microsoft.com`.
     * Must be https://, or http:// to a loopback address (a local emulator).
     */
    endpoint?: string;
    /** Where tokens come from. Default: a new `DefaultAzureCredential` (environment, workload/managed identity, CLI). */
    credential?: TokenCredential;
    /** Retry and deadline settings; see {@link RetryOptions}. */
    retry?: RetryOptions;
    /** Called before each retry, e.g. to log it. Receives no token, header or body. */
    onRetry?: (event: GraphRetryEvent) => void;
}

/** Describes one call, for error messages and deadlines. */
export interface GraphCallOptions {
    /** What the call does, as a verb phrase: `list connector groups`, `create connector group "eu"`. */
    action: string;
    /**
     * Epoch milliseconds after which the call gives up, when earlier than the client's own deadline (used by waits
     * that have a deadline of their own).
     */
    deadline?: number;
    /** Extra request headers (e.g. `ConsistencyLevel: eventual` for advanced queries). Never credentials. */
    headers?: Record<string, string>;
}

/** A Graph collection page. */
interface Page<T> {
    value?: T[];
    "@odata.nextLink"?: string;
}

/** Most pages `list` follows before deciding Graph is looping. */
const MAX_PAGES = 10_000;

/** A Microsoft Graph beta client. */
export class GraphClient {
    /** The normalised service root (origin), e.g. `https://graph.microsoft.com`. */
    public readonly endpoint: string;
    private readonly client: Client;
    private readonly deadlineMs: number;

    constructor(options: GraphClientOptions = {}) {
        this.endpoint = normaliseGraphEndpoint(options.endpoint);
        const policy = resolveRetryPolicy(options.retry);
        this.deadlineMs = policy.deadlineMs;
        const retry = new ResilientRetryHandler(policy, options.onRetry);
        const auth = new TokenAuthenticationHandler(
            options.credential ?? new DefaultAzureCredential(),
            graphScope(this.endpoint),
            this.endpoint,
        );
        retry.setNext(auth);
        auth.setNext(new HTTPMessageHandler());
        this.client = Client.initWithMiddleware({
            baseUrl: this.endpoint,
            defaultVersion: GRAPH_API_VERSION,
            middleware: retry,
        });
    }

    /**
     * The absolute URL of a Graph object, as `$ref` bodies want it in `@odata.id`
     * (`https://graph.microsoft.com/beta/onPremisesPublishingProfiles/...`).
     */
    odataId(path: string): string {
        return `${this.endpoint}/${GRAPH_API_VERSION}${path}`;
    }

    /** GETs one object. */
    async get<T>(path: string, call: GraphCallOptions): Promise<T> {
        return (await this.send("GET", path, undefined, call)) as T;
    }

    /** GETs a collection, following `@odata.nextLink` until the last page. */
    async list<T>(path: string, call: GraphCallOptions): Promise<T[]> {
        const items: T[] = [];
        const seen = new Set<string>();
        let next: string | undefined = path;
        for (let pages = 0; next !== undefined; pages++) {
            if (pages >= MAX_PAGES || seen.has(next)) {
                throw new Error(`Could not ${call.action}: Graph's paging did not end (page ${pages + 1} of ${path})`);
            }
            seen.add(next);
            const page = ((await this.send("GET", next, undefined, call)) ?? {}) as Page<T>;
            items.push(...(page.value ?? []));
            const link = page["@odata.nextLink"];
            next = link === undefined ? undefined : this.relativePath(link, call);
        }
        return items;
    }

    /** POSTs a JSON body; resolves to the parsed answer (undefined when Graph sends none). */
    async post<T>(path: string, body: unknown, call: GraphCallOptions): Promise<T | undefined> {
        return (await this.send("POST", path, body, call)) as T | undefined;
    }

    /** PATCHes a JSON body. Graph answers 204. */
    async patch(path: string, body: unknown, call: GraphCallOptions): Promise<void> {
        await this.send("PATCH", path, body, call);
    }

    /** PUTs a JSON body (used for `$ref` assignments). */
    async put(path: string, body: unknown, call: GraphCallOptions): Promise<void> {
        await this.send("PUT", path, body, call);
    }

    /** DELETEs. */
    async delete(path: string, call: GraphCallOptions): Promise<void> {
        await this.send("DELETE", path, undefined, call);
    }

    /** Turns a nextLink into a path below the API version, refusing links to another host (tokens go with it). */
    private relativePath(link: string, call: GraphCallOptions): string {
        const url = new URL(link, this.endpoint);
        const prefix = `/${GRAPH_API_VERSION}/`;
        if (url.origin !== this.endpoint || !url.pathname.startsWith(prefix)) {
            throw new Error(
                `Could not ${call.action}: Graph's nextLink points outside ${this.endpoint}/${GRAPH_API_VERSION}; not following it`,
            );
        }
        return url.pathname.slice(prefix.length - 1) + url.search;
    }

    private async send(method: string, path: string, body: unknown, call: GraphCallOptions): Promise<unknown> {
        const context: GraphCallContext = { action: call.action, method, path: path.split("?")[0] };
        const trace = new CallTrace(Math.min(call.deadline ?? Infinity, Date.now() + this.deadlineMs));
        const request = this.client
            .api(path)
            .version(GRAPH_API_VERSION)
            .responseType(ResponseType.RAW)
            .middlewareOptions([trace]);
        if (call.headers !== undefined) {
            request.headers(call.headers);
        }
        let response: Response;
        let text: string;
        try {
            response = (await sendRequest(request, method, body)) as Response;
            text = await response.text();
        } catch (error) {
            const failure = trace.failure;
            if (failure?.kind === "authentication" || failure?.kind === "error") {
                throw failure.error;
            }
            if (failure?.kind === "transport") {
                throw new GraphTransportError(context, failure.description, failure.outcomeUnknown, trace.attempts);
            }
            const detail = error instanceof Error ? error.message : String(error);
            throw new GraphTransportError(context, detail, !isIdempotent(method), Math.max(1, trace.attempts));
        }
        const parsed = parseJson(text);
        if (response.ok) {
            if (text !== "" && parsed === undefined) {
                throw new GraphRequestError(context, { status: response.status, message: "the answer was not JSON" }, trace.attempts);
            }
            return parsed;
        }
        const error = (parsed as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } })?.error;
        throw new GraphRequestError(
            context,
            {
                status: response.status,
                code: typeof error?.code === "string" ? error.code : undefined,
                message:
                    typeof error?.message === "string"
                        ? error.message
                        : text !== "" && parsed === undefined
                          ? text.slice(0, 300)
                          : undefined,
                requestId:
                    typeof error?.innerError?.["request-id"] === "string"
                        ? (error.innerError["request-id"] as string)
                        : (response.headers.get("request-id") ?? undefined),
            },
            trace.attempts,
            trace.gaveUp,
        );
    }
}

type GraphRequest = ReturnType<Client["api"]>;

function sendRequest(request: GraphRequest, method: string, body: unknown): Promise<unknown> {
    switch (method) {
        case "GET":
            return request.get();
        case "POST":
            return request.post(body ?? {});
        case "PATCH":
            return request.patch(body ?? {});
        case "PUT":
            return request.put(body ?? {});
        case "DELETE":
            return request.delete();
        default:
            throw new Error(`Unsupported Graph method ${method}`);
    }
}

function parseJson(text: string): unknown {
    if (text === "") {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
