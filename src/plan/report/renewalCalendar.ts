/**
 * The renewal-calendar section: for each CertificateConnectorFleet, its hosts' agent-certificate enrolments and
 * expiries, the re-enrolments that keep the expiries apart, the next expiry, and any two expiries that are too close
 * or due. It is read from the summary each fleet registers (`CertificateConnectorFleetSummary`), which the component
 * computes with the same schedule functions the policies use.
 */
import { COMPONENT_TYPES } from "../../model";
import { type CalendarEntry, type ExpiryClash, type ExpiryInfo, type RenewalCalendar } from "../../intune/schedule";
import { redactSecrets } from "../properties";
import { columns, type ReportSection } from "./section";

/** One fleet in the section. */
export interface RenewalCalendarFleet {
    /** The fleet's resource name. */
    name: string;
    urn: string;
    displayName: string;
    /** The day the fleet computed its schedule for. */
    today: string;
    expiryGapMonths: number;
    gapDays: number;
    /** `automatic` or `yearlyReinstall`. */
    renewal: string;
    /** `SYSTEM` or the domain account. */
    serviceAccount: string;
    hosts: CalendarEntry[];
    nextExpiry?: ExpiryInfo;
    tooClose: ExpiryClash[];
    due: ExpiryInfo[];
}

/** The section's data: `renewalCalendar` in the JSON document. */
export interface RenewalCalendarReport {
    fleets: RenewalCalendarFleet[];
}

interface FleetProps {
    displayName?: string;
    renewal?: string;
    serviceAccount?: string;
    calendar?: RenewalCalendar;
}

function daysText(days: number): string {
    if (days < 0) {
        return `${-days} day${days === -1 ? "" : "s"} ago`;
    }
    return days === 0 ? "today" : `in ${days} day${days === 1 ? "" : "s"}`;
}

function reEnrolmentText(entry: CalendarEntry): string {
    return entry.reEnrolments.length === 0 ? "-" : entry.reEnrolments.map((event) => `${event.date} (${event.reason})`).join(", ");
}

export const renewalCalendarSection: ReportSection<RenewalCalendarReport> = {
    key: "renewalCalendar",
    build(context) {
        const fleets: RenewalCalendarFleet[] = [];
        for (const resource of context.resources) {
            if (resource.type !== COMPONENT_TYPES.CertificateConnectorFleet) {
                continue;
            }
            const props = redactSecrets(resource.inputs) as FleetProps;
            const calendar = props.calendar;
            if (calendar === undefined) {
                continue;
            }
            fleets.push({
                name: resource.name,
                urn: resource.urn,
                displayName: props.displayName ?? resource.name,
                today: calendar.today,
                expiryGapMonths: calendar.expiryGapMonths,
                gapDays: calendar.gapDays,
                renewal: props.renewal ?? "automatic",
                serviceAccount: props.serviceAccount ?? "SYSTEM",
                hosts: [...calendar.entries],
                ...(calendar.nextExpiry === undefined ? {} : { nextExpiry: calendar.nextExpiry }),
                tooClose: [...calendar.tooClose],
                due: [...calendar.due],
            });
        }
        return { fleets };
    },
    render({ fleets }) {
        if (fleets.length === 0) {
            return [];
        }
        const lines = ["Renewal calendar (Intune certificate connectors' agent certificates):"];
        for (const fleet of fleets) {
            const renewal = fleet.renewal === "yearlyReinstall" ? "reinstall yearly (service account not a local administrator)" : "renews itself";
            lines.push(
                `  CertificateConnectorFleet ${fleet.name} on ${fleet.today}: expiries at least ${fleet.expiryGapMonths} months ` +
                    `(${fleet.gapDays} days) apart; runs as ${fleet.serviceAccount}, ${renewal}`,
            );
            const rows = [["Host", "Enrolled", "Expires", "Re-enrol on", "Then expires"]];
            for (const host of fleet.hosts) {
                rows.push([host.machineName, host.enrolmentDate, host.expiryDate, reEnrolmentText(host), host.plannedExpiryDate]);
            }
            lines.push(...columns(rows, "    "));
            lines.push(
                fleet.nextExpiry === undefined
                    ? "    Next expiry: none ahead (every agent certificate has expired)"
                    : `    Next expiry: ${fleet.nextExpiry.machineName} on ${fleet.nextExpiry.expiryDate} (${daysText(fleet.nextExpiry.daysLeft)})`,
            );
            if (fleet.tooClose.length === 0) {
                lines.push("    Too close: none");
            }
            for (const clash of fleet.tooClose) {
                lines.push(
                    `    Too close: ${clash.machineNames[0]} (${clash.expiryDates[0]}) and ${clash.machineNames[1]} ` +
                        `(${clash.expiryDates[1]}) expire ${clash.daysApart} days apart on the yearly cycle`,
                );
            }
            for (const due of fleet.due) {
                lines.push(`    Due: ${due.machineName} ${due.daysLeft < 0 ? "expired" : "expires"} on ${due.expiryDate} (${daysText(due.daysLeft)})`);
            }
        }
        return lines;
    },
};
