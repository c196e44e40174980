/**
 * `connector-topology/graph`: the Microsoft Graph (beta) layer for Entra private network connectors. A client with
 * `@azure/identity` authentication, `Retry-After`-aware retries under a deadline, paging and errors that say what to
 * do; plain functions for connector groups, connectors and application assignments; read-only lookups of the Quick
 * Access app and of published apps; and the implementations of the dynamic providers behind the Entra resources.
 */
export * from "./endpoint";
export * from "./errors";
export * from "./retryPolicy";
export { type GraphRetryEvent } from "./middleware";
export * from "./client";
export * from "./model";
export * from "./connectorGroups";
export * from "./connectors";
export * from "./applications";
export * from "./providers";
