/** Reads `aws:ec2/instance:Instance`. */
import { awsRegionOfAvailabilityZone } from "../../model/awsHosts";
import { classifyAwsImage } from "../../model/images";
import { type RuleResource } from "../policy";
import { isUnknown, readBoolean, readElements, readString, readStringMap, type Unknown } from "../read";
import { type EncryptionState, type HostReader, type Read } from "./reader";

export const AWS_INSTANCE_TYPE = "aws:ec2/instance:Instance";

function region(resource: RuleResource): Read<string> {
    const own = readString(resource.props, "region");
    if (own !== undefined) {
        return own;
    }
    const zone = readString(resource.props, "availabilityZone");
    if (isUnknown(zone)) {
        return zone;
    }
    return (zone !== undefined ? awsRegionOfAvailabilityZone(zone) : undefined) ?? readString(resource.provider?.props, "region");
}

function encryption(resource: RuleResource): EncryptionState {
    const unknowns: Unknown[] = [];
    const root = readBoolean(resource.props, "rootBlockDevice", "encrypted");
    const rootKey = readString(resource.props, "rootBlockDevice", "kmsKeyId");
    const extraDisks = readElements(resource.props, ["ebsBlockDevices"], unknowns);
    const extraEncrypted = extraDisks.map(([, disk]) => readBoolean(disk, "encrypted"));
    const extraKeys = extraDisks.map(([, disk]) => readString(disk, "kmsKeyId"));
    const unknown = [root, rootKey, ...extraEncrypted, ...extraKeys].find(isUnknown) ?? unknowns[0];
    if (unknown) {
        return { encrypted: unknown, customerManagedKey: unknown };
    }
    const encrypted = root === true && extraEncrypted.every((value) => value === true);
    return { encrypted, customerManagedKey: encrypted && Boolean(rootKey) && extraKeys.every(Boolean) };
}

export const awsInstanceReader: HostReader = {
    cloud: "aws",
    type: AWS_INSTANCE_TYPE,
    kindName: "AWS instance",
    tags: (resource) => readStringMap(resource.props, "tags"),
    // The Windows computer name is not an instance property; instances are matched to memberships by dependency.
    machineName: () => undefined,
    sizeField: "instanceType",
    size: (resource) => readString(resource.props, "instanceType"),
    imageField: "ami",
    image: (resource) => {
        const ami = readString(resource.props, "ami");
        return typeof ami === "string" ? { key: ami, info: classifyAwsImage(ami) } : ami;
    },
    zone: (resource) => readString(resource.props, "availabilityZone"),
    region,
    bootstrapFields: [
        { path: ["userData"], encoding: "text" },
        { path: ["userDataBase64"], encoding: "base64" },
    ],
    secretStoreAdvice:
        "user data is readable by anyone with ec2:DescribeInstanceAttribute; store secrets in SSM Parameter Store " +
        "(SecureString) or Secrets Manager and read them at boot with the instance role",
    encryption,
    encryptionAdvice: "set rootBlockDevice.encrypted: true (and encrypted: true on every ebsBlockDevices entry)",
    customerKeyAdvice: "set rootBlockDevice.kmsKeyId (and kmsKeyId on every ebsBlockDevices entry) to your KMS key",
    ownPublicAddresses: (resource) => {
        const associate = readBoolean(resource.props, "associatePublicIpAddress");
        if (isUnknown(associate)) {
            return { found: [], unknowns: [associate] };
        }
        return { found: associate === true ? ["associatePublicIpAddress: true"] : [], unknowns: [] };
    },
};
