/**
 * The topology section: connector groups, their region, connectors, zones and apps, and the Intune Certificate
 * Connector fleets next to them. It is read from what components register (`ConnectorGroupSummary`,
 * `AppAssignmentSummary`, `CertificateConnectorFleetSummary`), and from the resources that stand on their own: Entra
 * resources created directly, and connector hosts recognised by their `connector-kind` tag, however they were built.
 * Whatever a ConnectorGroup or a fleet (or a counted host) contains is covered by it and not counted again.
 */
import {
    CLOUDS,
    COMPONENT_TYPES,
    CONNECTOR_KINDS,
    type ConnectorGroupSummary,
    connectorGroupRegion,
    ENTRA_RESOURCE_TYPES,
    gcpLabelValue,
    TAG_KEYS,
    type AppAssignmentSummary,
    type HostSummary,
} from "../../model";
import { type CertificateConnectorFleetSummary } from "../../intune/summary";
import { type ExpiryInfo } from "../../intune/schedule";
import { type PlanResource } from "../capture";
import { displayText, type PlanObject, type PlanValue, propertyAt } from "../properties";
import { columns, type PlanContext, type ReportSection } from "./section";

/** One connector host. */
export interface TopologyHost {
    machineName: string;
    /** `azure`, `aws`, `gcp` or `existing`. */
    platform: string;
    cloudRegion?: string;
    zone?: string;
    size?: string;
    /** The resource the host was read from. */
    urn: string;
}

/** One app assignment. */
export interface TopologyApp {
    app: string;
    /** `quickAccess` or `enterprise`, when known. */
    kind?: string;
    urn: string;
}

/** One connector group. */
export interface TopologyGroup {
    name: string;
    /** The connector-group region (Graph value); undefined when this stack does not declare the group. */
    region?: string;
    /** True when this stack declares the group; false when it only adds hosts or apps to a group declared elsewhere. */
    declared: boolean;
    connectors: number;
    hosts: TopologyHost[];
    /** Where the connectors run: the distinct platforms of its hosts (`azure`, `aws`, `gcp`, `existing`). */
    platforms: string[];
    /** The distinct zones the connectors run in (`<region>-<zone>` for Azure's numbered zones). */
    zones: string[];
    apps: TopologyApp[];
}

/** One Intune Certificate Connector fleet. */
export interface TopologyFleet {
    /** The fleet's display name (its hosts' `connector-group` tag). */
    name: string;
    urn: string;
    /** Where the connectors run: the distinct platforms of its hosts, in the library's cloud order. */
    platforms: string[];
    connectors: number;
    hosts: TopologyHost[];
    /** The distinct zones the connectors run in (`<region>-<zone>` for Azure's numbered zones). */
    zones: string[];
    /** The connector features every host serves: `pkcs`, `pkcsImported`, `scep`, `revocation`. */
    features: string[];
    /** `system`, `domainAccountLocalAdmin` or `domainAccountNoLocalAdmin`. */
    serviceAccountModel?: string;
    /** The agent certificate that expires next; undefined when the fleet has no calendar. */
    nextExpiry?: ExpiryInfo;
}

/** The topology of the stack. */
export interface Topology {
    groups: TopologyGroup[];
    /** Intune Certificate Connector fleets, by name; their connectors are not counted in `totals.connectors`. */
    fleets: TopologyFleet[];
    /** The distinct connector-group regions. */
    regions: string[];
    totals: { groups: number; connectors: number; apps: number };
}

interface HostFields {
    group?: string;
    kind?: string;
    machineName?: string;
    platform: string;
    cloudRegion?: string;
    zone?: string;
    size?: string;
}

const text = (value: PlanValue | undefined): string | undefined => displayText(value);

function lastSegment(value: string | undefined): string | undefined {
    return value?.split("/").pop();
}

