/**
 * The library's own resources, read by the names in `src/model/contract.ts`: the summaries that ConnectorGroup and
 * AppAssignment register as their inputs, and the Graph-backed dynamic resources (whose inputs are `src/entra`'s args).
 */
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES, type HostPlatform } from "../model/contract";
import { type DeclaredWindowsImage } from "../model/images";
import { type VmCapacity } from "../model/sizes";
import { type RuleResource } from "./policy";
import { isUnknown, read, readArray, readBoolean, readElements, readString, type Unknown } from "./read";

type Read<T> = T | Unknown | undefined;

/** One host of a ConnectorGroup summary (`HostSummary`), as read. */
export interface SummaryHost {
    readonly index: number;
    readonly machineName: Read<string>;
    readonly platform: Read<string>;
    readonly cloudRegion: Read<string>;
    readonly zone: Read<string>;
    readonly size: Read<string>;
    readonly image: Read<string>;
    readonly appliance: Read<boolean>;
    /** The capacity the user declared for the size (the component's `sizeOverride`); undefined when none. */
    readonly declaredCapacity: VmCapacity | undefined;
    /** The OS the user declared for the image (the component's `imageOverride`); undefined when none. */
    readonly declaredImage: DeclaredWindowsImage | undefined;
    readonly domainJoined: Read<boolean>;
    /** Existing hosts: the user declared that the connector is still in the tenant's default group. */
    readonly inDefaultGroup: Read<boolean>;
}

/** A ConnectorGroup component's summary (`ConnectorGroupSummary`), as read. */
export interface GroupSummary {
    /** Whether the props carry a summary at all (stack validation sees a component's outputs, which may not). */
    readonly present: boolean;
    readonly displayName: Read<string>;
    readonly region: Read<string>;
    readonly servesSso: Read<boolean>;
    readonly allowSingleConnector: Read<boolean>;
    readonly hosts: readonly SummaryHost[];
    /** Unknown hosts list (or hosts in it) during preview. */
    readonly unknowns: readonly Unknown[];
}

/** Whether a resource is a ConnectorGroup component. */
export function isGroupComponent(resource: RuleResource): boolean {
    return resource.type === COMPONENT_TYPES.ConnectorGroup;
}

/**
 * Reads one `HostSummary`: an entry of a group's (or fleet's) `hosts`, or the whole summary a host component
 * (AzureConnectorHost, AwsConnectorHost, GcpConnectorHost) registers.
 */
export function readSummaryHost(host: unknown, index: number): SummaryHost {
    return {
        index,
        machineName: readString(host, "machineName"),
        platform: readString(host, "platform"),
        cloudRegion: readString(host, "cloudRegion"),
        zone: readString(host, "zone"),
        size: readString(host, "size"),
        image: readString(host, "image"),
        appliance: readBoolean(host, "appliance"),
        ...readDeclarations(host),
        domainJoined: readBoolean(host, "domainJoined"),
        inDefaultGroup: readBoolean(host, "inDefaultGroup"),
    };
}

/** A summary host's declarations (`declaredCapacity`, `declaredImage`): each one that is complete. */
function readDeclarations(host: unknown): Pick<SummaryHost, "declaredCapacity" | "declaredImage"> {
    const vcpus = read(host, "declaredCapacity", "vcpus");
    const memoryGiB = read(host, "declaredCapacity", "memoryGiB");
    const windowsServerVersion = read(host, "declaredImage", "windowsServerVersion");
    const desktopExperience = readBoolean(host, "declaredImage", "desktopExperience");
    return {
        declaredCapacity: typeof vcpus === "number" && typeof memoryGiB === "number" ? { vcpus, memoryGiB } : undefined,
        declaredImage:
            typeof windowsServerVersion === "number" && typeof desktopExperience === "boolean"
                ? { windowsServerVersion, desktopExperience }
                : undefined,
    };
}

/** Reads a ConnectorGroup component's summary. */
export function readGroupSummary(resource: RuleResource): GroupSummary {
    const unknowns: Unknown[] = [];
    const hostList = readArray(resource.props, "hosts");
    const hosts = readElements(resource.props, ["hosts"], unknowns).map(([index, host]) => readSummaryHost(host, index));
    const displayName = readString(resource.props, "displayName");
    return {
        present: displayName !== undefined && (Array.isArray(hostList) || isUnknown(hostList)),
        displayName,
        region: readString(resource.props, "region"),
        servesSso: readBoolean(resource.props, "servesSso"),
        allowSingleConnector: readBoolean(resource.props, "allowSingleConnector"),
        hosts,
        unknowns,
    };
}

/** Whether a summary host runs on a cloud (not an existing server). */
export function isCloudPlatform(platform: Read<string>): platform is "azure" | "aws" | "gcp" {
    return platform === "azure" || platform === "aws" || platform === "gcp";
}

/** The platform value for existing (on-premises) servers. */
export const EXISTING_PLATFORM: HostPlatform = "existing";

/** How messages name a summary host: `host "CONN-EU-1" of ConnectorGroup "eu-apps"` (or of its fleet). */
export function describeSummaryHost(group: RuleResource, host: SummaryHost): string {
    const name = typeof host.machineName === "string" ? host.machineName : `#${host.index + 1}`;
    const component = group.type.split(":").pop() ?? "ConnectorGroup";
    return `host "${name}" of ${component} "${group.name}"`;
}

/** An app's assignment to a connector group, from an AppAssignment component or a Graph assignment resource. */
export interface AssignmentView {
    /** How messages name the app. */
    readonly app: Read<string>;
    readonly connectorGroupName: Read<string>;
    /** The Graph id of the target group; only Graph assignment resources carry it. */
    readonly connectorGroupId: Read<string>;
}

/** Reads an app assignment, or undefined when the resource is not one. */
export function readAssignment(resource: RuleResource): AssignmentView | undefined {
    if (resource.type === COMPONENT_TYPES.AppAssignment) {
        return {
            app: readString(resource.props, "app"),
            connectorGroupName: readString(resource.props, "connectorGroupName"),
            connectorGroupId: undefined,
        };
    }
    if (resource.type === ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment) {
        return {
            app: readString(resource.props, "applicationDisplayName") ?? readString(resource.props, "applicationObjectId"),
            connectorGroupName: readString(resource.props, "connectorGroupName"),
            connectorGroupId: readString(resource.props, "connectorGroupId"),
        };
    }
    return undefined;
}

/** Reads a declared group's display name and region from a ConnectorGroup component or an Entra group resource. */
export function readGroupDeclaration(resource: RuleResource): { displayName: Read<string>; region: Read<string> } | undefined {
    if (isGroupComponent(resource) || resource.type === ENTRA_RESOURCE_TYPES.ConnectorGroup) {
        return { displayName: readString(resource.props, "displayName"), region: readString(resource.props, "region") };
    }
    return undefined;
}
