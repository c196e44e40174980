/**
 * Checks every cloud's connector hosts share, written once: the size against the cloud's catalogue, the image against
 * the Windows rules (or against what the user declares about an image the catalogue cannot classify), the user's own
 * tags, and the distance between the hosts' cloud region and the group's region.
 */
import { TAG_KEYS } from "./contract";
import { type IssueCollector } from "./errors";
import { type DeclaredWindowsImage, declaredImageInfo, type ImageInfo, judgeImage } from "./images";
import { type Cloud, CONNECTOR_GROUP_REGIONS, groupRegionsNear } from "./regions";
import { formatCapacity, judgeSize, MINIMUM_CONNECTOR_CAPACITY, type VmCapacity } from "./sizes";
import { requireString } from "./validation";
import { computerNameProblem } from "./windows";

/** How messages name each cloud. */
export const CLOUD_DISPLAY_NAMES: Readonly<Record<Cloud, string>> = { azure: "Azure", aws: "AWS", gcp: "GCP" };

/** How a cloud's size fields are named in its args, for messages. */
export interface SizeFieldNames {
    /** The size field, e.g. `vmSize` or `instanceType`. */
    readonly size: string;
    /** The capacity override field, e.g. `sizeOverride`. */
    readonly override: string;
    /** What a size is called on that cloud, e.g. `an Azure VM size name`. */
    readonly what: string;
    /** A size to suggest: the cloud's default. */
    readonly example: string;
}

/**
 * Records an error unless the size meets the connector minimum (4 vCPU, 8 GiB) by the catalogue or by the capacity the
 * user states for it. A size the catalogue does not know is an error unless its capacity is stated. Returns the
 * statement when it is well formed, for the host's summary to record.
 */
export function validateVmSize(
    cloud: Cloud,
    size: unknown,
    sizeOverride: VmCapacity | undefined,
    issues: IssueCollector,
    field: (name: string) => string,
    names: SizeFieldNames,
): VmCapacity | undefined {
    if (typeof size !== "string" || size.trim() === "") {
        issues.error(field(names.size), size, `must be ${names.what} such as ${names.example}`);
        return undefined;
    }
    if (sizeOverride !== undefined && !isCapacity(sizeOverride)) {
        issues.error(field(names.override), sizeOverride, "must be { vcpus, memoryGiB } with positive numbers");
        return undefined;
    }
    const declared = sizeOverride === undefined ? undefined : { vcpus: sizeOverride.vcpus, memoryGiB: sizeOverride.memoryGiB };
    const verdict = judgeSize(cloud, size, declared);
    const minimum = formatCapacity(MINIMUM_CONNECTOR_CAPACITY);
    if (verdict.verdict === "unknown") {
        issues.error(
            field(names.size),
            size,
            `is not in the ${CLOUD_DISPLAY_NAMES[cloud]} size catalogue, so its capacity cannot be checked; use a ` +
                `catalogued size such as ${names.example}, or state its capacity with ${field(names.override)} ` +
                "({ vcpus, memoryGiB })",
        );
    } else if (verdict.verdict === "undersized" && verdict.capacity !== undefined) {
        const source = verdict.source === "override" ? ` (as stated in ${field(names.override)})` : "";
        issues.error(
            field(names.size),
            size,
            `has ${formatCapacity(verdict.capacity)}${source}; a connector host needs at least ${minimum} ` +
                `(for example ${names.example})`,
        );
    }
    return declared;
}

function isCapacity(value: VmCapacity): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        typeof value.vcpus === "number" &&
        typeof value.memoryGiB === "number" &&
        value.vcpus > 0 &&
        value.memoryGiB > 0
    );
}

/** How a cloud's image fields are named in its args, for messages. */
export interface ImageFieldNames {
    /** The image field, e.g. `image`. */
    readonly image: string;
    /** The declared-image field, e.g. `imageOverride`. */
    readonly override: string;
    /** The rule when the image is the connector's marketplace appliance: how this cloud's args ask for it instead. */
    readonly appliance: string;
}

/**
 * Records an error unless an image is Windows Server 2022 or later with the Desktop Experience: as the catalogue
 * classifies it, or as the user declares it in the override (which wins, so that a custom image can be described).
 * The marketplace appliance is refused here: each cloud asks for it through its own args. `description` is how the
 * image is named in messages. Returns the declaration when it is well formed, for the host's summary to record.
 */
