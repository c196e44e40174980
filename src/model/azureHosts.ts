/**
 * Validation and planning of connector hosts on Azure, as pure functions: what each host will be (computer name,
 * zone, size, image) is decided and checked here, before any resource is registered.
 */
import { CONNECTOR_KINDS, type HostDeclarations, type HostSummary, madeDeclarations } from "./contract";
import { type DomainJoinSettings, validateDomainJoin } from "./domainJoin";
import { IssueCollector, type ValidationIssue } from "./errors";
import {
    validateComputerName,
    validateScriptText,
    validateUserTags,
    validateVmSize,
    validateWindowsImage,
    warnIfFarFromGroupRegion,
} from "./hostValidation";
import {
    AZURE_APPLIANCE_OFFER,
    AZURE_APPLIANCE_PUBLISHER,
    type AzureImageReference,
    classifyAzureImage,
    type DeclaredWindowsImage,
    DEFAULT_WINDOWS_IMAGE,
    formatAzureImage,
} from "./images";
import { normaliseCloudRegion } from "./regions";
import { planScaleOutAlert, type ScaleOutAlertPlan, type ScaleOutAlertSettings, type ScaleOutResource } from "./scaleOutAlert";
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

/**
 * Defaults of the connector's Azure Marketplace appliance (preview). Its publisher and offer are documented
 * ({@link AZURE_APPLIANCE_PUBLISHER}, {@link AZURE_APPLIANCE_OFFER}); its plan (SKU) is not, so it has no default.
 */
export const AZURE_APPLIANCE_DEFAULTS = {
    version: "latest",
} as const;

/** How to list the appliance offer's plans, quoted where the SKU is missing or wrong. */
export const AZURE_APPLIANCE_SKU_LOOKUP =
    `az vm image list --publisher ${AZURE_APPLIANCE_PUBLISHER} --offer ${AZURE_APPLIANCE_OFFER} --all --output table`;

/** An Azure Marketplace purchase plan, as a VM built from a marketplace image must carry it (`plan`). */
export interface AzureMarketplacePlan {
    /** The plan id: the image's SKU. */
    readonly name: string;
    readonly publisher: string;
    /** The offer. */
    readonly product: string;
}

/** The plain settings of the marketplace appliance that validation reads. */
export interface AzureApplianceSettings {
    readonly sku?: string;
    readonly version?: string;
}

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
    /** The connector's marketplace appliance instead of a Windows Server image. */
    readonly appliance?: AzureApplianceSettings;
}

/** An Azure host's settings, checked and with defaults applied, with what the user declared about its size and image. */
export interface ResolvedAzureHostSettings extends Readonly<HostDeclarations> {
    /** The Azure location, normalised (`westeurope`). */
    readonly location: string;
    readonly vmSize: string;
    readonly image: AzureImageReference;
    /** The purchase plan: set for the marketplace appliance only. */
    readonly plan?: AzureMarketplacePlan;
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
    const declaredCapacity = validateVmSize("azure", vmSize, settings.sizeOverride, issues, field, AZURE_SIZE_FIELDS);
    const appliance = settings.appliance === undefined ? undefined : validateAppliance(settings, issues, field);
    const image = appliance?.image ?? settings.image ?? AZURE_HOST_DEFAULTS.image;
    const declaredImage = settings.appliance === undefined ? validateAzureImage(image, settings.imageOverride, issues, field) : undefined;

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
        ...(appliance === undefined ? {} : { plan: appliance.plan }),
        ...madeDeclarations({ declaredCapacity, declaredImage }),
        adminUsername,
        encryptionAtHost,
    };
}

/**
 * Checks the appliance settings: a plan (SKU) is required, since Microsoft does not document it, and the appliance
 * replaces `image`, so the two are not set together. Returns the image and its purchase plan, or undefined when the
 * settings are unusable.
 */
