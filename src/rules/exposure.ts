/**
 * The connector is outbound-only: no public IP and no inbound rule on a connector host, ever (Checkov CKV_AZURE_119,
 * Azure Policy 83a86a26-fd1f-447c-b59d-e51f44264114 for the NIC part).
 *
 * Exposure is mostly declared on resources linked to the host rather than on the host itself (a NIC, a security
 * group, a firewall rule), so both rules are stack rules. Links are followed through property dependencies and
 * dependencies, which are known during preview (ids are not), plus names and tags where the cloud links by them
 * (an NSG rule names its NSG; a GCP firewall targets network tags). An Azure host's NSGs are those on its NICs and
 * on their subnets. NICs, NSGs and security groups tagged
 * `connector-kind` count as the host's own. The stack is indexed once; every lookup after that is a map access.
 */
import { AWS_INSTANCE_TYPE, connectorHost, hostLabel, isTaggedConnectorResource, type ConnectorHost } from "./hosts";
import { Findings, stackPolicy, type RuleResult, type StackResource } from "./policy";
import { isUnknown, read, readBoolean, readElements, readString, type Unknown } from "./read";

export const EXPOSURE_TYPES = {
    azureNic: "azure-native:network:NetworkInterface",
    azureNsg: "azure-native:network:NetworkSecurityGroup",
    azureSecurityRule: "azure-native:network:SecurityRule",
    azureSubnet: "azure-native:network:Subnet",
    awsSecurityGroup: "aws:ec2/securityGroup:SecurityGroup",
    awsSecurityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    awsIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    awsSubnet: "aws:ec2/subnet:Subnet",
    awsEip: "aws:ec2/eip:Eip",
    awsEipAssociation: "aws:ec2/eipAssociation:EipAssociation",
    gcpFirewall: "gcp:compute/firewall:Firewall",
    gcpNetwork: "gcp:compute/network:Network",
} as const;

const OUTBOUND_ONLY = "Connectors only make outbound connections and need no inbound connectivity";
const NO_PUBLIC_IP =
    `${OUTBOUND_ONLY}: remove the public IP and reach the internet through NAT (Azure NAT gateway, AWS NAT ` +
    "gateway, Cloud NAT)";

/** Linked resources of the given type: through the named properties' dependencies, and plain dependencies. */
function linked(resource: StackResource, type: string, properties: readonly string[]): StackResource[] {
    const found = new Map<string, StackResource>();
    for (const property of properties) {
        for (const dependency of resource.propertyDependencies[property] ?? []) {
            if (dependency.type === type) {
                found.set(dependency.urn, dependency);
            }
        }
    }
    for (const dependency of resource.dependencies) {
        if (dependency.type === type) {
            found.set(dependency.urn, dependency);
        }
    }
    return [...found.values()];
}

/** Whether a NIC, NSG or security group is tagged as a connector's own; an unknown tag set goes to `unknowns`. */
function isTagged(resource: StackResource, unknowns: Unknown[]): boolean {
    const tagged = isTaggedConnectorResource(resource);
    if (isUnknown(tagged)) {
        unknowns.push(tagged);
        return false;
    }
    return tagged;
}

function lastSegment(value: string): string {
    return value.split("/").pop() ?? value;
}

/** The NSG a subnet applies to everything in it (Azure evaluates subnet and NIC NSGs both). */
function subnetNsgs(subnet: StackResource): StackResource[] {
    return linked(subnet, EXPOSURE_TYPES.azureNsg, ["networkSecurityGroup"]);
}

/** Names a few hosts for a message. */
function hostList(hosts: readonly string[]): string {
    const unique = [...new Set(hosts)];
    const shown = unique.slice(0, 3).join(", ");
    return unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown;
}

/** Resources linked to connector hosts, with the hosts each serves. */
class Served {
    readonly resources = new Map<string, { resource: StackResource; hosts: string[] }>();

    add(resource: StackResource, host: string): void {
        const entry = this.resources.get(resource.urn) ?? { resource, hosts: [] };
        entry.hosts.push(host);
        this.resources.set(resource.urn, entry);
    }

