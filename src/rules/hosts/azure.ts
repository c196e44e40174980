/** Reads `azure-native:compute:VirtualMachine`. */
import { classifyAzureImage } from "../../model/images";
import { type RuleResource } from "../policy";
import { isUnknown, read, readArray, readBoolean, readElements, readString, readStringMap, type Unknown } from "../read";
import { type HostImage, type HostReader, type Read } from "./reader";

export const AZURE_VM_TYPE = "azure-native:compute:VirtualMachine";

function image(resource: RuleResource): Read<HostImage> {
    const at = (...path: string[]) => readString(resource.props, "storageProfile", "imageReference", ...path);
    const fields = {
        publisher: at("publisher"),
        offer: at("offer"),
        sku: at("sku"),
        id: at("id") ?? at("sharedGalleryImageId") ?? at("communityGalleryImageId"),
    };
    const values = Object.values(fields);
    const unknown = values.find(isUnknown);
    if (unknown) {
        return unknown;
    }
    if (values.every((value) => value === undefined)) {
        return undefined;
    }
    const known = fields as Record<keyof typeof fields, string | undefined>;
    const key = known.sku !== undefined ? [known.publisher, known.offer, known.sku].join(":") : (known.id ?? "");
    return { key, info: classifyAzureImage(known) };
}

function zone(resource: RuleResource): Read<string> {
    const zones = readArray(resource.props, "zones");
    if (zones === undefined || isUnknown(zones)) {
        return zones;
    }
    const first = zones[0];
    return typeof first === "string" || isUnknown(first) ? first : undefined;
}

function ownPublicAddresses(resource: RuleResource): { found: string[]; unknowns: Unknown[] } {
    const found: string[] = [];
    const unknowns: Unknown[] = [];
    for (const [n, nic] of readElements(resource.props, ["networkProfile", "networkInterfaceConfigurations"], unknowns)) {
        for (const [i, ipConfiguration] of readElements(nic, ["ipConfigurations"], unknowns)) {
            const publicIp = read(ipConfiguration, "publicIPAddressConfiguration");
            if (isUnknown(publicIp)) {
                unknowns.push(publicIp);
            } else if (publicIp !== undefined && publicIp !== null) {
                found.push(`networkProfile.networkInterfaceConfigurations[${n}].ipConfigurations[${i}].publicIPAddressConfiguration`);
            }
        }
    }
    return { found, unknowns };
}

export const azureVmReader: HostReader = {
    cloud: "azure",
    type: AZURE_VM_TYPE,
    kindName: "Azure VM",
    tags: (resource) => readStringMap(resource.props, "tags"),
    machineName: (resource) =>
        readString(resource.props, "osProfile", "computerName") ?? readString(resource.props, "vmName"),
    sizeField: "hardwareProfile.vmSize",
    size: (resource) => readString(resource.props, "hardwareProfile", "vmSize"),
    imageField: "storageProfile.imageReference",
    image,
    zone,
    region: (resource) => readString(resource.props, "location"),
    bootstrapFields: [
        { path: ["osProfile", "customData"], encoding: "base64" },
        { path: ["userData"], encoding: "base64" },
    ],
    secretStoreAdvice:
        "pass secrets through a VM extension's protectedSettings, or read them at boot from Key Vault with the VM's managed identity",
    encryption: (resource) => {
        const atHost = readBoolean(resource.props, "securityProfile", "encryptionAtHost");
        const diskEncryptionSet = readString(resource.props, "storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id");
        const customerManagedKey = isUnknown(diskEncryptionSet) ? diskEncryptionSet : Boolean(diskEncryptionSet);
        const encrypted = atHost === true || customerManagedKey === true ? true : isUnknown(atHost) ? atHost : customerManagedKey;
        return { encrypted, customerManagedKey };
    },
    encryptionAdvice:
        "set securityProfile.encryptionAtHost: true (the subscription needs the EncryptionAtHost feature), or a disk " +
        "encryption set on storageProfile.osDisk.managedDisk.diskEncryptionSet",
    customerKeyAdvice: "set storageProfile.osDisk.managedDisk.diskEncryptionSet to a disk encryption set that holds your key",
    ownPublicAddresses,
};
