/**
 * Validation and planning of connector hosts on Google Cloud (Compute Engine), as pure functions: each host's
 * instance name (which Windows takes as its computer name), zone, machine type and image, and what a group creates
 * for its hosts (a service account, Secret Manager secrets, an alert policy), are decided and checked here before any
 * resource is registered.
 */
import { CONNECTOR_KINDS, type HostDeclarations, type HostSummary, madeDeclarations, TAG_KEYS } from "./contract";
import { isDomainName } from "./domainJoin";
import { IssueCollector, type ValidationIssue } from "./errors";
import { type GcpScaleOutAlertPlan, type GcpScaleOutAlertSettings, planGcpScaleOutAlert } from "./gcpScaleOutAlert";
import { validateScriptText, validateVmSize, validateWindowsImage, warnIfFarFromGroupRegion } from "./hostValidation";
import {
    classifyGcpImage,
    type DeclaredWindowsImage,
    DEFAULT_WINDOWS_IMAGE,
    GCP_APPLIANCE_PROJECT,
} from "./images";
import { DEFAULT_VM_SIZE, type VmCapacity } from "./sizes";
import {
    fieldPath,
    isKnown,
    optionalBoolean,
    optionalInteger,
    requireString,
} from "./validation";
import { computerNamePrefixFrom, computerNameProblem, numberedComputerName } from "./windows";

/** Defaults of one GCP connector host. The components document and apply these values; they are set only here. */
export const GCP_HOST_DEFAULTS = {
    /** 4 vCPU, 8 GiB: the connector minimum. */
    machineType: DEFAULT_VM_SIZE.gcp,
    /** The Windows Server 2022 Datacenter (Desktop Experience) image family. */
    image: DEFAULT_WINDOWS_IMAGE.gcp,
} as const;

/** The boot disk's size, in GB: Windows images need 50 GB; a little more leaves room for updates and logs. */
export const GCP_BOOT_DISK_SIZE_GB = { default: 64, min: 50, max: 65536 } as const;

/**
 * The connector's marketplace appliance on Google Cloud: Microsoft's article names it `ciem-entra/entraprivatenetworkconnector`.
 * Whether `entraprivatenetworkconnector` is an image family or an image name is UNCONFIRMED (Compute Engine resolves
 * `<project>/<name>` as either); `appliance.image` replaces it.
 */
export const DEFAULT_GCP_APPLIANCE_IMAGE = `${GCP_APPLIANCE_PROJECT}/entraprivatenetworkconnector`;

/** Defaults of the set of GCP hosts a connector group creates. */
export const GCP_HOST_SET_DEFAULTS = {
    count: 2,
    /** Install the Ops Agent, which reports memory use (the scale-out alert's memory condition needs it). */
    opsAgent: true,
} as const;

/** OAuth scope of the hosts' service account: IAM, not scopes, limits what it may do (Google's advice). */
export const GCP_INSTANCE_SCOPES: readonly string[] = ["https://www.googleapis.com/auth/cloud-platform"];

/** IAM roles the library grants a group's service account, and nothing else. */
export const GCP_HOST_ROLES = {
    /** On each of the group's own secrets only. */
    secretAccessor: "roles/secretmanager.secretAccessor",
    /** Project-wide, only with the Ops Agent: it writes logs and metrics (the memory metric the alert reads). */
    logWriter: "roles/logging.logWriter",
    metricWriter: "roles/monitoring.metricWriter",
    /** On the Managed Microsoft AD domain's project, only when hosts join it through `managedAd`. */
    managedAdDomainJoin: "roles/managedidentities.domainJoin",
} as const;

/** Instance metadata keys of Managed Microsoft AD's automatic domain join. */
export const GCP_MANAGED_AD_METADATA = {
    /** The domain's resource name: `projects/<project>/locations/global/domains/<domain>`. */
    domain: "managed-ad-domain",
    /** An OU under `OU=GCE Instances,OU=Cloud` (default: that OU itself). */
    ouName: "managed-ad-ou-name",
    /** Lets the join report its status as guest attributes (`managed-ad/domain-join-status`). */
    guestAttributes: "enable-guest-attributes",
} as const;

