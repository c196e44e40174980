/**
 * Checks that connector hosts on every cloud share: the size against the connector minimum, the image against the
 * Windows rules, and the placement against the group's region. Each cloud's planner names its own fields and
 * examples; the rules and their wording are set here once.
 */
import { type IssueCollector } from "./errors";
import { type DeclaredWindowsImage, type ImageInfo, judgeImage } from "./images";
import { type Cloud, CONNECTOR_GROUP_REGIONS, groupRegionsNear } from "./regions";
import { formatCapacity, judgeSize, MINIMUM_CONNECTOR_CAPACITY, type VmCapacity } from "./sizes";

/** How a cloud's size check names things in its messages. */
export interface SizeWording {
    /** The size field, e.g. `azure.vmSize`. */
    readonly field: string;
    /** The size override field, e.g. `azure.sizeOverride`. */
    readonly overrideField: string;
    /** What a size is on this cloud, e.g. `an Azure VM size name`. */
    readonly shape: string;
    /** The catalogue, e.g. `the Azure size catalogue`. */
    readonly catalogue: string;
    /** A size that meets the minimum, for the advice. */
    readonly example: string;
}

/** Whether a stated capacity (a size override) is `{ vcpus, memoryGiB }` with positive numbers. */
export function isCapacity(value: VmCapacity): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        typeof value.vcpus === "number" &&
        typeof value.memoryGiB === "number" &&
        value.vcpus > 0 &&
        value.memoryGiB > 0
    );
}

/**
 * Records an error unless a size meets the connector minimum (at least 4 vCPU and 8 GiB): a size the catalogue does
 * not know needs its capacity stated in the override, and then the minimum applies to what is stated.
 */
export function validateHostSize(
    cloud: Cloud,
    size: unknown,
    sizeOverride: VmCapacity | undefined,
    issues: IssueCollector,
    wording: SizeWording,
): void {
    const { field, overrideField, example } = wording;
    if (typeof size !== "string" || size.trim() === "") {
        issues.error(field, size, `must be ${wording.shape} such as ${example}`);
        return;
    }
    if (sizeOverride !== undefined && !isCapacity(sizeOverride)) {
        issues.error(overrideField, sizeOverride, "must be { vcpus, memoryGiB } with positive numbers");
        return;
    }
    const verdict = judgeSize(cloud, size, sizeOverride);
    if (verdict.verdict === "unknown") {
        issues.error(
            field,
            size,
            `is not in ${wording.catalogue}, so its capacity cannot be checked; use a catalogued size such as ` +
                `${example}, or state its capacity with ${overrideField} ({ vcpus, memoryGiB })`,
        );
    } else if (verdict.verdict === "undersized" && verdict.capacity !== undefined) {
        const source = verdict.source === "override" ? ` (as stated in ${overrideField})` : "";
        issues.error(
            field,
            size,
            `has ${formatCapacity(verdict.capacity)}${source}; a connector host needs at least ` +
                `${formatCapacity(MINIMUM_CONNECTOR_CAPACITY)} (for example ${example})`,
        );
    }
}

/** Records an error unless an image override is `{ windowsServerVersion, desktopExperience }`. Returns whether it is. */
export function validateImageOverride(imageOverride: DeclaredWindowsImage, issues: IssueCollector, field: string): boolean {
    const valid =
        typeof imageOverride === "object" &&
        imageOverride !== null &&
        Number.isInteger(imageOverride.windowsServerVersion) &&
        typeof imageOverride.desktopExperience === "boolean";
    if (!valid) {
        issues.error(field, imageOverride, "must be { windowsServerVersion: <year, e.g. 2022>, desktopExperience: true | false }");
    }
    return valid;
}

/**
 * Records an error unless an image is Windows Server 2022 or later with the Desktop Experience. `shown` is how the
 * image is quoted; an image the catalogue cannot classify points at `overrideField`.
 */
export function validateWindowsImage(info: ImageInfo, shown: string, issues: IssueCollector, field: string, overrideField: string): void {
    const verdict = judgeImage(info);
    if (verdict.verdict !== "ok") {
        const hint = verdict.verdict === "unknown" ? ` (${overrideField})` : "";
        issues.error(field, shown, `${verdict.reason}${hint}`);
    }
}

/**
 * Warns when a cloud region is far from the group's region (connectors should sit near the group's region and the
 * apps they serve), or when the catalogue does not know it. Nothing is judged while either is unknown.
 */
export function warnIfFarFromRegion(
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
