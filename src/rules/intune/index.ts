/** The policy rules for Certificate Connectors for Microsoft Intune (CertificateConnectorFleet and hand-built hosts). */
export * from "./fleet";
export * from "./connectorCount";
export * from "./accountModel";
export * from "./expiries";
