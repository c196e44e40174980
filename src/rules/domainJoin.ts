/**
 * Domain join whenever the group serves SSO apps: Kerberos constrained delegation needs domain-joined connectors.
 *
 * Hosts of a ConnectorGroup are judged by its summary (`domainJoined`). Other tagged hosts must show evidence of a
 * join in the stack:
 * - Azure: a `JsonADDomainExtension` VM extension on the VM (linked by VM name or by dependency);
 * - AWS: an SSM association of `AWS-JoinDirectoryServiceDomain` targeting the instance (by dependency or tag);
 * - GCP: the `managed-ad-domain` metadata key (Managed Microsoft AD);
 * - any cloud: an `Add-Computer` call in the host's bootstrap.
 * Connectors known only by a membership run on servers the stack does not build, so they cannot be judged.
 */
import { AZURE_VM_EXTENSION_TYPE } from "./bootstrapSecrets";
import { type ConnectorHost, hostLabel, readBootstrap, type Read } from "./hosts";
import { Findings, stackPolicy, type ConfigSchemaOf, type RuleResult, type StackResource } from "./policy";
import { isUnknown, read, readElements, readString, readStringMap, type Unknown } from "./read";
import { buildTopology, groupKey } from "./topology";

export const AWS_SSM_ASSOCIATION_TYPE = "aws:ssm/association:Association";
const AWS_JOIN_DOCUMENT = "AWS-JoinDirectoryServiceDomain";
const GCP_MANAGED_AD_KEY = "managed-ad-domain";
const ADD_COMPUTER = /\bAdd-Computer\b/i;

/** Config of `domain-join-for-sso`. */
export interface DomainJoinConfig {
    /** Display names of groups that serve SSO apps, beyond those whose ConnectorGroup says so. */
    ssoGroups: string[];
}

const domainJoinConfig: ConfigSchemaOf<DomainJoinConfig> = {
    ssoGroups: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
            "Display names of connector groups that serve SSO (Kerberos constrained delegation) apps, for groups " +
            "not declared through a ConnectorGroup component (whose servesSso already says so).",
    },
};

/** The domain joins the stack declares, indexed once. */
interface JoinIndex {
    readonly azureVmNames: ReadonlySet<string>;
    readonly targetUrns: ReadonlySet<string>;
    /** `tag:<key>=<value>` targets of SSM join associations. */
    readonly tagTargets: ReadonlySet<string>;
}

function isDomainJoinExtension(resource: StackResource): boolean {
    if (resource.type !== AZURE_VM_EXTENSION_TYPE) {
        return false;
    }
    // As an output, `type` becomes the ARM resource type; the settings still say what the extension does.
    const handler = readString(resource.props, "type");
    const settings = read(resource.props, "settings");
    const joinSettings = ["Name", "OUPath", "Options"].every((key) => readString(settings, key) !== undefined);
    return (typeof handler === "string" && /JsonADDomainExtension/i.test(handler)) || joinSettings;
}

function indexJoins(resources: readonly StackResource[]): JoinIndex {
    const azureVmNames = new Set<string>();
    const targetUrns = new Set<string>();
    const tagTargets = new Set<string>();
    const addTargets = (resource: StackResource, ...properties: string[]) => {
        resource.dependencies.forEach((dependency) => targetUrns.add(dependency.urn));
        for (const property of properties) {
            (resource.propertyDependencies[property] ?? []).forEach((dependency) => targetUrns.add(dependency.urn));
        }
    };
    for (const resource of resources) {
        if (isDomainJoinExtension(resource)) {
            const vmName = readString(resource.props, "vmName");
            if (typeof vmName === "string") {
                azureVmNames.add(vmName.toLowerCase());
            }
            addTargets(resource, "vmName");
        } else if (resource.type === AWS_SSM_ASSOCIATION_TYPE && readString(resource.props, "name") === AWS_JOIN_DOCUMENT) {
            addTargets(resource, "targets");
            for (const [, target] of readElements(resource.props, ["targets"], [])) {
                const key = readString(target, "key");
                if (typeof key === "string" && key.startsWith("tag:")) {
                    for (const [, value] of readElements(target, ["values"], [])) {
                        if (typeof value === "string") {
                            tagTargets.add(`${key}=${value}`);
                        }
                    }
                }
            }
        }
    }
    return { azureVmNames, targetUrns, tagTargets };
}

