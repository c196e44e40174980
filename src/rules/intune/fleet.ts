/**
 * The CertificateConnectorFleet summary (`CertificateConnectorFleetSummary`), as the rules read it: from a fleet's
 * inputs (resource policies) or its outputs (stack policies), which carry the same summary.
 */
import { COMPONENT_TYPES } from "../../model/contract";
import { type DayNumber, parseIsoDate } from "../../intune/dates";
import { type Expiry } from "../../intune/schedule";
import { type RuleResource } from "../policy";
import { isUnknown, read, readElements, readString, type Unknown } from "../read";

/** A fleet's summary, as far as the rules need it. */
export interface FleetView {
    /** How messages name the fleet: `CertificateConnectorFleet "pki"`. */
    readonly label: string;
    readonly features: readonly string[];
    readonly serviceAccountModel: string | undefined;
    readonly serviceAccount: string | undefined;
    readonly machineNames: readonly string[];
    /** The day the fleet computed its schedule for; undefined when the summary does not say. */
    readonly today: DayNumber | undefined;
    readonly expiryGapMonths: number | undefined;
    /** Each host's current agent-certificate expiry, from the calendar. */
    readonly expiries: readonly Expiry[];
    /** Values unknown during preview. */
    readonly unknowns: readonly Unknown[];
}

/** The resource types a fleet rule applies to. */
export const FLEET_TYPES: readonly string[] = [COMPONENT_TYPES.CertificateConnectorFleet];

/** Whether a resource is a CertificateConnectorFleet component. */
export function isFleetComponent(resource: RuleResource): boolean {
    return resource.type === COMPONENT_TYPES.CertificateConnectorFleet;
}

function strings(root: unknown, key: string, unknowns: Unknown[]): string[] {
    return readElements(root, [key], unknowns)
        .map(([, value]) => value)
        .filter((value): value is string => typeof value === "string");
}

/** Reads a fleet's summary; undefined when the resource is not a fleet, or its props carry no summary. */
export function readFleet(resource: RuleResource): FleetView | undefined {
    if (!isFleetComponent(resource)) {
        return undefined;
    }
    const unknowns: Unknown[] = [];
    const displayName = readString(resource.props, "displayName");
    if (displayName === undefined) {
        return undefined;
    }
    const known = <T>(value: T | Unknown | undefined): T | undefined => {
        if (isUnknown(value)) {
            unknowns.push(value);
            return undefined;
        }
        return value;
    };
    const machineNames = readElements(resource.props, ["hosts"], unknowns)
        .map(([, host]) => readString(host, "machineName"))
        .filter((name): name is string => typeof name === "string");
    const expiries: Expiry[] = [];
    for (const [, entry] of readElements(resource.props, ["calendar", "entries"], unknowns)) {
        const machineName = known(readString(entry, "machineName"));
        const expiryDate = parseIsoDate(known(readString(entry, "expiryDate")));
        if (machineName !== undefined && expiryDate !== undefined) {
            expiries.push({ machineName, expiryDate });
        }
    }
    const gap = known(read(resource.props, "expiryGapMonths"));
    return {
        label: `CertificateConnectorFleet "${resource.name}"`,
        features: strings(resource.props, "features", unknowns),
        serviceAccountModel: known(readString(resource.props, "serviceAccountModel")),
        serviceAccount: known(readString(resource.props, "serviceAccount")),
        machineNames,
        today: parseIsoDate(known(readString(resource.props, "today"))),
        expiryGapMonths: typeof gap === "number" ? gap : undefined,
        expiries,
        unknowns,
    };
}
