/**
 * When to retry a Graph call, and how long to wait first. Pure: the retry middleware feeds it what happened and
 * sleeps for what it says, so every rule here is unit-tested without a network.
 *
 * - 429 and 503 mean Graph did not process the request: any method is retried, after `Retry-After` when Graph sends
 *   it (throttling answers carry 10-300 s in real tenants), otherwise after an exponential backoff with jitter.
 * - Other transient failures (408, 500, 502, 504, a connection reset mid-exchange, an attempt timeout) leave it
 *   unknown whether Graph acted, so only idempotent methods are retried. A POST that fails that way is reported with
 *   its outcome unknown, and the operation that sent it reconciles by reading (see `createConnectorGroup`).
 * - A connection that could not be opened never reached Graph: any method is retried.
 * - Everything is bounded by a total deadline per call and a maximum number of attempts.
 */

/** How the client retries one call. All fields optional; defaults in {@link DEFAULT_RETRY_OPTIONS}. */
export interface RetryOptions {
    /**
     * Total time budget of one call, every attempt and wait included, in seconds. Default 600. Graph's `Retry-After`
     * can ask for up to 300 s; a wait that would end past the deadline is not started, and the call fails at once
     * saying so. Must be at least 1.
     */
    deadlineSeconds?: number;
    /** How long one attempt may take before it is abandoned, in seconds. Default 60. Must be at least 0.1. */
    attemptTimeoutSeconds?: number;
    /** Most attempts per call, the first included. Default 10. Must be an integer from 1 to 100. */
    maxAttempts?: number;
    /** First backoff step when Graph gives no `Retry-After`, in seconds. Default 1. Must be above 0. */
    initialBackoffSeconds?: number;
    /** Longest backoff step, in seconds. Default 60. Must be at least `initialBackoffSeconds`. */
    maxBackoffSeconds?: number;
}

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS: Readonly<Required<RetryOptions>> = {
    deadlineSeconds: 600,
    attemptTimeoutSeconds: 60,
    maxAttempts: 10,
    initialBackoffSeconds: 1,
    maxBackoffSeconds: 60,
};

/** {@link RetryOptions} resolved and in milliseconds. */
export interface RetryPolicy {
    readonly deadlineMs: number;
    readonly attemptTimeoutMs: number;
    readonly maxAttempts: number;
    readonly initialBackoffMs: number;
    readonly maxBackoffMs: number;
}

/** Applies the defaults and checks the ranges; throws naming the field, the value and the rule. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
    const merged = { ...DEFAULT_RETRY_OPTIONS, ...stripUndefined(options) };
    const problems: string[] = [];
    const check = (field: keyof RetryOptions, ok: boolean, rule: string): void => {
        if (!ok) {
            problems.push(`retry.${field} = ${JSON.stringify(merged[field])}: ${rule}`);
        }
    };
    const finite = (value: number): boolean => typeof value === "number" && Number.isFinite(value);
    check("deadlineSeconds", finite(merged.deadlineSeconds) && merged.deadlineSeconds >= 1, "must be at least 1");
    check(
        "attemptTimeoutSeconds",
        finite(merged.attemptTimeoutSeconds) && merged.attemptTimeoutSeconds >= 0.1,
        "must be at least 0.1",
    );
    check(
        "maxAttempts",
        Number.isInteger(merged.maxAttempts) && merged.maxAttempts >= 1 && merged.maxAttempts <= 100,
        "must be an integer from 1 to 100",
    );
    check(
        "initialBackoffSeconds",
        finite(merged.initialBackoffSeconds) && merged.initialBackoffSeconds > 0,
        "must be above 0",
    );
    check(
        "maxBackoffSeconds",
        finite(merged.maxBackoffSeconds) && merged.maxBackoffSeconds >= merged.initialBackoffSeconds,
        "must be at least initialBackoffSeconds",
    );
    if (problems.length > 0) {
        throw new Error(`Invalid Graph retry options:\n  - ${problems.join("\n  - ")}`);
    }
    return {
        deadlineMs: merged.deadlineSeconds * 1000,
        attemptTimeoutMs: merged.attemptTimeoutSeconds * 1000,
        maxAttempts: merged.maxAttempts,
        initialBackoffMs: merged.initialBackoffSeconds * 1000,
        maxBackoffMs: merged.maxBackoffSeconds * 1000,
    };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What one attempt came to. */
export type AttemptResult =
    /** Graph answered. `retryAfter` is the raw `Retry-After` header, if any. */
    | { readonly kind: "status"; readonly status: number; readonly retryAfter?: string | null }
    /**
     * No answer. `connect`: the connection could not be opened, so Graph never saw the request. `exchange`: the
     * connection broke after the request may have been sent. `permanent`: retrying cannot help (unknown host).
     */
    | { readonly kind: "transport"; readonly phase: "connect" | "exchange" | "permanent"; readonly description: string }
    /** The attempt ran past its timeout and was abandoned. */
    | { readonly kind: "timeout" };