    has(urn: string): boolean {
        return this.resources.has(urn);
    }

    hostsOf(urn: string): string[] {
        return this.resources.get(urn)?.hosts ?? [];
    }
}

interface Exposure {
    readonly publicIp: RuleResult;
    readonly inbound: RuleResult;
}

interface GcpTarget {
    readonly label: string;
    readonly networks: ReadonlySet<string>;
}

const cache = new WeakMap<readonly StackResource[], Exposure>();

/** Finds every public address and inbound rule that reaches a connector host. */
export function analyseExposure(resources: readonly StackResource[]): Exposure {
    const cached = cache.get(resources);
    if (cached) {
        return cached;
    }
    const publicIp = new Findings();
    const inbound = new Findings();
    const publicUnknowns: Unknown[] = [];
    const inboundUnknowns: Unknown[] = [];
    const byType = new Map<string, StackResource[]>();
    const hosts: ConnectorHost<StackResource>[] = [];
    for (const resource of resources) {
        const list = byType.get(resource.type) ?? [];
        list.push(resource);
        byType.set(resource.type, list);
        const host = connectorHost(resource);
        if (isUnknown(host)) {
            publicUnknowns.push(host);
            inboundUnknowns.push(host);
        } else if (host !== undefined) {
            hosts.push(host);
        }
    }
    const ofType = (type: string) => byType.get(type) ?? [];

    const nics = new Served();
    const nsgs = new Served();
    const securityGroups = new Served();
    const instances = new Map<string, string>();
    const gcpByTag = new Map<string, GcpTarget[]>();
    const gcpByServiceAccount = new Map<string, GcpTarget[]>();
    const gcpByNetwork = new Map<string, GcpTarget[]>();
    const pushTo = (map: Map<string, GcpTarget[]>, key: string, target: GcpTarget) => map.set(key, [...(map.get(key) ?? []), target]);

    for (const host of hosts) {
        const { resource, reader } = host;
        const label = hostLabel(host.reader, host.resource);
        const own = reader.ownPublicAddresses(resource);
        publicUnknowns.push(...own.unknowns);
        if (own.found.length > 0) {
            publicIp.violation(`${label} is a connector host with a public IP (${own.found.join(", ")}). ${NO_PUBLIC_IP}.`, resource.urn);
        }
        if (reader.cloud === "azure") {
            linked(resource, EXPOSURE_TYPES.azureNic, ["networkProfile"]).forEach((nic) => nics.add(nic, label));
            linked(resource, EXPOSURE_TYPES.azureNsg, ["networkProfile"]).forEach((nsg) => nsgs.add(nsg, label));
            linked(resource, EXPOSURE_TYPES.azureSubnet, ["networkProfile"]).forEach((subnet) => subnetNsgs(subnet).forEach((nsg) => nsgs.add(nsg, label)));
        } else if (reader.cloud === "aws") {
            instances.set(resource.urn, label);
            const groups = linked(resource, EXPOSURE_TYPES.awsSecurityGroup, ["vpcSecurityGroupIds", "securityGroups"]);
            groups.forEach((group) => securityGroups.add(group, label));
            const associate = readBoolean(resource.props, "associatePublicIpAddress");
            for (const subnet of linked(resource, EXPOSURE_TYPES.awsSubnet, ["subnetId"])) {
                const mapsPublicIp = readBoolean(subnet.props, "mapPublicIpOnLaunch");
                if (isUnknown(mapsPublicIp) || isUnknown(associate)) {
                    publicUnknowns.push(...[mapsPublicIp, associate].filter(isUnknown));
                } else if (mapsPublicIp === true && associate !== false) {
                    publicIp.violation(
                        `${label} is a connector host in subnet "${subnet.name}", which gives instances a public IP on ` +
                            `launch (mapPublicIpOnLaunch: true). Set associatePublicIpAddress: false on the instance, or ` +
                            `use a private subnet behind a NAT gateway.`,
                        resource.urn,
                    );
                }
            }
        } else {
            const networks = new Set<string>();
            for (const [, nic] of readElements(resource.props, ["networkInterfaces"], inboundUnknowns)) {
                const network = readString(nic, "network");
                if (typeof network === "string") {
                    networks.add(lastSegment(network));
                }
            }
            linked(resource, EXPOSURE_TYPES.gcpNetwork, ["networkInterfaces"]).forEach((network) => networks.add(network.urn));
            const target: GcpTarget = { label, networks };
            for (const [, tag] of readElements(resource.props, ["tags"], inboundUnknowns)) {
                if (typeof tag === "string") {
                    pushTo(gcpByTag, tag, target);
                }
            }
            const serviceAccount = readString(resource.props, "serviceAccount", "email");
            if (typeof serviceAccount === "string") {
                pushTo(gcpByServiceAccount, serviceAccount.toLowerCase(), target);
            }
            networks.forEach((network) => pushTo(gcpByNetwork, network, target));
        }
    }

    // Azure: NICs (linked or tagged) with a public IP, and the NSGs on them.
    for (const nic of ofType(EXPOSURE_TYPES.azureNic)) {
        if (isTagged(nic, publicUnknowns)) {
            nics.add(nic, `network interface "${nic.name}"`);
        }
    }
    for (const { resource: nic, hosts: served } of nics.resources.values()) {
        for (const [i, ipConfiguration] of readElements(nic.props, ["ipConfigurations"], publicUnknowns)) {
            const address = read(ipConfiguration, "publicIPAddress");
            if (isUnknown(address)) {
                publicUnknowns.push(address);
            } else if (address !== undefined && address !== null) {
                publicIp.violation(
                    `Network interface "${nic.name}" of connector host ${hostList(served)} has a public IP ` +
                        `(ipConfigurations[${i}].publicIPAddress). ${NO_PUBLIC_IP}.`,
                    nic.urn,
                );
            }
        }
        const nicNsgs = [
            ...linked(nic, EXPOSURE_TYPES.azureNsg, ["networkSecurityGroup"]),
            ...linked(nic, EXPOSURE_TYPES.azureSubnet, ["ipConfigurations"]).flatMap(subnetNsgs),
        ];
        nicNsgs.forEach((nsg) => served.forEach((h) => nsgs.add(nsg, h)));
    }
    for (const nsg of ofType(EXPOSURE_TYPES.azureNsg)) {
        if (isTagged(nsg, inboundUnknowns) && !nsgs.has(nsg.urn)) {
            nsgs.add(nsg, `network security group "${nsg.name}"`);
        }
    }
    const nsgNames = new Map<string, string>();
    for (const { resource: nsg, hosts: served } of nsgs.resources.values()) {
        const name = readString(nsg.props, "networkSecurityGroupName");
        if (typeof name === "string") {
            nsgNames.set(name.toLowerCase(), nsg.urn);
        }
        const allowing: string[] = [];
        for (const [i, rule] of readElements(nsg.props, ["securityRules"], inboundUnknowns)) {
            const verdict = isInboundAllow(rule);
            if (isUnknown(verdict)) {
                inboundUnknowns.push(verdict);
            } else if (verdict) {
                const ruleName = readString(rule, "name");
                allowing.push(typeof ruleName === "string" ? ruleName : `securityRules[${i}]`);
            }
        }
        if (allowing.length > 0) {
            inbound.violation(
                `Network security group "${nsg.name}" of connector host ${hostList(served)} allows inbound traffic ` +
                    `(${allowing.join(", ")}). ${OUTBOUND_ONLY}: remove the inbound Allow rules.`,
                nsg.urn,
            );
        }
    }
    for (const rule of ofType(EXPOSURE_TYPES.azureSecurityRule)) {
        const name = readString(rule.props, "networkSecurityGroupName");
        const byName = typeof name === "string" ? nsgNames.get(name.toLowerCase()) : undefined;
        const nsgUrn = linked(rule, EXPOSURE_TYPES.azureNsg, ["networkSecurityGroupName"]).find((nsg) => nsgs.has(nsg.urn))?.urn ?? byName;
        if (nsgUrn === undefined) {
            continue;
        }
        const verdict = isInboundAllow(rule.props);
        if (isUnknown(verdict)) {
            inboundUnknowns.push(verdict);
        } else if (verdict) {
            inbound.violation(
                `Security rule "${rule.name}" allows inbound traffic into the network security group of connector ` +
                    `host ${hostList(nsgs.hostsOf(nsgUrn))}. ${OUTBOUND_ONLY}: remove the rule.`,
                rule.urn,
            );
        }
    }

    // AWS: security groups (linked or tagged) with ingress, separate ingress rules, and Elastic IPs.
    for (const group of ofType(EXPOSURE_TYPES.awsSecurityGroup)) {
        if (isTagged(group, inboundUnknowns) && !securityGroups.has(group.urn)) {
            securityGroups.add(group, `security group "${group.name}"`);
        }
    }
    for (const { resource: group, hosts: served } of securityGroups.resources.values()) {
        const ingress = readElements(group.props, ["ingress"], inboundUnknowns);
        if (ingress.length > 0) {
            inbound.violation(
                `Security group "${group.name}" of connector host ${hostList(served)} has ${ingress.length} ingress ` +
                    `rule(s). ${OUTBOUND_ONLY}: remove the ingress rules (keep egress to ports 443 and 80).`,
                group.urn,
            );
        }
    }
    const ingressRules = [
        ...ofType(EXPOSURE_TYPES.awsSecurityGroupRule).filter((rule) => readString(rule.props, "type") === "ingress"),
        ...ofType(EXPOSURE_TYPES.awsIngressRule),
    ];
    for (const rule of ingressRules) {
        const group = linked(rule, EXPOSURE_TYPES.awsSecurityGroup, ["securityGroupId"]).find((g) => securityGroups.has(g.urn));
        if (group !== undefined) {
            inbound.violation(
                `Ingress rule "${rule.name}" opens security group "${group.name}" of connector host ` +
                    `${hostList(securityGroups.hostsOf(group.urn))}. ${OUTBOUND_ONLY}: remove the rule.`,
                rule.urn,
            );
        }
    }
    for (const [type, property] of [
        [EXPOSURE_TYPES.awsEip, "instance"],
        [EXPOSURE_TYPES.awsEipAssociation, "instanceId"],
    ] as const) {
        for (const eip of ofType(type)) {
            const instance = linked(eip, AWS_INSTANCE_TYPE, [property]).find((i) => instances.has(i.urn));
            if (instance !== undefined) {
                publicIp.violation(
                    `Elastic IP "${eip.name}" is attached to connector host ${instances.get(instance.urn)}. ` +
                        `${OUTBOUND_ONLY}: remove the Elastic IP and use a NAT gateway.`,
                    eip.urn,
                );
            }
        }
    }

    // GCP: ingress Allow firewalls whose targets (tags, service accounts, or the whole network) reach a connector.
    for (const firewall of ofType(EXPOSURE_TYPES.gcpFirewall)) {
        const verdict = reachedByFirewall(firewall, gcpByTag, gcpByServiceAccount, gcpByNetwork, inboundUnknowns);
        if (verdict.length > 0) {
            inbound.violation(
                `Firewall "${firewall.name}" allows ingress to connector host ${hostList(verdict)}. ${OUTBOUND_ONLY}: ` +
                    `remove the rule, or narrow its target tags or service accounts so that it does not reach connector hosts.`,
                firewall.urn,
            );
        }
    }

    publicUnknowns.forEach((unknown) => publicIp.undetermined(unknown));
    inboundUnknowns.forEach((unknown) => inbound.undetermined(unknown));
    const exposure = { publicIp: publicIp.result, inbound: inbound.result };
    cache.set(resources, exposure);
    return exposure;
}

