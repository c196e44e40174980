/**
 * The stack's connector topology, indexed once per stack validation: which connector groups the stack declares,
 * which connectors each group has, and which apps each serves. Stack rules read this index; none of them scans the
 * resource list again, so a stack validation stays linear in the number of resources.
 *
 * Connectors are counted from every source, without counting a machine twice:
 * - the hosts a ConnectorGroup component lists in its summary (cloud VMs, appliances and existing servers); the
 *   resources it registers for them (VMs, memberships) are inside it and are not counted again;
 * - VMs and instances tagged as connector hosts, whatever built them, grouped by their `connector-group` tag;
 * - ConnectorGroupMembership resources, by machine name, unless they depend on a counted host or name a counted
 *   machine (a hand-built VM and its membership are one connector).
 */
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES, gcpLabelValue } from "../model/contract";
import { type Cloud, normaliseCloudRegion } from "../model/regions";
import { connectorHost, hostLabel, type ConnectorHost, type Read } from "./hosts";
import { type StackResource } from "./policy";
import { isInside, isUnknown, readString, type Unknown } from "./read";
import { isCloudPlatform, isGroupComponent, readAssignment, readGroupSummary, type SummaryHost } from "./summaries";

/** How groups are matched by name: display names compare case-insensitively, ignoring surrounding space. */
export function groupKey(displayName: string): string {
    return displayName.trim().toLowerCase();
}

/** How machines are matched by name: case-insensitive, short name (`CONN-1` matches `conn-1.corp.example`). */
export function machineKey(machineName: string): string {
    return machineName.trim().toLowerCase().split(".")[0] ?? "";
}

/** A zone key that tells zones of different clouds and regions apart (`azure/westeurope/1`, `aws/eu-west-1a`). */
export function zoneKey(cloud: Cloud, cloudRegion: string | undefined, zone: string): string {
    return cloud === "azure" ? `azure/${normaliseCloudRegion("azure", cloudRegion ?? "?")}/${zone}` : `${cloud}/${zone}`;
}

/** A connector group the stack declares (ConnectorGroup component or Entra group resource). */
export interface DeclaredGroup {
    readonly key: string;
    readonly displayName: string;
    /** The connector-group region (Graph value), when declared. */
    readonly region: Read<string>;
    /** From the ConnectorGroup summary; groups declared otherwise serve SSO when listed in a rule's config. */
    readonly servesSso: boolean;
    readonly allowSingleConnector: boolean;
    /** The resource that declares it: violations about the group are reported there. */
    readonly urn: string;
    /** How messages name it, e.g. `ConnectorGroup "eu-apps"`. */
    readonly label: string;
    /** `component`: a ConnectorGroup; `entra`: an Entra connector group resource built by hand. */
    readonly source: "component" | "entra";
}

/** Where a connector runs and how the stack knows about it. */
export interface Connector {
    /** How messages name it: the machine name, or the resource. */
    readonly label: string;
    /** `summary`: listed by a ConnectorGroup; `host`: a tagged VM; `membership`: a membership resource only. */
    readonly source: "summary" | "host" | "membership";
    /** azure, aws, gcp, existing, or undefined when only a membership names it. */
    readonly platform: string | undefined;
    readonly cloudRegion: Read<string>;
    readonly zone: Read<string>;
    /** The resource violations about this connector are reported on. */
    readonly urn: string;
    /** The tagged VM, for `host` connectors. */
    readonly host?: ConnectorHost;
    /** The summary entry, for `summary` connectors. */
    readonly summaryHost?: SummaryHost;
}

/** A ConnectorGroupMembership resource, as read. */
export interface MembershipView {
    readonly resource: StackResource;
    readonly machineName: Read<string>;
    readonly connectorGroupName: Read<string>;
    readonly connectorGroupId: Read<string>;
    readonly previousConnectorGroupId: Read<string>;
    /** Whether a host this stack builds is the machine (so its connector is new, not moved). */
    readonly machineBuiltByStack: boolean;
}

