/** A CertificateConnectorFleet with hosts on GCP, under the mock engine, and its Cloud Monitoring alert. */
import * as pulumi from "@pulumi/pulumi";
import {
    type CertificateConnectorFleetArgs,
    type CertificateConnectorFleetSummary,
    COMPONENT_TYPES,
    CertificateConnectorFleet,
    type GcpConnectorHostsArgs,
    InputValidationError,
} from "connector-topology";
import { ADMIN_PASSWORD, DOMAIN_PASSWORD, SUBNET_ID } from "../components/fixtures";
import { GCP_PROJECT, GCP_SUBNETWORK, GCP_TYPES, type InstanceInputs } from "../components/gcpFixtures";
import { inputsOf, isSecret, type MockEngine, outputOf, reveal, startMockEngine } from "../components/harness";
import { expectSecretOnlyIn, fleetWithoutHosts, INSTALLER_URL, SERVICE_PASSWORD } from "./fixtures";

const MANAGED_AD = "projects/identity-prod/locations/global/domains/ad.example.com";
const CHANNEL = "projects/pki-ops/notificationChannels/4242";
const AZURE_HOSTS = { location: "westeurope", resourceGroupName: "pki-eur", subnetId: SUBNET_ID, adminPassword: ADMIN_PASSWORD };

function gcpHosts(overrides: Partial<GcpConnectorHostsArgs> = {}): GcpConnectorHostsArgs {
    return { project: GCP_PROJECT, zones: ["europe-west1-b", "europe-west1-c"], subnetwork: "projects/net-host-1/regions/europe-west1/subnetworks/pki", ...overrides };
}

function gcpFleet(overrides: Partial<CertificateConnectorFleetArgs> = {}, gcp: Partial<GcpConnectorHostsArgs> = {}): CertificateConnectorFleetArgs {
    return fleetWithoutHosts({ gcp: gcpHosts(gcp), ...overrides });
}

