/**
 * The renewal schedule of a fleet of Certificate Connectors for Microsoft Intune, as pure functions.
 *
 * Each connector's agent certificate is valid for one year from its enrolment. If every connector enrolled at about
 * the same time, every certificate expires at once and PKCS/SCEP delivery stops. The remedy is to stagger enrolments
 * so that expiries stay at least a gap apart on the yearly cycle (they recur every year, whether the certificate
 * renews itself or the connector is reinstalled).
 *
 * From each host's enrolment date and "today", {@link planRenewalCalendar} computes each certificate's expiry and a
 * re-enrolment calendar (rerun the configuration wizard, or reinstall, on given dates) after which every expiry is at
 * least the gap from every other. "Today" is always an argument: only the component reads the clock.
 */
import {
    addYears,
    cycleDistance,
    cyclePosition,
    DAYS_IN_CYCLE,
    type DayNumber,
    formatIsoDate,
    gapDays,
    nextDayAtPosition,
} from "./dates";
import { AGENT_CERTIFICATE_VALIDITY_YEARS } from "./facts";

/** Months in the yearly cycle the gaps share. */
export const MONTHS_IN_YEAR = 12;

/** Defaults of the schedule's settings. */
export const RENEWAL_SCHEDULE_DEFAULTS = {
    /** Expiries at least three months apart: the source article's "stagger by a few months". */
    expiryGapMonths: 3,
    /** An expiry this close (or past) needs action now. */
    dueWithinDays: 30,
} as const;

/** The expiry of an agent certificate enrolled on `enrolment`. */
export function expiryOf(enrolment: DayNumber): DayNumber {
    return addYears(enrolment, AGENT_CERTIFICATE_VALIDITY_YEARS);
}

/** Why `count` expiries cannot be kept `gapMonths` apart in a year, or undefined when they can. */
export function gapFitProblem(count: number, gapMonths: number): string | undefined {
    if (count < 2 || count * gapMonths <= MONTHS_IN_YEAR) {
        return undefined;
    }
    const largest = Math.floor(MONTHS_IN_YEAR / count);
    const remedy =
        largest >= 1
            ? `use a gap of at most ${largest} month${largest === 1 ? "" : "s"} for ${count} connectors`
            : `no gap of a whole month fits more than ${MONTHS_IN_YEAR} connectors: split them into fleets of at most ${MONTHS_IN_YEAR}`;
    return (
        `${count} connectors cannot keep their agent certificates' expiries ${gapMonths} months apart: ` +
        `${count} x ${gapMonths} months is more than the ${MONTHS_IN_YEAR} months of a year; ${remedy}`
    );
}

/**
 * Enrolment dates spread evenly across the year from `today`: the first host enrols today, the others at equal steps
 * (365 / count days), so that their expiries are as far apart as a year allows.
 */
export function spreadEnrolmentDates(today: DayNumber, count: number): DayNumber[] {
    return Array.from({ length: count }, (_, index) => today + Math.floor((index * DAYS_IN_CYCLE) / count));
}

/** One host of the schedule. */
export interface ScheduleHost {
    readonly machineName: string;
    /** When its current agent certificate was (or will be) enrolled. */
    readonly enrolmentDate: DayNumber;
}

/** The schedule's settings. */
export interface ScheduleOptions {
    readonly today: DayNumber;
    /** 1 to 12. */
    readonly expiryGapMonths: number;
    /** Expiries this many days away, or fewer, are due now. */
    readonly dueWithinDays: number;
}

/** Why a re-enrolment is planned. */
export type ReEnrolmentReason =
    /** The current certificate has expired, or expires within the due window. */
    | "due"
    /** Moves this certificate's expiry away from the others'. */
    | "stagger"
    /** Renews early so that the certificate lasts until its staggered re-enrolment. */
    | "bridge";

/** A planned re-enrolment: rerun the configuration wizard (or reinstall) on this date. */
export interface ReEnrolment {
    /** `YYYY-MM-DD`. */
    readonly date: string;
    /** When the certificate it enrols expires. */
    readonly expiresOn: string;
    readonly reason: ReEnrolmentReason;
}

/** One host in the calendar. */
export interface CalendarEntry {
    readonly machineName: string;
    readonly enrolmentDate: string;
    /** The current certificate's expiry: enrolment plus one year. */
    readonly expiryDate: string;
    /** Days from today to the expiry; negative once expired. */
    readonly daysUntilExpiry: number;
    /** Re-enrolments to make, in date order; empty when the host needs none. */
    readonly reEnrolments: readonly ReEnrolment[];
    /** The expiry once the re-enrolments are made (the current expiry when there are none). */
    readonly plannedExpiryDate: string;
}

/** Two expiries closer than the gap on the yearly cycle. */
export interface ExpiryClash {
    readonly machineNames: readonly [string, string];
    readonly expiryDates: readonly [string, string];
    /** How far apart they are on the yearly cycle, in days. */
    readonly daysApart: number;
}

