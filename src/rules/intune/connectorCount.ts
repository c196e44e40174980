/**
 * At least N certificate connectors (N defaults to 2): with one, a failure or an expired agent certificate stops PKCS
 * and SCEP delivery. Counted per CertificateConnectorFleet (from its summary), and for Intune certificate connector
 * hosts built by hand (VMs tagged `connector-kind: intune-certificate` outside a fleet) per `connector-group` tag.
 */
import { CONNECTOR_KINDS, COMPONENT_TYPES, TAG_KEYS } from "../../model/contract";
import { HOST_READERS, hostLabel } from "../hosts";
import { Findings, stackPolicy, type ConfigSchemaOf, type RuleResult, type StackResource } from "../policy";
import { isInside, isUnknown, type Unknown } from "../read";
import { readFleet } from "./fleet";

const POLICY_NAME = "intune-min-certificate-connectors";

/** Config of `intune-min-certificate-connectors`. */
export interface CertificateConnectorCountConfig {
    /** The fewest certificate connectors a fleet (or a tag group of hand-built hosts) may have. */
    minConnectors: number;
}

const countConfig: ConfigSchemaOf<CertificateConnectorCountConfig> = {
    minConnectors: {
        type: "integer",
        minimum: 1,
        default: 2,
        description: "The fewest certificate connectors each Certificate Connector fleet (or tag group of hand-built hosts) must have.",
    },
};

interface Counted {
    readonly label: string;
    /** Where the violation is reported: the fleet, or the first hand-built host. */
    readonly urn: string;
    readonly connectors: string[];
}

/** The `connector-group` tag of a VM tagged as an Intune certificate connector outside a fleet; null when untagged. */
function handBuiltGroup(resource: StackResource, unknowns: Unknown[]): { group: string | null; label: string } | undefined {
    const reader = HOST_READERS.get(resource.type);
    if (reader === undefined || isInside(resource.urn, COMPONENT_TYPES.CertificateConnectorFleet)) {
        return undefined;
    }
    const tags = reader.tags(resource);
    const kind = tags === undefined || isUnknown(tags) ? tags : tags.get(TAG_KEYS.connectorKind);
    if (isUnknown(kind)) {
        unknowns.push(kind);
        return undefined;
    }
    if (kind !== CONNECTOR_KINDS.intuneCertificate || tags === undefined || isUnknown(tags)) {
        return undefined;
    }
    const group = tags.get(TAG_KEYS.connectorGroup);
    if (isUnknown(group)) {
        unknowns.push(group);
        return undefined;
    }
    const name = reader.machineName(resource);
    return { group: group ?? null, label: typeof name === "string" ? name : hostLabel(reader, resource) };
}

/** Counts the certificate connectors of every fleet, and of hand-built hosts per tag. */
export function checkCertificateConnectorCount(resources: readonly StackResource[], config: CertificateConnectorCountConfig): RuleResult {
    const findings = new Findings();
    const unknowns: Unknown[] = [];
    const counted: Counted[] = [];
    const handBuilt = new Map<string | null, Counted>();
    for (const resource of resources) {
        const fleet = readFleet(resource);
        if (fleet !== undefined) {
            unknowns.push(...fleet.unknowns);
            counted.push({ label: fleet.label, urn: resource.urn, connectors: [...fleet.machineNames] });
            continue;
        }
        const host = handBuiltGroup(resource, unknowns);
        if (host !== undefined) {
            const entry = handBuilt.get(host.group) ?? {
                label:
                    host.group === null
                        ? "Intune certificate connector hosts without a connector-group tag"
                        : `Intune certificate connector hosts tagged connector-group "${host.group}"`,
                urn: resource.urn,
                connectors: [],
            };
            entry.connectors.push(host.label);
            handBuilt.set(host.group, entry);
        }
    }
    unknowns.forEach((unknown) => findings.undetermined(unknown));
    for (const { label, urn, connectors } of [...counted, ...handBuilt.values()]) {
        if (connectors.length >= config.minConnectors) {
            continue;
        }
        const names = connectors.length > 0 ? ` (${connectors.join(", ")})` : "";
        findings.violation(
            `${label}: ${connectors.length} certificate connector${connectors.length === 1 ? "" : "s"}${names}; ` +
                `at least ${config.minConnectors} are needed, so that PKCS and SCEP delivery survives one connector's ` +
                `failure or expired agent certificate. Add connector hosts, or lower minConnectors in the ${POLICY_NAME} ` +
                "policy config.",
            urn,
        );
    }
    return findings.result;
}

/** `intune-min-certificate-connectors`: every fleet has at least N certificate connectors. */
export const intuneMinCertificateConnectors = stackPolicy({
    name: POLICY_NAME,
    description: "Certificate Connectors for Microsoft Intune must come at least two at a time (configurable), per fleet.",
    enforcementLevel: "mandatory",
    remediationSteps: "Add certificate connector hosts, with enrolments staggered so that their certificates expire apart.",
    config: countConfig,
    check: checkCertificateConnectorCount,
});
