/**
 * The Windows image catalogue: which images make a supported connector host.
 *
 * The connector needs Windows Server with the Desktop Experience; Server Core is not formally supported. Windows
 * Server 2016 reaches end of life in January 2027, so the library requires 2022 or later. The marketplace appliances
 * come with the connector installed and are accepted as they are.
 */
import { type Cloud } from "./regions";

/** The oldest Windows Server release accepted for a connector host. */
export const MINIMUM_WINDOWS_SERVER_VERSION = 2022;

/** Windows Server 2016's end of life, quoted in messages. */
export const WINDOWS_SERVER_2016_END_OF_LIFE = "January 2027";

/** An Azure Marketplace image reference, as `azure-native` takes it. */
export interface AzureImageReference {
    readonly publisher?: string;
    readonly offer?: string;
    readonly sku?: string;
    readonly version?: string;
    /** A custom or gallery image id: the catalogue cannot tell what is inside it. */
    readonly id?: string;
}

/** The default image per cloud: Windows Server 2022 Datacenter with the Desktop Experience. */
export const DEFAULT_WINDOWS_IMAGE = {
    azure: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
    /** The SSM public parameter that resolves to the latest AMI. */
    aws: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
    gcp: "windows-cloud/windows-2022",
} as const;

/** The marketplace appliance's publisher and offer on Azure. */
export const AZURE_APPLIANCE_PUBLISHER = "microsoftcorporation1687208452115";
export const AZURE_APPLIANCE_OFFER = "entraprivatenetworkconnector";
/** The GCP project that publishes the appliance image. */
export const GCP_APPLIANCE_PROJECT = "ciem-entra";

/** What an image is. */
export interface ImageInfo {
    /** `windows-server`: a Windows Server image; `appliance`: the connector's marketplace appliance; `unknown`. */
    readonly os: "windows-server" | "appliance" | "unknown";
    /** The Windows Server release, e.g. 2022. */
    readonly version?: number;
    /** True for the Desktop Experience, false for Server Core. */
    readonly desktopExperience?: boolean;
    /** How the image was named, for messages. */
    readonly description: string;
}

/** The verdict on an image. */
export interface ImageVerdict {
    readonly verdict: "ok" | "server-core" | "too-old" | "unknown";
    readonly info: ImageInfo;
    /** Why the image is refused and what to use instead; empty when it is fine. */
    readonly reason: string;
}

function windows(version: number, desktopExperience: boolean, description: string): ImageInfo {
    return { os: "windows-server", version, desktopExperience, description };
}

function unknown(description: string): ImageInfo {
    return { os: "unknown", description };
}

/** Classifies an Azure image reference. */
export function classifyAzureImage(image: AzureImageReference): ImageInfo {
    if (image.id !== undefined && image.sku === undefined) {
        return unknown(`image id ${image.id}`);
    }
    const description = [image.publisher, image.offer, image.sku].join(":");
    const publisher = (image.publisher ?? "").toLowerCase();
    if (publisher === AZURE_APPLIANCE_PUBLISHER && (image.offer ?? "").toLowerCase() === AZURE_APPLIANCE_OFFER) {
        return { os: "appliance", description };
    }
    if (publisher !== "microsoftwindowsserver") {
        return unknown(description);
    }
    // SKUs: 2022-datacenter, 2022-datacenter-azure-edition, 2022-datacenter-g2, 2022-datacenter-core-g2,
    // 2016-datacenter-server-core, 2019-datacenter-core-smalldisk, 2025-datacenter-azure-edition, ...
    const sku = /^(\d{4})-(?:datacenter|standard)(.*)$/i.exec(image.sku ?? "");
    if (!sku) {
        return unknown(description);
    }
    return windows(Number(sku[1]), !/core/i.test(sku[2] ?? ""), description);
}

/**
 * Classifies an AWS image named by SSM public parameter or AMI name, e.g.
 * `/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base`. A bare AMI id is unknown.
 */
export function classifyAwsImage(image: string): ImageInfo {
    const name = image.split("/").pop() ?? image;
    const match = /Windows_Server-(\d{4})-[A-Za-z_]+?-(Full|Core)(?:-|$)/.exec(name);
    if (!match) {
        return unknown(image);
    }
    return windows(Number(match[1]), match[2] === "Full", image);
}

