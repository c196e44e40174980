/**
 * Validation and planning of connector hosts on Azure, as pure functions: what each host will be (computer name,
 * zone, size, image) is decided and checked here, before any resource is registered.
 */
import { CONNECTOR_KINDS, type HostSummary } from "./contract";
import { type DomainJoinSettings, validateDomainJoin } from "./domainJoin";
import { IssueCollector, type ValidationIssue } from "./errors";
import {
    validateScriptText,
    validateUserTags,
    validateVmSize,
    validateWindowsImage,
    warnIfFarFromGroupRegion,
} from "./hostValidation";
import {
    type AzureImageReference,
    classifyAzureImage,
    type DeclaredWindowsImage,
    DEFAULT_WINDOWS_IMAGE,
    formatAzureImage,
} from "./images";
import { normaliseCloudRegion } from "./regions";
import { DEFAULT_VM_SIZE, type VmCapacity } from "./sizes";
import { fieldPath, isKnown, optionalBoolean, requireSecret, requireString } from "./validation";
import { azureAdminUsernameProblem, computerNamePrefixFrom, computerNameProblem, numberedComputerName } from "./windows";

/** Defaults of one Azure connector host. The components document and apply these values; they are set only here. */
export const AZURE_HOST_DEFAULTS = {
    /** The smallest general-purpose size with 4 vCPU and 8 GiB. */
    vmSize: DEFAULT_VM_SIZE.azure,
    /** Windows Server 2022 Datacenter: Azure Edition, with the Desktop Experience. */
    image: DEFAULT_WINDOWS_IMAGE.azure,
    adminUsername: "connectoradmin",
    encryptionAtHost: true,
} as const;

/** Defaults of the set of Azure hosts a connector group creates. */
export const AZURE_HOST_SET_DEFAULTS = {
    count: 2,
    /** Hosts are placed round-robin over these zones. */
    zones: ["1", "2", "3"] as readonly string[],
} as const;

/** The availability zones Azure numbers in a region. */
export const AZURE_ZONES: readonly string[] = ["1", "2", "3"];

/** The most hosts one group may declare on one cloud: enough for any connector group, small enough to catch typos. */
export const MAXIMUM_HOSTS_PER_CLOUD = 50;

/** The plain (known before deployment) settings of an Azure host that validation reads. */
export interface AzureHostSettings {
    readonly location?: string;
    readonly vmSize?: string;
    readonly sizeOverride?: VmCapacity;
    readonly image?: AzureImageReference;
    readonly imageOverride?: DeclaredWindowsImage;
    readonly adminUsername?: string;
    /** Checked for presence only. */
    readonly adminPassword?: unknown;
    readonly encryptionAtHost?: boolean;
    readonly tags?: Readonly<Record<string, string>>;
}

/** An Azure host's settings, checked and with defaults applied. */
export interface ResolvedAzureHostSettings {
    /** The Azure location, normalised (`westeurope`). */
    readonly location: string;
    readonly vmSize: string;
    readonly image: AzureImageReference;
    readonly adminUsername: string;
    readonly encryptionAtHost: boolean;
}

/**
 * Checks the settings every Azure host has, whether it stands alone or belongs to a group. Reports errors only, so
 * that a group that checks its hosts' settings up front and the hosts that check them again never warn twice.
 * `prefix` is where the settings sit in the caller's args (`azure` in a ConnectorGroup, empty in a host).
 */
export function validateAzureHostSettings(
    settings: AzureHostSettings,
    issues: IssueCollector,
    prefix: string,
): ResolvedAzureHostSettings {
    const field = (name: string) => fieldPath(prefix, name);
    const location = requireString(issues, field("location"), settings.location, "the Azure location");
    const vmSize = settings.vmSize ?? AZURE_HOST_DEFAULTS.vmSize;
    validateVmSize("azure", vmSize, settings.sizeOverride, issues, field, AZURE_SIZE_FIELDS);
    const image = settings.image ?? AZURE_HOST_DEFAULTS.image;
    validateAzureImage(image, settings.imageOverride, issues, field);

    const adminUsername = settings.adminUsername ?? AZURE_HOST_DEFAULTS.adminUsername;
    const usernameProblem =
        typeof adminUsername === "string" ? azureAdminUsernameProblem(adminUsername) : "must be a string";
    if (usernameProblem !== undefined) {
        issues.error(field("adminUsername"), adminUsername, usernameProblem);
    }
    requireSecret(
        issues,
        field("adminPassword"),
        settings.adminPassword,
        "give the local administrator password as a secret (`pulumi config set --secret`)",
    );
    const encryptionAtHost = optionalBoolean(
        issues,
        field("encryptionAtHost"),
        settings.encryptionAtHost,
        AZURE_HOST_DEFAULTS.encryptionAtHost,
    );
    validateUserTags(settings.tags, issues, field("tags"));

    return {
        location: normaliseCloudRegion("azure", location ?? ""),
        vmSize,
        image,
        adminUsername,
        encryptionAtHost,
    };
}

