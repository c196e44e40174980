/**
 * Connector host image: Windows Server 2022 or later with the Desktop Experience (or the marketplace appliance).
 * Server Core is refused; Windows Server 2016 is refused with its January 2027 end of life in the message. An image the
 * catalogue cannot read (a custom image, a bare AMI id) is flagged until its OS is declared: by the component that
 * builds the host (its `imageOverride`, recorded in the host's summary) or in this policy's config, which wins.
 */
import { DEFAULT_WINDOWS_IMAGE, judgeImage, MINIMUM_WINDOWS_SERVER_VERSION, type ImageInfo } from "../model/images";
import { type HostImage } from "./hosts";
import { HOST_SUBJECT_TYPES, hostSubjects } from "./hostSubjects";
import {
    Findings,
    NOT_APPLICABLE,
    PolicyConfigError,
    resourcePolicy,
    type ConfigSchemaOf,
    type RuleResource,
    type RuleResult,
} from "./policy";
import { isUnknown } from "./read";

const POLICY_NAME = "connector-host-windows-image";

/** What a user declares about an image the catalogue cannot read. */
export interface ImageOverride {
    /** The Windows Server release, e.g. 2022. */
    windowsServerVersion?: number;
    /** True for the Desktop Experience, false for Server Core. */
    desktopExperience?: boolean;
    /** True when the image is the connector's marketplace appliance. */
    appliance?: boolean;
}

/** Config of `connector-host-windows-image`. */
export interface HostImageConfig {
    /** What images the catalogue cannot read are, by the name the resource gives them. */
    imageOverrides: Record<string, ImageOverride>;
}

const hostImageConfig: ConfigSchemaOf<HostImageConfig> = {
    imageOverrides: {
        type: "object",
        additionalProperties: {
            type: "object",
            properties: {
                windowsServerVersion: { type: "integer", minimum: 2008 },
                desktopExperience: { type: "boolean" },
                appliance: { type: "boolean" },
            },
        },
        default: {},
        description:
            "What images the catalogue cannot read are, keyed as the resource names the image (an AMI id, an Azure " +
            'image id or publisher:offer:sku, a GCP image), e.g. {"ami-0123456789abcdef0": {"windowsServerVersion": ' +
            '2022, "desktopExperience": true}} or {"<appliance AMI>": {"appliance": true}}.',
    },
};

function declaredImage(config: HostImageConfig, image: HostImage): ImageInfo | undefined {
    const override = config.imageOverrides[image.key];
    if (override === undefined) {
        return undefined;
    }
    const description = `${image.key} (declared in imageOverrides)`;
    if (override.appliance === true) {
        return { os: "appliance", description };
    }
    if (typeof override.windowsServerVersion !== "number" || typeof override.desktopExperience !== "boolean") {
        throw new PolicyConfigError(
            POLICY_NAME,
            `imageOverrides.${image.key}`,
            override,
            "must give windowsServerVersion (a number) and desktopExperience (true or false), or appliance: true",
        );
    }
    return { os: "windows-server", version: override.windowsServerVersion, desktopExperience: override.desktopExperience, description };
}

/** Judges the image of every connector host a resource describes. */
export function checkHostImage(resource: RuleResource, config: HostImageConfig): RuleResult | typeof NOT_APPLICABLE {
    const found = hostSubjects(resource);
    if (found === NOT_APPLICABLE) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    found.unknowns.forEach((unknown) => findings.undetermined(unknown));
    for (const host of found.subjects) {
        const { image } = host;
        if (isUnknown(image)) {
            findings.undetermined(image);
            continue;
        }
        if (image === undefined) {
            findings.violation(
                `${host.label} names no image (${host.imageField}), so its OS cannot be checked. Use Windows Server ` +
                    `${MINIMUM_WINDOWS_SERVER_VERSION} Datacenter with Desktop Experience (${describeDefault(host.cloud)}).`,
            );
            continue;
        }
        const verdict = judgeImage(declaredImage(config, image) ?? image.info);
        if (verdict.verdict !== "ok") {
            const howToDeclare = verdict.verdict === "unknown" ? ` under imageOverrides in the ${POLICY_NAME} policy config` : "";
            const message = `${host.label}: ${verdict.reason}${howToDeclare}`;
            findings.violation(message.endsWith(".") ? message : `${message}.`);
        }
    }
    return findings.result;
}

function describeDefault(cloud: keyof typeof DEFAULT_WINDOWS_IMAGE): string {
    const image = DEFAULT_WINDOWS_IMAGE[cloud];
    return typeof image === "string" ? image : `${image.publisher}:${image.offer}:${image.sku}`;
}

/** `connector-host-windows-image`: Windows Server 2022 or later, Desktop Experience. */
export const connectorHostWindowsImage = resourcePolicy({
    name: POLICY_NAME,
    description:
        `Connector hosts must run Windows Server ${MINIMUM_WINDOWS_SERVER_VERSION} or later with the Desktop ` +
        "Experience (Server Core is not supported; Windows Server 2016 reaches end of life in January 2027).",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use a Windows Server 2022 (or later) Datacenter image with the Desktop Experience, or the marketplace " +
        "appliance; declare custom images with the host's imageOverride or under imageOverrides.",
    config: hostImageConfig,
    resourceTypes: HOST_SUBJECT_TYPES,
    check: checkHostImage,
});