/** The retry middleware's next step. */
export type RetryVerdict =
    | { readonly retry: true; readonly delayMs: number; readonly reason: string }
    /** `reason` says why a retryable failure was not retried: "gave up after 10 attempts", "stopped retrying: ...". */
    | { readonly retry: false; readonly reason?: string };

/** Statuses that mean Graph declined the request without acting on it. */
const DECLINED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Statuses after which Graph may or may not have acted. */
const AMBIGUOUS_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 504]);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"]);

/**
 * Whether repeating a request is harmless. PATCH counts: every PATCH this library sends sets absolute values. POST
 * does not: repeating a create could make a second group.
 */
export function isIdempotent(method: string): boolean {
    return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Whether a status is one the client retries at all (for some method). */
export function isRetryableStatus(status: number): boolean {
    return DECLINED_STATUSES.has(status) || AMBIGUOUS_STATUSES.has(status);
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `nowMs`. Undefined when absent or
 * unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
    if (value === null || value === undefined || value.trim() === "") {
        return undefined;
    }
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) {
        return Number(text) * 1000;
    }
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The wait before attempt `attempt + 1` when Graph gave no `Retry-After`: exponential (initial x 2^(attempt-1)),
 * capped, with "equal jitter" (a random point in the upper half of the step) so that parallel callers spread out.
 * `random` is in [0, 1).
 */
export function backoffDelayMs(
    attempt: number,
    policy: Pick<RetryPolicy, "initialBackoffMs" | "maxBackoffMs">,
    random: number,
): number {
    const step = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
    return step / 2 + (random * step) / 2;
}

/**
 * Decides whether to retry after attempt number `attempt` (1 for the first) of `method` ended with `result`, given
 * `remainingMs` until the deadline. `random` in [0, 1) supplies the jitter.
 */
export function decideRetry(
    method: string,
    result: AttemptResult,
    attempt: number,
    policy: RetryPolicy,
    remainingMs: number,
    nowMs: number,
    random: number,
): RetryVerdict {
    const safeToRepeat =
        result.kind === "status"
            ? DECLINED_STATUSES.has(result.status) || (AMBIGUOUS_STATUSES.has(result.status) && isIdempotent(method))
            : result.kind === "transport"
              ? result.phase === "connect" || (result.phase === "exchange" && isIdempotent(method))
              : isIdempotent(method);
    if (!safeToRepeat) {
        return { retry: false };
    }
    if (attempt >= policy.maxAttempts) {
        return { retry: false, reason: `gave up after ${attempt} attempts` };
    }
    const retryAfterMs =
        result.kind === "status" && DECLINED_STATUSES.has(result.status)
            ? parseRetryAfter(result.retryAfter, nowMs)
            : undefined;
    // Graph's Retry-After is a minimum; a little jitter on top keeps parallel callers from returning in lockstep.
    const delayMs =
        retryAfterMs !== undefined ? retryAfterMs * (1 + 0.1 * random) : backoffDelayMs(attempt, policy, random);
    if (delayMs >= remainingMs) {
        const asked =
            retryAfterMs !== undefined
                ? `Graph asked to retry after ${seconds(retryAfterMs)}`
                : `the next retry would be in ${seconds(delayMs)}`;
        return {
            retry: false,
            reason: `stopped retrying: ${asked}, past the deadline (${seconds(Math.max(0, remainingMs))} left of ${seconds(policy.deadlineMs)})`,
        };
    }
    return { retry: true, delayMs, reason: describeAttemptResult(result) };
}

/** A short account of an attempt's result, for messages. */
export function describeAttemptResult(result: AttemptResult): string {
    switch (result.kind) {
        case "status":
            return `HTTP ${result.status}`;
        case "transport":
            return result.description;
        case "timeout":
            return "the attempt timed out";
    }
}

function seconds(ms: number): string {
    return `${Math.round(ms / 100) / 10} s`;
}

// Node's fetch (undici) reports network failures as `TypeError: fetch failed` with the system error as `cause`.
const CONNECT_CODES: ReadonlySet<string> = new Set([
    "ECONNREFUSED",
    "EAI_AGAIN",
    "UND_ERR_CONNECT_TIMEOUT",
    "ENETUNREACH",
    "EHOSTUNREACH",
]);
const PERMANENT_CODES: ReadonlySet<string> = new Set(["ENOTFOUND", "ERR_INVALID_URL", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);

/** Classifies an error thrown by fetch into an {@link AttemptResult}. */
export function classifyTransportError(error: unknown): AttemptResult {
    const code = errorCode(error);
    const description = code !== undefined ? `the connection failed (${code})` : "the connection failed";
    if (code !== undefined && PERMANENT_CODES.has(code)) {
        return { kind: "transport", phase: "permanent", description };
    }
    if (code !== undefined && CONNECT_CODES.has(code)) {
        return { kind: "transport", phase: "connect", description };
    }
    return { kind: "transport", phase: "exchange", description };
}

function errorCode(error: unknown): string | undefined {
    for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
        const code = (current as { code?: unknown }).code;
        if (typeof code === "string" && code !== "") {
            return code;
        }
        current = (current as { cause?: unknown }).cause;
    }
    return undefined;
}