const AZURE_SIZE_FIELDS = {
    size: "vmSize",
    override: "sizeOverride",
    what: "an Azure VM size name",
    example: AZURE_HOST_DEFAULTS.vmSize,
} as const;

function validateAzureImage(
    image: AzureImageReference,
    imageOverride: DeclaredWindowsImage | undefined,
    issues: IssueCollector,
    field: (name: string) => string,
): void {
    if (typeof image !== "object" || image === null || (image.id === undefined && image.sku === undefined)) {
        issues.error(field("image"), image, "must be { publisher, offer, sku, version } or { id } of a custom image");
        return;
    }
    validateWindowsImage(formatAzureImage(image), classifyAzureImage(image), imageOverride, issues, field, {
        image: "image",
        override: "imageOverride",
    });
}

/** Records an error unless the zone, when set, is one of Azure's zone numbers. */
export function validateAzureZone(zone: unknown, issues: IssueCollector, field: string): void {
    if (zone !== undefined && !(typeof zone === "string" && AZURE_ZONES.includes(zone))) {
        issues.error(field, zone, `must be one of ${AZURE_ZONES.map((z) => `"${z}"`).join(", ")}`);
    }
}

/** The settings of the set of Azure hosts a connector group creates (its `azure` args). */
export interface AzureHostSetSettings extends AzureHostSettings {
    readonly count?: number;
    readonly zones?: readonly string[];
    readonly computerNamePrefix?: string;
}

/** One Azure host a group will create. */
export interface PlannedAzureHost {
    /** 0-based position in the group's Azure hosts; resource names are derived from it. */
    readonly index: number;
    /** The Windows computer name, which the connector registers as its machine name. */
    readonly computerName: string;
    /** The availability zone, or undefined when the group uses none. */
    readonly zone?: string;
    readonly settings: ResolvedAzureHostSettings;
    readonly summary: HostSummary;
}

/** What the Azure plan needs to know about the group. */
export interface AzureGroupContext {
    /** The group component's resource name: the default computer-name prefix comes from it. */
    readonly resourceName: string;
    /** The connector-group region (Graph value), when it is a known one. */
    readonly region?: string;
    readonly domainJoined: boolean;
}

/**
 * Checks a group's `azure` settings and decides its hosts: computer names `<prefix>-1..n`, zones round-robin.
 * Errors and warnings go to `issues`; the result is meaningful only when there are no errors.
 */
export function planAzureHosts(
    settings: AzureHostSetSettings,
    group: AzureGroupContext,
    issues: IssueCollector,
    prefix = "azure",
): PlannedAzureHost[] {
    const field = (name: string) => fieldPath(prefix, name);
    const resolved = validateAzureHostSettings(settings, issues, prefix);
    const count = settings.count ?? AZURE_HOST_SET_DEFAULTS.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAXIMUM_HOSTS_PER_CLOUD) {
        issues.error(field("count"), count, `must be a whole number of hosts from 1 to ${MAXIMUM_HOSTS_PER_CLOUD}`);
        return [];
    }
    const zones = planZones(settings.zones, count, issues, field("zones"));
    warnIfFarFromGroupRegion("azure", resolved.location, group.region, issues, field("location"));

    const namePrefix = settings.computerNamePrefix ?? computerNamePrefixFrom(group.resourceName, count);
    if (typeof namePrefix !== "string" || namePrefix === "") {
        issues.error(
            field("computerNamePrefix"),
            settings.computerNamePrefix ?? group.resourceName,
            "no computer-name prefix can be derived from the resource name; set computerNamePrefix (letters, digits, hyphens)",
        );
        return [];
    }
    const hosts: PlannedAzureHost[] = [];
    for (let index = 0; index < count; index++) {
        const computerName = numberedComputerName(namePrefix, index);
        const problem = computerNameProblem(computerName);
        if (problem !== undefined) {
            issues.error(
                field("computerNamePrefix"),
                namePrefix,
                `gives host ${index + 1} the computer name "${computerName}": ${problem}`,
            );
            return [];
        }
        const zone = zones.length > 0 ? zones[index % zones.length] : undefined;
        hosts.push({
            index,
            computerName,
            zone,
            settings: resolved,
            summary: azureHostSummary(computerName, zone, resolved, group.domainJoined),
        });
    }
    return hosts;
}

