/**
 * The host bootstrap, as pure functions: one PowerShell template rendered per cloud (only the secret-fetch step
 * differs), and how it is delivered on each cloud.
 */
export * from "./powershell";
export * from "./connectorBootstrap";
export * from "./azure";
export * from "./gcp";
export * from "./installer";
export * from "./intuneBootstrap";
export * from "./aws";
