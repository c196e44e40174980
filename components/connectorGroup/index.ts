/** The ConnectorGroup component and its args. */
export * from "./args";
// The AWS hosts' arg types, without the AWS SDK: `connector-topology/aws` has the host component itself.
export type * from "../aws/args";
export * from "./ConnectorGroup";
