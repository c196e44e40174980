/**
 * The fleet's agent-certificate expiries, as its calendar states them:
 * - no two expiries closer than the gap on the yearly cycle, or one missed renewal (or an outage at the wrong time)
 *   takes several connectors down at once;
 * - no expiry already past or within the due window (30 days by default): PKCS and SCEP delivery through that
 *   connector stops when it lapses (events 5001, 1003, 2).
 * Both are judged on the day the fleet computed its schedule for (its `today`).
 */
import { gapDays } from "../../intune/dates";
import { CONFIGURE_COMMAND } from "../../intune/facts";
import { findDueExpiries, findExpiryClashes, RENEWAL_SCHEDULE_DEFAULTS } from "../../intune/schedule";
import { Findings, NOT_APPLICABLE, resourcePolicy, type ConfigSchemaOf, type RuleResource, type RuleResult } from "../policy";
import { FLEET_TYPES, readFleet } from "./fleet";

/** Config of `intune-expiry-gap`. */
export interface ExpiryGapConfig {
    /** The least gap, in months; 0 takes each fleet's own `expiryGapMonths`. */
    minimumGapMonths: number;
}

/** Config of `intune-expiry-not-due`. */
export interface ExpiryDueConfig {
    /** Expiries this many days away, or fewer, are violations. */
    withinDays: number;
}

const expiryGapConfig: ConfigSchemaOf<ExpiryGapConfig> = {
    minimumGapMonths: {
        type: "integer",
        minimum: 0,
        maximum: 12,
        default: 0,
        description:
            "The least gap between two certificate connectors' agent-certificate expiries, in months (a month counts as " +
            "the shortest run of calendar months: 3 months = 89 days). 0 takes each fleet's own expiryGapMonths.",
    },
};

const expiryDueConfig: ConfigSchemaOf<ExpiryDueConfig> = {
    withinDays: {
        type: "integer",
        minimum: 0,
        default: RENEWAL_SCHEDULE_DEFAULTS.dueWithinDays,
        description: "An agent certificate that expires within this many days (or has expired) is a violation.",
    },
};

function months(count: number): string {
    return `${count} month${count === 1 ? "" : "s"}`;
}

/** Finds two hosts of a fleet whose agent certificates expire closer than the gap. */
export function checkExpiryGap(resource: RuleResource, config: ExpiryGapConfig): RuleResult | typeof NOT_APPLICABLE {
    const fleet = readFleet(resource);
    if (fleet === undefined) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    fleet.unknowns.forEach((unknown) => findings.undetermined(unknown));
    const gapMonths = config.minimumGapMonths > 0 ? config.minimumGapMonths : (fleet.expiryGapMonths ?? RENEWAL_SCHEDULE_DEFAULTS.expiryGapMonths);
    const gap = gapDays(gapMonths);
    for (const clash of findExpiryClashes(fleet.expiries, gap)) {
        const [a, b] = clash.machineNames;
        const [aDate, bDate] = clash.expiryDates;
        findings.violation(
            `${fleet.label}: the agent certificates of ${a} (expires ${aDate}) and ${b} (expires ${bDate}) expire ` +
                `${clash.daysApart} days apart on the yearly cycle, closer than ${months(gapMonths)} (${gap} days), so one ` +
                "missed renewal or outage can stop PKCS and SCEP delivery on both. Re-enrol one of them on the date the " +
                "fleet's calendar gives, then update its enrolmentDates.",
        );
    }
    return findings.result;
}

/** Finds agent certificates that have expired or expire within the due window. */
export function checkExpiryNotDue(resource: RuleResource, config: ExpiryDueConfig): RuleResult | typeof NOT_APPLICABLE {
    const fleet = readFleet(resource);
    if (fleet === undefined) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    fleet.unknowns.forEach((unknown) => findings.undetermined(unknown));
    if (fleet.today === undefined) {
        return findings.result;
    }
    for (const due of findDueExpiries(fleet.expiries, fleet.today, config.withinDays)) {
        const when =
            due.daysLeft < 0
                ? `expired on ${due.expiryDate} (${-due.daysLeft} days ago)`
                : `expires on ${due.expiryDate} (in ${due.daysLeft} days, within ${config.withinDays})`;
        findings.violation(
            `${fleet.label}: the agent certificate of ${due.machineName} ${when}; PKCS and SCEP delivery through this ` +
                "connector stops when it lapses (events 5001, 1003 and 2 in Microsoft-Intune-CertificateConnectors/" +
                `Operational). Re-enrol it now (${CONFIGURE_COMMAND} on the host, or reinstall), then update its enrolmentDates.`,
        );
    }
    return findings.result;
}

/** `intune-expiry-gap`: a fleet's agent certificates expire at least the gap apart. */
export const intuneExpiryGap = resourcePolicy({
    name: "intune-expiry-gap",
    description:
        "The agent certificates of a Certificate Connector fleet must expire at least the gap apart (the fleet's " +
        "expiryGapMonths, default 3 months) on the yearly cycle, so that they never all lapse together.",
    enforcementLevel: "mandatory",
    remediationSteps: "Re-enrol connectors on the dates of the fleet's renewal calendar, then update enrolmentDates.",
    config: expiryGapConfig,
    resourceTypes: FLEET_TYPES,
    check: checkExpiryGap,
});

/** `intune-expiry-not-due`: no agent certificate of a fleet has expired or expires within 30 days. */
export const intuneExpiryNotDue = resourcePolicy({
    name: "intune-expiry-not-due",
    description: "No agent certificate of a Certificate Connector fleet may have expired or expire within 30 days (configurable).",
    enforcementLevel: "mandatory",
    remediationSteps: "Re-enrol the connector (rerun its configuration wizard, or reinstall), then update enrolmentDates.",
    config: expiryDueConfig,
    resourceTypes: FLEET_TYPES,
    check: checkExpiryNotDue,
});
