/**
 * Tokens and client secrets never reach a log line, an error message or the state: every failure path below runs
 * with the real client and credential, while everything printed is captured and searched for the secrets.
 */
import * as net from "node:net";
import { CONNECTOR_GROUPS_PATH, GraphClient, dynamicProviderImplementations } from "connector-topology/graph";
import { useGraphEmulator, withCredentialEnvironment } from "./support/emulator";
import { created } from "./support/provider";

const graph = useGraphEmulator();
let printed: string[] = [];
const spies: jest.SpyInstance[] = [];

beforeEach(() => {
    printed = [];
    const capture = (...args: unknown[]): void => {
        printed.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg, Object.getOwnPropertyNames(arg ?? {})))).join(" "));
    };
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
        spies.push(jest.spyOn(console, method).mockImplementation(capture));
    }
    for (const stream of [process.stdout, process.stderr]) {
        spies.push(jest.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)));
    }
});

afterEach(() => {
    for (const spy of spies.splice(0)) {
        spy.mockRestore();
    }
});

/** Everything an error could show: message, stack, own properties, causes. */
function exposed(error: unknown): string {
    const parts: string[] = [];
    for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
        parts.push(current.message, current.stack ?? "", JSON.stringify(current, Object.getOwnPropertyNames(current)));
    }
    return parts.join("\n");
}

async function failureOf(work: Promise<unknown>): Promise<string> {
    try {
        await work;
    } catch (error) {
        return exposed(error);
    }
    throw new Error("expected a failure");
}

describe("secrets", () => {
    it("never show an access token, whatever Graph answers", async () => {
        const emulator = graph.get();
        const provider = dynamicProviderImplementations.connectorGroup;
        const endpoint = emulator.endpoint;
        const seen: string[] = [];
        const group = await created(provider, { displayName: "secrets", graphEndpoint: endpoint });
        seen.push(JSON.stringify(group));

        emulator.injectFault({ route: "POST /connectorGroups", kind: "error", status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." });
        seen.push(await failureOf(created(provider, { displayName: "denied", graphEndpoint: endpoint })));
        emulator.injectFault({ route: "POST /connectorGroups", kind: "resetAfterCommit", times: 3 });
        emulator.injectFault({ route: "GET /connectorGroups", kind: "throttle", retryAfterSeconds: 300, times: 10 });
        seen.push(await failureOf(new GraphClient({ endpoint, retry: { deadlineSeconds: 2 } }).post(CONNECTOR_GROUPS_PATH, { name: "x" }, { action: "create x" })));
        seen.push(await failureOf(new GraphClient({ endpoint, retry: { deadlineSeconds: 2 } }).list(CONNECTOR_GROUPS_PATH, { action: "list" })));
        emulator.clearFaults();
        seen.push(await failureOf(dynamicProviderImplementations.assignment.create({
            applicationObjectId: emulator.addApplication({ displayName: "unpublished" }).id,
            connectorGroupId: group.id,
            connectorGroupName: "secrets",
            graphEndpoint: endpoint,
        })));
        seen.push(await failureOf(new GraphClient({ endpoint, credential: { getToken: async () => ({ token: "eyJleaked.payload.signature", expiresOnTimestamp: Date.now() + 3_600_000 }) } }).list(CONNECTOR_GROUPS_PATH, { action: "list" })));

        const tokens = [...emulator.issuedTokens(), "eyJleaked.payload.signature"];
        expect(emulator.issuedTokens().length).toBeGreaterThan(0);
        const everything = [...seen, ...printed].join("\n");
        expect(everything).toMatch(/Authorization_RequestDenied/);
        for (const token of tokens) {
            expect(everything).not.toContain(token);
            expect(everything).not.toContain(token.split(".")[1]);
        }
    });

    it("never show the client secret when the credential cannot authenticate with it", async () => {
        const closed = net.createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        const port = (closed.address() as net.AddressInfo).port;
        await new Promise((resolve) => closed.close(resolve));
        const secret = "Zx9~client.secret-" + Math.random().toString(36).slice(2);
        const restore = withCredentialEnvironment({
            AZURE_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
            AZURE_CLIENT_ID: "0b0c0a91-0c53-4c6c-9a6c-5b3c6c0d1e2f",
            AZURE_CLIENT_SECRET: secret,
            AZURE_AUTHORITY_HOST: `https://127.0.0.1:${port}`,
        });
        try {
            const message = await failureOf(
                dynamicProviderImplementations.connectorGroup.create({ displayName: "never", graphEndpoint: "https://graph.microsoft.us" }),
            );
            expect(message).toMatch(/Could not get a Microsoft Graph token for https:\/\/graph.microsoft.us\/.default/);
            expect([message, ...printed].join("\n")).not.toContain(secret);
        } finally {
            restore();
        }
    });
});
