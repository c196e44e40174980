/**
 * connector-topology's policy rules. Each rule is a plain function (exported here, unit-tested directly) wrapped in a
 * `@pulumi/policy` policy object; {@link policies} is the pack's full list, which `policy/index.ts` serves and the
 * offline plan evaluates. Only types come from @pulumi/policy: importing this module never starts a policy server.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { checkBootstrapSecrets, noSecretsInUserData } from "./bootstrapSecrets";
import { checkConnectorCount, minConnectorsPerGroup } from "./connectorCount";
import { checkNoAppsOnDefaultGroup, checkNoGroupNamedDefault, noAppsOnDefaultGroup, noGroupNamedDefault } from "./defaultGroup";
import { checkDomainJoinForSso, domainJoinForSso } from "./domainJoin";
import { checkEncryption, connectorHostEncryption } from "./encryption";
import { checkNoInboundRules, checkNoPublicIp, connectorHostNoInboundRules, connectorHostNoPublicIp } from "./exposure";
import { checkGroupMoves, restartConnectorAfterGroupMove } from "./groupMove";
import { checkHostImage, connectorHostWindowsImage } from "./hostImage";
import { checkHostSize, connectorHostMinSize } from "./hostSize";
import { checkProximity, connectorRegionNearGroup } from "./proximity";
import { checkZoneSpread, connectorZoneSpread } from "./zoneSpread";
import {
    intuneExpiryGap,
    intuneExpiryNotDue,
    intuneMinCertificateConnectors,
    intuneNoPkcsAsSystem,
    intuneServiceAccountLocalAdmin,
} from "./intune";

export * from "./policy";
export { type Unknown, isUnknown } from "./read";
export { buildTopology, type Topology, type DeclaredGroup, type Connector } from "./topology";
export { connectorHost, type ConnectorHost } from "./hosts";
export { findSecretsInText } from "./secretText";
export type { NoAppsOnDefaultGroupConfig } from "./defaultGroup";
export type { ConnectorCountConfig } from "./connectorCount";
export type { HostSizeConfig } from "./hostSize";
export type { HostImageConfig, ImageOverride } from "./hostImage";
export type { DomainJoinConfig } from "./domainJoin";
export type { ZoneSpreadConfig } from "./zoneSpread";
export type { EncryptionConfig } from "./encryption";
export type { GroupMoveConfig } from "./groupMove";
export {
    checkCertificateConnectorCount,
    checkExpiryGap,
    checkExpiryNotDue,
    checkPkcsNotAsSystem,
    checkServiceAccountLocalAdmin,
    readFleet,
    type CertificateConnectorCountConfig,
    type ExpiryDueConfig,
    type ExpiryGapConfig,
    type FleetView,
} from "./intune";

export {
    checkBootstrapSecrets,
    checkConnectorCount,
    checkDomainJoinForSso,
    checkEncryption,
    checkGroupMoves,
    checkHostImage,
    checkHostSize,
    checkNoAppsOnDefaultGroup,
    checkNoGroupNamedDefault,
    checkNoInboundRules,
    checkNoPublicIp,
    checkProximity,
    checkZoneSpread,
};

export {
    connectorHostEncryption,
    connectorHostMinSize,
    connectorHostNoInboundRules,
    connectorHostNoPublicIp,
    connectorHostWindowsImage,
    connectorRegionNearGroup,
    connectorZoneSpread,
    domainJoinForSso,
    intuneExpiryGap,
    intuneExpiryNotDue,
    intuneMinCertificateConnectors,
    intuneNoPkcsAsSystem,
    intuneServiceAccountLocalAdmin,
    minConnectorsPerGroup,
    noAppsOnDefaultGroup,
    noGroupNamedDefault,
    noSecretsInUserData,
    restartConnectorAfterGroupMove,
};

/** The pack's policies: mandatory rules first, then advisory ones. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    noAppsOnDefaultGroup,
    noGroupNamedDefault,
    minConnectorsPerGroup,
    connectorHostMinSize,
    connectorHostWindowsImage,
    domainJoinForSso,
    connectorHostNoPublicIp,
    connectorHostNoInboundRules,
    noSecretsInUserData,
    intuneMinCertificateConnectors,
    intuneNoPkcsAsSystem,
    intuneExpiryGap,
    intuneExpiryNotDue,
    connectorZoneSpread,
    connectorRegionNearGroup,
    connectorHostEncryption,
    restartConnectorAfterGroupMove,
    intuneServiceAccountLocalAdmin,
];
