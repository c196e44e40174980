/**
 * `connector-topology/azure`: connector hosts on Azure. Loads `@pulumi/azure-native` (compute and network only, by
 * deep import).
 */
export * from "./AzureConnectorHost";