/** Reads a connector host's facts from a raw VM or from a host component, by type. */
function hostFields(resource: PlanResource): HostFields | undefined {
    const inputs = resource.inputs;
    const at = (...path: (string | number)[]): string | undefined => text(propertyAt(inputs, path));
    switch (resource.type) {
        case "azure-native:compute:VirtualMachine":
            return {
                group: at("tags", TAG_KEYS.connectorGroup),
                kind: at("tags", TAG_KEYS.connectorKind),
                machineName: at("osProfile", "computerName") ?? at("vmName"),
                platform: "azure",
                cloudRegion: at("location"),
                zone: at("zones", 0),
                size: at("hardwareProfile", "vmSize"),
            };
        case "aws:ec2/instance:Instance": {
            const zone = at("availabilityZone");
            return {
                group: at("tags", TAG_KEYS.connectorGroup),
                kind: at("tags", TAG_KEYS.connectorKind),
                machineName: at("tags", "Name"),
                platform: "aws",
                cloudRegion: zone?.replace(/[a-z]$/, ""),
                zone,
                size: at("instanceType"),
            };
        }
        case "gcp:compute/instance:Instance": {
            const zone = lastSegment(at("zone"));
            return {
                group: at("labels", TAG_KEYS.connectorGroup),
                kind: at("labels", TAG_KEYS.connectorKind),
                machineName: at("hostname") ?? at("name"),
                platform: "gcp",
                cloudRegion: zone?.replace(/-[a-z]$/, ""),
                zone,
                size: lastSegment(at("machineType")),
            };
        }
        default: {
            // Host components register a HostSummary-like record along with the tags of the host they build.
            const group = at("tags", TAG_KEYS.connectorGroup) ?? at("labels", TAG_KEYS.connectorGroup);
            if (group === undefined) {
                return undefined;
            }
            return {
                group,
                kind: at("tags", TAG_KEYS.connectorKind) ?? at("labels", TAG_KEYS.connectorKind),
                machineName: at("machineName"),
                platform: at("platform") ?? "unknown",
                cloudRegion: at("cloudRegion"),
                zone: at("zone"),
                size: at("size"),
            };
        }
    }
}

function zoneLabel(host: { platform: string; cloudRegion?: string; zone?: string }): string | undefined {
    if (host.zone === undefined) {
        return undefined;
    }
    return host.platform === "azure" && /^\d+$/.test(host.zone) && host.cloudRegion !== undefined ? `${host.cloudRegion}-${host.zone}` : host.zone;
}

function asSummary<T>(inputs: PlanObject): T {
    return inputs as unknown as T;
}

/** A host of a component's summary (a ConnectorGroup's or a fleet's), as a topology host. */
function summaryHost(host: Partial<HostSummary>, urn: string): TopologyHost {
    return {
        machineName: String(host.machineName ?? "?"),
        platform: String(host.platform ?? "unknown"),
        ...(host.cloudRegion !== undefined ? { cloudRegion: String(host.cloudRegion) } : {}),
        ...(host.zone !== undefined ? { zone: String(host.zone) } : {}),
        ...(host.size !== undefined ? { size: String(host.size) } : {}),
        urn,
    };
}

/** The distinct values, sorted by `compare`. */
function distinct(values: readonly (string | undefined)[], compare?: (a: string, b: string) => number): string[] {
    return [...new Set(values.filter((value): value is string => value !== undefined))].sort(compare);
}

/** A fleet, from the summary a CertificateConnectorFleet registers. */
function topologyFleet(resource: PlanResource): TopologyFleet {
    const summary = asSummary<Partial<CertificateConnectorFleetSummary>>(resource.inputs);
    const hosts = (Array.isArray(summary.hosts) ? summary.hosts : []).map((host) => summaryHost(host, resource.urn));
    const nextExpiry = summary.calendar?.nextExpiry;
    return {
        name: text(propertyAt(resource.inputs, ["displayName"])) ?? resource.name,
        urn: resource.urn,
        platforms: distinct(
            hosts.map((host) => host.platform),
            byPlatform,
        ),
        connectors: hosts.length,
        hosts,
        zones: distinct(hosts.map(zoneLabel)),
        features: Array.isArray(summary.features) ? summary.features.map(String) : [],
        ...(typeof summary.serviceAccountModel === "string" ? { serviceAccountModel: summary.serviceAccountModel } : {}),
        ...(nextExpiry === undefined ? {} : { nextExpiry }),
    };
}

class TopologyBuilder {
    private readonly groups = new Map<string, TopologyGroup>();
    private readonly hostKeys = new Map<TopologyGroup, Set<string>>();

