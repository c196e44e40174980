/**
 * What every connector host shares, whatever its cloud: the domain-join and bootstrap args. (`./provisioner` is the
 * internal contract between ConnectorGroup and the per-cloud host modules.)
 */
export * from "./args";
