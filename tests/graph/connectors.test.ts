import fc from "fast-check";
import {
    GraphClient,
    getConnectorGroupOf,
    machineNameMatches,
    matchConnectors,
    moveConnectorToGroup,
    waitForActiveConnector,
} from "connector-topology/graph";
import { useGraphEmulator } from "./support/emulator";

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const fqdn = fc.tuple(label, label, label).map((parts) => parts.join("."));
const upperSome = (text: string, mask: number): string =>
    [...text].map((c, i) => ((mask >> i % 30) & 1 ? c.toUpperCase() : c)).join("");

describe("machine name matching", () => {
    it("matches case-insensitively, a short name against the first label of an FQDN, both ways", () => {
        fc.assert(
            fc.property(label, label, label, fc.integer(), (host, domain, tld, mask) => {
                const full = `${host}.${domain}.${tld}`;
                expect(machineNameMatches(upperSome(host, mask), full)).toBe(true);
                expect(machineNameMatches(full, upperSome(host, mask))).toBe(true);
                expect(machineNameMatches(upperSome(full, mask), `${full}.`)).toBe(true);
            }),
        );
    });

    it("is symmetric, and never matches two different FQDNs or two different short names", () => {
        fc.assert(
            fc.property(fc.oneof(label, fqdn), fc.oneof(label, fqdn), (a, b) => {
                expect(machineNameMatches(a, b)).toBe(machineNameMatches(b, a));
                if (a.includes(".") === b.includes(".") && a !== b) {
                    expect(machineNameMatches(a, b)).toBe(false);
                }
            }),
        );
        expect(machineNameMatches("conn-1.corp.example", "conn-1.other.example")).toBe(false);
        expect(machineNameMatches("conn-1", "conn-10.corp.example")).toBe(false);
        expect(machineNameMatches("", "")).toBe(false);
    });

    it("sorts matching connectors by status", () => {
        const connectors = [
            { id: "1", machineName: "CONN-1.corp.example", status: "active" },
            { id: "2", machineName: "conn-1", status: "inactive" },
            { id: "3", machineName: "conn-2", status: "active" },
        ];
        expect(matchConnectors(connectors, "conn-1")).toEqual({ active: [connectors[0]], inactive: [connectors[1]] });
    });
});

describe("connectors in Graph", () => {
    const graph = useGraphEmulator();
    const fastPolls = { initialPollIntervalMs: 50, maxPollIntervalMs: 200 };
    const client = (): GraphClient => new GraphClient({ endpoint: graph.get().endpoint });

    beforeEach(() => graph.get().resetRequestLog());

    it("waits for the connector to register and turn active", async () => {
        const emulator = graph.get();
        const polled = emulator.whenRequested("GET /connectors", 2).then(() => {
            const stale = emulator.addConnector({ machineName: "WAIT-1.corp.example", status: "inactive" });
            return emulator.whenRequested("GET /connectors", 3).then(() => emulator.setConnectorStatus(stale.id, "active"));
        });
        const connector = await waitForActiveConnector(client(), "wait-1", { timeoutMs: 20_000, ...fastPolls });
        await polled;
        expect(connector.machineName).toBe("WAIT-1.corp.example");
        expect(emulator.requestCounts()["GET /connectors"]).toBe(3);
    });

    it("times out with what it saw and what to check on the host", async () => {
        graph.get().addConnector({ machineName: "late-1", status: "inactive" });
        const failure = await waitForActiveConnector(client(), "LATE-1", { timeoutMs: 400, ...fastPolls }).catch((e: unknown) => e);
        expect((failure as Error).message).toMatch(
            /^Timed out after \d+ s \(\d+ polls\) waiting for the connector on "LATE-1" to register and turn active\. Graph lists it only as inactive: late-1 \[[0-9a-f-]+\].*RegisterConnector.ps1.*WAPCSvc.*\*\.msappproxy\.net.*Raise waitTimeoutSeconds/,
        );
    });

    it("refuses to guess between two active connectors of the same host name", async () => {
        graph.get().addConnector({ machineName: "twin.corp.a" });
        graph.get().addConnector({ machineName: "twin.corp.b" });
        const failure = await waitForActiveConnector(client(), "twin", { timeoutMs: 5_000, ...fastPolls }).catch((e: unknown) => e);
        expect((failure as Error).message).toMatch(/^2 active connectors match machine name "twin": twin.corp.a .*twin.corp.b .*fully qualified name/);
        expect(graph.get().requestCounts()["GET /connectors"]).toBe(1);
    });

    it("waits past a replaced host's connector, still active, for the one the new host registers", async () => {
        const emulator = graph.get();
        const old = emulator.addConnector({ machineName: "swap-1.corp.example" });
        const registered = emulator.whenRequested("GET /connectors", 2).then(() => emulator.addConnector({ machineName: "SWAP-1" }));
        const connector = await waitForActiveConnector(client(), "swap-1", { timeoutMs: 20_000, ...fastPolls, supersededConnectorId: old.id });
        expect(connector.id).toBe((await registered).id);
        expect(emulator.requestCounts()["GET /connectors"]).toBe(2);
    });

    it("never takes a replaced host's connector for the new one, and says so at the timeout", async () => {
        const emulator = graph.get();
        const old = emulator.addConnector({ machineName: "swap-2" });
        const wait = (id: string) =>
            waitForActiveConnector(client(), "swap-2", { timeoutMs: 400, ...fastPolls, supersededConnectorId: id }).then(
                (connector) => new Error(`took connector ${connector.id}`),
                (e: unknown) => e as Error,
            );
        expect((await wait(old.id)).message).toMatch(
            new RegExp(
                `^Timed out after \\d+ s \\(\\d+ polls\\) waiting for the connector on "swap-2" to register and turn active\\. ` +
                    `The host was replaced: its previous connector \\[${old.id}\\] is listed as active and is not taken for the new host's\\. ` +
                    "The new host has registered no connector with that machine name\\. On the host, check",
            ),
        );
        emulator.removeConnector(old.id);
        expect((await wait(old.id)).message).toContain(`its previous connector [${old.id}] is no longer listed`);
    });

    it("moves a connector between groups and reads back where it is after an unclear answer", async () => {
        const emulator = graph.get();
        const group = emulator.addConnectorGroup({ name: "move-target" });
        const connector = emulator.addConnector({ machineName: "mover" });
        emulator.injectFault({ route: "POST /connectors/{id}/memberOf/$ref", kind: "resetAfterCommit" });
        await moveConnectorToGroup(client(), connector.id, group.id);
        expect((await getConnectorGroupOf(client(), connector.id))?.id).toBe(group.id);
        expect(emulator.requestCounts()["POST /connectors/{id}/memberOf/$ref"]).toBe(1);
    });
});