/** Whether an NSG rule (embedded or standalone) allows inbound traffic. */
function isInboundAllow(rule: unknown): boolean | Unknown {
    const direction = readString(rule, "direction");
    const access = readString(rule, "access");
    const unknown = [direction, access].find(isUnknown);
    if (unknown) {
        return unknown;
    }
    return String(direction).toLowerCase() === "inbound" && String(access).toLowerCase() === "allow";
}

/** The connector hosts an enabled ingress Allow firewall reaches. */
function reachedByFirewall(
    firewall: StackResource,
    byTag: ReadonlyMap<string, GcpTarget[]>,
    byServiceAccount: ReadonlyMap<string, GcpTarget[]>,
    byNetwork: ReadonlyMap<string, GcpTarget[]>,
    unknowns: Unknown[],
): string[] {
    const direction = readString(firewall.props, "direction");
    const disabled = readBoolean(firewall.props, "disabled");
    const stateUnknown = [direction, disabled].find(isUnknown);
    if (stateUnknown) {
        unknowns.push(stateUnknown);
        return [];
    }
    const allows = readElements(firewall.props, ["allows"], unknowns);
    // Direction defaults to INGRESS.
    if (disabled === true || allows.length === 0 || (direction !== undefined && String(direction).toUpperCase() !== "INGRESS")) {
        return [];
    }
    const networks = new Set<string>();
    const network = readString(firewall.props, "network");
    if (typeof network === "string") {
        networks.add(lastSegment(network));
    }
    linked(firewall, EXPOSURE_TYPES.gcpNetwork, ["network"]).forEach((n) => networks.add(n.urn));
    const onNetwork = (target: GcpTarget) =>
        networks.size === 0 || target.networks.size === 0 || [...target.networks].some((n) => networks.has(n));

    const tags = readElements(firewall.props, ["targetTags"], unknowns).map(([, tag]) => tag);
    const accounts = readElements(firewall.props, ["targetServiceAccounts"], unknowns).map(([, account]) => account);
    let targets: GcpTarget[];
    if (tags.length > 0 || accounts.length > 0) {
        targets = [
            ...tags.flatMap((tag) => (typeof tag === "string" ? (byTag.get(tag) ?? []) : [])),
            ...accounts.flatMap((a) => (typeof a === "string" ? (byServiceAccount.get(a.toLowerCase()) ?? []) : [])),
        ].filter(onNetwork);
    } else {
        // No targets: the rule applies to every instance in its network.
        targets = [...networks].flatMap((n) => byNetwork.get(n) ?? []);
    }
    return targets.map((target) => target.label);
}

