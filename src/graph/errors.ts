/**
 * Errors the Graph client raises. Each says what was being done, what Graph (or the network) answered, and what to
 * do about it. None carries a token, a secret, a request header or a raw response object: messages are composed from
 * the method, the path, the status, Graph's error code and message, and pass through {@link redactSecrets}.
 */

/** What a failed call was for, in words (`create connector group "eu-apps"`). */
export interface GraphCallContext {
    readonly action: string;
    readonly method: string;
    /** The path below `/beta`, without the query. */
    readonly path: string;
}

/**
 * Removes anything that looks like a credential from a text before it reaches a message: bearer tokens, JWTs, and
 * `secret`/`password`/`token` assignments. Defence in depth: the client never puts credentials in messages, but
 * texts from Graph, from the network stack and from `@azure/identity` pass through here too.
 */
export function redactSecrets(text: string): string {
    return text
        .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]")
        .replace(/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[redacted token]")
        .replace(
            /\b((?:client_?secret|password|access_?token|refresh_?token|assertion)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
            "$1[redacted]",
        );
}

/** The Graph permissions a path needs, for 403 messages. */
export function permissionsFor(method: string, path: string): string {
    const onPrem = "OnPremisesPublishingProfiles.ReadWrite.All (or Directory.ReadWrite.All)";
    if (/^\/applications\/[^/]+\/connectorGroup/i.test(path)) {
        return `Application.ReadWrite.All and ${onPrem}`;
    }
    if (/^\/applications/i.test(path)) {
        return method.toUpperCase() === "GET"
            ? "Application.Read.All (or Directory.Read.All)"
            : "Application.ReadWrite.All";
    }
    return onPrem;
}

/** What to do about a Graph error answer, or undefined when Graph's own message says it all. */
export function hintFor(status: number, code: string | undefined, method: string, path: string): string | undefined {
    if (code === "Application_NotFound") {
        return (
            "The application has no on-premises publishing (its onPremisesPublishing is not set), so it cannot be " +
            "assigned to a connector group. Publish it first: a Private Access app is instantiated from the template " +
            "8adf8e6e-67b2-4cf2-a259-e3dc5476c621 and given onPremisesPublishing.applicationType \"nonwebapp\"; " +
            "Quick Access is configured in the Entra admin center. Check too that you passed the application's object " +
            "id, not its app (client) id."
        );
    }
    switch (status) {
        case 401:
            return (
                "Graph refused the token. The provider authenticates with DefaultAzureCredential, which takes the " +
                "first identity it finds (AZURE_* environment variables, workload identity, managed identity, Azure " +
                "CLI): check that this identity belongs to the right tenant and that graphEndpoint is its cloud's."
            );
        case 403:
            return (
                `The identity lacks permission: grant it ${permissionsFor(method, path)} on Microsoft Graph, with ` +
                "admin consent. Microsoft documents these beta APIs for delegated permissions (a user with the " +
                "Application Administrator role); application permissions work inconsistently, so if an app-only " +
                "identity is refused, run with a delegated identity (for example `az login` as that user)."
            );
        case 404:
            return (
                "It does not exist (any more): it was deleted outside this stack, or the id is wrong. " +
                "`pulumi refresh` drops resources that no longer exist from the stack."
            );
        case 429:
        case 503:
            return (
                "Graph is throttling this tenant. Run again later; lowering parallelism (`pulumi up --parallel 4`) " +
                "or raising the client's deadline helps."
            );
        default:
            return status >= 500 ? "Graph failed on its side; run again later." : undefined;
    }
}

function sentence(text: string): string {
    const trimmed = text.trim();
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Graph answered with an error status. */
export class GraphRequestError extends Error {
    public readonly action: string;
    public readonly method: string;
    public readonly path: string;
    public readonly status: number;
    /** Graph's error code (`Authorization_RequestDenied`, `Application_NotFound`, ...). */
    public readonly code: string | undefined;
    /** Graph's error message, redacted. */
    public readonly graphMessage: string | undefined;
    public readonly requestId: string | undefined;
    /** How many attempts were made before giving up. */
    public readonly attempts: number;

    constructor(
        context: GraphCallContext,
        answer: { status: number; code?: string; message?: string; requestId?: string },
        attempts: number,
        gaveUp?: string,
    ) {
        const graphMessage = answer.message === undefined ? undefined : redactSecrets(answer.message);
        const said = [answer.code, graphMessage].filter((part) => part !== undefined && part !== "").join(": ");
        const hint = hintFor(answer.status, answer.code, context.method, context.path);
        const parts = [
            `Could not ${context.action}: Microsoft Graph answered ${answer.status} to ${context.method} ${context.path}` +
                (said !== "" ? ` (${said})` : "") +
                (answer.requestId !== undefined ? ` [request-id ${answer.requestId}]` : "") +
                ".",
            gaveUp !== undefined ? sentence(`The client ${gaveUp}`) : undefined,
            hint,
        ];
        super(parts.filter((part) => part !== undefined).join(" "));
        this.name = "GraphRequestError";
        this.action = context.action;
        this.method = context.method;
        this.path = context.path;
        this.status = answer.status;
        this.code = answer.code;
        this.graphMessage = graphMessage;
        this.requestId = answer.requestId;
        this.attempts = attempts;
    }
}

/** Graph gave no answer: the connection failed or timed out, and retrying did not help (or was not safe). */
export class GraphTransportError extends Error {
    public readonly action: string;
    public readonly method: string;
    public readonly path: string;
    /**
     * True when the request may have reached Graph and been acted on (a POST whose connection broke): the caller must
     * read before trying again.
     */
    public readonly outcomeUnknown: boolean;
    public readonly attempts: number;

    constructor(context: GraphCallContext, what: string, outcomeUnknown: boolean, attempts: number) {
        const consequence = outcomeUnknown
            ? "Graph may or may not have acted on it; it was not repeated, because repeating it is not safe."
            : "Check the network path to Microsoft Graph (proxy, firewall, DNS) and graphEndpoint.";
        super(
            `Could not ${context.action}: ${context.method} ${context.path} got no answer from Microsoft Graph ` +
                `(${redactSecrets(what)}, after ${attempts} attempt${attempts === 1 ? "" : "s"}). ${consequence}`,
        );
        this.name = "GraphTransportError";
        this.action = context.action;
        this.method = context.method;
        this.path = context.path;
        this.outcomeUnknown = outcomeUnknown;
        this.attempts = attempts;
    }
}

/** No token could be obtained for Graph. */
export class GraphAuthenticationError extends Error {
    constructor(scope: string, cause: unknown) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        super(
            `Could not get a Microsoft Graph token for ${scope}: ${redactSecrets(detail)}\n` +
                "The provider authenticates with DefaultAzureCredential from the environment it runs in: set " +
                "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate), use workload identity " +
                "federation in CI, a managed identity, or `az login`. See docs/graph.md.",
        );
        this.name = "GraphAuthenticationError";
    }
}

/** Whether an error is Graph's "not found" (404) answer. */
export function isNotFound(error: unknown): error is GraphRequestError {
    return error instanceof GraphRequestError && error.status === 404;
}
