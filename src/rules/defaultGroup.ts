/**
 * The default connector group: every newly installed connector lands in it, so an app assigned to it would be served
 * by connectors nobody has vetted yet. Apps never go to the default group, and no custom group may look like it.
 */
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES, looksLikeDefaultGroupName } from "../model/contract";
import { Findings, NOT_APPLICABLE, resourcePolicy, type ConfigSchemaOf, type RuleResource, type RuleResult } from "./policy";
import { isInside, isUnknown } from "./read";
import { readAssignment, readGroupDeclaration } from "./summaries";

/** Config of `no-apps-on-default-group`. */
export interface NoAppsOnDefaultGroupConfig {
    /** Graph ids of the tenant's default connector group(s), for assignments that name a group by id only. */
    defaultGroupIds: string[];
}

const noAppsOnDefaultGroupConfig: ConfigSchemaOf<NoAppsOnDefaultGroupConfig> = {
    defaultGroupIds: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
            "Graph ids of the tenant's default connector group. An assignment to one of them is refused whatever " +
            "group name it records.",
    },
};

/** Refuses an app assignment (AppAssignment component or Graph assignment resource) to the default group. */
export function checkNoAppsOnDefaultGroup(
    resource: RuleResource,
    config: NoAppsOnDefaultGroupConfig,
): RuleResult | typeof NOT_APPLICABLE {
    const assignment = readAssignment(resource);
    // A Graph assignment made by an AppAssignment component is judged once, on the component.
    if (assignment === undefined || isInside(resource.urn, COMPONENT_TYPES.AppAssignment)) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    const { app, connectorGroupName: groupName, connectorGroupId: groupId } = assignment;
    const appName = typeof app === "string" ? `App "${app}"` : `The app of "${resource.name}"`;
    const defaultIds = new Set(config.defaultGroupIds.map((id) => id.toLowerCase()));
    for (const value of [groupName, groupId]) {
        if (isUnknown(value)) {
            findings.undetermined(value);
        }
    }
    const byName = typeof groupName === "string" && looksLikeDefaultGroupName(groupName);
    const byId = typeof groupId === "string" && defaultIds.has(groupId.toLowerCase());
    if (byName || byId) {
        const named = byName ? `"${groupName}"` : `id ${groupId}`;
        findings.violation(
            `${appName} is assigned to the tenant's default connector group (${named}). Every newly installed ` +
                `connector lands in the default group, so it would serve this app before anyone vetted it. Assign ` +
                `the app to a custom connector group instead.`,
        );
    }
    return findings.result;
}

/** `no-apps-on-default-group`: apps are never assigned to the default connector group. */
export const noAppsOnDefaultGroup = resourcePolicy({
    name: "no-apps-on-default-group",
    description: "Apps (Quick Access or Enterprise apps) must not be assigned to the default connector group.",
    enforcementLevel: "mandatory",
    remediationSteps: "Assign the app to a custom connector group with at least two connectors.",
    config: noAppsOnDefaultGroupConfig,
    resourceTypes: [COMPONENT_TYPES.AppAssignment, ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment],
    check: checkNoAppsOnDefaultGroup,
});

/** Refuses a custom connector group (component or Graph resource) whose name reads as the default group. */
export function checkNoGroupNamedDefault(resource: RuleResource): RuleResult | typeof NOT_APPLICABLE {
    const declaration = readGroupDeclaration(resource);
    // The Graph group a ConnectorGroup component makes carries the same name: judged once, on the component.
    if (declaration === undefined || isInside(resource.urn, COMPONENT_TYPES.ConnectorGroup)) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    const { displayName } = declaration;
    if (isUnknown(displayName)) {
        findings.undetermined(displayName);
    } else if (typeof displayName === "string" && looksLikeDefaultGroupName(displayName)) {
        const kind = resource.type === ENTRA_RESOURCE_TYPES.ConnectorGroup ? "Entra connector group" : "ConnectorGroup";
        findings.violation(
            `${kind} "${resource.name}" is named "${displayName}", which reads as the tenant's default connector ` +
                `group, where every newly installed connector lands. Give the custom group a name of its own ` +
                `(e.g. after its region and the apps it serves).`,
        );
    }
    return findings.result;
}

/** `no-group-named-default`: no custom group is named like the default group. */
export const noGroupNamedDefault = resourcePolicy<Record<string, never>>({
    name: "no-group-named-default",
    description: "A custom connector group must not be named like the tenant's default group (\"Default\").",
    enforcementLevel: "mandatory",
    remediationSteps: "Rename the connector group.",
    config: {},
    resourceTypes: [COMPONENT_TYPES.ConnectorGroup, ENTRA_RESOURCE_TYPES.ConnectorGroup],
    check: checkNoGroupNamedDefault,
});
