/**
 * The Certificate Connector for Microsoft Intune fleet and its args. The fleet loads a cloud's host module (and that
 * cloud's alerting) only when it has hosts there, so this entry point loads no cloud SDK by itself.
 */
export * from "./args";
export * from "./CertificateConnectorFleet";
