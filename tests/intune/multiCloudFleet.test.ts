/** A CertificateConnectorFleet over Azure, AWS and GCP at once: one calendar, one set of secrets, each cloud's alerting. */
import * as pulumi from "@pulumi/pulumi";
import { type CertificateConnectorFleetArgs, CertificateConnectorFleet, InputValidationError } from "connector-topology";
import { SUBNETS, VPC_ID } from "../components/awsFixtures";
import { ADMIN_PASSWORD, SUBNET_ID } from "../components/fixtures";
import { GCP_PROJECT, GCP_TYPES } from "../components/gcpFixtures";
import { type MockEngine, outputOf, reveal, startMockEngine } from "../components/harness";
import { ACTION_GROUP_ID, expectSecretOnlyIn, fleetWithoutHosts, INSTALLER_URL, SERVICE_PASSWORD, WORKSPACE_ID } from "./fixtures";

const CHANNEL = "projects/pki-ops/notificationChannels/4242";

/** Two hosts on Azure, one on AWS, one on GCP: four certificates a quarter apart. */
function everywhere(overrides: Partial<CertificateConnectorFleetArgs> = {}): CertificateConnectorFleetArgs {
    return fleetWithoutHosts({
        azure: { location: "westeurope", resourceGroupName: "pki-eur", subnetId: SUBNET_ID, adminPassword: ADMIN_PASSWORD, computerNamePrefix: "pki" },
        aws: { vpcId: VPC_ID, subnets: SUBNETS.slice(0, 2), count: 1, domainControllerCidrs: ["10.0.10.0/24"] },
        gcp: {
            project: GCP_PROJECT,
            zones: ["europe-west1-b", "europe-west1-c"],
            subnetwork: "projects/net-host-1/regions/europe-west1/subnetworks/pki",
            count: 1,
            computerNamePrefix: "pki-gcp",
        },
        ...overrides,
    });
}

describe("CertificateConnectorFleet on Azure, AWS and GCP", () => {
    let engine: MockEngine;
    let warn: jest.SpyInstance;
    beforeEach(() => {
        engine = startMockEngine();
        warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    });
    afterEach(async () => {
        await engine.settle();
        warn.mockRestore();
    });

    test("lists its hosts Azure, AWS, GCP, and spreads all four certificates a quarter apart across the clouds", async () => {
        const fleet = new CertificateConnectorFleet("pki", everywhere());
        const hostIds = await outputOf(fleet.hostIds);
        await engine.settle();
        expect(fleet.machineNames).toEqual(["pki-1", "pki-2", "pki-aws-1", "pki-gcp-1"]);
        expect(hostIds).toEqual([
            expect.stringContaining("/virtualMachines/pki-azure-1-vm"),
            expect.stringContaining("/virtualMachines/pki-azure-2-vm"),
            "pki-aws-1-instance-id",
            expect.stringContaining("pki-gcp-1"),
        ]);
        expect(fleet.calendar.entries.map((entry) => [entry.machineName, entry.enrolmentDate])).toEqual([
            ["pki-1", "2026-05-01"],
            ["pki-2", "2026-07-31"],
            ["pki-aws-1", "2026-10-30"],
            ["pki-gcp-1", "2027-01-29"],
        ]);
        expect(fleet.calendar.tooClose).toEqual([]);
        expect(fleet.interactiveSteps.map((step) => [step.machineName, step.action])).toEqual([
            ["pki-1", "configure"],
            ["pki-2", "configure"],
            ["pki-aws-1", "configure"],
            ["pki-gcp-1", "configure"],
        ]);
    });

    test("gives every host the installer URL and the service-account password through its own cloud's secret store only", async () => {
        new CertificateConnectorFleet("pki", everywhere());
        await engine.settle();
        for (const [secret, store] of [
            [INSTALLER_URL, ["pki-aws-installer-url", "pki-gcp-installer-url-version"]],
            [SERVICE_PASSWORD, ["pki-aws-service-account-password", "pki-gcp-service-account-password-version"]],
        ] as const) {
            expectSecretOnlyIn(engine, secret, ["pki-azure-1-bootstrap", "pki-azure-2-bootstrap", ...store]);
        }
    });

    test("alerts on Azure hosts through Azure Monitor and on GCP hosts through Cloud Monitoring, each watching its own hosts", async () => {
        const fleet = new CertificateConnectorFleet(
            "pki",
            everywhere({
                azureMonitoring: { workspaceResourceId: WORKSPACE_ID, actionGroupId: ACTION_GROUP_ID },
                gcpMonitoring: { notificationChannels: [CHANNEL] },
            }),
        );
        expect(await outputOf(fleet.alertRuleIds)).toEqual(["pki-connector-failures-id", "pki-agent-certificate-id", "pki-gcp-agent-certificate-id"]);
        await engine.settle();
        for (const rule of engine.ofType("azure-native:monitor:ScheduledQueryRule")) {
            expect((reveal(rule.inputs) as { criteria: { allOf: { query: string }[] } }).criteria.allOf[0]?.query).toContain('| where Host in ("pki-1", "pki-2")');
        }
        const gcpPolicy = reveal(engine.find(GCP_TYPES.alertPolicy, "pki-gcp-agent-certificate").inputs) as { conditions: { conditionMatchedLog: { filter: string } }[] };
        expect(gcpPolicy.conditions[0]?.conditionMatchedLog.filter).toContain('jsonPayload.ComputerName=~"(?i)^(pki-gcp-1)(\\\\.|$)"');
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, CertificateConnectorFleetArgs, RegExp][] = [
            [
                "two clouds' default names that clash",
                everywhere({ gcp: { ...everywhere().gcp!, computerNamePrefix: undefined } }),
                /hosts = "pki-1": two hosts have the machine name "pki-1"/,
            ],
            [
                "more hosts than the gap fits in a year",
                everywhere({ aws: { ...everywhere().aws!, count: 2 } }),
                /expiryGapMonths = 3: 5 connectors cannot keep their agent certificates' expiries 3 months apart/,
            ],
            ["a date for a host on no cloud of the fleet", everywhere({ enrolmentDates: { "pki-aws-2": "2026-01-01" } }), /enrolmentDates\.pki-aws-2 = "2026-01-01": names no host of the fleet; its hosts are pki-1, pki-2, pki-aws-1, pki-gcp-1/],
        ];
        test.each(cases)("%s", async (_label, args, message) => {
            expect(() => new CertificateConnectorFleet("pki", args)).toThrow(InputValidationError);
            expect(() => new CertificateConnectorFleet("pki", args)).toThrow(message);
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});
