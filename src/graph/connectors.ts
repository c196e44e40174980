/**
 * Connectors: finding the one a host registered, waiting for it, and moving it between groups. A connector cannot be
 * created or deleted through Graph: it appears when the agent on a host registers, shows as inactive once the agent
 * is gone, and is removed by the service after 10 days of inactivity.
 */
import { type GraphClient } from "./client";
import { outcomeUnknown } from "./connectorGroups";
import { GraphRequestError } from "./errors";
import { CONNECTORS_PATH, type Connector, type ConnectorGroup, connectorGroupPath, connectorPath } from "./model";
import { backoffDelayMs } from "./retryPolicy";

/**
 * Whether a connector's `machineName` is the host named `wanted`: case-insensitive, and a short name matches the
 * first label of a fully qualified one (`CONN-1` matches `conn-1.corp.example`). Two different FQDNs never match,
 * even with the same first label.
 */
export function machineNameMatches(wanted: string, reported: string): boolean {
    const a = wanted.trim().toLowerCase().replace(/\.$/, "");
    const b = reported.trim().toLowerCase().replace(/\.$/, "");
    if (a === "" || b === "") {
        return false;
    }
    if (a === b) {
        return true;
    }
    const aShort = !a.includes(".");
    const bShort = !b.includes(".");
    if (aShort === bShort) {
        return false;
    }
    return aShort ? b.split(".")[0] === a : a.split(".")[0] === b;
}

/** The connectors registered for a host, split by status. */
export interface ConnectorMatches {
    active: Connector[];
    inactive: Connector[];
}

/** Picks the connectors whose `machineName` matches (see {@link machineNameMatches}). */
export function matchConnectors(connectors: readonly Connector[], machineName: string): ConnectorMatches {
    const matches = connectors.filter((connector) => machineNameMatches(machineName, connector.machineName));
    return {
        active: matches.filter((connector) => connector.status.toLowerCase() === "active"),
        inactive: matches.filter((connector) => connector.status.toLowerCase() !== "active"),
    };
}

/** Every connector registered in the tenant. */
export function listConnectors(client: GraphClient, deadline?: number): Promise<Connector[]> {
    return client.list<Connector>(CONNECTORS_PATH, { action: "list connectors", deadline });
}

/** One connector; throws a 404 {@link GraphRequestError} once the service has removed it. */
export function getConnector(client: GraphClient, connectorId: string): Promise<Connector> {
    return client.get<Connector>(connectorPath(connectorId), { action: `read connector ${connectorId}` });
}

/** The group a connector is in (a connector is in exactly one). */
export async function getConnectorGroupOf(client: GraphClient, connectorId: string): Promise<ConnectorGroup | undefined> {
    const page = await client.get<{ value?: ConnectorGroup[] }>(`${connectorPath(connectorId)}/memberOf`, {
        action: `read the group of connector ${connectorId}`,
    });
    return page.value?.[0];
}

/**
 * Moves a connector into a group (`POST .../connectors/{id}/memberOf/$ref`). A connector is in exactly one group,
 * so this takes it out of its current one. Connections it carries for the old group persist until they age out (or
 * until `Restart-Service WAPCSvc` on the host). When the answer is unclear, the connector's group is read back
 * rather than the POST repeated blindly.
 */
export async function moveConnectorToGroup(client: GraphClient, connectorId: string, groupId: string): Promise<void> {
    const body = { "@odata.id": client.odataId(connectorGroupPath(groupId)) };
    const action = `move connector ${connectorId} into connector group ${groupId}`;
    for (let attempt = 1; ; attempt++) {
        try {
            await client.post(`${connectorPath(connectorId)}/memberOf/$ref`, body, { action });
            return;
        } catch (error) {
            const unclear = outcomeUnknown(error);
            const refused = error instanceof GraphRequestError && error.status === 400;
            if (!(unclear || refused) || attempt >= 3) {
                throw error;
            }
            // Graph refuses to add a reference that already exists: then the connector is where we want it.
            if ((await getConnectorGroupOf(client, connectorId))?.id === groupId) {
                return;
            }
            if (!unclear) {
                throw error;
            }
        }
    }
}