/**
 * Classifies a GCP image: `windows-cloud/windows-2022` (family), a full image URL, or an image name such as
 * `windows-server-2022-dc-v20240910`. The appliance lives in the `ciem-entra` project.
 */
export function classifyGcpImage(image: string): ImageInfo {
    if (new RegExp(`(^|/)(projects/)?${GCP_APPLIANCE_PROJECT}/`).test(image)) {
        return { os: "appliance", description: image };
    }
    const name = image.split("/").pop() ?? image;
    const match = /^windows(?:-server)?-(\d{4})(?:-dc)?(-core)?(?:-v\d+)?$/.exec(name);
    if (!match) {
        return unknown(image);
    }
    return windows(Number(match[1]), match[2] === undefined, image);
}

/** Classifies an image for one cloud. Azure takes a reference object; AWS and GCP take a name. */
export function classifyImage(cloud: Cloud, image: string | AzureImageReference): ImageInfo {
    if (cloud === "azure") {
        return classifyAzureImage(typeof image === "string" ? parseAzureImageUrn(image) : image);
    }
    const name = typeof image === "string" ? image : (image.sku ?? image.id ?? "");
    return cloud === "aws" ? classifyAwsImage(name) : classifyGcpImage(name);
}

/**
 * What a user declares about an image the catalogue cannot classify (a custom or gallery image): its release and
 * edition. The same rules are then applied to what they declared.
 */
export interface DeclaredWindowsImage {
    /** The Windows Server release, e.g. 2022. */
    readonly windowsServerVersion: number;
    /** True when the image has the Desktop Experience, false for Server Core. */
    readonly desktopExperience: boolean;
}

/** The image info for an image whose OS the user declared. */
export function declaredImageInfo(description: string, declared: DeclaredWindowsImage): ImageInfo {
    return windows(declared.windowsServerVersion, declared.desktopExperience, description);
}

/** Formats an Azure image reference the way the az CLI names images: `publisher:offer:sku:version`, or the id. */
export function formatAzureImage(image: AzureImageReference): string {
    if (image.id !== undefined && image.sku === undefined) {
        return image.id;
    }
    return [image.publisher, image.offer, image.sku, image.version ?? "latest"].join(":");
}

/** Parses an Azure image URN `publisher:offer:sku:version` (the az CLI form). */
export function parseAzureImageUrn(urn: string): AzureImageReference {
    const [publisher, offer, sku, version] = urn.split(":");
    if (sku === undefined) {
        return { id: urn };
    }
    return { publisher, offer, sku, version };
}

/** Judges an image against the host requirements. */
export function judgeImage(info: ImageInfo): ImageVerdict {
    if (info.os === "appliance") {
        return { verdict: "ok", info, reason: "" };
    }
    if (info.os === "unknown" || info.version === undefined) {
        return {
            verdict: "unknown",
            info,
            reason:
                `${info.description} is not a Windows Server image the catalogue recognises; use Windows Server ` +
                `${MINIMUM_WINDOWS_SERVER_VERSION} Datacenter with Desktop Experience, or, for a custom image, declare its ` +
                `Windows Server version and edition with an image override`,
        };
    }
    if (info.desktopExperience === false) {
        return {
            verdict: "server-core",
            info,
            reason:
                `${info.description} is Server Core; the connector needs the Desktop Experience (Server Core is not ` +
                `formally supported). Use the Desktop Experience image of Windows Server ${Math.max(info.version, MINIMUM_WINDOWS_SERVER_VERSION)}`,
        };
    }
    if (info.version < MINIMUM_WINDOWS_SERVER_VERSION) {
        const endOfLife =
            info.version === 2016 ? ` Windows Server 2016 reaches end of life in ${WINDOWS_SERVER_2016_END_OF_LIFE}.` : "";
        return {
            verdict: "too-old",
            info,
            reason:
                `${info.description} is Windows Server ${info.version}; connector hosts must run Windows Server ` +
                `${MINIMUM_WINDOWS_SERVER_VERSION} or later.${endOfLife}`,
        };
    }
    return { verdict: "ok", info, reason: "" };
}