/** The index. */
export interface Topology {
    readonly groups: ReadonlyMap<string, DeclaredGroup>;
    /** Connectors by group key, for declared and undeclared groups alike. */
    readonly connectors: ReadonlyMap<string, readonly Connector[]>;
    /** App names by group key. */
    readonly apps: ReadonlyMap<string, readonly string[]>;
    /** ConnectorGroup components, with their summaries' hosts (existing servers included). */
    readonly groupComponents: readonly { resource: StackResource; group: DeclaredGroup | undefined; hosts: readonly SummaryHost[] }[];
    /** Membership resources that no ConnectorGroup summary covers. */
    readonly memberships: readonly MembershipView[];
    /** Every tagged connector host, inside components or not. */
    readonly hosts: readonly ConnectorHost<StackResource>[];
    /** Key values that were unknown during preview (a group name, a host's tags). */
    readonly unknowns: readonly Unknown[];
}

class ConnectorTable {
    readonly byGroup = new Map<string, Connector[]>();
    private readonly aliases = new Map<string, Connector>();

    /** The connector one of `aliases` already names in `group`, if any. */
    find(group: string, aliases: readonly string[]): Connector | undefined {
        for (const alias of aliases) {
            const found = this.aliases.get(`${group}\u0000${alias}`);
            if (found) {
                return found;
            }
        }
        return undefined;
    }

    /** Adds a connector unless one of its aliases is already counted in the group. */
    add(group: string, connector: Connector, aliases: readonly string[]): void {
        if (this.find(group, aliases)) {
            return;
        }
        for (const alias of aliases) {
            this.aliases.set(`${group}\u0000${alias}`, connector);
        }
        const list = this.byGroup.get(group) ?? [];
        list.push(connector);
        this.byGroup.set(group, list);
    }
}

function nameAlias(machineName: Read<string>): string[] {
    return typeof machineName === "string" && machineName.trim() !== "" ? [`name:${machineKey(machineName)}`] : [];
}

/**
 * The component of type `componentType` a resource sits in, if any, found through its parent chain. Undefined when the
 * resource is not inside one; `true` when its URN says it is but no parent chain was given (then it is taken to be
 * covered by the component's summary).
 */
function enclosing(resource: StackResource, componentType: string): StackResource | true | undefined {
    for (let parent = resource.parent; parent !== undefined; parent = parent.parent) {
        if (parent.type === componentType) {
            return parent;
        }
    }
    return isInside(resource.urn, componentType) ? true : undefined;
}

const cache = new WeakMap<readonly StackResource[], Topology>();

/**
 * Indexes a stack's resources (once per resource list).
 *
 * A component's summary is what it registered as its inputs. Resource validation sees inputs; stack validation sees
 * outputs, and the engine replaces a component's outputs with what it passes to `registerOutputs`. So a ConnectorGroup
 * (or AppAssignment) whose props carry no summary is read through the resources inside it instead, like a hand-built
 * group: its Entra group resource, its tagged VMs and its memberships.
 */
