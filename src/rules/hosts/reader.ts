/**
 * What the rules need to know about a VM or instance, read from the cloud SDK's own properties. One reader per cloud;
 * the rules never name a cloud property themselves.
 */
import { type ImageInfo } from "../../model/images";
import { type Cloud } from "../../model/regions";
import { type RuleResource } from "../policy";
import { type PropertyPath, type Unknown } from "../read";

/** A value read from a resource: known, absent, or unknown during preview. */
export type Read<T> = T | Unknown | undefined;

/** An image as the resource names it, and what the catalogue makes of it. */
export interface HostImage {
    /** How the resource names the image (Azure `publisher:offer:sku` or image id, AMI, GCP image): the override key. */
    readonly key: string;
    readonly info: ImageInfo;
}

/** A property that carries the host's bootstrap, and how it is encoded. */
export interface BootstrapField {
    readonly path: PropertyPath;
    /** `base64`: decoded before scanning; `text`: scanned as is; `map`: every value scanned, keys judged by name. */
    readonly encoding: "base64" | "text" | "map";
}

/** Whether a host's disks are encrypted the way the encryption rule asks. */
export interface EncryptionState {
    /** Encrypted at host or disk level (platform or customer keys). */
    readonly encrypted: Read<boolean>;
    /** Encrypted with a customer-managed key. */
    readonly customerManagedKey: Read<boolean>;
}

/** Reads one cloud's VM or instance resource. */
export interface HostReader {
    readonly cloud: Cloud;
    /** The resource type token, e.g. `aws:ec2/instance:Instance`. */
    readonly type: string;
    /** What the resource is called in messages, e.g. `AWS instance`. */
    readonly kindName: string;
    /** Tags (Azure, AWS) or labels (GCP). */
    readonly tags: (resource: RuleResource) => Read<Map<string, string | Unknown>>;
    /** The Windows computer name, when the resource states it. */
    readonly machineName: (resource: RuleResource) => Read<string>;
    /** The property that names the size, for messages. */
    readonly sizeField: string;
    readonly size: (resource: RuleResource) => Read<string>;
    /** The property that names the image, for messages. */
    readonly imageField: string;
    readonly image: (resource: RuleResource) => Read<HostImage>;
    /** The availability zone as the cloud names it (Azure `1`, AWS `eu-west-1a`, GCP `europe-west1-b`). */
    readonly zone: (resource: RuleResource) => Read<string>;
    readonly region: (resource: RuleResource) => Read<string>;
    readonly bootstrapFields: readonly BootstrapField[];
    /** Where the bootstrap should read its secrets from instead, for messages. */
    readonly secretStoreAdvice: string;
    readonly encryption: (resource: RuleResource) => EncryptionState;
    /** How to turn encryption on, for messages. */
    readonly encryptionAdvice: string;
    /** How to encrypt with a customer-managed key, for messages. */
    readonly customerKeyAdvice: string;
    /** Public addresses the resource asks for itself (not through linked resources). */
    readonly ownPublicAddresses: (resource: RuleResource) => { found: string[]; unknowns: Unknown[] };
}
