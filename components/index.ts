/**
 * connector-topology: Pulumi components for Microsoft Entra private network connectors and Intune Certificate
 * Connectors. This root entry point loads no cloud SDK; hosts on each cloud come from `connector-topology/azure`,
 * `connector-topology/aws` and `connector-topology/gcp`, which ConnectorGroup loads only for the clouds it uses.
 */
export * from "../src/model";
export * from "../src/entra";