export function buildTopology(resources: readonly StackResource[]): Topology {
    const cached = cache.get(resources);
    if (cached) {
        return cached;
    }
    const unknowns: Unknown[] = [];
    const groups = new Map<string, DeclaredGroup>();
    const groupComponents: { resource: StackResource; group: DeclaredGroup | undefined; hosts: readonly SummaryHost[] }[] = [];
    const summarised = new Set<string>();
    const entraGroups: StackResource[] = [];
    const hosts: ConnectorHost<StackResource>[] = [];
    const membershipResources: StackResource[] = [];
    const assignments: StackResource[] = [];

    for (const resource of resources) {
        if (isGroupComponent(resource)) {
            const summary = readGroupSummary(resource);
            unknowns.push(...summary.unknowns);
            let group: DeclaredGroup | undefined;
            if (summary.present && typeof summary.displayName === "string") {
                summarised.add(resource.urn);
                group = {
                    key: groupKey(summary.displayName),
                    displayName: summary.displayName,
                    region: summary.region,
                    servesSso: summary.servesSso === true,
                    allowSingleConnector: summary.allowSingleConnector === true,
                    urn: resource.urn,
                    label: `ConnectorGroup "${resource.name}"`,
                    source: "component",
                };
            } else if (isUnknown(summary.displayName)) {
                summarised.add(resource.urn);
                unknowns.push(summary.displayName);
            }
            groupComponents.push({ resource, group, hosts: summary.hosts });
        } else if (resource.type === COMPONENT_TYPES.AppAssignment) {
            if (readAssignment(resource)?.connectorGroupName !== undefined) {
                summarised.add(resource.urn);
                assignments.push(resource);
            }
        } else if (resource.type === ENTRA_RESOURCE_TYPES.ConnectorGroup) {
            entraGroups.push(resource);
        } else if (resource.type === ENTRA_RESOURCE_TYPES.ConnectorGroupMembership) {
            membershipResources.push(resource);
        } else if (resource.type === ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment) {
            assignments.push(resource);
        } else {
            const host = connectorHost(resource);
            if (isUnknown(host)) {
                unknowns.push(host);
            } else if (host !== undefined) {
                hosts.push(host);
            }
        }
    }

    // Whether a resource is covered by the summary of the ConnectorGroup (or AppAssignment) it sits in.
    const covered = (resource: StackResource, componentType: string): boolean => {
        const component = enclosing(resource, componentType);
        return component === true || (component !== undefined && summarised.has(component.urn));
    };

    const declare = (group: DeclaredGroup): void => {
        // A ConnectorGroup component wins over an Entra group resource of the same name: it knows more.
        const existing = groups.get(group.key);
        if (existing === undefined || (existing.source === "entra" && group.source === "component")) {
            groups.set(group.key, group);
        }
    };
    for (const { group } of groupComponents) {
        if (group !== undefined) {
            declare(group);
        }
    }
    for (const resource of entraGroups) {
        if (covered(resource, COMPONENT_TYPES.ConnectorGroup)) {
            continue;
        }
        const displayName = readString(resource.props, "displayName");
        if (isUnknown(displayName)) {
            unknowns.push(displayName);
            continue;
        }
        if (typeof displayName !== "string") {
            continue;
        }
        // The Graph group of a ConnectorGroup whose summary is not visible stands for the component.
        const component = enclosing(resource, COMPONENT_TYPES.ConnectorGroup);
        const owner = component !== undefined && component !== true ? component : undefined;
        declare({
            key: groupKey(displayName),
            displayName,
            region: readString(resource.props, "region"),
            servesSso: false,
            allowSingleConnector: false,
            urn: (owner ?? resource).urn,
            label: owner ? `ConnectorGroup "${owner.name}"` : `Entra connector group "${resource.name}"`,
            source: owner ? "component" : "entra",
        });
    }

    const apps = new Map<string, string[]>();
    for (const resource of assignments) {
        if (resource.type !== COMPONENT_TYPES.AppAssignment && covered(resource, COMPONENT_TYPES.AppAssignment)) {
            continue;
        }
        const { connectorGroupName: groupName, app } = readAssignment(resource) ?? {};
        if (typeof groupName === "string") {
            const list = apps.get(groupKey(groupName)) ?? [];
            list.push(typeof app === "string" ? app : resource.name);
            apps.set(groupKey(groupName), list);
        } else if (isUnknown(groupName)) {
            unknowns.push(groupName);
        }
    }

    // GCP labels carry the group name in the label alphabet.
    const gcpLabels = new Map<string, string>();
    for (const group of groups.values()) {
        gcpLabels.set(gcpLabelValue(group.displayName), group.key);
    }

    const table = new ConnectorTable();
    for (const { resource, group, hosts: summaryHosts } of groupComponents) {
        if (group === undefined) {
            continue;
        }
        for (const host of summaryHosts) {
            const connector: Connector = {
                label: typeof host.machineName === "string" ? host.machineName : `#${host.index + 1}`,
                source: "summary",
                platform: typeof host.platform === "string" ? host.platform : undefined,
                cloudRegion: host.cloudRegion,
                zone: host.zone,
                urn: resource.urn,
                summaryHost: host,
            };
            table.add(group.key, connector, nameAlias(host.machineName).concat(`summary:${resource.urn}#${host.index}`));
        }
    }

    const hostGroupKeys = new Map<string, string>();
    for (const host of hosts) {
        const { resource, reader, groupTag } = host;
        if (covered(resource, COMPONENT_TYPES.ConnectorGroup)) {
            continue;
        }
        if (isUnknown(groupTag)) {
            unknowns.push(groupTag);
            continue;
        }
        if (groupTag === undefined) {
            continue;
        }
        const key = reader.cloud === "gcp" ? (gcpLabels.get(groupTag) ?? `gcp-label:${groupTag}`) : groupKey(groupTag);
        hostGroupKeys.set(resource.urn, key);
        const machineName = reader.machineName(resource);
        table.add(
            key,
            {
                label: typeof machineName === "string" ? machineName : hostLabel(reader, resource),
                source: "host",
                platform: reader.cloud,
                cloudRegion: reader.region(resource),
                zone: reader.zone(resource),
                urn: resource.urn,
                host,
            },
            [`urn:${resource.urn}`, ...nameAlias(machineName)],
        );
    }

    const memberships: MembershipView[] = [];
    for (const resource of membershipResources) {
        if (covered(resource, COMPONENT_TYPES.ConnectorGroup)) {
            continue;
        }
        const view = {
            machineName: readString(resource.props, "machineName"),
            connectorGroupName: readString(resource.props, "connectorGroupName"),
            connectorGroupId: readString(resource.props, "connectorGroupId"),
            previousConnectorGroupId: readString(resource.props, "previousConnectorGroupId"),
        };
        const hostAliases = resource.dependencies.filter((dependency) => hostGroupKeys.has(dependency.urn)).map((d) => `urn:${d.urn}`);
        const aliases = [...hostAliases, ...nameAlias(view.machineName)];
        let machineBuiltByStack = hostAliases.length > 0;
        if (typeof view.connectorGroupName === "string") {
            const key = groupKey(view.connectorGroupName);
            const known = table.find(key, aliases);
            machineBuiltByStack ||= known !== undefined && known.source !== "membership" && known.platform !== "existing";
            table.add(
                key,
                {
                    label: typeof view.machineName === "string" ? view.machineName : `membership "${resource.name}"`,
                    source: "membership",
                    platform: undefined,
                    cloudRegion: undefined,
                    zone: undefined,
                    urn: resource.urn,
                },
                aliases.length > 0 ? aliases : [`urn:${resource.urn}`],
            );
        } else if (isUnknown(view.connectorGroupName)) {
            unknowns.push(view.connectorGroupName);
        }
        memberships.push({ resource, ...view, machineBuiltByStack });
    }

    const topology: Topology = { groups, connectors: table.byGroup, apps, groupComponents, memberships, hosts, unknowns };
    cache.set(resources, topology);
    return topology;
}

/** The zone key of a connector; undefined when it has no zone or runs outside a cloud. */
export function connectorZone(connector: Connector): Read<string> {
    const { platform, zone, cloudRegion } = connector;
    if (!isCloudPlatform(platform) || zone === undefined || isUnknown(zone)) {
        return isCloudPlatform(platform) ? zone : undefined;
    }
    if (isUnknown(cloudRegion)) {
        return cloudRegion;
    }
    return zoneKey(platform, cloudRegion, zone);
}
