/**
 * The provider of `ConnectorGroupMembership`.
 *
 * - create: waits (with growing pauses, up to `waitTimeoutSeconds`) for the active connector registered by the host,
 *   then moves it into the group; a connector already there is left as it is. The membership's id is its own (a
 *   GUID); `connectorId` records the connector it manages.
 * - update: a new `connectorGroupId` moves the connector (in place: the connector is the same). A new `hostUniqueId`
 *   means the host was replaced: the new host registers a new connector under the same machine name, which lands in
 *   the tenant's default group. The update waits for it, taking any active connector with that name except the
 *   recorded one (the old host may still run, its connector still active), moves it into the group, then moves the
 *   old connector out (see delete). A `hostUniqueId` given for the first time (a state written before the input
 *   existed) is only recorded.
 * - delete: a connector cannot be deleted through Graph. Deleting the membership moves the connector it recorded back
 *   to the tenant's default group (where every new connector lands), so that its group can then be deleted; a
 *   connector already moved elsewhere, or already removed by the service, is left alone, and so is one that another
 *   membership claimed in the same deployment (a replaced or renamed membership, whose successor is created first).
 *   An uninstalled connector shows as inactive and the service removes it 10 days later.
 * - Another host (a `machineName` that the recorded connector does not match) or cloud (`graphEndpoint`) replaces the
 *   membership; the same host spelled differently (`CONN-1`, `conn-1.corp.example`) is updated in place.
 */
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { type GraphClient } from "../client";
import { listConnectorGroups } from "../connectorGroups";
import {
    getConnector,
    getConnectorGroupOf,
    machineNameMatches,
    moveConnectorToGroup,
    waitForActiveConnector,
} from "../connectors";
import { isNotFound } from "../errors";
import { type Connector, type ConnectorGroup } from "../model";
import { checkResult, sharedGraphClient, str } from "./shared";
import { checkMembershipInputs, isUnknown } from "./validation";

type Props = Record<string, unknown>;

/** Inputs whose change the membership acts on (or records). */
const TRACKED_INPUTS = ["connectorGroupId", "connectorGroupName", "machineName", "hostUniqueId"] as const;

export const membershipProviderImplementation: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Props, news: Props) {
        return checkResult(checkMembershipInputs(news));
    },

    async diff(_id: string, olds: Props, news: Props) {
        const replaces: string[] = [];
        if (!sameHost(olds, news)) {
            replaces.push("machineName");
        }
        if (news.graphEndpoint !== olds.graphEndpoint) {
            replaces.push("graphEndpoint");
        }
        const changes = replaces.length > 0 || TRACKED_INPUTS.some((key) => news[key] !== olds[key]);
        return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: Props) {
        const client = sharedGraphClient(str(inputs.graphEndpoint));
        const connector = await waitForActiveConnector(client, str(inputs.machineName), { timeoutMs: timeoutMs(inputs) });
        const id = randomUUID();
        const previous = await joinGroup(client, id, connector.id, str(inputs.connectorGroupId));
        return { id, outs: membershipOutputs(inputs, connector, previous) };
    },

    async read(id: string, props?: Props) {
        const current = props ?? {};
        const client = sharedGraphClient(str(current.graphEndpoint));
        const connectorId = recordedConnectorId(id, current);
        try {
            const connector = await getConnector(client, connectorId);
            const group = await getConnectorGroupOf(client, connectorId);
            return {
                id,
                props: {
                    ...current,
                    connectorId,
                    connectorMachineName: connector.machineName,
                    // Where the connector really is: a difference from the desired group shows as a change.
                    connectorGroupId: group?.id ?? current.connectorGroupId,
                },
            };
        } catch (error) {
            if (isNotFound(error)) {
                return { id: "", props: current };
            }
            throw error;
        }
    },

    async update(id: string, olds: Props, news: Props) {
        const client = sharedGraphClient(str(news.graphEndpoint));
        const groupId = str(news.connectorGroupId);
        const recorded = recordedConnectorId(id, olds);
        if (hostReplaced(olds, news)) {
            const connector = await waitForActiveConnector(client, str(news.machineName), {
                timeoutMs: timeoutMs(news),
                supersededConnectorId: recorded,
            });
            const previous = await joinGroup(client, id, connector.id, groupId);
            // The old host's connector turns inactive once its host is gone, but stays a member for 10 days.
            await releaseConnector(client, id, recorded, [str(olds.connectorGroupId), groupId]);
            return { outs: membershipOutputs(news, connector, previous) };
        }
        await joinGroup(client, id, recorded, groupId);
        return {
            outs: {
                ...news,
                connectorId: recorded,
                connectorMachineName: olds.connectorMachineName,
                previousConnectorGroupId: olds.previousConnectorGroupId,
            },
        };
    },

    async delete(id: string, props: Props) {
        const client = sharedGraphClient(str(props.graphEndpoint));
        await releaseConnector(client, id, recordedConnectorId(id, props), [str(props.connectorGroupId)]);
    },
};

