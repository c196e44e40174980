import fc from "fast-check";
import {
    addYears,
    cycleDistance,
    cyclePosition,
    type DayNumber,
    expiryOf,
    formatIsoDate,
    gapDays,
    nextDayAtPosition,
    parseIsoDate,
    planRenewalCalendar,
    type RenewalCalendar,
    spreadEnrolmentDates,
} from "../../src/intune";

const day = (text: string): DayNumber => {
    const parsed = parseIsoDate(text);
    if (parsed === undefined) {
        throw new Error(`bad test date ${text}`);
    }
    return parsed;
};

describe("calendar dates", () => {
    test("parse strictly and format back", () => {
        expect(formatIsoDate(day("2028-02-29"))).toBe("2028-02-29");
        for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-32", "1999-12-31", "", 20260101]) {
            expect(parseIsoDate(bad)).toBeUndefined();
        }
    });

    test("a year after 29 February is 28 February; other days keep their date", () => {
        expect(formatIsoDate(addYears(day("2028-02-29"), 1))).toBe("2029-02-28");
        expect(formatIsoDate(addYears(day("2027-03-31"), 1))).toBe("2028-03-31");
        expect(formatIsoDate(expiryOf(day("2025-12-31")))).toBe("2026-12-31");
    });

    test("positions on the yearly cycle count 29 February as 28 February", () => {
        expect(cyclePosition(day("2026-01-01"))).toBe(0);
        expect(cyclePosition(day("2026-12-31"))).toBe(364);
        expect(cyclePosition(day("2028-12-31"))).toBe(364);
        expect(cyclePosition(day("2028-02-29"))).toBe(cyclePosition(day("2028-02-28")));
        expect(cycleDistance(cyclePosition(day("2026-12-20")), cyclePosition(day("2027-01-10")))).toBe(21);
    });

    test("a gap of n months is the shortest run of n calendar months", () => {
        expect([1, 2, 3, 6, 12].map(gapDays)).toEqual([28, 59, 89, 181, 365]);
        expect(() => gapDays(0)).toThrow(RangeError);
        expect(() => gapDays(13)).toThrow(RangeError);
    });

    test("finds the next day at a position, this year or the next", () => {
        const from = day("2026-06-15");
        expect(formatIsoDate(nextDayAtPosition(cyclePosition(day("2026-07-01")), from))).toBe("2026-07-01");
        expect(formatIsoDate(nextDayAtPosition(cyclePosition(day("2026-03-01")), from))).toBe("2027-03-01");
        expect(formatIsoDate(nextDayAtPosition(cyclePosition(from), from))).toBe("2026-06-15");
    });

    test("every date sits at its own position, and a year later at the same one", () => {
        fc.assert(
            fc.property(fc.integer({ min: day("2000-01-01"), max: day("2190-12-31") }), (d) => {
                // 29 February sits at 28 February's position, whose next day on or after it is a year later.
                expect(nextDayAtPosition(cyclePosition(d), d)).toBe(formatIsoDate(d).endsWith("-02-29") ? addYears(d, 1) : d);
                expect(cyclePosition(addYears(d, 1))).toBe(cyclePosition(d));
            }),
        );
    });
});

/** Every check a calendar must pass, whatever its input. */
function expectSound(calendar: RenewalCalendar, today: DayNumber, gap: number): void {
    const planned = calendar.entries.map((entry) => day(entry.plannedExpiryDate));
    for (let i = 0; i < planned.length; i++) {
        for (let j = i + 1; j < planned.length; j++) {
            expect(cycleDistance(cyclePosition(planned[i] as DayNumber), cyclePosition(planned[j] as DayNumber))).toBeGreaterThanOrEqual(gapDays(gap));
        }
    }
    for (const entry of calendar.entries) {
        // Each re-enrolment happens on or after today, while the certificate in force is still valid (or today, when
        // it has already expired), and enrols a certificate valid for a year.
        let inForce = day(entry.expiryDate);
        let previous = today - 1;
        for (const reEnrolment of entry.reEnrolments) {
            const date = day(reEnrolment.date);
            expect(date).toBeGreaterThanOrEqual(today);
            expect(date).toBeGreaterThan(previous);
            expect(date <= inForce || (inForce < today && date === today)).toBe(true);
            expect(reEnrolment.expiresOn).toBe(formatIsoDate(expiryOf(date)));
            inForce = day(reEnrolment.expiresOn);
            previous = date;
        }
        expect(entry.plannedExpiryDate).toBe(formatIsoDate(inForce));
        expect(entry.expiryDate).toBe(formatIsoDate(expiryOf(day(entry.enrolmentDate))));
    }
}

