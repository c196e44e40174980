/**
 * Connectors of a group spread over at least 2 availability zones, so that a zone outage leaves the group serving.
 * Advisory: not every region has zones. Groups with connectors on existing servers are not judged (the stack cannot
 * see where those run), nor groups with fewer than two connectors (min-connectors-per-group covers those).
 */
import { Findings, stackPolicy, type ConfigSchemaOf, type RuleResult, type StackResource } from "./policy";
import { isUnknown } from "./read";
import { buildTopology, connectorZone } from "./topology";

/** Config of `connector-zone-spread`. */
export interface ZoneSpreadConfig {
    /** The fewest distinct availability zones a group's connectors must run in. */
    minZones: number;
}

const zoneSpreadConfig: ConfigSchemaOf<ZoneSpreadConfig> = {
    minZones: {
        type: "integer",
        minimum: 1,
        default: 2,
        description: "The fewest distinct availability zones each group's cloud connectors must run in.",
    },
};

/** Counts the distinct zones of every group's connectors. */
export function checkZoneSpread(resources: readonly StackResource[], config: ZoneSpreadConfig): RuleResult {
    const topology = buildTopology(resources);
    const findings = new Findings();
    topology.unknowns.forEach((unknown) => findings.undetermined(unknown));
    for (const group of topology.groups.values()) {
        const connectors = topology.connectors.get(group.key) ?? [];
        if (connectors.length < 2 || connectors.some((c) => c.platform === undefined || c.platform === "existing")) {
            continue;
        }
        const zones = new Set<string>();
        let undetermined = false;
        for (const connector of connectors) {
            const zone = connectorZone(connector);
            if (isUnknown(zone)) {
                findings.undetermined(zone);
                undetermined = true;
            } else if (zone !== undefined) {
                zones.add(zone);
            }
        }
        if (undetermined || zones.size >= config.minZones) {
            continue;
        }
        const where = zones.size === 0 ? "no availability zone" : `only ${[...zones].sort().join(", ")}`;
        findings.violation(
            `Connector group "${group.displayName}" runs its ${connectors.length} connectors in ${where}; spread ` +
                `them over at least ${config.minZones} zones so that a zone outage does not take the group down. ` +
                `Give each connector host a different zone.`,
            group.urn,
        );
    }
    return findings.result;
}

/** `connector-zone-spread`: a group's connectors run in at least 2 zones. */
export const connectorZoneSpread = stackPolicy({
    name: "connector-zone-spread",
    description: "The connectors of a group should run in at least two availability zones.",
    enforcementLevel: "advisory",
    remediationSteps: "Place each connector host of the group in a different availability zone.",
    config: zoneSpreadConfig,
    check: checkZoneSpread,
});