export function validateWindowsImage(
    description: string,
    classified: ImageInfo,
    imageOverride: DeclaredWindowsImage | undefined,
    issues: IssueCollector,
    field: (name: string) => string,
    names: ImageFieldNames,
): DeclaredWindowsImage | undefined {
    let info: ImageInfo = classified;
    let declared: DeclaredWindowsImage | undefined;
    if (imageOverride !== undefined) {
        if (
            typeof imageOverride !== "object" ||
            imageOverride === null ||
            !Number.isInteger(imageOverride.windowsServerVersion) ||
            typeof imageOverride.desktopExperience !== "boolean"
        ) {
            issues.error(
                field(names.override),
                imageOverride,
                "must be { windowsServerVersion: <year, e.g. 2022>, desktopExperience: true | false }",
            );
            return undefined;
        }
        declared = { windowsServerVersion: imageOverride.windowsServerVersion, desktopExperience: imageOverride.desktopExperience };
        info = declaredImageInfo(`${description} (declared)`, declared);
    }
    if (info.os === "appliance") {
        issues.error(field(names.image), description, names.appliance);
        return declared;
    }
    const verdict = judgeImage(info);
    if (verdict.verdict !== "ok") {
        const hint = verdict.verdict === "unknown" ? ` (${field(names.override)})` : "";
        issues.error(field(names.image), description, `${verdict.reason}${hint}`);
    }
    return declared;
}

/**
 * Records an error unless the user's extra tags (or labels) are a map of strings that leaves the keys the component
 * sets alone: policies recognise connector hosts by those.
 */
export function validateUserTags(tags: unknown, issues: IssueCollector, field: string): void {
    if (tags === undefined) {
        return;
    }
    if (typeof tags !== "object" || tags === null || Array.isArray(tags)) {
        issues.error(field, tags, "must be a map of tag names to string values");
        return;
    }
    for (const [key, value] of Object.entries(tags)) {
        if (typeof value !== "string") {
            issues.error(`${field}.${key}`, value, "tag values must be strings");
        }
        if (Object.values(TAG_KEYS).includes(key as (typeof TAG_KEYS)[keyof typeof TAG_KEYS])) {
            issues.error(
                `${field}.${key}`,
                value,
                "is set by the component (policies recognise connector hosts by it); remove it from tags",
            );
        }
    }
}

/**
 * Warns when hosts in `cloudRegion` are far from the group's region (connectors should sit near their group's region
 * and the apps they serve), or when the catalogue does not know the cloud region.
 */
export function warnIfFarFromGroupRegion(
    cloud: Cloud,
    cloudRegion: string,
    groupRegion: string | undefined,
    issues: IssueCollector,
    field: string,
): void {
    if (cloudRegion === "" || groupRegion === undefined) {
        return;
    }
    const near = groupRegionsNear(cloud, cloudRegion);
    if (near === undefined) {
        issues.warn(
            field,
            cloudRegion,
            `is not in the region catalogue, so its distance to the group's region "${groupRegion}" cannot be checked`,
        );
    } else if (!near.includes(groupRegion)) {
        const nearest = near[0] ?? "";
        const label = CONNECTOR_GROUP_REGIONS[nearest]?.displayName ?? nearest;
        issues.warn(
            field,
            cloudRegion,
            `is far from the group's region "${groupRegion}"; connectors should sit near the group's region (this ` +
                `location is nearest to "${nearest}", ${label})`,
        );
    }
}

/**
 * Records an error unless a bootstrap script is non-empty ASCII text. Windows PowerShell 5.1 reads a script without a
 * byte-order mark in the ANSI code page, so any other character would be misread.
 */
export function validateScriptText(script: unknown, issues: IssueCollector, field: string): void {
    if (typeof script !== "string" || script.trim() === "") {
        issues.error(field, script, "must be the PowerShell script text");
    } else if (/[\u0080-\uffff]/.test(script)) {
        issues.error(field, "(the script)", "must be ASCII: Windows PowerShell 5.1 would misread other characters");
    }
}

/** A standalone host's `computerName`: required, and a valid Windows computer name. */
export function validateComputerName(issues: IssueCollector, value: unknown): string | undefined {
    const computerName = requireString(issues, "computerName", value, "the Windows computer name");
    const problem = computerName === undefined ? undefined : computerNameProblem(computerName);
    if (problem !== undefined) {
        issues.error("computerName", computerName, problem);
    }
    return computerName;
}
