/**
 * Connectors run in a cloud region near their group's region: connectors belong close to the apps they serve, and the
 * group's region should be the one nearest its connectors. Advisory. A cloud region the catalogue does not know, or a
 * group without a region, cannot be judged and is left alone.
 */
import { connectorGroupRegion, nearestGroupRegion, proximity } from "../model/regions";
import { Findings, stackPolicy, type RuleResult, type StackResource } from "./policy";
import { isUnknown } from "./read";
import { isCloudPlatform } from "./summaries";
import { buildTopology } from "./topology";

/** Judges each connector's cloud region against its group's region. */
export function checkProximity(resources: readonly StackResource[]): RuleResult {
    const topology = buildTopology(resources);
    const findings = new Findings();
    topology.unknowns.forEach((unknown) => findings.undetermined(unknown));
    for (const group of topology.groups.values()) {
        const groupRegion = group.region;
        if (isUnknown(groupRegion)) {
            findings.undetermined(groupRegion);
            continue;
        }
        if (groupRegion === undefined) {
            continue;
        }
        const regionName = connectorGroupRegion(groupRegion)?.displayName ?? groupRegion;
        for (const connector of topology.connectors.get(group.key) ?? []) {
            const { platform, cloudRegion } = connector;
            if (isUnknown(cloudRegion)) {
                findings.undetermined(cloudRegion);
                continue;
            }
            if (!isCloudPlatform(platform) || cloudRegion === undefined || proximity(platform, cloudRegion, groupRegion) !== "far") {
                continue;
            }
            const nearest = nearestGroupRegion(platform, cloudRegion);
            findings.violation(
                `Connector ${connector.label} of group "${group.displayName}" runs in ${platform} region ` +
                    `"${cloudRegion}", which is far from the group's region ${groupRegion} (${regionName}); it is ` +
                    `nearest to ${nearest}. Run the group's connectors in a region near ${groupRegion}, close to the ` +
                    `apps they serve, or give the group the region ${nearest}.`,
                connector.urn,
            );
        }
    }
    return findings.result;
}

/** `connector-region-near-group`: connectors run near their group's region. */
export const connectorRegionNearGroup = stackPolicy<Record<string, never>>({
    name: "connector-region-near-group",
    description: "Connector hosts should run in a cloud region near their connector group's region.",
    enforcementLevel: "advisory",
    remediationSteps: "Move the connectors to a cloud region near the group's region, or change the group's region.",
    config: {},
    check: checkProximity,
});