/** The non-secret summary of an Azure host, as the group and the host register it. */
export function azureHostSummary(
    computerName: string,
    zone: string | undefined,
    settings: ResolvedAzureHostSettings,
    domainJoined: boolean,
): HostSummary {
    return {
        machineName: computerName,
        platform: "azure",
        cloudRegion: settings.location,
        ...(zone === undefined ? {} : { zone }),
        size: settings.vmSize,
        image: formatAzureImage(settings.image),
        domainJoined,
    };
}

function planZones(zones: unknown, count: number, issues: IssueCollector, field: string): readonly string[] {
    if (zones === undefined) {
        return AZURE_HOST_SET_DEFAULTS.zones;
    }
    if (!Array.isArray(zones)) {
        issues.error(field, zones, `must be a list of zones such as ["1", "2", "3"], or [] for a region without zones`);
        return [];
    }
    zones.forEach((zone, i) => validateAzureZone(zone, issues, `${field}[${i}]`));
    if (new Set(zones).size !== zones.length) {
        issues.error(field, zones, "lists a zone more than once; hosts are spread round-robin over distinct zones");
    }
    if (zones.length === 0) {
        issues.warn(
            field,
            zones,
            "no availability zones: the hosts share the region's fault domains, so one datacenter failure can stop the " +
                "whole group; use zones where the region offers them",
        );
    } else if (zones.length === 1 && count > 1) {
        issues.warn(field, zones, "every host lands in the same zone; spread them over two or more zones");
    }
    return zones as string[];
}

/** The plain settings of one standalone Azure connector host (an AzureConnectorHost's args) that validation reads. */
export interface AzureConnectorHostSettings extends AzureHostSettings {
    readonly computerName?: string;
    readonly zone?: string;
    readonly connectorKind?: string;
    readonly connectorGroupName?: string;
    readonly domainJoin?: DomainJoinSettings;
    readonly bootstrap?: { readonly script?: unknown; readonly secrets?: unknown };
}

/** One standalone Azure connector host, checked. */
export interface AzureConnectorHostPlan {
    readonly settings: ResolvedAzureHostSettings;
    readonly summary: HostSummary;
    readonly warnings: readonly ValidationIssue[];
}

/**
 * Checks one Azure connector host's settings. Throws an InputValidationError naming every bad field, so that the host
 * registers nothing when anything is wrong.
 */
export function planAzureConnectorHost(resourceName: string, settings: AzureConnectorHostSettings): AzureConnectorHostPlan {
    const issues = new IssueCollector(`AzureConnectorHost "${resourceName}"`);
    const resolved = validateAzureHostSettings(settings, issues, "");
    const computerName = requireString(issues, "computerName", settings.computerName, "the Windows computer name");
    const nameProblem = computerName === undefined ? undefined : computerNameProblem(computerName);
    if (nameProblem !== undefined) {
        issues.error("computerName", computerName, nameProblem);
    }
    validateAzureZone(settings.zone, issues, "zone");
    const kinds: readonly string[] = Object.values(CONNECTOR_KINDS);
    if (!kinds.includes(settings.connectorKind as string)) {
        issues.error("connectorKind", settings.connectorKind, `must be one of ${kinds.join(", ")}`);
    }
    requireString(issues, "connectorGroupName", settings.connectorGroupName, "the group (or fleet) the host serves");
    if (settings.domainJoin !== undefined) {
        validateDomainJoin(settings.domainJoin, issues, "domainJoin");
    }
    validateBootstrap(settings.bootstrap, issues);
    issues.throwIfErrors();
    return {
        settings: resolved,
        summary: azureHostSummary(computerName ?? "", settings.zone, resolved, settings.domainJoin !== undefined),
        warnings: issues.warnings,
    };
}

function validateBootstrap(bootstrap: AzureConnectorHostSettings["bootstrap"], issues: IssueCollector): void {
    if (bootstrap === undefined) {
        return;
    }
    validateScriptText(bootstrap.script, issues, "bootstrap.script");
    if (bootstrap.secrets === undefined || (isKnown(bootstrap.secrets) && (typeof bootstrap.secrets !== "object" || bootstrap.secrets === null))) {
        issues.error("bootstrap.secrets", undefined, "must be a map of secret names to values ({} when the script needs none)");
    }
}