describe("CertificateConnectorFleet on GCP", () => {
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

    const instances = () => engine.ofType(GCP_TYPES.instance).map((instance) => inputsOf<InstanceInputs>(instance));

    test("builds two instances in two zones, labelled as Intune certificate connectors, whose bootstrap joins the domain and installs the connector", async () => {
        const fleet = new CertificateConnectorFleet("pki", gcpFleet());
        const hostIds = await outputOf(fleet.hostIds);
        await engine.settle();

        expect(engine.ofType(COMPONENT_TYPES.GcpConnectorHost).map((host) => host.name)).toEqual(["pki-gcp-1", "pki-gcp-2"]);
        expect(instances().map((instance) => [instance.name, instance.zone, instance.machineType])).toEqual([
            ["pki-1", "europe-west1-b", "c2d-highcpu-4"],
            ["pki-2", "europe-west1-c", "c2d-highcpu-4"],
        ]);
        for (const instance of instances()) {
            expect(instance.labels).toEqual({ "connector-group": "pki", "connector-kind": "intune-certificate" });
            expect(instance.bootDisk.initializeParams).toMatchObject({ image: "windows-cloud/windows-2022", labels: instance.labels });
            expect(instance.networkInterfaces).toEqual([{ subnetwork: "projects/net-host-1/regions/europe-west1/subnetworks/pki" }]);
            const metadata = instance.metadata;
            expect(Object.keys(metadata).sort()).toEqual([
                "connector-secret-DomainJoinPassword",
                "connector-secret-InstallerUrl",
                "connector-secret-ServiceAccountPassword",
                "windows-startup-script-cmd",
                "windows-startup-script-ps1",
            ]);
            expect(metadata["connector-secret-ServiceAccountPassword"]).toBe(`projects/${GCP_PROJECT}/secrets/pki-service-account-password`);
            const script = metadata["windows-startup-script-ps1"] ?? "";
            expect(script).toContain("Certificate Connector for Microsoft Intune bootstrap");
            expect(script).toContain("Rendered by connector-topology for gcp");
            // GCP has no ordered domain-join step: the bootstrap joins (and restarts) before it installs the connector.
            expect(script).toContain("$DomainJoinUser = 'CORP\\svc-join'");
            expect(script).toContain("$DomainName = 'corp.example.com'");
            expect(script).toContain("$ServiceAccount = 'CORP\\svc-intune'");
            expect(script).not.toContain("RegistrationToken");
        }
        expect(engine.ofType(GCP_TYPES.secret).map((secret) => secret.inputs.secretId).sort()).toEqual([
            "pki-domain-join-password",
            "pki-installer-url",
            "pki-service-account-password",
        ]);
        expect(engine.find(GCP_TYPES.serviceAccount, "pki-gcp-service-account").inputs).toMatchObject({ accountId: "pki-connector" });
        expect(fleet.machineNames).toEqual(["pki-1", "pki-2"]);
        expect(hostIds).toHaveLength(2);
        const summary = engine.find(COMPONENT_TYPES.CertificateConnectorFleet, "pki").inputs as unknown as CertificateConnectorFleetSummary;
        expect(summary.hosts.map((host) => [host.machineName, host.platform, host.cloudRegion, host.domainJoined])).toEqual([
            ["pki-1", "gcp", "europe-west1", true],
            ["pki-2", "gcp", "europe-west1", true],
        ]);
        expect(engine.ofType(GCP_TYPES.alertPolicy)).toEqual([]);
    });

    test("keeps the installer URL and both passwords secret in their Secret Manager versions, out of metadata and everything else", async () => {
        new CertificateConnectorFleet("pki", gcpFleet());
        await engine.settle();
        const expectations: [string, string][] = [
            [INSTALLER_URL, "pki-gcp-installer-url-version"],
            [SERVICE_PASSWORD, "pki-gcp-service-account-password-version"],
            [DOMAIN_PASSWORD, "pki-gcp-domain-join-password-version"],
        ];
        for (const [secret, holder] of expectations) {
            expectSecretOnlyIn(engine, secret, [holder]);
            expect(isSecret(engine.find(GCP_TYPES.secretVersion, holder).inputs.secretData)).toBe(true);
        }
        for (const instance of engine.ofType(GCP_TYPES.instance)) {
            expect(isSecret(instance.inputs.metadata)).toBe(false);
        }
    });

    test("runs as a domain account in Managed Microsoft AD, waiting for the platform's join, without the fleet's domainJoin", async () => {
        new CertificateConnectorFleet("pki", gcpFleet({ domainJoin: undefined }, { managedAd: { domain: MANAGED_AD } }));
        await engine.settle();
        for (const instance of instances()) {
            expect(instance.metadata["managed-ad-domain"]).toBe(MANAGED_AD);
            const script = instance.metadata["windows-startup-script-ps1"] ?? "";
            expect(script).toContain("$DomainName = 'ad.example.com'");
            expect(script).toContain("exit 11");
            expect(Object.keys(instance.metadata)).not.toContain("connector-secret-DomainJoinPassword");
        }
        expect(engine.ofType(GCP_TYPES.projectMember).map((member) => member.inputs.role)).toContain("roles/managedidentities.domainJoin");
    });

    test("alerts through Cloud Monitoring when a host's daily check finds its agent certificate expiring, expired or unrenewable", async () => {
        const fleet = new CertificateConnectorFleet("pki", gcpFleet({ gcpMonitoring: { notificationChannels: [CHANNEL] } }, { labels: { team: "pki" } }));
        const alertRuleIds = await outputOf(fleet.alertRuleIds);
        await engine.settle();
        const policy = reveal(engine.find(GCP_TYPES.alertPolicy, "pki-gcp-agent-certificate").inputs) as Record<string, unknown>;
        expect(policy).toMatchObject({
            project: GCP_PROJECT,
            combiner: "OR",
            notificationChannels: [CHANNEL],
            alertStrategy: { notificationRateLimit: { period: "3600s" }, autoClose: "86400s" },
            userLabels: { team: "pki", "connector-group": "pki", "connector-kind": "intune-certificate" },
        });
        const [condition] = policy.conditions as { conditionMatchedLog: { filter: string; labelExtractors: Record<string, string> } }[];
        expect(condition?.conditionMatchedLog.filter).toBe(
            'resource.type="gce_instance" AND log_id("windows_event_log") AND jsonPayload.Channel="Application" AND ' +
                'jsonPayload.SourceName="ConnectorTopology" AND jsonPayload.EventID=(401 OR 402 OR 404 OR 405) AND ' +
                'jsonPayload.ComputerName=~"(?i)^(pki-1|pki-2)(\\\\.|$)"',
        );
        expect(condition?.conditionMatchedLog.labelExtractors).toEqual({ host: "EXTRACT(jsonPayload.ComputerName)", event: "EXTRACT(jsonPayload.EventID)" });
        expect(alertRuleIds).toEqual(["pki-gcp-agent-certificate-id"]);
        const summary = engine.find(COMPONENT_TYPES.CertificateConnectorFleet, "pki").inputs as unknown as CertificateConnectorFleetSummary;
        expect(summary.gcpAlerting).toBe(true);
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, CertificateConnectorFleetArgs, RegExp][] = [
            ["the Entra connector's appliance", gcpFleet({}, { appliance: {} }), /gcp\.appliance = \{\}: is the Entra private network connector's marketplace appliance/],
            [
                "a scale-out alert",
                gcpFleet({}, { scaleOutAlert: { notificationChannels: [CHANNEL] } }),
                /gcp\.scaleOutAlert = "\(set\)": scale-out alerts are for Entra connector groups/,
            ],
            [
                "alerting without GCP hosts",
                fleetWithoutHosts({ azure: AZURE_HOSTS, gcpMonitoring: { notificationChannels: [CHANNEL] } }),
                /gcpMonitoring = "\(set\)": Cloud Monitoring alerting watches GCP hosts: declare them under gcp/,
            ],
            ["alerting without the Ops Agent", gcpFleet({ gcpMonitoring: { notificationChannels: [CHANNEL] } }, { opsAgent: false }), /gcp\.opsAgent = false: gcpMonitoring alerts on the hosts' Application log/],
            ["alerting to no channel", gcpFleet({ gcpMonitoring: { notificationChannels: [] } }), /gcpMonitoring\.notificationChannels = \[\]: must list at least one Cloud Monitoring notification channel/],
            ["alerting to a malformed channel", gcpFleet({ gcpMonitoring: { notificationChannels: ["pki-oncall"] } }), /gcpMonitoring\.notificationChannels\[0\] = "pki-oncall": must be a notification channel/],
            ["one zone", gcpFleet({}, { zones: ["europe-west1-b"] }), /gcp\.zones = \["europe-west1-b"\]: lists one zone/],
            ["a subnetwork in another region", gcpFleet({}, { subnetwork: GCP_SUBNETWORK }), /gcp\.subnetwork = .*: is in region asia-southeast1, but the hosts' zones are in europe-west1/],
            [
                "a domain account on hosts that join no domain",
                gcpFleet({ domainJoin: undefined }),
                /serviceAccount = "\(a domain account\)": a domain service account needs the hosts joined to its domain.*GCP hosts through gcp\.managedAd/,
            ],
        ];
        test.each(cases)("%s", async (_label, args, message) => {
            expect(() => new CertificateConnectorFleet("pki", args)).toThrow(InputValidationError);
            expect(() => new CertificateConnectorFleet("pki", args)).toThrow(message);
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});