function validateAppliance(
    settings: AzureHostSettings,
    issues: IssueCollector,
    field: (name: string) => string,
): { image: AzureImageReference; plan: AzureMarketplacePlan } | undefined {
    const appliance = settings.appliance;
    if (typeof appliance !== "object" || appliance === null || Array.isArray(appliance)) {
        issues.error(field("appliance"), appliance, "must be { sku, version? }");
        return undefined;
    }
    if (settings.image !== undefined || settings.imageOverride !== undefined) {
        issues.error(
            field("appliance"),
            appliance,
            `the appliance brings its own image; set appliance or ${field("image")} (with ${field("imageOverride")}), not both`,
        );
    }
    const sku = appliance.sku;
    if (typeof sku !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(sku)) {
        issues.error(
            field("appliance.sku"),
            sku,
            "is required: the appliance's plan (SKU), which Microsoft does not document; list the offer's plans with " +
                `\`${AZURE_APPLIANCE_SKU_LOOKUP}\``,
        );
        return undefined;
    }
    const version = appliance.version ?? AZURE_APPLIANCE_DEFAULTS.version;
    if (typeof version !== "string" || !/^(latest|\d+\.\d+\.\d+)$/.test(version)) {
        issues.error(field("appliance.version"), version, 'must be "latest" or an image version such as 1.0.0');
        return undefined;
    }
    return {
        image: { publisher: AZURE_APPLIANCE_PUBLISHER, offer: AZURE_APPLIANCE_OFFER, sku, version },
        plan: { name: sku, publisher: AZURE_APPLIANCE_PUBLISHER, product: AZURE_APPLIANCE_OFFER },
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
): DeclaredWindowsImage | undefined {
    if (typeof image !== "object" || image === null || (image.id === undefined && image.sku === undefined)) {
        issues.error(field("image"), image, "must be { publisher, offer, sku, version } or { id } of a custom image");
        return undefined;
    }
    return validateWindowsImage(formatAzureImage(image), classifyAzureImage(image), imageOverride, issues, field, {
        image: "image",
        override: "imageOverride",
        appliance:
            "is the connector's marketplace appliance, which needs its purchase plan as well as its image; set " +
            `${field("appliance")} ({ sku }) instead of ${field("image")}, or use a Windows Server 2022 Desktop ` +
            "Experience image",
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
    readonly scaleOutAlert?: AzureScaleOutAlertSettings;
}

/** The plain settings of an Azure scale-out alert that validation reads. */
export interface AzureScaleOutAlertSettings extends ScaleOutAlertSettings {
    /** Checked when known (an Output is checked by Azure). */
    readonly actionGroupId?: unknown;
}

/**
 * The windows an Azure metric alert can evaluate (`windowSize` PT5M to PT1H), in minutes: a sustained peak, not a
 * one-minute spike, and no longer than an hour.
 */
export const AZURE_SCALE_OUT_WINDOW_MINUTES: readonly number[] = [5, 15, 30, 60];

const ACTION_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i;

/**
 * Checks a group's Azure scale-out alert (`azure.scaleOutAlert`): its threshold and window, and the action group it
 * notifies. Undefined when the group has none (no action group, no alert).
 */
export function planAzureScaleOutAlert(
    settings: AzureScaleOutAlertSettings | undefined,
    issues: IssueCollector,
    prefix = "azure.scaleOutAlert",
): ScaleOutAlertPlan | undefined {
    if (settings === undefined) {
        return undefined;
    }
    if (typeof settings !== "object" || settings === null || Array.isArray(settings)) {
        issues.error(prefix, settings, "must be { actionGroupId, thresholdPercent?, windowMinutes? }");
        return undefined;
    }
    const actionGroupId = settings.actionGroupId;
    if (actionGroupId === undefined || (isKnown(actionGroupId) && !(typeof actionGroupId === "string" && ACTION_GROUP_ID.test(actionGroupId)))) {
        issues.error(
            fieldPath(prefix, "actionGroupId"),
            actionGroupId,
            "must be the resource id of the Azure Monitor action group to notify " +
                "(/subscriptions/<id>/resourceGroups/<group>/providers/microsoft.insights/actionGroups/<name>)",
        );
    }
    return planScaleOutAlert(settings, AZURE_SCALE_OUT_WINDOW_MINUTES, issues, prefix);
}

/** The metric namespace of Azure VMs' platform (host) metrics: collected without an agent on the VM. */
export const AZURE_VM_METRIC_NAMESPACE = "Microsoft.Compute/virtualMachines";

/** One Azure metric alert criterion of a scale-out alert. */
export interface AzureScaleOutCriterion {
    readonly resource: ScaleOutResource;
    readonly metricName: string;
    readonly operator: "GreaterThan" | "LessThan";
    readonly threshold: number;
}

/**
 * What the scale-out alert watches on Azure: `Percentage CPU` above the threshold, and, since Azure reports memory as
 * what is free, `Available Memory Percentage` below what the threshold leaves. Both are averaged over the window.
 */
export function azureScaleOutCriteria(alert: ScaleOutAlertPlan): AzureScaleOutCriterion[] {
    return [
        { resource: "CPU", metricName: "Percentage CPU", operator: "GreaterThan", threshold: alert.thresholdPercent },
        {
            resource: "memory",
            metricName: "Available Memory Percentage",
            operator: "LessThan",
            threshold: 100 - alert.thresholdPercent,
        },
    ];
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
        ...(settings.plan === undefined ? {} : { appliance: true }),
        ...madeDeclarations(settings),
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
    readonly managedIdentity?: boolean;
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
    const computerName = validateComputerName(issues, settings.computerName);
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
    optionalBoolean(issues, "managedIdentity", settings.managedIdentity, false);
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