/** Whether the stack joins a tagged host to a domain. */
function joinEvidence(host: ConnectorHost, index: JoinIndex): Read<boolean> {
    const { resource, reader } = host;
    const unknowns: Unknown[] = [];
    if (index.targetUrns.has(resource.urn)) {
        return true;
    }
    if (reader.cloud === "azure") {
        const vmName = readString(resource.props, "vmName");
        if (typeof vmName === "string" && index.azureVmNames.has(vmName.toLowerCase())) {
            return true;
        }
    }
    if (reader.cloud === "aws") {
        const tags = reader.tags(resource);
        if (tags instanceof Map && [...tags].some(([key, value]) => index.tagTargets.has(`tag:${key}=${String(value)}`))) {
            return true;
        }
    }
    if (reader.cloud === "gcp") {
        const metadata = readStringMap(resource.props, "metadata");
        if (isUnknown(metadata)) {
            unknowns.push(metadata);
        } else if (metadata?.has(GCP_MANAGED_AD_KEY)) {
            return true;
        }
    }
    for (const field of reader.bootstrapFields) {
        const bootstrap = readBootstrap(resource.props, field);
        unknowns.push(...bootstrap.unknowns);
        if (bootstrap.strings.some(({ text }) => ADD_COMPUTER.test(text))) {
            return true;
        }
    }
    return unknowns[0] ?? false;
}

/** Checks that every connector of a group serving SSO apps is domain-joined. */
export function checkDomainJoinForSso(resources: readonly StackResource[], config: DomainJoinConfig): RuleResult {
    const topology = buildTopology(resources);
    const findings = new Findings();
    topology.unknowns.forEach((unknown) => findings.undetermined(unknown));
    const ssoGroups = new Set(config.ssoGroups.map(groupKey));
    for (const group of topology.groups.values()) {
        if (group.servesSso) {
            ssoGroups.add(group.key);
        }
    }
    let joins: JoinIndex | undefined;
    for (const key of ssoGroups) {
        const group = topology.groups.get(key);
        const groupName = group?.displayName ?? key;
        for (const connector of topology.connectors.get(key) ?? []) {
            const why = `but group "${groupName}" serves SSO apps, and Kerberos constrained delegation needs domain-joined connectors`;
            if (connector.summaryHost !== undefined) {
                const joined = connector.summaryHost.domainJoined;
                if (isUnknown(joined)) {
                    findings.undetermined(joined);
                } else if (joined !== true) {
                    findings.violation(
                        `Connector host "${connector.label}" of ${group?.label ?? `group "${groupName}"`} is not ` +
                            `domain-joined, ${why}. Join the host to the domain.`,
                        connector.urn,
                    );
                }
            } else if (connector.host !== undefined) {
                joins ??= indexJoins(resources);
                const joined = joinEvidence(connector.host, joins);
                if (isUnknown(joined)) {
                    findings.undetermined(joined);
                } else if (!joined) {
                    findings.violation(
                        `Connector host ${hostLabel(connector.host.reader, connector.host.resource)} is not ` +
                            `domain-joined in this stack, ${why}. Join it to the domain (Azure: JsonADDomainExtension; ` +
                            `AWS: an AWS-JoinDirectoryServiceDomain SSM association; GCP: managed-ad-domain metadata).`,
                        connector.urn,
                    );
                }
            }
        }
    }
    return findings.result;
}

/** `domain-join-for-sso`: connectors of groups that serve SSO apps are domain-joined. */
export const domainJoinForSso = stackPolicy({
    name: "domain-join-for-sso",
    description: "Connectors of a group that serves SSO apps (Kerberos constrained delegation) must be domain-joined.",
    enforcementLevel: "mandatory",
    remediationSteps: "Join every connector host of the group to the Active Directory domain.",
    config: domainJoinConfig,
    check: checkDomainJoinForSso,
});
