import fc from "fast-check";
import {
    DEFAULT_RETRY_OPTIONS,
    backoffDelayMs,
    classifyTransportError,
    decideRetry,
    isIdempotent,
    parseRetryAfter,
    resolveRetryPolicy,
} from "connector-topology/graph";

const policy = resolveRetryPolicy({ deadlineSeconds: 600, maxAttempts: 10, initialBackoffSeconds: 1, maxBackoffSeconds: 60 });
const NOW = Date.UTC(2026, 0, 1);
const methods = fc.constantFrom("GET", "POST", "PATCH", "PUT", "DELETE");

describe("retry policy", () => {
    it("waits exactly as long as Retry-After says on 429 and 503, plus at most 10% jitter", () => {
        fc.assert(
            fc.property(methods, fc.constantFrom(429, 503), fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (method, status, seconds, random) => {
                const verdict = decideRetry(method, { kind: "status", status, retryAfter: String(seconds) }, 1, policy, 600_000, NOW, random);
                expect(verdict.retry).toBe(true);
                if (verdict.retry) {
                    expect(verdict.delayMs).toBeGreaterThanOrEqual(seconds * 1000);
                    expect(verdict.delayMs).toBeLessThanOrEqual(seconds * 1100);
                }
            }),
        );
    });

    it("reads Retry-After as an HTTP date too", () => {
        expect(parseRetryAfter(new Date(NOW + 42_000).toUTCString(), NOW)).toBe(42_000);
        expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
        expect(parseRetryAfter("soon", NOW)).toBeUndefined();
        expect(parseRetryAfter(null, NOW)).toBeUndefined();
    });

    it("backs off exponentially with jitter, within the cap, when Graph gives no Retry-After", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, random) => {
                const step = Math.min(60_000, 1000 * 2 ** (attempt - 1));
                const delay = backoffDelayMs(attempt, policy, random);
                expect(delay).toBeGreaterThanOrEqual(step / 2);
                expect(delay).toBeLessThanOrEqual(step);
            }),
        );
        expect(backoffDelayMs(1, policy, 0.999)).toBeLessThan(backoffDelayMs(3, policy, 0));
    });

    it("retries every method when Graph declined (429, 503) or the connection never opened", () => {
        fc.assert(
            fc.property(methods, (method) => {
                expect(decideRetry(method, { kind: "status", status: 429 }, 1, policy, 600_000, NOW, 0.5).retry).toBe(true);
                expect(decideRetry(method, { kind: "status", status: 503 }, 1, policy, 600_000, NOW, 0.5).retry).toBe(true);
                const refused = classifyTransportError(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }));
                expect(decideRetry(method, refused, 1, policy, 600_000, NOW, 0.5).retry).toBe(true);
            }),
        );
    });

    it("retries a failure that leaves the outcome unknown only for idempotent methods: a POST is never repeated blindly", () => {
        const reset = classifyTransportError(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }));
        for (const result of [reset, { kind: "timeout" } as const, { kind: "status", status: 500 } as const, { kind: "status", status: 504 } as const]) {
            expect(decideRetry("GET", result, 1, policy, 600_000, NOW, 0.5).retry).toBe(true);
            expect(decideRetry("PATCH", result, 1, policy, 600_000, NOW, 0.5).retry).toBe(true);
            expect(decideRetry("POST", result, 1, policy, 600_000, NOW, 0.5)).toEqual({ retry: false });
        }
        expect(isIdempotent("post")).toBe(false);
        expect(isIdempotent("delete")).toBe(true);
    });

    it("never retries client errors, nor an unknown host", () => {
        for (const status of [400, 401, 403, 404, 409]) {
            expect(decideRetry("GET", { kind: "status", status }, 1, policy, 600_000, NOW, 0.5)).toEqual({ retry: false });
        }
        const unknownHost = classifyTransportError(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }));
        expect(decideRetry("GET", unknownHost, 1, policy, 600_000, NOW, 0.5)).toEqual({ retry: false });
    });

    it("does not start a wait that would end past the deadline, and says why", () => {
        const verdict = decideRetry("GET", { kind: "status", status: 429, retryAfter: "120" }, 1, policy, 30_000, NOW, 0);
        expect(verdict.retry).toBe(false);
        expect(verdict.retry === false && verdict.reason).toMatch(/Graph asked to retry after 120 s, past the deadline \(30 s left of 600 s\)/);
    });

    it("gives up after the maximum number of attempts, and says so", () => {
        const verdict = decideRetry("GET", { kind: "status", status: 503 }, 10, policy, 600_000, NOW, 0);
        expect(verdict).toEqual({ retry: false, reason: "gave up after 10 attempts" });
    });

    it("rejects nonsensical options, naming each field and its rule", () => {
        expect(resolveRetryPolicy()).toEqual({
            deadlineMs: DEFAULT_RETRY_OPTIONS.deadlineSeconds * 1000,
            attemptTimeoutMs: 60_000,
            maxAttempts: 10,
            initialBackoffMs: 1000,
            maxBackoffMs: 60_000,
        });
        expect(() => resolveRetryPolicy({ deadlineSeconds: 0, maxAttempts: 1.5, maxBackoffSeconds: 0.5 })).toThrow(
            /retry.deadlineSeconds = 0: must be at least 1[\s\S]*retry.maxAttempts = 1.5: must be an integer from 1 to 100[\s\S]*retry.maxBackoffSeconds = 0.5: must be at least initialBackoffSeconds/,
        );
    });
});