/** The instance metadata that asks Managed Microsoft AD to join an instance to its domain (and to report how it went). */
export function gcpManagedAdMetadata(managedAd: ResolvedGcpManagedAd): Record<string, string> {
    return {
        [GCP_MANAGED_AD_METADATA.domain]: managedAd.domain,
        ...(managedAd.ouName === undefined ? {} : { [GCP_MANAGED_AD_METADATA.ouName]: managedAd.ouName }),
        [GCP_MANAGED_AD_METADATA.guestAttributes]: "TRUE",
    };
}

/** Machine series that boot only from Hyperdisk; the others in the catalogue boot from Persistent Disk. */
const HYPERDISK_ONLY_SERIES: readonly string[] = ["c4", "c4a", "c4d", "n4", "n4a", "n4d", "h4d", "m4", "x4"];

/** The boot disk type a machine type supports by default: `hyperdisk-balanced` on Hyperdisk-only series, else `pd-balanced`. */
export function defaultGcpBootDiskType(machineType: string): string {
    const series = machineType.replace(/^.*\/machineTypes\//, "").split("-")[0] ?? "";
    return HYPERDISK_ONLY_SERIES.includes(series) ? "hyperdisk-balanced" : "pd-balanced";
}

const GCE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const PROJECT_ID = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const ZONE = /^([a-z]+(?:-[a-z]+)*\d+)-([a-z])$/;
const SUBNETWORK = /^(?:https:\/\/(?:www|compute)\.googleapis\.com\/compute\/(?:v1|beta)\/)?projects\/[^/]+\/regions\/([^/]+)\/subnetworks\/[^/]+$/;
const KMS_KEY = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;
const MANAGED_AD_DOMAIN = /^projects\/([^/]+)\/locations\/global\/domains\/([^/]+)$/;
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
const DISK_TYPE = /^(pd|hyperdisk)-[a-z]+$/;
/** Characters a metadata key may hold; the bootstrap's secret names become part of metadata keys. */
const METADATA_KEY_PART = /^[A-Za-z0-9_-]+$/;
/** Compute Engine's limit on one metadata value, in bytes. */
export const GCP_METADATA_VALUE_LIMIT_BYTES = 256 * 1024;

/**
 * Why a name cannot be a Windows connector host's instance name, or undefined when it can. Compute Engine's Windows
 * setup makes the instance name the computer name, so it must suit both: lower-case letters, digits and hyphens,
 * starting with a letter, at most 15 characters.
 */
export function gcpInstanceNameProblem(name: string): string | undefined {
    const windowsProblem = computerNameProblem(name);
    if (windowsProblem !== undefined) {
        return windowsProblem;
    }
    if (!GCE_NAME.test(name)) {
        return (
            "a Compute Engine instance name starts with a lower-case letter and holds only lower-case letters, digits " +
            "and hyphens (Windows takes it as the computer name)"
        );
    }
    return undefined;
}

/** The region of a zone (`asia-southeast1-b` is in `asia-southeast1`); undefined when it is not a zone name. */
export function gcpZoneRegion(zone: string): string | undefined {
    return ZONE.exec(zone)?.[1];
}

/** The id of the service account a group's GCP hosts run as: from the hosts' name prefix, so unique where they are. */
export function gcpServiceAccountId(namePrefix: string): string {
    return `${namePrefix}-connector`;
}

/** The id of a group's Secret Manager secret for one bootstrap secret: `RegistrationToken` -> `<prefix>-registration-token`. */
export function gcpSecretId(namePrefix: string, secretName: string): string {
    return `${namePrefix}-${secretName.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`;
}

/** The plain (known before deployment) settings of a GCP host that validation reads. */
export interface GcpHostSettings {
    readonly project?: string;
    readonly subnetwork?: unknown;
    readonly machineType?: string;
    readonly sizeOverride?: VmCapacity;
    readonly image?: string;
    readonly imageOverride?: DeclaredWindowsImage;
    readonly appliance?: { readonly image?: string };
    readonly bootDiskSizeGb?: number;
    readonly bootDiskType?: string;
    readonly bootDiskKmsKey?: unknown;
    readonly labels?: Readonly<Record<string, string>>;
    readonly networkTags?: readonly string[];
}

/** A GCP host's settings, checked and with defaults applied, with what the user declared about its size and image. */
export interface ResolvedGcpHostSettings extends Readonly<HostDeclarations> {
    readonly project: string;
    readonly machineType: string;
    /** The boot image: the Windows image, or the appliance's. */
    readonly image: string;
    /** Whether the host runs the marketplace appliance. */
    readonly appliance: boolean;
    readonly bootDiskSizeGb: number;
    readonly bootDiskType: string;
}

/**
 * Checks the settings every GCP host has, whether it stands alone or belongs to a group. Reports errors only, so that
 * a group that checks its hosts' settings up front and the hosts that check them again never warn twice. `prefix` is
 * where the settings sit in the caller's args (`gcp` in a ConnectorGroup, empty in a host). `region`, when known, is
 * the region the subnetwork must be in.
 */
export function validateGcpHostSettings(
    settings: GcpHostSettings,
    issues: IssueCollector,
    prefix: string,
    region: string | undefined,
): ResolvedGcpHostSettings {
    const field = (name: string) => fieldPath(prefix, name);
    const project = requireString(issues, field("project"), settings.project, "the Google Cloud project id");
    if (project !== undefined && !PROJECT_ID.test(project)) {
        issues.error(field("project"), project, "must be a project id (6 to 30 lower-case letters, digits and hyphens), not its name or number");
    }
    validateSubnetwork(settings.subnetwork, region, issues, field("subnetwork"));

    const machineType = settings.machineType ?? GCP_HOST_DEFAULTS.machineType;
    const declaredCapacity = validateVmSize("gcp", machineType, settings.sizeOverride, issues, field, {
        size: "machineType",
        override: "sizeOverride",
        what: "a Compute Engine machine type",
        example: `${GCP_HOST_DEFAULTS.machineType} (or a custom type such as n2-custom-4-8192)`,
    });
    const { image, appliance, declaredImage } = validateGcpImage(settings, issues, field);

    const bootDiskSizeGb = optionalInteger(issues, field("bootDiskSizeGb"), settings.bootDiskSizeGb, GCP_BOOT_DISK_SIZE_GB, "GB");
    const bootDiskType = settings.bootDiskType ?? defaultGcpBootDiskType(typeof machineType === "string" ? machineType : "");
    if (typeof bootDiskType !== "string" || !DISK_TYPE.test(bootDiskType)) {
        issues.error(field("bootDiskType"), bootDiskType, "must be a disk type such as pd-balanced, pd-ssd or hyperdisk-balanced");
    }
    const kmsKey = settings.bootDiskKmsKey;
    if (kmsKey !== undefined && isKnown(kmsKey) && !(typeof kmsKey === "string" && KMS_KEY.test(kmsKey))) {
        issues.error(
            field("bootDiskKmsKey"),
            kmsKey,
            "must be a Cloud KMS key: projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>",
        );
    }
    validateLabels(settings.labels, issues, field("labels"));
    validateNetworkTags(settings.networkTags, issues, field("networkTags"));
    return {
        project: project ?? "",
        machineType,
        image,
        appliance,
        ...madeDeclarations({ declaredCapacity, declaredImage }),
        bootDiskSizeGb,
        bootDiskType,
    };
}

function validateSubnetwork(subnetwork: unknown, region: string | undefined, issues: IssueCollector, field: string): void {
    if (subnetwork === undefined || subnetwork === null || subnetwork === "") {
        issues.error(
            field,
            undefined,
            "the subnetwork is required: projects/<project>/regions/<region>/subnetworks/<name>, in a VPC whose Cloud " +
                "NAT gives the hosts outbound HTTPS (they get no external IP)",
        );
        return;
    }
    if (!isKnown(subnetwork)) {
        return;
    }
    const match = typeof subnetwork === "string" ? SUBNETWORK.exec(subnetwork) : null;
    if (match === null) {
        issues.error(field, subnetwork, "must be a subnetwork's resource name or self link: projects/<project>/regions/<region>/subnetworks/<name>");
    } else if (region !== undefined && match[1] !== region) {
        issues.error(field, subnetwork, `is in region ${match[1]}, but the hosts' zones are in ${region}; use a subnetwork of ${region}`);
    }
}

function validateGcpImage(
    settings: GcpHostSettings,
    issues: IssueCollector,
    field: (name: string) => string,
): { image: string; appliance: boolean; declaredImage?: DeclaredWindowsImage } {
    if (settings.appliance !== undefined) {
        return validateAppliance(settings, issues, field);
    }
    const image = settings.image ?? GCP_HOST_DEFAULTS.image;
    if (typeof image !== "string" || image.trim() === "") {
        issues.error(field("image"), image, `must be a Compute Engine image: a family such as ${GCP_HOST_DEFAULTS.image}, or an image's name or self link`);
        return { image: GCP_HOST_DEFAULTS.image, appliance: false };
    }
    const declaredImage = validateWindowsImage(image, classifyGcpImage(image), settings.imageOverride, issues, field, {
        image: "image",
        override: "imageOverride",
        appliance:
            `is the connector's marketplace appliance; to run it, set ${field("appliance")} instead of ${field("image")}, ` +
            "so that the host is planned as an appliance",
    });
    return { image, appliance: false, declaredImage };
}

function validateAppliance(
    settings: GcpHostSettings,
    issues: IssueCollector,
    field: (name: string) => string,
): { image: string; appliance: boolean } {
    const appliance = settings.appliance;
    if (typeof appliance !== "object" || appliance === null) {
        issues.error(field("appliance"), appliance, `must be { image? } (default image ${DEFAULT_GCP_APPLIANCE_IMAGE})`);
        return { image: DEFAULT_GCP_APPLIANCE_IMAGE, appliance: true };
    }
    for (const conflicting of ["image", "imageOverride"] as const) {
        if (settings[conflicting] !== undefined) {
            issues.error(
                field(conflicting),
                settings[conflicting],
                `cannot be set with ${field("appliance")}: the appliance brings its own image (${field("appliance")}.image)`,
            );
        }
    }
    const image = appliance.image ?? DEFAULT_GCP_APPLIANCE_IMAGE;
    if (typeof image !== "string" || image.trim() === "") {
        issues.error(field("appliance.image"), image, `must be the appliance's image (default ${DEFAULT_GCP_APPLIANCE_IMAGE})`);
        return { image: DEFAULT_GCP_APPLIANCE_IMAGE, appliance: true };
    }
    return { image, appliance: true };
}

/**
 * Warns when an appliance image is not the publisher's: it is trusted, not checked as a Windows image. Each host warns
 * (a group's settings are checked again by each of its hosts).
 */
function warnIfForeignAppliance(settings: ResolvedGcpHostSettings, issues: IssueCollector, field: string): void {
    if (settings.appliance && classifyGcpImage(settings.image).os !== "appliance") {
        issues.warn(
            field,
            settings.image,
            `is not in the appliance publisher's project ${GCP_APPLIANCE_PROJECT}; it is trusted to be the connector ` +
                "appliance (a copy in your own project, say), and is not checked as a Windows image",
        );
    }
}

function validateLabels(labels: unknown, issues: IssueCollector, field: string): void {
    if (labels === undefined) {
        return;
    }
    if (typeof labels !== "object" || labels === null || Array.isArray(labels)) {
        issues.error(field, labels, "must be a map of label keys to string values");
        return;
    }
    const reserved: readonly string[] = Object.values(TAG_KEYS);
    for (const [key, value] of Object.entries(labels)) {
        if (reserved.includes(key)) {
            issues.error(`${field}.${key}`, value, "is set by the component (policies recognise connector hosts by it); remove it from labels");
        } else if (!LABEL_KEY.test(key)) {
            issues.error(`${field}.${key}`, key, "a label key starts with a lower-case letter and holds at most 63 lower-case letters, digits, _ and -");
        }
        if (typeof value !== "string" || !LABEL_VALUE.test(value)) {
            issues.error(`${field}.${key}`, value, "a label value holds at most 63 lower-case letters, digits, _ and -");
        }
    }
}

function validateNetworkTags(tags: unknown, issues: IssueCollector, field: string): void {
    if (tags === undefined) {
        return;
    }
    if (!Array.isArray(tags)) {
        issues.error(field, tags, "must be a list of network tags");
        return;
    }
    tags.forEach((tag, i) => {
        if (typeof tag !== "string" || !GCE_NAME.test(tag) || tag.length > 63) {
            issues.error(`${field}[${i}]`, tag, "a network tag holds at most 63 lower-case letters, digits and hyphens, starting with a letter");
        }
    });
}

/** How a group's GCP hosts join an Active Directory domain: Managed Microsoft AD through instance metadata. */
export interface GcpManagedAdSettings {
    readonly domain?: string;
    readonly ouName?: string;
}

/** A Managed Microsoft AD join, checked. */
export interface ResolvedGcpManagedAd {
    /** The domain's resource name (the `managed-ad-domain` metadata value). */
    readonly domain: string;
    /** The domain's DNS name, the last part of its resource name. */
    readonly domainName: string;
    /** The project that holds the domain: the service account gets the domain-join role there. */
    readonly project: string;
    readonly ouName?: string;
}

function validateManagedAd(managedAd: GcpManagedAdSettings, issues: IssueCollector, field: string): ResolvedGcpManagedAd | undefined {
    if (typeof managedAd !== "object" || managedAd === null) {
        issues.error(field, managedAd, "must be { domain, ouName? }");
        return undefined;
    }
    const match = typeof managedAd.domain === "string" ? MANAGED_AD_DOMAIN.exec(managedAd.domain) : null;
    const domainName = match?.[2];
    if (match === null || !isDomainName(domainName)) {
        issues.error(
            `${field}.domain`,
            managedAd.domain,
            "must be the Managed Microsoft AD domain's resource name: projects/<project>/locations/global/domains/<domain name>",
        );
        return undefined;
    }
    const ouName = managedAd.ouName;
    if (ouName !== undefined && !(typeof ouName === "string" && ouName.trim() !== "" && !/[=,]/.test(ouName))) {
        issues.error(
            `${field}.ouName`,
            ouName,
            "must be the name of an OU under OU=GCE Instances,OU=Cloud (e.g. connectors), not a distinguished name",
        );
    }
    return { domain: match[0], domainName, project: match[1] ?? "", ...(ouName === undefined ? {} : { ouName }) };
}

/** The settings of the set of GCP hosts a connector group creates (its `gcp` args). */
export interface GcpHostSetSettings extends GcpHostSettings {
    readonly zones?: readonly string[];
    readonly count?: number;
    readonly computerNamePrefix?: string;
    readonly managedAd?: GcpManagedAdSettings;
    readonly opsAgent?: boolean;
    readonly scaleOutAlert?: GcpScaleOutAlertSettings;
}

/** What the GCP plan needs to know about the group. */
export interface GcpGroupContext {
    /** The group component's resource name: the default name prefix comes from it. */
    readonly resourceName: string;
    /** The connector-group region (Graph value), when it is a known one. */
    readonly region?: string;
    /** The DNS name of the domain the group's `domainJoin` joins, when it has one. */
    readonly domainName?: string;
}

/** How a group's GCP hosts join the domain: Managed Microsoft AD joins them, or their bootstrap does. */
export type GcpDomainJoinPlan =
    | { readonly joinedBy: "managed-ad"; readonly managedAd: ResolvedGcpManagedAd }
    | { readonly joinedBy: "bootstrap"; readonly domainName: string };

/** One GCP host a group will create. */
export interface PlannedGcpHost {
    /** 0-based position in the group's GCP hosts; resource names are derived from it. */
    readonly index: number;
    /** The instance name, which Windows takes as its computer name: the machine name the connector registers with. */
    readonly instanceName: string;
    readonly zone: string;
    readonly summary: HostSummary;
}

/** A group's GCP hosts and what they share, decided. */
export interface GcpHostSetPlan {
    readonly hosts: readonly PlannedGcpHost[];
    readonly settings: ResolvedGcpHostSettings;
    /** The region all the hosts' zones are in. */
    readonly region: string;
    /** The instance-name prefix; the service account and the secrets are named after it too. */
    readonly namePrefix: string;
    readonly serviceAccountId: string;
    readonly opsAgent: boolean;
    readonly domainJoin?: GcpDomainJoinPlan;
    readonly scaleOutAlert?: GcpScaleOutAlertPlan;
}

/**
 * Checks a group's `gcp` settings and decides its hosts: instance names `<prefix>-1..n`, zones round-robin. Errors and
 * warnings go to `issues`; the result is undefined when the hosts cannot be decided, and meaningful only when there
 * are no errors.
 */
export function planGcpHosts(
    settings: GcpHostSetSettings,
    group: GcpGroupContext,
    issues: IssueCollector,
    prefix = "gcp",
): GcpHostSetPlan | undefined {
    const field = (name: string) => fieldPath(prefix, name);
    const count = settings.count ?? GCP_HOST_SET_DEFAULTS.count;
    const countValid = typeof count === "number" && Number.isInteger(count) && count >= 1 && count <= MAXIMUM_GCP_HOSTS;
    if (!countValid) {
        issues.error(field("count"), count, `must be a whole number of hosts from 1 to ${MAXIMUM_GCP_HOSTS}`);
    }
    const zones = planGcpZones(settings.zones, countValid ? count : 1, issues, field("zones"));
    const region = zones === undefined ? undefined : gcpZoneRegion(zones[0] ?? "");
    const resolved = validateGcpHostSettings(settings, issues, prefix, region);
    if (region !== undefined) {
        warnIfFarFromGroupRegion("gcp", region, group.region, issues, field("zones"));
    }
    const opsAgent = optionalBoolean(issues, field("opsAgent"), settings.opsAgent, GCP_HOST_SET_DEFAULTS.opsAgent);
    const scaleOutAlert =
        settings.scaleOutAlert === undefined ? undefined : planGcpScaleOutAlert(settings.scaleOutAlert, issues, field("scaleOutAlert"));
    if (scaleOutAlert !== undefined && !opsAgent) {
        issues.warn(
            field("opsAgent"),
            false,
            "without the Ops Agent the hosts report no memory use, so the scale-out alert watches CPU only",
        );
    }
    const domainJoin = planGcpDomainJoin(settings.managedAd, group, issues, field("managedAd"));
    const namePrefix = planNamePrefix(settings.computerNamePrefix, group.resourceName, countValid ? count : 1, issues, field("computerNamePrefix"));
    if (!countValid || zones === undefined || region === undefined || namePrefix === undefined) {
        return undefined;
    }
    const hosts: PlannedGcpHost[] = [];
    for (let index = 0; index < count; index++) {
        const instanceName = numberedComputerName(namePrefix, index);
        const zone = zones[index % zones.length] ?? "";
        hosts.push({
            index,
            instanceName,
            zone,
            summary: gcpHostSummary(instanceName, zone, resolved, domainJoin !== undefined),
        });
    }
    return {
        hosts,
        settings: resolved,
        region,
        namePrefix,
        serviceAccountId: gcpServiceAccountId(namePrefix),
        opsAgent,
        ...(domainJoin === undefined ? {} : { domainJoin }),
        ...(scaleOutAlert === undefined ? {} : { scaleOutAlert }),
    };
}

/** The most GCP hosts one group may declare: enough for any connector group, small enough to catch typos. */
export const MAXIMUM_GCP_HOSTS = 50;

function planGcpZones(zones: unknown, count: number, issues: IssueCollector, field: string): readonly string[] | undefined {
    const example = `e.g. ["asia-southeast1-a", "asia-southeast1-b"]`;
    if (!Array.isArray(zones) || zones.length === 0) {
        issues.error(field, zones, `the zones are required: at least two zones of one region, ${example}`);
        return undefined;
    }
    const regions = new Set<string>();
    let valid = true;
    zones.forEach((zone: unknown, i) => {
        const region = typeof zone === "string" ? gcpZoneRegion(zone) : undefined;
        if (region === undefined) {
            issues.error(`${field}[${i}]`, zone, `must be a Compute Engine zone name, ${example}`);
            valid = false;
        } else {
            regions.add(region);
        }
    });
    if (!valid) {
        return undefined;
    }
    if (regions.size > 1) {
        issues.error(field, zones, `spans regions ${[...regions].join(", ")}; a group's GCP hosts share one region (their subnetwork's)`);
        return undefined;
    }
    if (new Set(zones).size !== zones.length) {
        issues.error(field, zones, "lists a zone more than once; hosts are spread round-robin over distinct zones");
        return undefined;
    }
    if (zones.length < 2 && count > 1) {
        issues.error(
            field,
            zones,
            "lists one zone; connector hosts spread over at least two zones, so that a zone outage leaves the group serving",
        );
        return undefined;
    }
    return zones as string[];
}

function planNamePrefix(given: unknown, resourceName: string, count: number, issues: IssueCollector, field: string): string | undefined {
    const namePrefix = given ?? computerNamePrefixFrom(resourceName, count).toLowerCase();
    const advice = "set computerNamePrefix (lower-case letters, digits and hyphens, starting with a letter)";
    if (typeof namePrefix !== "string" || namePrefix === "") {
        issues.error(field, given ?? resourceName, `no instance-name prefix can be derived from the resource name; ${advice}`);
        return undefined;
    }
    // The last host's name is the longest; every name shares the prefix's first character.
    const longest = numberedComputerName(namePrefix, count - 1);
    const problem = gcpInstanceNameProblem(longest);
    if (problem !== undefined) {
        const hint = given === undefined ? ` (derived from the resource name); ${advice}` : "";
        issues.error(field, namePrefix, `gives host ${count} the instance name "${longest}": ${problem}${hint}`);
        return undefined;
    }
    return namePrefix;
}

function planGcpDomainJoin(
    managedAd: GcpManagedAdSettings | undefined,
    group: GcpGroupContext,
    issues: IssueCollector,
    field: string,
): GcpDomainJoinPlan | undefined {
    if (managedAd === undefined) {
        return group.domainName === undefined ? undefined : { joinedBy: "bootstrap", domainName: group.domainName };
    }
    const resolved = validateManagedAd(managedAd, issues, field);
    if (resolved === undefined) {
        return undefined;
    }
    if (group.domainName !== undefined && group.domainName.toLowerCase() !== resolved.domainName.toLowerCase()) {
        issues.warn(
            `${field}.domain`,
            resolved.domain,
            `joins the GCP hosts to ${resolved.domainName}, while domainJoin names ${group.domainName} for the group's other hosts`,
        );
    }
    return { joinedBy: "managed-ad", managedAd: resolved };
}

/** The non-secret summary of a GCP host, as the group and the host register it. */
export function gcpHostSummary(instanceName: string, zone: string, settings: ResolvedGcpHostSettings, domainJoined: boolean): HostSummary {
    return {
        machineName: instanceName,
        platform: "gcp",
        cloudRegion: gcpZoneRegion(zone) ?? "",
        zone,
        size: settings.machineType,
        image: settings.image,
        ...(settings.appliance ? { appliance: true } : {}),
        ...madeDeclarations(settings),
        domainJoined,
    };
}

/** The plain settings of one standalone GCP connector host (a GcpConnectorHost's args) that validation reads. */
export interface GcpConnectorHostSettings extends GcpHostSettings {
    readonly instanceName?: string;
    readonly zone?: string;
    readonly serviceAccountEmail?: unknown;
    readonly connectorKind?: string;
    readonly connectorGroupName?: string;
    readonly managedAd?: GcpManagedAdSettings;
    readonly domainJoined?: boolean;
    readonly opsAgent?: boolean;
    readonly bootstrap?: { readonly script?: unknown; readonly secretIds?: unknown };
}

/** One standalone GCP connector host, checked. */
export interface GcpConnectorHostPlan {
    readonly settings: ResolvedGcpHostSettings;
    readonly managedAd?: ResolvedGcpManagedAd;
    readonly opsAgent: boolean;
    readonly summary: HostSummary;
    readonly warnings: readonly ValidationIssue[];
}

/**
 * Checks one GCP connector host's settings. Throws an InputValidationError naming every bad field, so that the host
 * registers nothing when anything is wrong.
 */
export function planGcpConnectorHost(resourceName: string, settings: GcpConnectorHostSettings): GcpConnectorHostPlan {
    const issues = new IssueCollector(`GcpConnectorHost "${resourceName}"`);
    const instanceName = requireString(issues, "instanceName", settings.instanceName, "the instance name (the Windows computer name)");
    const nameProblem = instanceName === undefined ? undefined : gcpInstanceNameProblem(instanceName);
    if (nameProblem !== undefined) {
        issues.error("instanceName", instanceName, nameProblem);
    }
    const zone = requireString(issues, "zone", settings.zone, "the Compute Engine zone");
    const region = zone === undefined ? undefined : gcpZoneRegion(zone);
    if (zone !== undefined && region === undefined) {
        issues.error("zone", zone, "must be a Compute Engine zone name, e.g. asia-southeast1-a");
    }
    const resolved = validateGcpHostSettings(settings, issues, "", region);
    warnIfForeignAppliance(resolved, issues, "appliance.image");
    if (settings.serviceAccountEmail === undefined || settings.serviceAccountEmail === "") {
        issues.error(
            "serviceAccountEmail",
            settings.serviceAccountEmail,
            "the host's own service account is required (never the Compute Engine default account): it reads the " +
                "bootstrap's secrets and nothing else",
        );
    }
    const kinds: readonly string[] = Object.values(CONNECTOR_KINDS);
    if (!kinds.includes(settings.connectorKind as string)) {
        issues.error("connectorKind", settings.connectorKind, `must be one of ${kinds.join(", ")}`);
    }
    requireString(issues, "connectorGroupName", settings.connectorGroupName, "the group (or fleet) the host serves");
    const managedAd = settings.managedAd === undefined ? undefined : validateManagedAd(settings.managedAd, issues, "managedAd");
    const domainJoined = optionalBoolean(issues, "domainJoined", settings.domainJoined, managedAd !== undefined);
    const opsAgent = optionalBoolean(issues, "opsAgent", settings.opsAgent, GCP_HOST_SET_DEFAULTS.opsAgent);
    validateGcpBootstrap(settings.bootstrap, issues);
    issues.throwIfErrors();
    return {
        settings: resolved,
        ...(managedAd === undefined ? {} : { managedAd }),
        opsAgent,
        summary: gcpHostSummary(instanceName ?? "", zone ?? "", resolved, domainJoined),
        warnings: issues.warnings,
    };
}

function validateGcpBootstrap(bootstrap: GcpConnectorHostSettings["bootstrap"], issues: IssueCollector): void {
    if (bootstrap === undefined) {
        return;
    }
    const script = bootstrap.script;
    validateScriptText(script, issues, "bootstrap.script");
    if (typeof script === "string" && script.length > GCP_METADATA_VALUE_LIMIT_BYTES) {
        issues.error(
            "bootstrap.script",
            "(the script)",
            `is ${script.length} bytes; a Compute Engine metadata value holds at most ${GCP_METADATA_VALUE_LIMIT_BYTES}`,
        );
    }
    const secretIds = bootstrap.secretIds;
    if (secretIds === undefined || !isKnown(secretIds)) {
        if (secretIds === undefined) {
            issues.error("bootstrap.secretIds", undefined, "must map each secret the script reads to its Secret Manager secret ({} when it reads none)");
        }
        return;
    }
    if (typeof secretIds !== "object" || secretIds === null || Array.isArray(secretIds)) {
        issues.error("bootstrap.secretIds", secretIds, "must map secret names to Secret Manager secrets (projects/<project>/secrets/<id>)");
        return;
    }
    for (const name of Object.keys(secretIds)) {
        if (!METADATA_KEY_PART.test(name)) {
            issues.error(`bootstrap.secretIds.${name}`, name, "a secret name holds only letters, digits, _ and - (it becomes part of a metadata key)");
        }
    }
}
