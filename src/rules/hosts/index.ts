/**
 * Connector hosts as the rules see them: a VM or instance on any cloud, recognised by its `connector-kind` tag
 * whatever built it, read through its cloud's {@link HostReader}.
 */
import { CONNECTOR_KINDS, PACKAGE_NAME, TAG_KEYS } from "../../model/contract";
import { type RuleResource } from "../policy";
import { isUnknown, parseUrn, readStringMap, type Unknown } from "../read";
import { awsInstanceReader } from "./aws";
import { azureVmReader } from "./azure";
import { gcpInstanceReader } from "./gcp";
import { type HostReader } from "./reader";

export * from "./reader";
export { readBootstrap } from "./bootstrap";
export { AZURE_VM_TYPE, azureVmReader } from "./azure";
export { AWS_INSTANCE_TYPE, awsInstanceReader } from "./aws";
export { GCP_INSTANCE_TYPE, gcpInstanceReader } from "./gcp";

/** The readers, by resource type token. */
export const HOST_READERS: ReadonlyMap<string, HostReader> = new Map(
    [azureVmReader, awsInstanceReader, gcpInstanceReader].map((reader) => [reader.type, reader]),
);

/** A VM or instance tagged as an Entra private network connector host. */
export interface ConnectorHost<R extends RuleResource = RuleResource> {
    readonly resource: R;
    readonly reader: HostReader;
    /** The `connector-group` tag: the group's display name (GCP: its label value); undefined when untagged. */
    readonly groupTag: string | Unknown | undefined;
}

/**
 * The connector host a resource is, if it is one. Unknown when its tags cannot be read during preview; undefined when
 * it is not a VM or instance, or not tagged `connector-kind: entra-private-network`.
 */
export function connectorHost<R extends RuleResource>(resource: R): ConnectorHost<R> | Unknown | undefined {
    const reader = HOST_READERS.get(resource.type);
    if (reader === undefined) {
        return undefined;
    }
    const tags = reader.tags(resource);
    if (tags === undefined) {
        return undefined;
    }
    if (isUnknown(tags)) {
        return tags;
    }
    const kind = tags.get(TAG_KEYS.connectorKind);
    if (isUnknown(kind)) {
        return kind;
    }
    if (kind !== CONNECTOR_KINDS.entraPrivateNetwork) {
        return undefined;
    }
    return { resource, reader, groupTag: tags.get(TAG_KEYS.connectorGroup) };
}

/**
 * Whether a resource other than a VM (a NIC, a security group, a launch template) carries the connector-host tag in its
 * `tags`; Unknown when its tags cannot be read during preview.
 */
export function isTaggedConnectorResource(resource: RuleResource): boolean | Unknown {
    const tags = readStringMap(resource.props, "tags");
    if (isUnknown(tags)) {
        return tags;
    }
    return tags?.get(TAG_KEYS.connectorKind) === CONNECTOR_KINDS.entraPrivateNetwork;
}

/** Whether a resource was registered inside one of this library's components (its URN's type chain says so). */
export function isInsideLibraryComponent(urn: string): boolean {
    const chain = parseUrn(urn)?.typeChain ?? [];
    return chain.slice(0, -1).some((type) => type.startsWith(`${PACKAGE_NAME}:`));
}

/** How messages name a VM or instance: `Azure VM "conn-eu-1"`. */
export function hostLabel(reader: HostReader, resource: RuleResource): string {
    return `${reader.kindName} "${resource.name}"`;
}
