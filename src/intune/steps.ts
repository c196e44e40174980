/**
 * The steps that still need a person at each host. The connector installs unattended, but its configuration wizard
 * signs in to Entra ID interactively (no unattended form is documented), and so does every re-enrolment. These steps
 * come from the renewal calendar: each host's first configuration, each planned re-enrolment and, when certificates
 * cannot renew by themselves, the next yearly reinstall.
 */
import { type DayNumber, formatIsoDate, parseIsoDate } from "./dates";
import { CONFIGURE_COMMAND, FEATURE_LABELS, NON_ADMIN_RENEWAL_FAILURE } from "./facts";
import { type ReEnrolmentReason, type RenewalCalendar } from "./schedule";
import { RENEWAL_MODES, serviceAccountChoice } from "./serviceAccount";

/** What a step does. */
export const INTERACTIVE_ACTIONS = {
    /** The first run of the configuration wizard: signs in and enrols the agent certificate. */
    configure: "configure",
    /** A rerun of the wizard that enrols a new agent certificate, on a date the calendar sets. */
    reEnrol: "reEnrol",
    /** The yearly reinstall (or wizard rerun) that a connector whose certificate cannot renew needs. */
    reinstall: "reinstall",
} as const;

/** One step that needs an interactive sign-in on a host. */
export interface InteractiveStep {
    readonly machineName: string;
    /** `YYYY-MM-DD`: the day to do it (today for what is due now). */
    readonly date: string;
    readonly action: string;
    /** Why, in one sentence. */
    readonly reason: string;
    /** What to run, in an elevated PowerShell on the host. */
    readonly command: string;
}

/** What the steps are derived from. */
export interface StepSettings {
    readonly features: readonly string[];
    /** The domain service account, or undefined for SYSTEM. */
    readonly serviceAccountName: string | undefined;
    readonly renewal: string;
    readonly expiryWarningDays: number;
}

const RE_ENROLMENT_REASONS: Readonly<Record<ReEnrolmentReason, string>> = {
    due: "the agent certificate has expired or expires within the due window: re-enrol now",
    stagger: "moves this connector's certificate expiry away from the others' (staggered renewal calendar)",
    bridge: "renews early so that the certificate lasts until its staggered re-enrolment",
};

/** What the wizard's pages should be set to, in one sentence. */
export function configurationInstructions(settings: Pick<StepSettings, "features" | "serviceAccountName">): string {
    const features = settings.features.map((feature) => FEATURE_LABELS[feature] ?? feature).join(", ");
    return (
        `Run ${CONFIGURE_COMMAND} in an elevated PowerShell on the host. Features: ${features}. Service Account: ` +
        `${serviceAccountChoice(settings.serviceAccountName)}. Sign in as a Global Administrator or Intune ` +
        "Administrator who has an Intune license (a synchronised account)."
    );
}

/** The interactive steps of a fleet, soonest first. */
export function interactiveSteps(calendar: RenewalCalendar, settings: StepSettings): InteractiveStep[] {
    const today = parseIsoDate(calendar.today) as DayNumber;
    const steps: InteractiveStep[] = [];
    const add = (machineName: string, day: DayNumber, action: string, reason: string): void => {
        steps.push({ machineName, date: formatIsoDate(Math.max(day, today)), action, reason, command: CONFIGURE_COMMAND });
    };
    for (const entry of calendar.entries) {
        const enrolment = parseIsoDate(entry.enrolmentDate) as DayNumber;
        if (enrolment >= today) {
            add(
                entry.machineName,
                enrolment,
                INTERACTIVE_ACTIONS.configure,
                "configure the connector on this date: its agent certificate then expires apart from the others' (a host " +
                    "configured earlier, to serve sooner, must rerun the wizard on this date)",
            );
        }
        for (const reEnrolment of entry.reEnrolments) {
            add(entry.machineName, parseIsoDate(reEnrolment.date) as DayNumber, INTERACTIVE_ACTIONS.reEnrol, RE_ENROLMENT_REASONS[reEnrolment.reason]);
        }
        if (settings.renewal === RENEWAL_MODES.yearlyReinstall) {
            const expiry = parseIsoDate(entry.plannedExpiryDate) as DayNumber;
            add(
                entry.machineName,
                expiry - settings.expiryWarningDays,
                INTERACTIVE_ACTIONS.reinstall,
                `reinstall before ${entry.plannedExpiryDate}: ${NON_ADMIN_RENEWAL_FAILURE}`,
            );
        }
    }
    return steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.machineName.localeCompare(b.machineName)));
}
