/**
 * Where Microsoft Graph lives. The base URL is configurable for national clouds (graph.microsoft.us,
 * dod-graph.microsoft.us, microsoftgraph.chinacloudapi.cn) and for a local emulator; tokens are only ever sent over
 * HTTPS, or over plain HTTP to a loopback address (a process on the same machine).
 */

/** The public cloud's Graph endpoint, the default everywhere. */
export const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";

/** Every call goes to the beta API: connector groups have no v1.0 equivalent. */
export const GRAPH_API_VERSION = "beta";

/** Whether a host name is a loopback address (`localhost`, 127.0.0.0/8, `::1`). */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * What is wrong with a Graph endpoint, or undefined when it is acceptable. The rule: an absolute `https://` URL (or
 * `http://` to a loopback address) with no path, query, fragment or user info.
 */
export function graphEndpointProblem(value: string): string | undefined {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return "must be an absolute URL such as https://graph.microsoft.com";
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
        return "must use https:// (plain http:// is accepted only for a loopback address such as a local emulator)";
    }
    if (url.username !== "" || url.password !== "") {
        return "must not carry user info: credentials never go into the endpoint";
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
        return "must be the service root only (no path, query or fragment): the library adds /beta/... itself";
    }
    return undefined;
}

/**
 * Normalises a Graph endpoint to its origin (`https://graph.microsoft.us`), so that `https://Graph.Microsoft.com/`
 * and `https://graph.microsoft.com` compare equal. Throws when {@link graphEndpointProblem} finds a problem.
 */
export function normaliseGraphEndpoint(value: string | undefined): string {
    const endpoint = value === undefined || value.trim() === "" ? DEFAULT_GRAPH_ENDPOINT : value.trim();
    const problem = graphEndpointProblem(endpoint);
    if (problem !== undefined) {
        throw new Error(`graphEndpoint = ${JSON.stringify(endpoint)}: ${problem}`);
    }
    return new URL(endpoint).origin;
}

/** The OAuth scope that grants Graph's application or delegated permissions on an endpoint (`<origin>/.default`). */
export function graphScope(endpoint: string): string {
    return `${new URL(endpoint).origin}/.default`;
}
