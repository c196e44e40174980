/** Reads `gcp:compute/instance:Instance`. */
import { gcpZoneRegion } from "../../model/gcpHosts";
import { classifyGcpImage } from "../../model/images";
import { type RuleResource } from "../policy";
import { isUnknown, readElements, readString, readStringMap, type Unknown } from "../read";
import { type HostReader, type Read } from "./reader";

export const GCP_INSTANCE_TYPE = "gcp:compute/instance:Instance";

function lastSegment(value: string): string {
    return value.split("/").pop() ?? value;
}

function region(resource: RuleResource): Read<string> {
    const zone = readString(resource.props, "zone");
    if (isUnknown(zone)) {
        return zone;
    }
    // An instance may name its zone by URL (`projects/p/zones/europe-west1-b`); the model reads zone names.
    return (zone !== undefined ? gcpZoneRegion(lastSegment(zone)) : undefined) ?? readString(resource.provider?.props, "region");
}

function ownPublicAddresses(resource: RuleResource): { found: string[]; unknowns: Unknown[] } {
    const found: string[] = [];
    const unknowns: Unknown[] = [];
    for (const [n, nic] of readElements(resource.props, ["networkInterfaces"], unknowns)) {
        for (const field of ["accessConfigs", "ipv6AccessConfigs"]) {
            // An empty access config (`{}`) already gives the instance an ephemeral external IP.
            if (readElements(nic, [field], unknowns).length > 0) {
                found.push(`networkInterfaces[${n}].${field}`);
            }
        }
    }
    return { found, unknowns };
}

function customerManagedKey(resource: RuleResource): Read<boolean> {
    const keys = [
        readString(resource.props, "bootDisk", "kmsKeySelfLink"),
        readString(resource.props, "bootDisk", "diskEncryptionKeyRaw"),
        readString(resource.props, "bootDisk", "diskEncryptionKeyRsa"),
        readString(resource.props, "instanceEncryptionKey", "kmsKeySelfLink"),
    ];
    return keys.find(isUnknown) ?? keys.some(Boolean);
}

export const gcpInstanceReader: HostReader = {
    cloud: "gcp",
    type: GCP_INSTANCE_TYPE,
    kindName: "GCP instance",
    tags: (resource) => readStringMap(resource.props, "labels"),
    // Windows takes the instance name (or the custom hostname's first label) as its computer name.
    machineName: (resource) => {
        const hostname = readString(resource.props, "hostname");
        return hostname ?? readString(resource.props, "name");
    },
    sizeField: "machineType",
    size: (resource) => {
        const machineType = readString(resource.props, "machineType");
        return typeof machineType === "string" ? lastSegment(machineType) : machineType;
    },
    imageField: "bootDisk.initializeParams.image",
    image: (resource) => {
        const image = readString(resource.props, "bootDisk", "initializeParams", "image");
        return typeof image === "string" ? { key: image, info: classifyGcpImage(image) } : image;
    },
    zone: (resource) => {
        const zone = readString(resource.props, "zone");
        return typeof zone === "string" ? lastSegment(zone) : zone;
    },
    region,
    bootstrapFields: [
        { path: ["metadata"], encoding: "map" },
        { path: ["metadataStartupScript"], encoding: "text" },
    ],
    secretStoreAdvice:
        "instance metadata is readable by project viewers; store secrets in Secret Manager and read them at boot " +
        "with the instance's service account",
    // Compute Engine encrypts every disk at rest; only a customer-managed key is a choice.
    encryption: (resource) => ({ encrypted: true, customerManagedKey: customerManagedKey(resource) }),
    encryptionAdvice: "Compute Engine encrypts every disk at rest",
    customerKeyAdvice: "set bootDisk.kmsKeySelfLink to a Cloud KMS key",
    ownPublicAddresses,
};