const todays = fc.integer({ min: day("2024-01-01"), max: day("2180-12-31") });

/** A fleet of 2 to 12 hosts with a gap that fits, and enrolment dates from three years back to a year ahead. */
const fittingFleets = fc
    .integer({ min: 2, max: 12 })
    .chain((count) =>
        fc.record({
            count: fc.constant(count),
            gap: fc.integer({ min: 1, max: Math.floor(12 / count) }),
            today: todays,
            offsets: fc.array(fc.integer({ min: -3 * 365, max: 365 }), { minLength: count, maxLength: count }),
        }),
    );

describe("planRenewalCalendar", () => {
    test("keeps every planned expiry at least the gap apart when gap x N fits in 12 months", () => {
        fc.assert(
            fc.property(fittingFleets, ({ gap, today, offsets }) => {
                const hosts = offsets.map((offset, index) => ({ machineName: `pki-${index + 1}`, enrolmentDate: today + offset }));
                const calendar = planRenewalCalendar(hosts, { today, expiryGapMonths: gap, dueWithinDays: 30 });
                expectSound(calendar, today, gap);
            }),
            { numRuns: 300 },
        );
    });

    test("keeps the gap when every host enrols on the same day, the case that fails without a calendar", () => {
        fc.assert(
            fc.property(fc.integer({ min: 2, max: 12 }), todays, fc.integer({ min: -400, max: 365 }), (count, today, offset) => {
                const gap = Math.floor(12 / count);
                const hosts = Array.from({ length: count }, (_, index) => ({ machineName: `pki-${index + 1}`, enrolmentDate: today + offset }));
                const calendar = planRenewalCalendar(hosts, { today, expiryGapMonths: gap, dueWithinDays: 30 });
                expectSound(calendar, today, gap);
                expect(calendar.tooClose).toHaveLength((count * (count - 1)) / 2);
            }),
        );
    });

    test("refuses, with a clear error, a gap that does not fit N times in a year", () => {
        fc.assert(
            fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 12 }), todays, (count, gap, today) => {
                fc.pre(count * gap > 12);
                const hosts = Array.from({ length: count }, (_, index) => ({ machineName: `pki-${index + 1}`, enrolmentDate: today }));
                expect(() => planRenewalCalendar(hosts, { today, expiryGapMonths: gap, dueWithinDays: 30 })).toThrow(
                    new RegExp(`^${count} connectors cannot keep their agent certificates' expiries ${gap} months apart: ${count} x ${gap} months is more than the 12 months of a year; `),
                );
            }),
        );
    });

    test("spread enrolment dates need no re-enrolment: nothing clashes and nothing is due", () => {
        fc.assert(
            fc.property(fc.integer({ min: 2, max: 12 }), todays, (count, today) => {
                const gap = Math.floor(12 / count);
                const hosts = spreadEnrolmentDates(today, count).map((enrolmentDate, index) => ({ machineName: `pki-${index + 1}`, enrolmentDate }));
                const calendar = planRenewalCalendar(hosts, { today, expiryGapMonths: gap, dueWithinDays: 30 });
                expect(calendar.entries.every((entry) => entry.reEnrolments.length === 0)).toBe(true);
                expect(calendar.tooClose).toEqual([]);
                expect(calendar.due).toEqual([]);
                expect(calendar.nextExpiry?.machineName).toBe("pki-1");
            }),
        );
    });

    test("leaves a staggered fleet alone and reports its next expiry", () => {
        const today = day("2026-05-01");
        const calendar = planRenewalCalendar(
            [
                { machineName: "pki-1", enrolmentDate: day("2025-09-15") },
                { machineName: "pki-2", enrolmentDate: day("2026-01-10") },
            ],
            { today, expiryGapMonths: 3, dueWithinDays: 30 },
        );
        expect(calendar.entries).toEqual([
            { machineName: "pki-1", enrolmentDate: "2025-09-15", expiryDate: "2026-09-15", daysUntilExpiry: 137, reEnrolments: [], plannedExpiryDate: "2026-09-15" },
            { machineName: "pki-2", enrolmentDate: "2026-01-10", expiryDate: "2027-01-10", daysUntilExpiry: 254, reEnrolments: [], plannedExpiryDate: "2027-01-10" },
        ]);
        expect(calendar.nextExpiry).toEqual({ machineName: "pki-1", expiryDate: "2026-09-15", daysLeft: 137 });
        expect(calendar).toMatchObject({ today: "2026-05-01", expiryGapMonths: 3, gapDays: 89, tooClose: [], due: [] });
    });

    test("reports two expiries in the same month and moves the later-listed one at the earliest date that keeps the gap", () => {
        const today = day("2026-05-01");
        const calendar = planRenewalCalendar(
            [
                { machineName: "pki-1", enrolmentDate: day("2025-09-02") },
                { machineName: "pki-2", enrolmentDate: day("2025-09-20") },
            ],
            { today, expiryGapMonths: 3, dueWithinDays: 30 },
        );
        expect(calendar.tooClose).toEqual([{ machineNames: ["pki-1", "pki-2"], expiryDates: ["2026-09-02", "2026-09-20"], daysApart: 18 }]);
        // pki-1 keeps 2026-09-02; 89 days after that position is 30 November, which pki-2 (valid until 20 September)
        // cannot wait for, so the earliest date that keeps the gap is today (1 May: 124 days before 2 September).
        expect(calendar.entries[0]?.reEnrolments).toEqual([]);
        expect(calendar.entries[1]?.reEnrolments).toEqual([{ date: "2026-05-01", expiresOn: "2027-05-01", reason: "stagger" }]);
    });

    test("re-enrols due and expired certificates now", () => {
        const today = day("2026-05-01");
        const calendar = planRenewalCalendar(
            [
                { machineName: "pki-1", enrolmentDate: day("2025-03-01") },
                { machineName: "pki-2", enrolmentDate: day("2025-05-20") },
                { machineName: "pki-3", enrolmentDate: day("2025-12-01") },
            ],
            { today, expiryGapMonths: 3, dueWithinDays: 30 },
        );
        expect(calendar.due).toEqual([
            { machineName: "pki-1", expiryDate: "2026-03-01", daysLeft: -61 },
            { machineName: "pki-2", expiryDate: "2026-05-20", daysLeft: 19 },
        ]);
        expect(calendar.nextExpiry).toEqual({ machineName: "pki-2", expiryDate: "2026-05-20", daysLeft: 19 });
        expectSound(calendar, today, 3);
        expect(calendar.entries[0]?.reEnrolments).toEqual([{ date: "2026-05-01", expiresOn: "2027-05-01", reason: "due" }]);
        // pki-2 cannot reach a free place before its certificate expires: it renews now, then once more 89 days
        // after pki-1's new place. pki-3 keeps its expiry.
        expect(calendar.entries[1]?.reEnrolments).toEqual([
            { date: "2026-05-01", expiresOn: "2027-05-01", reason: "due" },
            { date: "2026-07-29", expiresOn: "2027-07-29", reason: "stagger" },
        ]);
        expect(calendar.entries[2]?.reEnrolments).toEqual([]);
    });

    test("bridges a certificate that would expire before its place in an even spread", () => {
        // Four hosts enrolled on one day eight months ago, a gap of three months: no single re-enrolment per host keeps
        // the gap, so the hosts are spread evenly and some renew twice.
        const today = day("2026-05-01");
        const hosts = [1, 2, 3, 4].map((n) => ({ machineName: `pki-${n}`, enrolmentDate: day("2025-09-01") }));
        const calendar = planRenewalCalendar(hosts, { today, expiryGapMonths: 3, dueWithinDays: 30 });
        expectSound(calendar, today, 3);
        expect(calendar.entries.flatMap((entry) => entry.reEnrolments.map((event) => event.reason))).toContain("bridge");
    });
});
