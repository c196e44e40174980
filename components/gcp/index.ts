/**
 * `connector-topology/gcp`: connector hosts on Google Cloud. Loads `@pulumi/gcp` (compute only, by deep import); a
 * ConnectorGroup with GCP hosts also loads its serviceaccount, secretmanager, projects and monitoring modules.
 */
export * from "./GcpConnectorHost";
export * from "./hostSetArgs";
