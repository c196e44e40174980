/**
 * The provider of `ApplicationConnectorGroupAssignment`.
 *
 * - create/update: refuses a target that Graph reports as the tenant's default group; otherwise assigns the app
 *   (`PUT .../connectorGroup/$ref`), unless it is already there.
 * - delete: removes the assignment if the app is still on this resource's group (Graph then shows the app on the
 *   default group: assign it elsewhere first if it must keep serving users); an app that is gone is left alone.
 * - A different app or cloud replaces the assignment.
 */
import type * as pulumi from "@pulumi/pulumi";
import { assignApplicationToGroup, getApplicationConnectorGroup, removeApplicationAssignment } from "../applications";
import { getConnectorGroup } from "../connectorGroups";
import { GraphRequestError, isNotFound } from "../errors";
import { type GraphClient } from "../client";
import { checkResult, sharedGraphClient, str } from "./shared";
import { checkAssignmentInputs } from "./validation";

type Props = Record<string, unknown>;

/** Assigns the app unless it is already on the group; returns the group it was on before. */
async function assign(client: GraphClient, inputs: Props): Promise<string> {
    const objectId = str(inputs.applicationObjectId);
    const groupId = str(inputs.connectorGroupId);
    const target = await getConnectorGroup(client, groupId);
    if (target.isDefault === true) {
        throw new Error(
            `Refusing to assign application ${objectId} to connector group "${target.name}" [${groupId}]: it is the ` +
                "tenant's default group. A freshly installed connector lands there and would serve the app; assign " +
                "it to a custom group.",
        );
    }
    const previous = await getApplicationConnectorGroup(client, objectId);
    if (previous.id !== groupId) {
        await assignApplicationToGroup(client, objectId, groupId);
    }
    return previous.id;
}

function gone(error: unknown): boolean {
    return isNotFound(error) || (error instanceof GraphRequestError && error.code === "Application_NotFound");
}

export const assignmentProviderImplementation: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Props, news: Props) {
        return checkResult(checkAssignmentInputs(news));
    },

    async diff(_id: string, olds: Props, news: Props) {
        const replaces = ["applicationObjectId", "graphEndpoint"].filter((key) => news[key] !== olds[key]);
        const changes =
            replaces.length > 0 ||
            ["connectorGroupId", "connectorGroupName", "applicationDisplayName"].some((key) => news[key] !== olds[key]);
        return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: Props) {
        const client = sharedGraphClient(str(inputs.graphEndpoint));
        const previous = await assign(client, inputs);
        return { id: str(inputs.applicationObjectId), outs: { ...inputs, previousConnectorGroupId: previous } };
    },

    async read(id: string, props?: Props) {
        const current = props ?? {};
        const client = sharedGraphClient(str(current.graphEndpoint));
        try {
            const group = await getApplicationConnectorGroup(client, id);
            // Where the app really is: a difference from the desired group shows as a change.
            return { id, props: { ...current, connectorGroupId: group.id } };
        } catch (error) {
            if (gone(error)) {
                return { id: "", props: current };
            }
            throw error;
        }
    },

    async update(_id: string, olds: Props, news: Props) {
        const client = sharedGraphClient(str(news.graphEndpoint));
        if (news.connectorGroupId !== olds.connectorGroupId) {
            await assign(client, news);
        }
        return { outs: { ...news, previousConnectorGroupId: olds.previousConnectorGroupId } };
    },

    async delete(id: string, props: Props) {
        const client = sharedGraphClient(str(props.graphEndpoint));
        try {
            if ((await getApplicationConnectorGroup(client, id)).id !== props.connectorGroupId) {
                return;
            }
        } catch (error) {
            if (gone(error)) {
                return;
            }
            throw error;
        }
        await removeApplicationAssignment(client, id);
    },
};
