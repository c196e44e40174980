/**
 * The provider of `ConnectorGroupMembership`.
 *
 * - create: waits (with growing pauses, up to `waitTimeoutSeconds`) for the active connector registered by the host,
 *   then moves it into the group; a connector already there is left as it is.
 * - update: a new `connectorGroupId` moves the connector (in place: the connector is the same).
 * - delete: a connector cannot be deleted through Graph. Deleting the membership moves the connector back to the
 *   tenant's default group (where every new connector lands), so that its group can then be deleted; a connector
 *   already moved elsewhere, or already removed by the service, is left alone. An uninstalled connector shows as
 *   inactive and the service removes it 10 days later.
 * - A different host (`machineName`) or cloud (`graphEndpoint`) replaces the membership.
 */
import type * as pulumi from "@pulumi/pulumi";
import { listConnectorGroups } from "../connectorGroups";
import { getConnector, getConnectorGroupOf, moveConnectorToGroup, waitForActiveConnector } from "../connectors";
import { isNotFound } from "../errors";
import { checkResult, sharedGraphClient, str } from "./shared";
import { checkMembershipInputs } from "./validation";

type Props = Record<string, unknown>;

export const membershipProviderImplementation: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Props, news: Props) {
        return checkResult(checkMembershipInputs(news));
    },

    async diff(_id: string, olds: Props, news: Props) {
        const replaces: string[] = [];
        if (String(news.machineName).toLowerCase() !== String(olds.machineName).toLowerCase()) {
            replaces.push("machineName");
        }
        if (news.graphEndpoint !== olds.graphEndpoint) {
            replaces.push("graphEndpoint");
        }
        const changes =
            replaces.length > 0 ||
            news.connectorGroupId !== olds.connectorGroupId ||
            news.connectorGroupName !== olds.connectorGroupName;
        return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: Props) {
        const client = sharedGraphClient(str(inputs.graphEndpoint));
        const groupId = str(inputs.connectorGroupId);
        const connector = await waitForActiveConnector(client, str(inputs.machineName), {
            timeoutMs: (inputs.waitTimeoutSeconds as number) * 1000,
        });
        const previous = await getConnectorGroupOf(client, connector.id);
        if (previous?.id !== groupId) {
            await moveConnectorToGroup(client, connector.id, groupId);
        }
        return {
            id: connector.id,
            outs: {
                ...inputs,
                connectorId: connector.id,
                connectorMachineName: connector.machineName,
                previousConnectorGroupId: previous?.id,
            },
        };
    },

    async read(id: string, props?: Props) {
        const current = props ?? {};
        const client = sharedGraphClient(str(current.graphEndpoint));
        try {
            const connector = await getConnector(client, id);
            const group = await getConnectorGroupOf(client, id);
            return {
                id,
                props: {
                    ...current,
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
        if ((await getConnectorGroupOf(client, id))?.id !== groupId) {
            await moveConnectorToGroup(client, id, groupId);
        }
        return {
            outs: {
                ...news,
                connectorId: id,
                connectorMachineName: olds.connectorMachineName,
                previousConnectorGroupId: olds.previousConnectorGroupId,
            },
        };
    },

    async delete(id: string, props: Props) {
        const client = sharedGraphClient(str(props.graphEndpoint));
        let current;
        try {
            current = await getConnectorGroupOf(client, id);
        } catch (error) {
            if (isNotFound(error)) {
                return;
            }
            throw error;
        }
        if (current?.id !== props.connectorGroupId) {
            return;
        }
        const defaultGroup = (await listConnectorGroups(client)).find((group) => group.isDefault === true);
        if (defaultGroup === undefined) {
            throw new Error(
                `Cannot release connector ${id} from connector group ${str(props.connectorGroupId)}: Graph lists no default group to move it to.`,
            );
        }
        await moveConnectorToGroup(client, id, defaultGroup.id);
    },
};
