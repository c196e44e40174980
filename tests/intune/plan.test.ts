/**
 * The example fleet through the real command line (`npm run plan -- examples/intune`), and the renewal-calendar
 * section of the report.
 */
import * as path from "path";
import { type RenewalCalendarReport, renewalCalendarSection, type Topology } from "connector-topology/plan";
import { COMPONENT_TYPES, cycleDistance, cyclePosition, gapDays, parseIsoDate, planCertificateConnectorFleet } from "connector-topology";
import { type PlanContext } from "../../src/plan/report";
import { planResource, REPO_ROOT, runCli } from "../plan/helpers";

const EXAMPLE = path.join(REPO_ROOT, "examples/intune");

describe("npm run plan -- examples/intune", () => {
    test("plans the example fleet with its calendar: expiries apart, none due, no mandatory violation", () => {
        const run = runCli("plan", EXAMPLE, "--json");
        expect(run.status).toBe(0);
        const document = JSON.parse(run.stdout) as {
            exitCode: number;
            renewalCalendar: RenewalCalendarReport;
            resources: { type: string; name: string }[];
            topology: Topology;
        };
        expect(document.exitCode).toBe(0);
        expect(document.topology.groups).toEqual([]);
        expect(document.topology.fleets).toEqual([
            expect.objectContaining({
                name: "pki",
                platforms: ["azure"],
                connectors: 3,
                zones: ["westeurope-1", "westeurope-2", "westeurope-3"],
                features: ["pkcs", "pkcsImported", "revocation"],
                serviceAccountModel: "domainAccountLocalAdmin",
                nextExpiry: expect.objectContaining({ machineName: "pki-1" }),
            }),
        ]);
        const [fleet, ...others] = document.renewalCalendar.fleets;
        expect(others).toEqual([]);
        expect(fleet).toMatchObject({ name: "pki", expiryGapMonths: 3, gapDays: 89, renewal: "automatic", serviceAccount: "CORP\\svc-intune", tooClose: [], due: [] });
        const expiries = fleet?.hosts.map((host) => cyclePosition(parseIsoDate(host.expiryDate) as number)) ?? [];
        expect(expiries).toHaveLength(3);
        for (let i = 0; i < expiries.length; i++) {
            for (let j = i + 1; j < expiries.length; j++) {
                expect(cycleDistance(expiries[i] as number, expiries[j] as number)).toBeGreaterThanOrEqual(gapDays(3));
            }
        }
        expect(fleet?.nextExpiry?.machineName).toBe("pki-1");
        expect(document.resources.filter((resource) => resource.type === "azure-native:monitor:ScheduledQueryRule")).toHaveLength(2);
        // The secure config values never show: not the placeholders the program got, not the names' values.
        expect(run.stdout).not.toContain("plan-secret-placeholder");
        expect(run.stderr).toContain("enrolment dates spread from today");
    });

    test("plans the multi-cloud stack: hosts on Azure, AWS and GCP in one calendar, each cloud's alerting, no violation", () => {
        const run = runCli("plan", EXAMPLE, "--stack", "multi-cloud", "--json");
        expect(run.status).toBe(0);
        const document = JSON.parse(run.stdout) as {
            exitCode: number;
            renewalCalendar: RenewalCalendarReport;
            resources: { type: string; name: string; inputs?: Record<string, unknown> }[];
            topology: Topology;
        };
        expect(document.exitCode).toBe(0);
        expect(document.topology.fleets).toEqual([
            expect.objectContaining({ name: "pki", platforms: ["azure", "aws", "gcp"], connectors: 4, hosts: expect.any(Array) }),
        ]);
        const [fleet] = document.renewalCalendar.fleets;
        expect(fleet?.hosts.map((host) => host.machineName)).toEqual(["pki-1", "pki-2", "pki-aws-1", "pki-gcp-1"]);
        expect(fleet).toMatchObject({ tooClose: [], due: [] });
        const expiries = fleet?.hosts.map((host) => cyclePosition(parseIsoDate(host.expiryDate) as number)) ?? [];
        for (let i = 0; i < expiries.length; i++) {
            for (let j = i + 1; j < expiries.length; j++) {
                expect(cycleDistance(expiries[i] as number, expiries[j] as number)).toBeGreaterThanOrEqual(gapDays(3));
            }
        }
        const count = (type: string) => document.resources.filter((resource) => resource.type === type).length;
        expect(count("azure-native:compute:VirtualMachine")).toBe(2);
        expect(count("aws:ec2/instance:Instance")).toBe(1);
        expect(count("gcp:compute/instance:Instance")).toBe(1);
        expect(count("aws:ssm/parameter:Parameter")).toBe(3);
        expect(count("gcp:secretmanager/secretVersion:SecretVersion")).toBe(3);
        expect(count("azure-native:monitor:ScheduledQueryRule")).toBe(2);
        expect(count("gcp:monitoring/alertPolicy:AlertPolicy")).toBe(1);
        expect(run.stdout).not.toContain("plan-secret-placeholder");
    });

    test("exits 1 on the variant whose two connectors expire in the same month, and prints the calendar's remedy", () => {
        const run = runCli("plan", EXAMPLE, "--stack", "same-month");
        expect(run.status).toBe(1);
        expect(run.stdout).toContain("Renewal calendar (Intune certificate connectors' agent certificates):");
        expect(run.stdout).toMatch(/ {4}pki-2 {2}2025-09-20 {2}2026-09-20 {2}2026-05-01 \(stagger\) {2}2027-05-01/);
        expect(run.stdout).toContain("    Next expiry: pki-1 on 2026-09-02 (in 124 days)");
        expect(run.stdout).toContain("    Too close: pki-1 (2026-09-02) and pki-2 (2026-09-20) expire 18 days apart on the yearly cycle");
        expect(run.stdout).toMatch(/\[mandatory\] intune-expiry-gap {2}connector-topology:index:CertificateConnectorFleet pki/);
        expect(run.stdout).toContain("Result: 1 mandatory policy violation(s)");
    });
});

