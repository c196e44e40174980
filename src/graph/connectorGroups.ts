/** Connector groups: list, find, create, update, delete, and what a group still holds. */
import { type GraphClient } from "./client";
import { GraphRequestError, GraphTransportError, isNotFound } from "./errors";
import {
    type Application,
    CONNECTOR_GROUPS_PATH,
    type Connector,
    type ConnectorGroup,
    connectorGroupPath,
} from "./model";

/** Every connector group of the tenant, the default group included. */
export function listConnectorGroups(client: GraphClient): Promise<ConnectorGroup[]> {
    return client.list<ConnectorGroup>(CONNECTOR_GROUPS_PATH, { action: "list connector groups" });
}

/** One connector group; throws a 404 {@link GraphRequestError} when it does not exist. */
export function getConnectorGroup(client: GraphClient, groupId: string): Promise<ConnectorGroup> {
    return client.get<ConnectorGroup>(connectorGroupPath(groupId), { action: `read connector group ${groupId}` });
}

/**
 * Whether two group names are the same name. Compared trimmed and case-insensitively: the admin center shows them
 * that way, and two groups that differ only in case would be a trap for whoever picks one.
 */
export function sameGroupName(a: string, b: string): boolean {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The groups named `name` (see {@link sameGroupName}). Graph documents no `$filter` here, so this lists them all. */
export async function findConnectorGroupsByName(client: GraphClient, name: string): Promise<ConnectorGroup[]> {
    return (await listConnectorGroups(client)).filter((group) => sameGroupName(group.name, name));
}

/** What to create. */
export interface ConnectorGroupSpec {
    name: string;
    /** A Graph region value; leave undefined for Graph's default. */
    region?: string;
}

/**
 * Creates a connector group (Graph answers 201 as documented, or 200 as seen live; both are accepted).
 *
 * If the POST gets no clear answer (a dropped connection, a timeout, a 5xx), Graph may have created the group
 * anyway, and blindly repeating the POST could make a second one. So this lists the groups of that name and takes a
 * new one if it is there, and only otherwise POSTs again (at most three POSTs). `existingIds` are the ids of groups
 * that had the name before the call: those are never taken for the new one.
 */
export async function createConnectorGroup(
    client: GraphClient,
    spec: ConnectorGroupSpec,
    existingIds: readonly string[] = [],
): Promise<ConnectorGroup> {
    const body = { name: spec.name, ...(spec.region !== undefined ? { region: spec.region } : {}) };
    const action = `create connector group "${spec.name}"`;
    for (let attempt = 1; ; attempt++) {
        try {
            const created = await client.post<ConnectorGroup>(CONNECTOR_GROUPS_PATH, body, { action });
            if (created === undefined || typeof created.id !== "string") {
                throw new Error(`Could not ${action}: Graph's answer carried no group id`);
            }
            return created;
        } catch (error) {
            if (!outcomeUnknown(error) || attempt >= 3) {
                throw error;
            }
            const fresh = (await findConnectorGroupsByName(client, spec.name)).filter(
                (group) => !existingIds.includes(group.id),
            );
            if (fresh.length === 1) {
                return fresh[0];
            }
            if (fresh.length > 1) {
                throw new Error(
                    `Could not ${action}: after an unclear answer, ${fresh.length} new groups of that name exist ` +
                        `(${fresh.map((group) => group.id).join(", ")}). Delete the extra ones in the Entra admin center.`,
                );
            }
        }
    }
}

/** Whether a failed call may have been carried out by Graph all the same. */
export function outcomeUnknown(error: unknown): boolean {
    return (
        (error instanceof GraphTransportError && error.outcomeUnknown) ||
        (error instanceof GraphRequestError && [408, 500, 502, 504].includes(error.status))
    );
}

/** Renames a group and/or changes its region (PATCH; Graph answers 204). */
export async function updateConnectorGroup(
    client: GraphClient,
    groupId: string,
    changes: { name?: string; region?: string },
): Promise<void> {
    await client.patch(connectorGroupPath(groupId), changes, {
        action: `update connector group ${groupId} (${Object.keys(changes).join(", ")})`,
    });
}

/** Deletes a group; a group that is already gone counts as deleted. */
export async function deleteConnectorGroup(client: GraphClient, groupId: string): Promise<void> {
    try {
        await client.delete(connectorGroupPath(groupId), { action: `delete connector group ${groupId}` });
    } catch (error) {
        if (!isNotFound(error)) {
            throw error;
        }
    }
}

/** What a group holds: Graph refuses to delete it, or change its region, until both lists are empty. */
export interface ConnectorGroupContents {
    connectors: Connector[];
    applications: Application[];
}

/** The connectors and applications assigned to a group. */
export async function connectorGroupContents(client: GraphClient, groupId: string): Promise<ConnectorGroupContents> {
    const [connectors, applications] = await Promise.all([
        client.list<Connector>(`${connectorGroupPath(groupId)}/members`, {
            action: `list the connectors of group ${groupId}`,
        }),
        client.list<Application>(`${connectorGroupPath(groupId)}/applications`, {
            action: `list the applications of group ${groupId}`,
        }),
    ]);
    return { connectors, applications };
}

/** `2 connectors (conn-1 [id], conn-2 [id]) and 1 application (HR portal [id])`, for refusals. */
export function describeContents(contents: ConnectorGroupContents): string {
    const parts: string[] = [];
    if (contents.connectors.length > 0) {
        const names = contents.connectors.map((c) => `${c.machineName} [${c.id}, ${c.status}]`);
        parts.push(`${plural(contents.connectors.length, "connector")} (${names.join(", ")})`);
    }
    if (contents.applications.length > 0) {
        const names = contents.applications.map((a) => `${a.displayName} [${a.id}]`);
        parts.push(`${plural(contents.applications.length, "application")} (${names.join(", ")})`);
    }
    return parts.join(" and ");
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Whether a group holds nothing. */
export function isEmptyGroup(contents: ConnectorGroupContents): boolean {
    return contents.connectors.length === 0 && contents.applications.length === 0;
}