/**
 * Whether the new inputs name the host whose connector the membership recorded: compared with the connector's
 * reported machine name, so that `CONN-1` and `conn-1.corp.example` are one host. An unknown name (during a preview)
 * may be another host.
 */
function sameHost(olds: Props, news: Props): boolean {
    const wanted = news.machineName;
    if (typeof wanted !== "string" || isUnknown(wanted)) {
        return false;
    }
    const recorded = typeof olds.connectorMachineName === "string" ? olds.connectorMachineName : String(olds.machineName);
    return machineNameMatches(wanted, recorded);
}

/** Whether the host was replaced: it had a unique id, and now has another one. */
function hostReplaced(olds: Props, news: Props): boolean {
    return typeof olds.hostUniqueId === "string" && typeof news.hostUniqueId === "string" && olds.hostUniqueId !== news.hostUniqueId;
}

/**
 * The connector the membership manages: `connectorId`, or the id itself when there is no state yet (`pulumi import`
 * by the connector's id; memberships created before the id became their own used the connector's).
 */
function recordedConnectorId(id: string, props: Props): string {
    return typeof props.connectorId === "string" ? props.connectorId : id;
}

function timeoutMs(inputs: Props): number {
    return (inputs.waitTimeoutSeconds as number) * 1000;
}

function membershipOutputs(inputs: Props, connector: Connector, previous: ConnectorGroup | undefined): Props {
    return {
        ...inputs,
        connectorId: connector.id,
        connectorMachineName: connector.machineName,
        previousConnectorGroupId: previous?.id,
    };
}

/** Moves a connector into the group unless it is there, claims it for the membership, and returns its previous group. */
async function joinGroup(
    client: GraphClient,
    membershipId: string,
    connectorId: string,
    groupId: string,
): Promise<ConnectorGroup | undefined> {
    const previous = await getConnectorGroupOf(client, connectorId);
    if (previous?.id !== groupId) {
        await moveConnectorToGroup(client, connectorId, groupId);
    }
    claims().set(connectorId, { membershipId, groupId });
    return previous;
}

/**
 * Moves a connector back to the tenant's default group if it is still in one of `groupIds`, unless another membership
 * claimed it for that group in this deployment.
 */
async function releaseConnector(
    client: GraphClient,
    membershipId: string,
    connectorId: string,
    groupIds: readonly string[],
): Promise<void> {
    let current: ConnectorGroup | undefined;
    try {
        current = await getConnectorGroupOf(client, connectorId);
    } catch (error) {
        if (isNotFound(error)) {
            return;
        }
        throw error;
    }
    if (current === undefined || !groupIds.includes(current.id)) {
        return;
    }
    const claim = claims().get(connectorId);
    if (claim !== undefined && claim.membershipId !== membershipId && claim.groupId === current.id) {
        return;
    }
    const defaultGroup = (await listConnectorGroups(client)).find((group) => group.isDefault === true);
    if (defaultGroup === undefined) {
        throw new Error(
            `Cannot release connector ${connectorId} from connector group ${current.id}: Graph lists no default group to move it to.`,
        );
    }
    await moveConnectorToGroup(client, connectorId, defaultGroup.id);
    claims().delete(connectorId);
}

/** Which membership put (or found) a connector in which group. */
interface ConnectorClaim {
    readonly membershipId: string;
    readonly groupId: string;
}

// Pulumi runs every dynamic resource of a deployment in one provider process, and deletes the resources it replaced
// (create-before-delete) or that are gone from the program (a renamed resource) at the end, after their successors
// were created. A successor managing the same connector has claimed it by then, so the old membership's delete leaves
// it in the group. On globalThis, as the clients in shared.ts: the providers' code may be loaded more than once.
const CLAIMS = Symbol.for("connector-topology.connector-claims");

function claims(): Map<string, ConnectorClaim> {
    const holder = globalThis as { [CLAIMS]?: Map<string, ConnectorClaim> };
    return (holder[CLAIMS] ??= new Map<string, ConnectorClaim>());
}