/** Reports public IPs on connector hosts. */
export function checkNoPublicIp(resources: readonly StackResource[]): RuleResult {
    return analyseExposure(resources).publicIp;
}

/** Reports inbound rules that reach connector hosts. */
export function checkNoInboundRules(resources: readonly StackResource[]): RuleResult {
    return analyseExposure(resources).inbound;
}

/** `connector-host-no-public-ip`: no public IP on a connector host. */
export const connectorHostNoPublicIp = stackPolicy<Record<string, never>>({
    name: "connector-host-no-public-ip",
    description:
        "Connector hosts must have no public IP (Azure NIC or VM public IP configuration, AWS public IP or Elastic " +
        "IP, GCP access config).",
    enforcementLevel: "mandatory",
    remediationSteps: "Remove the public IP; give the host outbound internet access through NAT.",
    config: {},
    check: checkNoPublicIp,
});

/** `connector-host-no-inbound-rules`: no inbound rule reaches a connector host. */
export const connectorHostNoInboundRules = stackPolicy<Record<string, never>>({
    name: "connector-host-no-inbound-rules",
    description:
        "No inbound rule may reach a connector host (Azure NSG inbound Allow rules, AWS security group ingress, GCP " +
        "ingress firewall rules).",
    enforcementLevel: "mandatory",
    remediationSteps: "Remove the inbound rules; the connector only needs outbound access to ports 443 and 80.",
    config: {},
    check: checkNoInboundRules,
});
