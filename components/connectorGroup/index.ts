/** The ConnectorGroup component and its args. */
export * from "./args";
export * from "./ConnectorGroup";
