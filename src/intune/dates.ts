/**
 * Calendar dates for the renewal schedule: `YYYY-MM-DD`, with no time of day and no time zone, so that the schedule is
 * the same wherever and whenever it is computed. Internally a date is its day number (days since 1970-01-01), which
 * makes day arithmetic exact; month and year arithmetic go through the calendar.
 *
 * Expiries recur yearly (a certificate that renews, or a connector reinstalled each year, keeps its day of the year),
 * so how far apart two expiries are is measured on the yearly cycle: a day's position in the year, 0 to 364, with
 * 29 February counted as 28 February.
 */

/** A day number: days since 1970-01-01 (UTC). */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in each month of a common (non-leap) year, January first. */
const COMMON_MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The length of the yearly cycle expiries are compared on, in days. */
export const DAYS_IN_CYCLE = 365;

/** The years the schedule accepts: wide enough for any real certificate, narrow enough to catch typos. */
export const DATE_YEAR_RANGE = { min: 2000, max: 2199 } as const;

function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
    return month === 2 && isLeapYear(year) ? 29 : (COMMON_MONTH_DAYS[month - 1] ?? 0);
}

function dayNumberOf(year: number, month: number, day: number): DayNumber {
    return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The day number of a `YYYY-MM-DD` date; undefined unless it is one, in {@link DATE_YEAR_RANGE}. */
export function parseIsoDate(text: unknown): DayNumber | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const match = ISO_DATE.exec(text);
    if (match === null) {
        return undefined;
    }
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (year < DATE_YEAR_RANGE.min || year > DATE_YEAR_RANGE.max || month < 1 || month > 12) {
        return undefined;
    }
    if (day < 1 || day > daysInMonth(year, month)) {
        return undefined;
    }
    return dayNumberOf(year, month, day);
}

/** The `YYYY-MM-DD` text of a day number. */
export function formatIsoDate(day: DayNumber): string {
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The UTC calendar date of an instant, as a day number: how the component takes "today" from the clock. */
export function dayOfInstant(instant: Date): DayNumber {
    return Math.floor(instant.getTime() / MS_PER_DAY);
}

function parts(day: DayNumber): { year: number; month: number; day: number } {
    const date = new Date(day * MS_PER_DAY);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The same day `years` years later (or earlier): 29 February becomes 28 February in a common year. This is how a
 * one-year certificate's expiry follows from its issue date.
 */
export function addYears(day: DayNumber, years: number): DayNumber {
    const date = parts(day);
    const year = date.year + years;
    return dayNumberOf(year, date.month, Math.min(date.day, daysInMonth(year, date.month)));
}

/** The day's position on the yearly cycle: 0 (1 January) to 364 (31 December); 29 February counts as 28 February. */
export function cyclePosition(day: DayNumber): number {
    const date = parts(day);
    let position = 0;
    for (let month = 1; month < date.month; month++) {
        position += COMMON_MONTH_DAYS[month - 1] ?? 0;
    }
    return position + Math.min(date.day, COMMON_MONTH_DAYS[date.month - 1] ?? 0) - 1;
}

/** How many days apart two positions are on the yearly cycle, the shorter way round: 0 to 182. */
export function cycleDistance(a: number, b: number): number {
    const apart = Math.abs(a - b) % DAYS_IN_CYCLE;
    return Math.min(apart, DAYS_IN_CYCLE - apart);
}

/** The first day on or after `from` whose position on the yearly cycle is `position` (0 to 364). */
export function nextDayAtPosition(position: number, from: DayNumber): DayNumber {
    const normalised = ((Math.floor(position) % DAYS_IN_CYCLE) + DAYS_IN_CYCLE) % DAYS_IN_CYCLE;
    let month = 1;
    let dayOfMonth = normalised + 1;
    while (dayOfMonth > (COMMON_MONTH_DAYS[month - 1] ?? 0)) {
        dayOfMonth -= COMMON_MONTH_DAYS[month - 1] ?? 0;
        month++;
    }
    const { year } = parts(from);
    const thisYear = dayNumberOf(year, month, dayOfMonth);
    return thisYear >= from ? thisYear : dayNumberOf(year + 1, month, dayOfMonth);
}

/**
 * A gap of `months` months, in days: the shortest run of that many consecutive calendar months of a common year
 * (1 month = 28 days, 3 months = 89 days, 12 months = 365 days). Two expiries exactly `months` calendar months apart
 * are therefore always at least this far apart, whichever months they fall in.
 */
export function gapDays(months: number): number {
    if (!Number.isInteger(months) || months < 1 || months > 12) {
        throw new RangeError(`gapDays: months must be a whole number from 1 to 12, got ${String(months)}`);
    }
    let shortest = DAYS_IN_CYCLE;
    for (let start = 0; start < 12; start++) {
        let total = 0;
        for (let i = 0; i < months; i++) {
            total += COMMON_MONTH_DAYS[(start + i) % 12] ?? 0;
        }
        shortest = Math.min(shortest, total);
    }
    return shortest;
}