/** How a wait for a connector polls. */
export interface ConnectorWaitOptions {
    /** How long to wait for the connector, in milliseconds. */
    timeoutMs: number;
    /** First pause between polls, in milliseconds; it doubles up to `maxPollIntervalMs`. Default 2000. */
    initialPollIntervalMs?: number;
    /** Longest pause between polls, in milliseconds. Default 30000. */
    maxPollIntervalMs?: number;
    /**
     * The connector of a host that has been replaced. It is never returned, even while it still shows as active (the
     * old host may run until the deployment deletes it, and Graph takes a while to mark it inactive): the wait is
     * for the connector that the new host registers under the same machine name. Graph gives connectors no
     * registration time, so the recorded id is what tells the two apart.
     */
    supersededConnectorId?: string;
}

/** Polling defaults: a connector takes minutes to appear, so the pauses grow quickly to 30 s. */
export const CONNECTOR_POLL_DEFAULTS = { initialPollIntervalMs: 2000, maxPollIntervalMs: 30000 } as const;

/**
 * Waits until exactly one active connector matches `machineName` (other than `supersededConnectorId`), and returns
 * it. Polls `GET .../connectors` at growing intervals (with jitter), so a fleet of hosts waiting together does not
 * hammer Graph. Fails at once when two active connectors match (a host re-registered under a short name and an
 * FQDN, or two domains with the same host name), and at the timeout with what it saw.
 */
export async function waitForActiveConnector(
    client: GraphClient,
    machineName: string,
    options: ConnectorWaitOptions,
): Promise<Connector> {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const schedule = {
        initialBackoffMs: options.initialPollIntervalMs ?? CONNECTOR_POLL_DEFAULTS.initialPollIntervalMs,
        maxBackoffMs: options.maxPollIntervalMs ?? CONNECTOR_POLL_DEFAULTS.maxPollIntervalMs,
    };
    for (let poll = 1; ; poll++) {
        // The last poll still gets a fair chance to finish when it starts just before the deadline.
        const listed = await listConnectors(client, Math.max(deadline, Date.now() + 30_000));
        const superseded = listed.find((connector) => connector.id === options.supersededConnectorId);
        const { active, inactive } = matchConnectors(
            listed.filter((connector) => connector !== superseded),
            machineName,
        );
        if (active.length === 1) {
            return active[0];
        }
        if (active.length > 1) {
            throw new Error(
                `${active.length} active connectors match machine name "${machineName}": ` +
                    `${active.map((c) => `${c.machineName} [${c.id}]`).join(", ")}. Give the host's fully qualified ` +
                    "name as machineName, or uninstall the connector that should not be there.",
            );
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
            throw new Error(
                timeoutMessage(machineName, Date.now() - started, poll, inactive, options.supersededConnectorId, superseded),
            );
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(backoffDelayMs(poll, schedule, Math.random()), remaining)));
    }
}

function timeoutMessage(
    machineName: string,
    waitedMs: number,
    polls: number,
    inactive: readonly Connector[],
    supersededId: string | undefined,
    superseded: Connector | undefined,
): string {
    const seen =
        inactive.length > 0
            ? `Graph lists it only as inactive: ${inactive.map((c) => `${c.machineName} [${c.id}]`).join(", ")}; ` +
              "the agent on the host is installed but not connected."
            : supersededId === undefined
              ? "No connector with that machine name is registered."
              : "The new host has registered no connector with that machine name.";
    const replaced =
        supersededId === undefined
            ? ""
            : ` The host was replaced: its previous connector [${supersededId}] ` +
              (superseded === undefined ? "is no longer listed" : `is listed as ${superseded.status}`) +
              " and is not taken for the new host's.";
    return (
        `Timed out after ${Math.round(waitedMs / 1000)} s (${polls} polls) waiting for the connector on ` +
        `"${machineName}" to register and turn active.${replaced} ${seen} On the host, check that the installer ran and ` +
        "RegisterConnector.ps1 succeeded (it fails when the registration token has expired: tokens are short-lived), " +
        "that the WAPCSvc service is running, and that outbound 443 to *.msappproxy.net and " +
        "*.servicebus.windows.net is open and not TLS-inspected; ConnectorDiagnosticsTool.exe (connector " +
        "1.5.4287.0 and later) checks these. Raise waitTimeoutSeconds if the host needs longer to build."
    );
}