/** An expiry and how far away it is. */
export interface ExpiryInfo {
    readonly machineName: string;
    readonly expiryDate: string;
    /** Negative once expired. */
    readonly daysLeft: number;
}

/** The fleet's renewal calendar. */
export interface RenewalCalendar {
    readonly today: string;
    readonly expiryGapMonths: number;
    /** The gap in days, as expiries are compared: the shortest run of that many calendar months. */
    readonly gapDays: number;
    readonly dueWithinDays: number;
    /** One per host, in host order. */
    readonly entries: readonly CalendarEntry[];
    /** The soonest expiry on or after today; absent when every certificate has expired. */
    readonly nextExpiry?: ExpiryInfo;
    /** Current expiries closer than the gap. */
    readonly tooClose: readonly ExpiryClash[];
    /** Current expiries that are past or within the due window. */
    readonly due: readonly ExpiryInfo[];
}

/** An expiry, by day number, as the analyses read it. */
export interface Expiry {
    readonly machineName: string;
    readonly expiryDate: DayNumber;
}

/** Pairs of expiries closer than `gap` days on the yearly cycle, in input order. */
export function findExpiryClashes(expiries: readonly Expiry[], gap: number): ExpiryClash[] {
    const clashes: ExpiryClash[] = [];
    for (let i = 0; i < expiries.length; i++) {
        for (let j = i + 1; j < expiries.length; j++) {
            const a = expiries[i] as Expiry;
            const b = expiries[j] as Expiry;
            const daysApart = cycleDistance(cyclePosition(a.expiryDate), cyclePosition(b.expiryDate));
            if (daysApart < gap) {
                clashes.push({
                    machineNames: [a.machineName, b.machineName],
                    expiryDates: [formatIsoDate(a.expiryDate), formatIsoDate(b.expiryDate)],
                    daysApart,
                });
            }
        }
    }
    return clashes;
}

function info(expiry: Expiry, today: DayNumber): ExpiryInfo {
    return { machineName: expiry.machineName, expiryDate: formatIsoDate(expiry.expiryDate), daysLeft: expiry.expiryDate - today };
}

/** Expiries that are past, or at most `withinDays` days away, soonest first. */
export function findDueExpiries(expiries: readonly Expiry[], today: DayNumber, withinDays: number): ExpiryInfo[] {
    return [...expiries]
        .filter((expiry) => expiry.expiryDate - today <= withinDays)
        .sort((a, b) => a.expiryDate - b.expiryDate)
        .map((expiry) => info(expiry, today));
}

/** The soonest expiry on or after today (the first listed, on a tie), or undefined when every one has passed. */
export function findNextExpiry(expiries: readonly Expiry[], today: DayNumber): ExpiryInfo | undefined {
    let next: Expiry | undefined;
    for (const expiry of expiries) {
        if (expiry.expiryDate >= today && (next === undefined || expiry.expiryDate < next.expiryDate)) {
            next = expiry;
        }
    }
    return next === undefined ? undefined : info(next, today);
}

interface CurrentHost {
    readonly index: number;
    readonly machineName: string;
    readonly enrolment: DayNumber;
    readonly expiry: DayNumber;
}

interface PlannedEvent {
    readonly date: DayNumber;
    readonly reason: ReEnrolmentReason;
}

/** The re-enrolments of each host, by host index. */
type Plan = PlannedEvent[][];

/**
 * Plans the calendar. Throws a RangeError when the hosts cannot be kept `expiryGapMonths` apart in a year (see
 * {@link gapFitProblem}); otherwise every planned expiry is at least the gap (in days, {@link gapDays}) from every
 * other on the yearly cycle.
 *
 * Hosts whose expiries already keep the gap, and are not due, are left alone. The others are re-enrolled on the
 * earliest date that keeps the gap, while their certificate is still valid. When that cannot be done, every host is
 * placed at equal steps round the year from the soonest expiry, re-enrolling early first ("bridge") where a host's
 * certificate would expire before its step.
 */
export function planRenewalCalendar(hosts: readonly ScheduleHost[], options: ScheduleOptions): RenewalCalendar {
    const { today, expiryGapMonths, dueWithinDays } = options;
    if (hosts.length === 0) {
        throw new RangeError("planRenewalCalendar: a calendar needs at least one host");
    }
    const problem = gapFitProblem(hosts.length, expiryGapMonths);
    if (problem !== undefined) {
        throw new RangeError(problem);
    }
    const gap = gapDays(expiryGapMonths);
    const current: CurrentHost[] = hosts.map((host, index) => ({
        index,
        machineName: host.machineName,
        enrolment: host.enrolmentDate,
        expiry: expiryOf(host.enrolmentDate),
    }));
    const order = [...current].sort((a, b) => a.expiry - b.expiry || a.index - b.index);
    const isDue = (expiry: DayNumber): boolean => expiry - today <= dueWithinDays;
    const plan = keepAndMove(order, today, gap, dueWithinDays, isDue) ?? spreadEvenly(order, today, dueWithinDays, isDue);

    const expiries: Expiry[] = current.map((host) => ({ machineName: host.machineName, expiryDate: host.expiry }));
    const entries = current.map((host): CalendarEntry => {
        const events = plan[host.index] ?? [];
        const last = events[events.length - 1];
        return {
            machineName: host.machineName,
            enrolmentDate: formatIsoDate(host.enrolment),
            expiryDate: formatIsoDate(host.expiry),
            daysUntilExpiry: host.expiry - today,
            reEnrolments: events.map((event) => ({
                date: formatIsoDate(event.date),
                expiresOn: formatIsoDate(expiryOf(event.date)),
                reason: event.reason,
            })),
            plannedExpiryDate: formatIsoDate(last === undefined ? host.expiry : expiryOf(last.date)),
        };
    });
    const nextExpiry = findNextExpiry(expiries, today);
    return {
        today: formatIsoDate(today),
        expiryGapMonths,
        gapDays: gap,
        dueWithinDays,
        entries,
        ...(nextExpiry === undefined ? {} : { nextExpiry }),
        tooClose: findExpiryClashes(expiries, gap),
        due: findDueExpiries(expiries, today, dueWithinDays),
    };
}