    group(name: string): TopologyGroup {
        // GCP labels carry the group name in the label alphabet: match it to the declared name.
        const key = gcpLabelValue(name);
        let group = this.groups.get(key);
        if (group === undefined) {
            group = { name, declared: false, connectors: 0, hosts: [], platforms: [], zones: [], apps: [] };
            this.groups.set(key, group);
            this.hostKeys.set(group, new Set());
        }
        return group;
    }

    declare(name: string, region: string | undefined): void {
        const group = this.group(name);
        group.name = name;
        group.declared = true;
        if (region !== undefined) {
            group.region = region;
        }
    }

    addHost(groupName: string, host: TopologyHost): void {
        const group = this.group(groupName);
        // A host can be seen twice (its VM and its membership); machine names are case-insensitive, short or FQDN.
        const key = host.machineName.toLowerCase().split(".")[0] ?? host.machineName;
        const keys = this.hostKeys.get(group) as Set<string>;
        if (keys.has(key)) {
            return;
        }
        keys.add(key);
        group.hosts.push(host);
        group.connectors = group.hosts.length;
        if (!group.platforms.includes(host.platform)) {
            group.platforms.push(host.platform);
        }
        const zone = zoneLabel(host);
        if (zone !== undefined && !group.zones.includes(zone)) {
            group.zones.push(zone);
        }
    }

    addApp(groupName: string, app: TopologyApp): void {
        this.group(groupName).apps.push(app);
    }

    result(fleets: TopologyFleet[]): Topology {
        const groups = [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const group of groups) {
            group.zones.sort();
            group.platforms.sort(byPlatform);
        }
        const regions = [...new Set(groups.map((group) => group.region).filter((region): region is string => region !== undefined))].sort();
        return {
            groups,
            fleets: fleets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
            regions,
            totals: {
                groups: groups.length,
                connectors: groups.reduce((sum, group) => sum + group.connectors, 0),
                apps: groups.reduce((sum, group) => sum + group.apps.length, 0),
            },
        };
    }
}

/** Derives the topology from the resources, in tree order (parents first). */
export function buildTopology(resources: readonly PlanResource[]): Topology {
    const builder = new TopologyBuilder();
    const fleets: TopologyFleet[] = [];
    // Resources inside a ConnectorGroup, a fleet, an AppAssignment or a counted host: their summary already speaks for them.
    const covered = new Set<string>();
    const isCovered = (resource: PlanResource): boolean => resource.parent !== undefined && covered.has(resource.parent);

    for (const resource of resources) {
        if (isCovered(resource)) {
            covered.add(resource.urn);
            continue;
        }
        const at = (...path: string[]): string | undefined => text(propertyAt(resource.inputs, path));
        switch (resource.type) {
            case COMPONENT_TYPES.ConnectorGroup: {
                covered.add(resource.urn);
                const summary = asSummary<Partial<ConnectorGroupSummary>>(resource.inputs);
                const name = at("displayName") ?? resource.name;
                builder.declare(name, at("region"));
                for (const host of Array.isArray(summary.hosts) ? summary.hosts : []) {
                    builder.addHost(name, summaryHost(host, resource.urn));
                }
                continue;
            }
            case COMPONENT_TYPES.CertificateConnectorFleet: {
                covered.add(resource.urn);
                fleets.push(topologyFleet(resource));
                continue;
            }
            case COMPONENT_TYPES.AppAssignment: {
                covered.add(resource.urn);
                const summary = asSummary<Partial<AppAssignmentSummary>>(resource.inputs);
                const groupName = at("connectorGroupName");
                if (groupName !== undefined) {
                    builder.addApp(groupName, {
                        app: at("app") ?? resource.name,
                        ...(summary.appKind !== undefined ? { kind: String(summary.appKind) } : {}),
                        urn: resource.urn,
                    });
                }
                continue;
            }
            case ENTRA_RESOURCE_TYPES.ConnectorGroup: {
                const name = at("displayName");
                if (name !== undefined) {
                    builder.declare(name, at("region"));
                }
                continue;
            }
            case ENTRA_RESOURCE_TYPES.ConnectorGroupMembership: {
                const groupName = at("connectorGroupName");
                const machineName = at("machineName");
                if (groupName !== undefined && machineName !== undefined) {
                    builder.addHost(groupName, { machineName, platform: "existing", urn: resource.urn });
                }
                continue;
            }
            case ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment: {
                const groupName = at("connectorGroupName");
                if (groupName !== undefined) {
                    builder.addApp(groupName, {
                        app: at("applicationDisplayName") ?? at("applicationObjectId") ?? resource.name,
                        urn: resource.urn,
                    });
                }
                continue;
            }
        }
        const host = hostFields(resource);
        if (host?.group !== undefined && host.kind === CONNECTOR_KINDS.entraPrivateNetwork) {
            covered.add(resource.urn);
            builder.addHost(host.group, {
                machineName: host.machineName ?? resource.name,
                platform: host.platform,
                ...(host.cloudRegion !== undefined ? { cloudRegion: host.cloudRegion } : {}),
                ...(host.zone !== undefined ? { zone: host.zone } : {}),
                ...(host.size !== undefined ? { size: host.size } : {}),
                urn: resource.urn,
            });
        }
    }
    return builder.result(fleets);
}

