/**
 * Connector host size: at least 4 vCPU and 8 GiB, from the per-cloud catalogues. A size the catalogue does not know is
 * flagged, never passed, until its capacity is declared: by the component that builds the host (its `sizeOverride`,
 * recorded in the host's summary) or in this policy's config, which wins.
 */
import { DEFAULT_VM_SIZE, formatCapacity, judgeSize, MINIMUM_CONNECTOR_CAPACITY, type VmCapacity } from "../model/sizes";
import { type Cloud } from "../model/regions";
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

const POLICY_NAME = "connector-host-min-size";

/** Config of `connector-host-min-size`. */
export interface HostSizeConfig {
    /** Capacity of sizes the catalogue does not know (or knows differently), by size name. */
    sizeOverrides: Record<string, VmCapacity>;
}

const hostSizeConfig: ConfigSchemaOf<HostSizeConfig> = {
    sizeOverrides: {
        type: "object",
        additionalProperties: {
            type: "object",
            properties: { vcpus: { type: "integer", minimum: 1 }, memoryGiB: { type: "number", minimum: 0 } },
            required: ["vcpus", "memoryGiB"],
        },
        default: {},
        description:
            "Capacity of VM sizes the catalogue does not know, by size name, e.g. " +
            '{"Standard_D4plds_v6": {"vcpus": 4, "memoryGiB": 8}}. The minimum applies to what is declared here.',
    },
};

const MINIMUM = formatCapacity(MINIMUM_CONNECTOR_CAPACITY);

function overrideFor(config: HostSizeConfig, cloud: Cloud, size: string): VmCapacity | undefined {
    const entries = Object.entries(config.sizeOverrides);
    // Azure matches size names case-insensitively, as its API does.
    const entry = entries.find(([name]) => name === size) ?? (cloud === "azure" ? entries.find(([name]) => name.toLowerCase() === size.toLowerCase()) : undefined);
    if (entry === undefined) {
        return undefined;
    }
    const [name, capacity] = entry;
    if (typeof capacity?.vcpus !== "number" || typeof capacity.memoryGiB !== "number") {
        throw new PolicyConfigError(POLICY_NAME, `sizeOverrides.${name}`, capacity, "must give vcpus and memoryGiB as numbers");
    }
    return capacity;
}

/** Judges the size of every connector host a resource describes. */
export function checkHostSize(resource: RuleResource, config: HostSizeConfig): RuleResult | typeof NOT_APPLICABLE {
    const found = hostSubjects(resource);
    if (found === NOT_APPLICABLE) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    found.unknowns.forEach((unknown) => findings.undetermined(unknown));
    for (const host of found.subjects) {
        const { size, cloud } = host;
        const example = DEFAULT_VM_SIZE[cloud];
        if (isUnknown(size)) {
            findings.undetermined(size);
        } else if (size === undefined) {
            findings.violation(
                `${host.label} names no size (${host.sizeField}), so its capacity cannot be checked. Set a size ` +
                    `with at least ${MINIMUM}, e.g. ${example}.`,
            );
        } else {
            const configured = overrideFor(config, cloud, size);
            const verdict = judgeSize(cloud, size, configured ?? host.declaredCapacity);
            if (verdict.verdict === "undersized" && verdict.capacity) {
                const declared =
                    verdict.source !== "override" ? "" : configured === undefined ? " as declared by sizeOverride" : " as declared in sizeOverrides";
                findings.violation(
                    `${host.label} uses size "${size}" (${formatCapacity(verdict.capacity)}${declared}), below the ` +
                        `connector minimum of ${MINIMUM}. Use a size with at least ${MINIMUM}, e.g. ${example}.`,
                );
            } else if (verdict.verdict === "unknown") {
                findings.violation(
                    `${host.label} uses size "${size}", which the ${cloud} size catalogue does not know, so its ` +
                        `capacity cannot be checked. Use a catalogued size such as ${example}, or declare the size's ` +
                        `capacity under sizeOverrides in the ${POLICY_NAME} policy config.`,
                );
            }
        }
    }
    return findings.result;
}

/** `connector-host-min-size`: every connector host has at least 4 vCPU and 8 GiB. */
export const connectorHostMinSize = resourcePolicy({
    name: POLICY_NAME,
    description: `Connector hosts must have at least ${MINIMUM} (Microsoft's minimum for the connector).`,
    enforcementLevel: "mandatory",
    remediationSteps:
        "Pick a VM size with at least 4 vCPU and 8 GiB; for a size the catalogue does not know, declare its capacity " +
        "with the host's sizeOverride or under sizeOverrides.",
    config: hostSizeConfig,
    resourceTypes: HOST_SUBJECT_TYPES,
    check: checkHostSize,
});