function keepsGap(position: number, placed: readonly number[], gap: number): boolean {
    return placed.every((other) => cycleDistance(position, other) >= gap);
}

/**
 * Keeps every host that is not due and keeps the gap from those kept before it (soonest expiry first), then moves
 * each other host to the earliest re-enrolment date that keeps the gap, on or after today: while its certificate is
 * valid if it can, otherwise after a bridging renewal. Undefined when a host finds no free place on the cycle.
 */
function keepAndMove(
    order: readonly CurrentHost[],
    today: DayNumber,
    gap: number,
    dueWithinDays: number,
    isDue: (expiry: DayNumber) => boolean,
): Plan | undefined {
    const plan: Plan = [];
    const placed: number[] = [];
    const moved: CurrentHost[] = [];
    for (const host of order) {
        const position = cyclePosition(host.expiry);
        if (!isDue(host.expiry) && keepsGap(position, placed, gap)) {
            placed.push(position);
            plan[host.index] = [];
        } else {
            moved.push(host);
        }
    }
    for (const host of moved) {
        const validUntil = Math.max(today, host.expiry);
        const bridge = bridgeDate(host, today, dueWithinDays);
        // The earliest date that keeps the gap is today, or the first day of a free stretch, which starts one gap
        // after an expiry already placed. A bridging renewal makes a whole year reachable.
        const date = [today, ...placed.map((position) => nextDayAtPosition(position + gap, today))]
            .filter((day) => day <= expiryOf(bridge))
            .sort((a, b) => a - b)
            .find((day) => keepsGap(cyclePosition(day), placed, gap));
        if (date === undefined) {
            return undefined;
        }
        placed.push(cyclePosition(date));
        plan[host.index] = eventsFor(host, date, date <= validUntil ? undefined : bridge, isDue);
    }
    return plan;
}

/**
 * When to renew a certificate early so that it lasts until a later re-enrolment: just before its due window, or today
 * when that has begun. A renewal on or after today lasts a year, so any later date within a year is reachable.
 */
function bridgeDate(host: CurrentHost, today: DayNumber, dueWithinDays: number): DayNumber {
    return Math.max(today, host.expiry - dueWithinDays);
}

/** The re-enrolments that move a host to `date`, after a bridging renewal on `bridge` when one is needed. */
function eventsFor(host: CurrentHost, date: DayNumber, bridge: DayNumber | undefined, isDue: (expiry: DayNumber) => boolean): PlannedEvent[] {
    const first: ReEnrolmentReason = isDue(host.expiry) ? "due" : "bridge";
    if (bridge === undefined || bridge === date) {
        return [{ date, reason: isDue(host.expiry) ? "due" : "stagger" }];
    }
    return [
        { date: bridge, reason: first },
        { date, reason: "stagger" },
    ];
}

/**
 * Places the hosts at equal steps (365 / n days) round the year, from the soonest expiry (or from today, when that
 * one is due), bridging where a certificate would expire before its step. Steps of at least the gap fit whenever
 * n x gap months fit in a year.
 */
function spreadEvenly(
    order: readonly CurrentHost[],
    today: DayNumber,
    dueWithinDays: number,
    isDue: (expiry: DayNumber) => boolean,
): Plan {
    const plan: Plan = [];
    const [anchor, ...others] = order as [CurrentHost, ...CurrentHost[]];
    const anchorDue = isDue(anchor.expiry);
    plan[anchor.index] = anchorDue ? [{ date: today, reason: "due" }] : [];
    const origin = cyclePosition(anchorDue ? today : anchor.expiry);
    others.forEach((host, i) => {
        const step = Math.floor(((i + 1) * DAYS_IN_CYCLE) / order.length);
        const date = nextDayAtPosition(origin + step, today);
        const bridge = date <= host.expiry ? undefined : bridgeDate(host, today, dueWithinDays);
        plan[host.index] = eventsFor(host, date, bridge, isDue);
    });
    return plan;
}
