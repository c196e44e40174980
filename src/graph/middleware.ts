/**
 * The two middlewares this library puts into the official Graph client's chain, in place of its RetryHandler and
 * AuthenticationHandler:
 *
 *   ResilientRetryHandler -> TokenAuthenticationHandler -> HTTPMessageHandler (official)
 *
 * Why not the official ones: RetryHandler honours `Retry-After` on 429/503/504, but does not retry a reset
 * connection or a timed-out attempt, has no total deadline, and caps waits at 180 s; AuthenticationHandler attaches
 * tokens only to https:// Graph hosts (so no loopback emulator) and asks the credential for a token on every request
 * (an `az` process each time with the Azure CLI credential).
 */
import { type AccessToken, type TokenCredential } from "@azure/identity";
import { type Context, type Middleware, type MiddlewareOptions } from "@microsoft/microsoft-graph-client";
import { GraphAuthenticationError } from "./errors";
import {
    type AttemptResult,
    type RetryPolicy,
    classifyTransportError,
    decideRetry,
    describeAttemptResult,
    isIdempotent,
    isRetryableStatus,
} from "./retryPolicy";

/** One retry the client is about to make: for logs and tests. Carries no header, body or token. */
export interface GraphRetryEvent {
    readonly method: string;
    /** The request path below the API version, without the query. */
    readonly path: string;
    /** The attempt that just failed (1 for the first). */
    readonly attempt: number;
    /** How long the client waits before the next attempt, in milliseconds. */
    readonly delayMs: number;
    /** What went wrong (`HTTP 429`, `the connection failed (ECONNRESET)`, ...). */
    readonly reason: string;
}

/**
 * Per-call state shared by the middlewares and the client: the deadline going in; the number of attempts and why
 * the call failed coming out (the official client wraps errors thrown inside its chain into its own GraphError, which
 * would lose these).
 */
export class CallTrace implements MiddlewareOptions {
    public attempts = 0;
    /** Why a retryable answer was not retried (attempts or deadline exhausted). */
    public gaveUp: string | undefined;
    /** Set when the call failed without an answer from Graph. */
    public failure:
        | { readonly kind: "transport"; readonly description: string; readonly outcomeUnknown: boolean }
        | { readonly kind: "authentication"; readonly error: GraphAuthenticationError }
        /** Anything else thrown inside the chain, kept as it was. */
        | { readonly kind: "error"; readonly error: unknown }
        | undefined;

    constructor(
        /** Epoch milliseconds after which no new attempt starts and no wait ends. */
        public readonly deadline: number,
    ) {}
}

/** Retries per {@link decideRetry}, bounded by the call's deadline; see `retryPolicy.ts` for the rules. */
export class ResilientRetryHandler implements Middleware {
    private next: Middleware | undefined;

    constructor(
        private readonly policy: RetryPolicy,
        private readonly onRetry?: (event: GraphRetryEvent) => void,
    ) {}

    setNext(next: Middleware): void {
        this.next = next;
    }

    async execute(context: Context): Promise<void> {
        const next = this.next;
        if (next === undefined) {
            throw new Error("ResilientRetryHandler needs a next middleware");
        }
        const trace = traceOf(context) ?? new CallTrace(Date.now() + this.policy.deadlineMs);
        const options = context.options ?? {};
        context.options = options;
        const method = (options.method ?? "GET").toUpperCase();
        for (let attempt = 1; ; attempt++) {
            trace.attempts = attempt;
            const signal = AbortSignal.timeout(Math.max(1, Math.min(this.policy.attemptTimeoutMs, trace.deadline - Date.now())));
            options.signal = signal;
            let result: AttemptResult;
            try {
                context.response = undefined;
                await next.execute(context);
                const response = context.response as Response | undefined;
                if (response === undefined || !isRetryableStatus(response.status)) {
                    return;
                }
                result = { kind: "status", status: response.status, retryAfter: response.headers.get("Retry-After") };
            } catch (error) {
                if (!signal.aborted && !isNetworkFailure(error)) {
                    trace.failure ??= { kind: "error", error };
                    throw error;
                }
                result = signal.aborted ? { kind: "timeout" } : classifyTransportError(error);
            }
            const now = Date.now();
            const verdict = decideRetry(method, result, attempt, this.policy, trace.deadline - now, now, Math.random());
            if (!verdict.retry) {
                if (result.kind === "status") {
                    // Let the error answer through: the client turns it into a GraphRequestError.
                    trace.gaveUp = verdict.reason;
                    return;
                }
                const what = describeAttemptResult(result);
                trace.failure = {
                    kind: "transport",
                    description: verdict.reason === undefined ? what : `${what}; ${verdict.reason}`,
                    outcomeUnknown: !isIdempotent(method) && !(result.kind === "transport" && result.phase !== "exchange"),
                };
                throw new Error(trace.failure.description);
            }
            await discardBody(context.response as Response | undefined);
            this.onRetry?.({ method, path: pathOf(context.request), attempt, delayMs: verdict.delayMs, reason: verdict.reason });
            await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
        }
    }
}

