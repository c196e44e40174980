/**
 * connector-topology: Pulumi components for Microsoft Entra private network connectors and Intune Certificate
 * Connectors. This root entry point loads no cloud SDK: ConnectorGroup loads a cloud's host module only when the group
 * has hosts there, and the host components themselves come from `connector-topology/azure` (and, later, `/aws`,
 * `/gcp`).
 */
export * from "../src/model";
export * from "../src/entra";
export * from "../src/bootstrap";
export * from "./host";
export * from "./connectorGroup";
export * from "./appAssignment";
export * from "../src/intune";
export * from "./intune";
