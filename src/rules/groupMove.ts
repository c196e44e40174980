/**
 * A connector that moves between groups keeps serving connections from its earlier group until they age out;
 * restarting `WAPCSvc` on it drops them. This advisory reminds the user wherever the stack moves an existing connector:
 * - existing servers a ConnectorGroup lists (their connectors are already registered, so in some group), unless the
 *   user declared a server's connector still in the default group (`inDefaultGroup`: newly registered, never moved);
 * - membership resources for machines the stack does not build, or whose recorded previous group is not the
 *   tenant's default group (known only when `defaultGroupIds` is configured).
 * A connector on a host the stack builds registers into the default group, which serves nothing, so it is not flagged.
 */
import { Findings, stackPolicy, type ConfigSchemaOf, type RuleResult, type StackResource } from "./policy";
import { EXISTING_PLATFORM } from "./summaries";
import { buildTopology } from "./topology";

/** Config of `restart-connector-after-group-move`. */
export interface GroupMoveConfig {
    /** Graph ids of the tenant's default connector group: a move out of it needs no restart. */
    defaultGroupIds: string[];
}

const groupMoveConfig: ConfigSchemaOf<GroupMoveConfig> = {
    defaultGroupIds: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Graph ids of the tenant's default connector group; moving a connector out of it needs no restart.",
    },
};

function reminder(machine: string, group: string): string {
    return (
        `The connector on ${machine} moves into connector group "${group}" from another group. Once it has moved, run ` +
        `Restart-Service -Name WAPCSvc on ${machine}: connections from its earlier group persist until they age out.`
    );
}

/** Finds the connectors the stack moves between groups. */
export function checkGroupMoves(resources: readonly StackResource[], config: GroupMoveConfig): RuleResult {
    const topology = buildTopology(resources);
    const findings = new Findings();
    const defaultIds = new Set(config.defaultGroupIds.map((id) => id.toLowerCase()));
    for (const { resource, group, hosts } of topology.groupComponents) {
        for (const host of hosts) {
            if (host.platform === EXISTING_PLATFORM && typeof host.machineName === "string" && host.inDefaultGroup !== true) {
                findings.violation(reminder(host.machineName, group?.displayName ?? resource.name), resource.urn);
            }
        }
    }
    for (const membership of topology.memberships) {
        const { machineName, connectorGroupName, connectorGroupId, previousConnectorGroupId: previous } = membership;
        if (typeof machineName !== "string" || typeof connectorGroupName !== "string") {
            continue;
        }
        // A connector of a host the stack builds starts in the default group; only a known other group means a move.
        const movedFromCustomGroup =
            defaultIds.size > 0 &&
            typeof previous === "string" &&
            previous !== "" &&
            previous !== connectorGroupId &&
            !defaultIds.has(previous.toLowerCase());
        if (!membership.machineBuiltByStack || movedFromCustomGroup) {
            findings.violation(reminder(machineName, connectorGroupName), membership.resource.urn);
        }
    }
    return findings.result;
}

/** `restart-connector-after-group-move`: a reminder to restart WAPCSvc on connectors that change groups. */
export const restartConnectorAfterGroupMove = stackPolicy({
    name: "restart-connector-after-group-move",
    description: "A connector that moves between groups should have WAPCSvc restarted, to drop its old group's connections.",
    enforcementLevel: "advisory",
    remediationSteps: "After the move, run Restart-Service -Name WAPCSvc on the connector's server.",
    config: groupMoveConfig,
    check: checkGroupMoves,
});
