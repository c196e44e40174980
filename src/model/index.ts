/** The topology model: catalogues, validation helpers and the names resources are recognised by. */
export * from "./errors";
export * from "./regions";
export * from "./sizes";
export * from "./images";
export * from "./contract";
export * from "./validation";
export * from "./windows";
export * from "./hostValidation";
export * from "./azureHosts";
export * from "./awsHosts";
export * from "./existingHosts";
export * from "./scaleOutAlert";
export * from "./domainJoin";
export * from "./connectorGroup";
export * from "./appAssignment";
export * from "./gcpHosts";
export * from "./gcpScaleOutAlert";
