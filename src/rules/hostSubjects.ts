/**
 * The connector hosts a resource describes, for the rules that judge each host on its own (size, image).
 *
 * A ConnectorGroup (or CertificateConnectorFleet) component's summary lists every host it plans, with its size and
 * image as named to the cloud (an SSM parameter, say, where the instance only shows the AMI it resolved to), so its
 * hosts are judged there, once. Every other VM or instance tagged as a connector host is judged from its own
 * properties.
 */
import { classifyImage } from "../model/images";
import { type Cloud } from "../model/regions";
import { COMPONENT_TYPES } from "../model/contract";
import { connectorHost, hostLabel, type HostImage, type Read } from "./hosts";
import { NOT_APPLICABLE, type RuleResource } from "./policy";
import { isInside, isUnknown, type Unknown } from "./read";
import { describeSummaryHost, isCloudPlatform, isGroupComponent, readGroupSummary } from "./summaries";

/** One host to judge. */
export interface HostSubject {
    /** How messages name the host. */
    readonly label: string;
    readonly cloud: Cloud;
    /** Where the size is named, for messages. */
    readonly sizeField: string;
    readonly size: Read<string>;
    readonly imageField: string;
    readonly image: Read<HostImage>;
}

/** The hosts found in one resource, and what could not be read during preview. */
export interface HostSubjects {
    readonly subjects: readonly HostSubject[];
    readonly unknowns: readonly Unknown[];
}

/** The hosts `resource` describes: summary hosts of a ConnectorGroup or fleet, or the resource itself if it is a host. */
export function hostSubjects(resource: RuleResource): HostSubjects | typeof NOT_APPLICABLE {
    if (isGroupComponent(resource) || resource.type === COMPONENT_TYPES.CertificateConnectorFleet) {
        const summary = readGroupSummary(resource);
        const subjects: HostSubject[] = [];
        for (const host of summary.hosts) {
            if (!isCloudPlatform(host.platform)) {
                continue;
            }
            const cloud = host.platform;
            const image = host.image;
            subjects.push({
                label: `Connector ${describeSummaryHost(resource, host)}`,
                cloud,
                sizeField: "size",
                size: host.size,
                imageField: "image",
                image:
                    host.appliance === true
                        ? { key: "marketplace appliance", info: { os: "appliance", description: "the marketplace appliance" } }
                        : typeof image === "string"
                          ? { key: image, info: classifyImage(cloud, image) }
                          : image,
            });
        }
        return { subjects, unknowns: summary.unknowns };
    }
    const host = connectorHost(resource);
    if (isUnknown(host)) {
        return { subjects: [], unknowns: [host] };
    }
    if (host === undefined || isInside(resource.urn, COMPONENT_TYPES.ConnectorGroup)) {
        return NOT_APPLICABLE;
    }
    const { reader } = host;
    const subject: HostSubject = {
        label: hostLabel(reader, resource),
        cloud: reader.cloud,
        sizeField: reader.sizeField,
        size: reader.size(resource),
        imageField: reader.imageField,
        image: reader.image(resource),
    };
    return { subjects: [subject], unknowns: [] };
}