describe("the renewal-calendar section", () => {
    function contextOf(...summaries: Record<string, unknown>[]): PlanContext {
        const resources = summaries.map((inputs, index) =>
            planResource({ urn: `urn:pulumi:dev::p::${COMPONENT_TYPES.CertificateConnectorFleet}::fleet-${index}`, type: COMPONENT_TYPES.CertificateConnectorFleet, name: `fleet-${index}`, custom: false, inputs: inputs as never }),
        );
        return { project: "p", stack: "dev", resources, byUrn: new Map(resources.map((r) => [r.urn, r])), tree: undefined as never, policies: undefined as never };
    }

    function summary(enrolmentDates: Record<string, string>, localAdmin = true): Record<string, unknown> {
        const plan = planCertificateConnectorFleet(
            "pki",
            {
                features: ["scep"],
                serviceAccount: { username: "CORP\\svc", password: "x", localAdmin },
                installer: { url: "https://example.com/i.exe" },
                domainJoin: { domainName: "corp.example.com", username: "CORP\\join", password: "y" },
                azure: { location: "westeurope", adminPassword: "z", computerNamePrefix: "pki" },
                today: "2026-05-01",
                enrolmentDates,
            },
            "2030-01-01",
        );
        return JSON.parse(JSON.stringify(plan.summary)) as Record<string, unknown>;
    }

    test("prints nothing, and an empty list in the document, when the stack has no fleet", () => {
        const data = renewalCalendarSection.build(contextOf());
        expect(data).toEqual({ fleets: [] });
        expect(renewalCalendarSection.render(data, contextOf())).toEqual([]);
    });

    test("prints re-enrolments, clashes, due and expired certificates, and the reinstall model", () => {
        const context = contextOf(summary({ "pki-1": "2025-03-01", "pki-2": "2025-05-20" }, false));
        const lines = renewalCalendarSection.render(renewalCalendarSection.build(context), context);
        expect(lines).toEqual([
            "Renewal calendar (Intune certificate connectors' agent certificates):",
            "  CertificateConnectorFleet fleet-0 on 2026-05-01: expiries at least 3 months (89 days) apart; runs as CORP\\svc, reinstall yearly (service account not a local administrator)",
            "    Host   Enrolled    Expires     Re-enrol on                             Then expires",
            "    pki-1  2025-03-01  2026-03-01  2026-05-01 (due)                        2027-05-01",
            // pki-2 renews now, before it lapses, and again 89 days after pki-1's new expiry.
            "    pki-2  2025-05-20  2026-05-20  2026-05-01 (due), 2026-07-29 (stagger)  2027-07-29",
            "    Next expiry: pki-2 on 2026-05-20 (in 19 days)",
            "    Too close: pki-1 (2026-03-01) and pki-2 (2026-05-20) expire 80 days apart on the yearly cycle",
            "    Due: pki-1 expired on 2026-03-01 (61 days ago)",
            "    Due: pki-2 expires on 2026-05-20 (in 19 days)",
        ]);
    });
});
