/** The Entra objects that no Pulumi provider manages, as dynamic resources over Microsoft Graph. */
export * from "./EntraConnectorGroup";
export * from "./ConnectorGroupMembership";
export * from "./ApplicationConnectorGroupAssignment";
export * from "./QuickAccessApplicationLookup";
export * from "./EnterpriseApplicationLookup";
