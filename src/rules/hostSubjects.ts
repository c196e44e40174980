/**
 * The connector hosts a resource describes, for the rules that judge each host on its own (size, image).
 *
 * The library's components register a non-secret summary of the hosts they plan, with each host's size and image as
 * named to the cloud (an SSM parameter, say, where the instance only shows the AMI it resolved to). So a host is judged
 * once, on the outermost component that summarises it:
 * - a ConnectorGroup (or CertificateConnectorFleet) lists every host it plans;
 * - a host component used on its own (AzureConnectorHost, AwsConnectorHost, GcpConnectorHost) summarises its one host;
 * - every other VM or instance tagged as a connector host is judged from its own properties.
 */
import { classifyImage, declaredImageInfo } from "../model/images";
import { type Cloud } from "../model/regions";
import { type VmCapacity } from "../model/sizes";
import { COMPONENT_TYPES, CONNECTOR_KINDS } from "../model/contract";
import { connectorHost, HOST_READERS, hostLabel, type HostImage, type Read } from "./hosts";
import { NOT_APPLICABLE, type RuleResource } from "./policy";
import { isInside, isUnknown, readString, type Unknown } from "./read";
import { describeSummaryHost, isCloudPlatform, isGroupComponent, readGroupSummary, readSummaryHost, type SummaryHost } from "./summaries";

/** One host to judge. */
export interface HostSubject {
    /** How messages name the host. */
    readonly label: string;
    readonly cloud: Cloud;
    /** Where the size is named, for messages. */
    readonly sizeField: string;
    readonly size: Read<string>;
    /**
     * The capacity the component's user declared for the size (`sizeOverride`, recorded in its summary); undefined when
     * none, and for a host judged from its own properties.
     */
    readonly declaredCapacity: VmCapacity | undefined;
    readonly imageField: string;
    readonly image: Read<HostImage>;
}

/** The hosts found in one resource, and what could not be read during preview. */
export interface HostSubjects {
    readonly subjects: readonly HostSubject[];
    readonly unknowns: readonly Unknown[];
}

/** Components that summarise a single connector host. */
const HOST_COMPONENT_TYPES: readonly string[] = [
    COMPONENT_TYPES.AzureConnectorHost,
    COMPONENT_TYPES.AwsConnectorHost,
    COMPONENT_TYPES.GcpConnectorHost,
];

/** Components whose summary lists all their hosts: what is inside them is judged there. */
const GROUP_COMPONENT_TYPES: readonly string[] = [COMPONENT_TYPES.ConnectorGroup, COMPONENT_TYPES.CertificateConnectorFleet];

/** Every resource type {@link hostSubjects} can find a host in. */
export const HOST_SUBJECT_TYPES: readonly string[] = [...GROUP_COMPONENT_TYPES, ...HOST_COMPONENT_TYPES, ...HOST_READERS.keys()];

function isInsideAny(urn: string, componentTypes: readonly string[]): boolean {
    return componentTypes.some((type) => isInside(urn, type));
}

/**
 * A summary host on a cloud, as a subject. A size whose capacity the component's user declared (`sizeOverride`), or an
 * image whose OS they declared (`imageOverride`), is judged by that declaration, as the component itself judged it.
 */
function summarySubject(label: string, cloud: Cloud, host: SummaryHost): HostSubject {
    const { image, declaredImage } = host;
    return {
        label,
        cloud,
        sizeField: "size",
        size: host.size,
        declaredCapacity: host.declaredCapacity,
        imageField: "image",
        image:
            host.appliance === true
                ? { key: "marketplace appliance", info: { os: "appliance", description: "the marketplace appliance" } }
                : typeof image === "string"
                  ? {
                        key: image,
                        info:
                            declaredImage === undefined
                                ? classifyImage(cloud, image)
                                : declaredImageInfo(`${image} (declared by imageOverride)`, declaredImage),
                    }
                  : image,
    };
}

/**
 * The host a stand-alone host component summarises. Like a VM's tag, its `connectorKind` says whether it runs an Entra
 * connector: other kinds are left to their own rules.
 */
function hostComponentSubjects(resource: RuleResource): HostSubjects | typeof NOT_APPLICABLE {
    if (isInsideAny(resource.urn, GROUP_COMPONENT_TYPES)) {
        return NOT_APPLICABLE;
    }
    const kind = readString(resource.props, "connectorKind");
    if (isUnknown(kind)) {
        return { subjects: [], unknowns: [kind] };
    }
    const host = readSummaryHost(resource.props, 0);
    if (kind !== CONNECTOR_KINDS.entraPrivateNetwork || !isCloudPlatform(host.platform)) {
        return NOT_APPLICABLE;
    }
    const component = resource.type.split(":").pop() ?? resource.type;
    return { subjects: [summarySubject(`${component} "${resource.name}"`, host.platform, host)], unknowns: [] };
}

/**
 * The hosts `resource` describes: summary hosts of a ConnectorGroup or fleet, the host of a stand-alone host component,
 * or the resource itself if it is a host that no component summarises.
 */
export function hostSubjects(resource: RuleResource): HostSubjects | typeof NOT_APPLICABLE {
    if (isGroupComponent(resource) || resource.type === COMPONENT_TYPES.CertificateConnectorFleet) {
        const summary = readGroupSummary(resource);
        const subjects = summary.hosts.flatMap((host) =>
            isCloudPlatform(host.platform) ? [summarySubject(`Connector ${describeSummaryHost(resource, host)}`, host.platform, host)] : [],
        );
        return { subjects, unknowns: summary.unknowns };
    }
    if (HOST_COMPONENT_TYPES.includes(resource.type)) {
        return hostComponentSubjects(resource);
    }
    const host = connectorHost(resource);
    if (isUnknown(host)) {
        return { subjects: [], unknowns: [host] };
    }
    if (host === undefined || isInsideAny(resource.urn, [...GROUP_COMPONENT_TYPES, ...HOST_COMPONENT_TYPES])) {
        return NOT_APPLICABLE;
    }
    const { reader } = host;
    const subject: HostSubject = {
        label: hostLabel(reader, resource),
        cloud: reader.cloud,
        sizeField: reader.sizeField,
        size: reader.size(resource),
        declaredCapacity: undefined,
        imageField: reader.imageField,
        image: reader.image(resource),
    };
    return { subjects: [subject], unknowns: [] };
}
