import fc from "fast-check";
import {
    DEFAULT_GRAPH_ENDPOINT,
    graphEndpointProblem,
    graphScope,
    isLoopbackHost,
    normaliseGraphEndpoint,
} from "connector-topology/graph";

describe("Graph endpoint", () => {
    it("defaults to the public cloud and normalises national clouds to their origin", () => {
        expect(normaliseGraphEndpoint(undefined)).toBe(DEFAULT_GRAPH_ENDPOINT);
        expect(normaliseGraphEndpoint("  ")).toBe(DEFAULT_GRAPH_ENDPOINT);
        expect(normaliseGraphEndpoint("https://Graph.Microsoft.US/")).toBe("https://graph.microsoft.us");
        expect(normaliseGraphEndpoint("https://dod-graph.microsoft.us")).toBe("https://dod-graph.microsoft.us");
    });

    it("asks for the endpoint's own .default scope (sovereign clouds have their own audience)", () => {
        expect(graphScope("https://graph.microsoft.us")).toBe("https://graph.microsoft.us/.default");
        expect(graphScope("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/.default");
    });

    it("sends tokens over https only, or plain http to a loopback address", () => {
        expect(graphEndpointProblem("http://graph.microsoft.com")).toMatch(/must use https/);
        expect(graphEndpointProblem("http://10.0.0.5:8080")).toMatch(/must use https/);
        expect(graphEndpointProblem("http://127.0.0.1:8080")).toBeUndefined();
        expect(graphEndpointProblem("http://localhost:8080")).toBeUndefined();
        expect(graphEndpointProblem("http://[::1]:8080")).toBeUndefined();
    });

    it("refuses paths, queries, user info and non-URLs, naming the value", () => {
        expect(graphEndpointProblem("https://graph.microsoft.com/beta")).toMatch(/service root only/);
        expect(graphEndpointProblem("https://graph.microsoft.com/?x=1")).toMatch(/service root only/);
        expect(graphEndpointProblem("https://user:pw@graph.microsoft.com")).toMatch(/user info/);
        expect(graphEndpointProblem("graph.microsoft.com")).toMatch(/absolute URL/);
        expect(() => normaliseGraphEndpoint("ftp://graph.microsoft.com")).toThrow(
            /graphEndpoint = "ftp:\/\/graph.microsoft.com": must use https/,
        );
    });

    it("recognises loopback hosts and nothing else", () => {
        expect(isLoopbackHost("127.5.6.7")).toBe(true);
        expect(isLoopbackHost("LOCALHOST")).toBe(true);
        expect(isLoopbackHost("127.0.0.1.example.com")).toBe(false);
        expect(isLoopbackHost("128.0.0.1")).toBe(false);
    });

    it("normalising is idempotent for every acceptable https endpoint", () => {
        fc.assert(
            fc.property(fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), (host, port) => {
                const endpoint = `https://${host}${port === undefined ? "" : `:${port}`}`;
                const once = normaliseGraphEndpoint(endpoint);
                expect(normaliseGraphEndpoint(once)).toBe(once);
                expect(once.endsWith("/")).toBe(false);
            }),
        );
    });
});
