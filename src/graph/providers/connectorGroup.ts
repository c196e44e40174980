/**
 * The provider of `EntraConnectorGroup`.
 *
 * - create: refuses a name another group has, unless `adoptExisting`; then it adopts that group (never the default
 *   group), bringing its region in line. Otherwise it creates the group, without duplicates even when Graph's answer
 *   is lost (see `createConnectorGroup`).
 * - update: renames in place; changes the region in place, which Graph allows only while the group holds no
 *   connector and no app (refused first, listing what is in it). The group keeps its id.
 * - delete: refuses while the group holds connectors or apps, listing them; never touches the default group.
 * - A changed `graphEndpoint` (another cloud) replaces the group.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type GraphClient } from "../client";
import {
    connectorGroupContents,
    createConnectorGroup,
    deleteConnectorGroup,
    describeContents,
    findConnectorGroupsByName,
    getConnectorGroup,
    isEmptyGroup,
    listConnectorGroups,
    sameGroupName,
    updateConnectorGroup,
} from "../connectorGroups";
import { isNotFound } from "../errors";
import { type ConnectorGroup } from "../model";
import { checkResult, sharedGraphClient, str } from "./shared";
import { checkConnectorGroupInputs, isUnknown } from "./validation";

type Props = Record<string, unknown>;

function outputs(inputs: Props, group: ConnectorGroup, adopted: boolean): Props {
    return {
        ...inputs,
        displayName: group.name,
        region: group.region ?? undefined,
        isDefault: group.isDefault === true,
        connectorGroupType: group.connectorGroupType ?? "applicationProxy",
        adopted,
    };
}

/** Whether `desired` asks for a region other than the group's (an unset `desired` asks for none). */
function regionChange(desired: unknown, current: unknown): boolean {
    return desired !== undefined && desired !== null && (isUnknown(desired) || desired !== current);
}

const MOVE_ADVICE =
    "Move them to another group first: delete or retarget their ConnectorGroupMembership and " +
    "ApplicationConnectorGroupAssignment resources, or reassign them in the Entra admin center. A connector whose host " +
    "is gone stays in its group, inactive, until it is moved out or the service removes it 10 days later.";

type GroupRef = { id: string; name: string };

/** Fails with `refusal`, listing what the group holds, unless it holds nothing. */
async function refuseUnlessEmpty(client: GraphClient, group: GroupRef, refusal: string, advice: string): Promise<void> {
    const held = await connectorGroupContents(client, group.id);
    if (!isEmptyGroup(held)) {
        throw new Error(`${refusal}: it still holds ${describeContents(held)}. ${advice}`);
    }
}

function refuseRegionChangeUnlessEmpty(client: GraphClient, group: GroupRef, region: string): Promise<void> {
    return refuseUnlessEmpty(
        client,
        group,
        `Cannot move connector group "${group.name}" [${group.id}] to region "${region}"`,
        `Graph changes a group's region only while it is empty. ${MOVE_ADVICE}`,
    );
}

export const connectorGroupProviderImplementation: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Props, news: Props) {
        return checkResult(checkConnectorGroupInputs(news));
    },

    async diff(_id: string, olds: Props, news: Props) {
        const replaces = news.graphEndpoint !== olds.graphEndpoint ? ["graphEndpoint"] : [];
        const renamed = news.displayName !== olds.displayName;
        const moved = regionChange(news.region, olds.region);
        return { changes: replaces.length > 0 || renamed || moved, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: Props) {
        const client = sharedGraphClient(str(inputs.graphEndpoint));
        const name = str(inputs.displayName);
        const region = inputs.region as string | undefined;
        const namesakes = await findConnectorGroupsByName(client, name);
        if (namesakes.length === 0) {
            const group = await createConnectorGroup(client, { name, region });
            return { id: group.id, outs: outputs(inputs, group, false) };
        }
        const listed = namesakes.map((group) => `"${group.name}" [${group.id}]`).join(", ");
        if (inputs.adoptExisting !== true) {
            throw new Error(
                `A connector group named "${name}" already exists: ${listed}. Set adoptExisting: true to manage it ` +
                    "with this stack, or choose another displayName.",
            );
        }
        if (namesakes.length > 1) {
            throw new Error(`Cannot adopt connector group "${name}": ${namesakes.length} groups have that name (${listed}).`);
        }
        const existing = namesakes[0];
        if (existing.isDefault === true) {
            throw new Error(`Cannot adopt "${existing.name}" [${existing.id}]: it is the tenant's default group.`);
        }
        const changes: { name?: string; region?: string } = {};
        if (existing.name !== name) {
            changes.name = name;
        }
        if (regionChange(region, existing.region ?? undefined)) {
            await refuseRegionChangeUnlessEmpty(client, existing, str(region));
            changes.region = region;
        }
        if (Object.keys(changes).length > 0) {
            await updateConnectorGroup(client, existing.id, changes);
        }
        return { id: existing.id, outs: outputs(inputs, { ...existing, ...changes }, true) };
    },

    async read(id: string, props?: Props) {
        const current = props ?? {};
        const client = sharedGraphClient(str(current.graphEndpoint));
        try {
            const group = await getConnectorGroup(client, id);
            return { id, props: outputs(current, group, current.adopted === true) };
        } catch (error) {
            if (isNotFound(error)) {
                return { id: "", props: current };
            }
            throw error;
        }
    },

    async update(id: string, olds: Props, news: Props) {
        const client = sharedGraphClient(str(news.graphEndpoint));
        const group = { id, name: str(olds.displayName) };
        if (olds.isDefault === true) {
            throw new Error(`Connector group "${group.name}" [${id}] is the tenant's default group: it is never renamed or changed.`);
        }
        const changes: { name?: string; region?: string } = {};
        const name = str(news.displayName);
        if (name !== olds.displayName) {
            const others = (await listConnectorGroups(client)).filter((g) => g.id !== id && sameGroupName(g.name, name));
            if (others.length > 0) {
                throw new Error(
                    `Cannot rename connector group "${group.name}" [${id}] to "${name}": ` +
                        `${others.map((g) => `"${g.name}" [${g.id}]`).join(", ")} already has that name.`,
                );
            }
            changes.name = name;
        }
        if (regionChange(news.region, olds.region)) {
            await refuseRegionChangeUnlessEmpty(client, group, str(news.region));
            changes.region = str(news.region);
        }
        if (Object.keys(changes).length > 0) {
            await updateConnectorGroup(client, id, changes);
        }
        const current: ConnectorGroup = {
            id,
            name: changes.name ?? group.name,
            region: changes.region ?? (olds.region as string | undefined),
            isDefault: false,
            connectorGroupType: olds.connectorGroupType as string | undefined,
        };
        return { outs: outputs(news, current, olds.adopted === true) };
    },

    async delete(id: string, props: Props) {
        if (props.isDefault === true) {
            // The default group is never deleted: forgetting it is all deleting this resource does.
            return;
        }
        const client = sharedGraphClient(str(props.graphEndpoint));
        try {
            await refuseUnlessEmpty(
                client,
                { id, name: str(props.displayName) },
                `Cannot delete connector group "${str(props.displayName)}" [${id}]`,
                MOVE_ADVICE,
            );
        } catch (error) {
            if (isNotFound(error)) {
                return;
            }
            throw error;
        }
        await deleteConnectorGroup(client, id);
    },
};
