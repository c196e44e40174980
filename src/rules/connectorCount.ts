/**
 * At least N connectors per group (N defaults to 2): a group works as one unit for high availability and load
 * balancing, and one connector is a single point of failure. Counted over every host kind (see `topology.ts`).
 * A ConnectorGroup's `allowSingleConnector` lets the component deploy one connector; it does not silence this rule,
 * which the user tunes through `minConnectors` instead.
 */
import { Findings, stackPolicy, type ConfigSchemaOf, type RuleResult, type StackResource } from "./policy";
import { buildTopology } from "./topology";

const POLICY_NAME = "min-connectors-per-group";

/** Config of `min-connectors-per-group`. */
export interface ConnectorCountConfig {
    /** The fewest connectors a declared group may have. */
    minConnectors: number;
}

const connectorCountConfig: ConfigSchemaOf<ConnectorCountConfig> = {
    minConnectors: {
        type: "integer",
        minimum: 1,
        default: 2,
        description: "The fewest connectors each connector group declared in the stack must have.",
    },
};

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Counts the connectors of every group the stack declares. */
export function checkConnectorCount(resources: readonly StackResource[], config: ConnectorCountConfig): RuleResult {
    const topology = buildTopology(resources);
    const findings = new Findings();
    topology.unknowns.forEach((unknown) => findings.undetermined(unknown));
    for (const group of topology.groups.values()) {
        const connectors = topology.connectors.get(group.key) ?? [];
        if (connectors.length >= config.minConnectors) {
            continue;
        }
        const names = connectors.length > 0 ? ` (${connectors.map((c) => c.label).join(", ")})` : "";
        const apps = topology.apps.get(group.key) ?? [];
        const serving = apps.length > 0 ? ` It serves ${plural(apps.length, "app")}.` : "";
        const override = group.allowSingleConnector
            ? " allowSingleConnector lets the ConnectorGroup deploy this, but it remains a single point of failure."
            : "";
        findings.violation(
            `Connector group "${group.displayName}" has ${plural(connectors.length, "connector")}${names}; at least ` +
                `${config.minConnectors} are needed for high availability and load balancing.${serving}${override} ` +
                `Add connector hosts to the group, or lower minConnectors in the ${POLICY_NAME} policy config.`,
            group.urn,
        );
    }
    return findings.result;
}

/** `min-connectors-per-group`: every declared group has at least N connectors. */
export const minConnectorsPerGroup = stackPolicy({
    name: POLICY_NAME,
    description: "Every connector group must have at least two connectors (configurable), counting every host kind.",
    enforcementLevel: "mandatory",
    remediationSteps: "Add connector hosts to the group (prefer more servers to bigger ones).",
    config: connectorCountConfig,
    check: checkConnectorCount,
});