/** How long before expiry a cached token is replaced. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Adds `Authorization: Bearer <token>` from a TokenCredential, caching the token until shortly before it expires.
 * Refuses to send a token anywhere but the configured Graph origin. On a 401 it fetches a fresh token once and
 * repeats the request (a token revoked or expired early).
 */
export class TokenAuthenticationHandler implements Middleware {
    private next: Middleware | undefined;
    private cached: AccessToken | undefined;
    private pending: Promise<AccessToken> | undefined;

    constructor(
        private readonly credential: TokenCredential,
        private readonly scope: string,
        private readonly origin: string,
    ) {}

    setNext(next: Middleware): void {
        this.next = next;
    }

    async execute(context: Context): Promise<void> {
        const next = this.next;
        if (next === undefined) {
            throw new Error("TokenAuthenticationHandler needs a next middleware");
        }
        const url = new URL(urlOf(context.request));
        if (url.origin !== this.origin) {
            throw new Error(`Refusing to send a Graph token to ${url.origin}: the client is configured for ${this.origin}`);
        }
        await this.authorise(context, false);
        await next.execute(context);
        const response = context.response as Response | undefined;
        if (response?.status === 401) {
            await discardBody(response);
            await this.authorise(context, true);
            await next.execute(context);
        }
    }

    private async authorise(context: Context, refresh: boolean): Promise<void> {
        let token: string;
        try {
            token = await this.token(refresh);
        } catch (error) {
            const failure = new GraphAuthenticationError(this.scope, error);
            const trace = traceOf(context);
            if (trace !== undefined) {
                trace.failure = { kind: "authentication", error: failure };
            }
            throw failure;
        }
        const options = context.options ?? {};
        context.options = options;
        const headers = options.headers;
        if (headers instanceof Headers) {
            headers.set("Authorization", `Bearer ${token}`);
        } else {
            options.headers = { ...(headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` };
        }
    }

    private async token(refresh: boolean): Promise<string> {
        const cached = this.cached;
        if (!refresh && cached !== undefined && cached.expiresOnTimestamp - Date.now() > TOKEN_REFRESH_MARGIN_MS) {
            return cached.token;
        }
        if (this.pending === undefined) {
            this.pending = this.credential
                .getToken(this.scope)
                .then((token) => {
                    if (token === null) {
                        throw new Error("the credential returned no token");
                    }
                    this.cached = token;
                    return token;
                })
                .finally(() => {
                    this.pending = undefined;
                });
        }
        return (await this.pending).token;
    }
}

/**
 * Whether fetch failed for want of a network exchange: Node's fetch rejects with `TypeError: fetch failed` and the
 * system error as its cause. Checked by name, not `instanceof`: the error may come from another realm (under jest).
 */
function isNetworkFailure(error: unknown): boolean {
    const failure = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } } | null | undefined;
    return failure?.name === "TypeError" && (failure.message === "fetch failed" || typeof failure.cause?.code === "string");
}

function traceOf(context: Context): CallTrace | undefined {
    return context.middlewareControl?.getMiddlewareOptions(CallTrace) as CallTrace | undefined;
}

function urlOf(request: Context["request"]): string {
    return typeof request === "string" ? request : request.url;
}

function pathOf(request: Context["request"]): string {
    return new URL(urlOf(request)).pathname.replace(/^\/[^/]+/, "");
}

/** Reads and drops a response body so that its connection can be reused. */
async function discardBody(response: Response | undefined): Promise<void> {
    try {
        await response?.arrayBuffer();
    } catch {
        // The body is of no interest; a broken one only means the connection is not reused.
    }
}