/** Clouds in the library's order, then existing servers, then anything else by name. */
function byPlatform(a: string, b: string): number {
    const order = (platform: string) => {
        const index = [...CLOUDS, "existing"].indexOf(platform);
        return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    return order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function regionLabel(group: TopologyGroup): string {
    if (group.region === undefined) {
        return group.declared ? "(tenant default)" : "(declared elsewhere)";
    }
    const info = connectorGroupRegion(group.region);
    return info === undefined ? `${group.region} (unknown region)` : `${info.id} (${info.displayName})`;
}

export const topologySection: ReportSection<Topology> = {
    key: "topology",
    build: (context: PlanContext) => buildTopology(context.resources),
    render(topology) {
        if (topology.groups.length === 0 && topology.fleets.length === 0) {
            return ["Topology:", "  no connector groups, certificate connector fleets, connector hosts or app assignments"];
        }
        const lines = ["Topology:"];
        if (topology.groups.length > 0) {
            lines.push(...renderGroups(topology));
        }
        if (topology.fleets.length > 0) {
            if (topology.groups.length > 0) {
                lines.push("");
            }
            lines.push(...renderFleets(topology.fleets));
        }
        return lines;
    },
};

function renderGroups(topology: Topology): string[] {
    const rows = [["Group", "Region", "Platforms", "Connectors", "Zones", "Apps"]];
    for (const group of topology.groups) {
        rows.push([
            group.name,
            regionLabel(group),
            group.platforms.join(", ") || "-",
            String(group.connectors),
            group.zones.join(", ") || "-",
            String(group.apps.length),
        ]);
    }
    const lines = columns(rows);
    const withApps = topology.groups.filter((group) => group.apps.length > 0);
    if (withApps.length > 0) {
        lines.push("", "  Apps per group:");
        for (const group of withApps) {
            const apps = group.apps.map((app) => (app.kind ? `${app.app} (${app.kind})` : app.app));
            lines.push(`    ${group.name}: ${apps.join(", ")}`);
        }
    }
    const { groups, connectors, apps } = topology.totals;
    lines.push("", `  ${groups} group(s) in ${topology.regions.length} region(s), ${connectors} connector(s), ${apps} app(s)`);
    return lines;
}

function renderFleets(fleets: readonly TopologyFleet[]): string[] {
    const rows = [["Intune fleet", "Platforms", "Connectors", "Zones", "Features", "Service account", "Next expiry"]];
    for (const fleet of fleets) {
        rows.push([
            fleet.name,
            fleet.platforms.join(", ") || "-",
            String(fleet.connectors),
            fleet.zones.join(", ") || "-",
            fleet.features.join(", ") || "-",
            fleet.serviceAccountModel ?? "-",
            fleet.nextExpiry === undefined ? "-" : `${fleet.nextExpiry.machineName} on ${fleet.nextExpiry.expiryDate}`,
        ]);
    }
    const connectors = fleets.reduce((sum, fleet) => sum + fleet.connectors, 0);
    return [...columns(rows), "", `  ${fleets.length} certificate connector fleet(s), ${connectors} connector(s)`];
}
