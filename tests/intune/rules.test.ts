import {
    type CertificateConnectorFleetSettings,
    type CertificateConnectorFleetSummary,
    planCertificateConnectorFleet,
} from "../../src/intune";
import {
    connectorHostMinSize,
    intuneExpiryGap,
    intuneExpiryNotDue,
    intuneMinCertificateConnectors,
    intuneNoPkcsAsSystem,
    intuneServiceAccountLocalAdmin,
    policies,
} from "../../src/rules";
import {
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    CONNECTOR_TAGS,
    previewProps,
    resource,
    runResourcePolicy,
    runStackPolicy,
    StackBuilder,
    UNKNOWN_OBJECT,
    UnknownValueError,
} from "../rules/fixtures";

const FLEET = COMPONENT_TYPES.CertificateConnectorFleet;
const INTUNE_TAGS = (group: string) => ({ "connector-kind": "intune-certificate", "connector-group": group });

/** What a CertificateConnectorFleet registers for these settings (the planner is the component's own). */
function fleetSummary(settings: Partial<CertificateConnectorFleetSettings> = {}): Record<string, unknown> {
    const plan = planCertificateConnectorFleet(
        "pki",
        {
            features: ["pkcs"],
            serviceAccount: { username: "CORP\\svc-intune", password: "x", localAdmin: true },
            installer: { url: "https://example.com/IntuneCertificateConnector.exe" },
            domainJoin: { domainName: "corp.example.com", username: "CORP\\join", password: "y" },
            azure: { location: "westeurope", adminPassword: "z", computerNamePrefix: "pki" },
            today: "2026-05-01",
            enrolmentDates: { "pki-1": "2025-09-15", "pki-2": "2026-01-10" },
            ...settings,
        },
        "2030-01-01",
    );
    return JSON.parse(JSON.stringify(plan.summary)) as Record<string, unknown>;
}

const fleet = (settings: Partial<CertificateConnectorFleetSettings> = {}) => resource(FLEET, "pki", fleetSummary(settings));

describe("intune-min-certificate-connectors", () => {
    test("passes a fleet of two, and flags a fleet whose summary lists one", async () => {
        const two = new StackBuilder();
        two.add(FLEET, "pki", fleetSummary());
        expect((await runStackPolicy(intuneMinCertificateConnectors, two.resources)).violations).toEqual([]);

        const one = new StackBuilder();
        const summary = fleetSummary() as unknown as CertificateConnectorFleetSummary;
        const lonely = one.add(FLEET, "pki", { ...summary, hosts: summary.hosts.slice(0, 1) } as unknown as Record<string, unknown>);
        expect((await runStackPolicy(intuneMinCertificateConnectors, one.resources)).violations).toEqual([
            {
                urn: lonely.urn,
                message:
                    'CertificateConnectorFleet "pki": 1 certificate connector (pki-1); at least 2 are needed, so that PKCS and SCEP ' +
                    "delivery survives one connector's failure or expired agent certificate. Add connector hosts, or lower " +
                    "minConnectors in the intune-min-certificate-connectors policy config.",
            },
        ]);
    });

    test("counts hand-built Intune hosts by their connector-group tag, and not the hosts inside a fleet", async () => {
        const stack = new StackBuilder();
        const fleetResource = stack.add(FLEET, "pki", fleetSummary());
        stack.add(AZURE_VM, "pki-1-vm", azureVmProps({ tags: INTUNE_TAGS("pki") }), { parent: fleetResource });
        const single = stack.add(AZURE_VM, "ndes-1", azureVmProps({ osProfile: { computerName: "NDES-1" }, tags: INTUNE_TAGS("ndes") }));
        stack.add(AZURE_VM, "entra-1", azureVmProps({ tags: CONNECTOR_TAGS("ndes") }));
        const run = await runStackPolicy(intuneMinCertificateConnectors, stack.resources);
        expect(run.violations).toEqual([
            { urn: single.urn, message: expect.stringMatching(/^Intune certificate connector hosts tagged connector-group "ndes": 1 certificate connector \(NDES-1\); at least 2/) },
        ]);
        stack.add(AZURE_VM, "ndes-2", azureVmProps({ osProfile: { computerName: "NDES-2" }, tags: INTUNE_TAGS("ndes") }));
        expect((await runStackPolicy(intuneMinCertificateConnectors, stack.resources)).violations).toEqual([]);
    });

    test("honours minConnectors", async () => {
        const stack = new StackBuilder();
        stack.add(FLEET, "pki", fleetSummary());
        const run = await runStackPolicy(intuneMinCertificateConnectors, stack.resources, { minConnectors: 3 });
        expect(run.violations.map((v) => v.message)).toEqual([expect.stringContaining("2 certificate connectors (pki-1, pki-2); at least 3 are needed")]);
    });
});

describe("intune-no-pkcs-as-system", () => {
    test("flags PKCS served as SYSTEM, and says why", async () => {
        const run = await runResourcePolicy(intuneNoPkcsAsSystem, fleet({ serviceAccount: undefined, features: ["pkcs", "scep"] }));
        expect(run.violations).toEqual([
            {
                message: expect.stringMatching(
                    /^CertificateConnectorFleet "pki" serves PKCS with the connector running as SYSTEM: the connector uses its service account for every interaction with the Certification Authority.*Issue and Manage Certificates on the CA.*Set serviceAccount to a domain account/,
                ),
            },
        ]);
    });

    test("passes SCEP as SYSTEM and PKCS as a domain account, and leaves other resources alone", async () => {
        expect((await runResourcePolicy(intuneNoPkcsAsSystem, fleet({ serviceAccount: undefined, features: ["scep", "revocation"] }))).violations).toEqual([]);
        expect((await runResourcePolicy(intuneNoPkcsAsSystem, fleet())).violations).toEqual([]);
        expect((await runResourcePolicy(intuneNoPkcsAsSystem, resource(AZURE_VM, "vm", azureVmProps()))).notApplicable).toBe(true);
    });
});

describe("intune-service-account-local-admin", () => {
    test("warns that a non-admin service account cannot renew, naming the yearly failure and its event", async () => {
        const serviceAccount = { username: "CORP\\svc-intune", password: "x", localAdmin: false };
        const run = await runResourcePolicy(intuneServiceAccountLocalAdmin, fleet({ serviceAccount }));
        expect(run.violations).toEqual([
            {
                message:
                    'CertificateConnectorFleet "pki" runs the connector as CORP\\svc-intune, which is not a local administrator on ' +
                    "pki-1, pki-2: the agent certificate (valid one year) cannot renew: renewal fails with event 2 (\"Failed to " +
                    'renew agent certificate ... Access is denied") in Microsoft-Intune-CertificateConnectors/Operational, so the ' +
                    "connector must be reinstalled (or its configuration wizard rerun) before every expiry. Set " +
                    "serviceAccount.localAdmin to true, or plan the yearly reinstalls the fleet's interactiveSteps list.",
            },
        ]);
        expect(intuneServiceAccountLocalAdmin.enforcementLevel).toBe("advisory");
    });

    test("passes an administrator account and SYSTEM", async () => {
        expect((await runResourcePolicy(intuneServiceAccountLocalAdmin, fleet())).violations).toEqual([]);
        expect((await runResourcePolicy(intuneServiceAccountLocalAdmin, fleet({ serviceAccount: undefined, features: ["scep"] }))).violations).toEqual([]);
    });
});

describe("intune-expiry-gap", () => {
    test("flags two certificates that expire in the same month", async () => {
        const run = await runResourcePolicy(intuneExpiryGap, fleet({ enrolmentDates: { "pki-1": "2025-09-02", "pki-2": "2025-09-20" } }));
        expect(run.violations).toEqual([
            {
                message:
                    'CertificateConnectorFleet "pki": the agent certificates of pki-1 (expires 2026-09-02) and pki-2 (expires ' +
                    "2026-09-20) expire 18 days apart on the yearly cycle, closer than 3 months (89 days), so one missed renewal " +
                    "or outage can stop PKCS and SCEP delivery on both. Re-enrol one of them on the date the fleet's calendar " +
                    "gives, then update its enrolmentDates.",
            },
        ]);
    });

    test("measures on the yearly cycle: December and January are close", async () => {
        const run = await runResourcePolicy(intuneExpiryGap, fleet({ enrolmentDates: { "pki-1": "2025-12-20", "pki-2": "2026-01-10" } }));
        expect(run.violations.map((v) => v.message)).toEqual([expect.stringContaining("expire 21 days apart on the yearly cycle")]);
    });

    test("passes staggered certificates, and applies a wider gap from the config", async () => {
        expect((await runResourcePolicy(intuneExpiryGap, fleet())).violations).toEqual([]);
        const run = await runResourcePolicy(intuneExpiryGap, fleet(), { minimumGapMonths: 6 });
        expect(run.violations.map((v) => v.message)).toEqual([expect.stringContaining("expire 117 days apart on the yearly cycle, closer than 6 months (181 days)")]);
    });
});

describe("intune-expiry-not-due", () => {
    test("flags an expired certificate and one that expires within 30 days", async () => {
        const run = await runResourcePolicy(intuneExpiryNotDue, fleet({ enrolmentDates: { "pki-1": "2025-03-01", "pki-2": "2025-05-20" } }));
        expect(run.violations.map((v) => v.message)).toEqual([
            expect.stringMatching(/^CertificateConnectorFleet "pki": the agent certificate of pki-1 expired on 2026-03-01 \(61 days ago\); PKCS and SCEP delivery through this connector stops/),
            expect.stringMatching(/^CertificateConnectorFleet "pki": the agent certificate of pki-2 expires on 2026-05-20 \(in 19 days, within 30\)/),
        ]);
    });

    test("passes a certificate 31 days out, and honours withinDays", async () => {
        const justOutside = fleet({ enrolmentDates: { "pki-1": "2025-06-01", "pki-2": "2025-11-01" } });
        expect((await runResourcePolicy(intuneExpiryNotDue, justOutside)).violations).toEqual([]);
        const run = await runResourcePolicy(intuneExpiryNotDue, justOutside, { withinDays: 31 });
        expect(run.violations.map((v) => v.message)).toEqual([expect.stringContaining("pki-1 expires on 2026-06-01 (in 31 days, within 31)")]);
    });
});

describe("the pack", () => {
    test("serves the Intune rules at their levels", () => {
        const levels = Object.fromEntries(policies.map((policy) => [policy.name, policy.enforcementLevel]));
        expect(levels).toMatchObject({
            "intune-min-certificate-connectors": "mandatory",
            "intune-no-pkcs-as-system": "mandatory",
            "intune-expiry-gap": "mandatory",
            "intune-expiry-not-due": "mandatory",
            "intune-service-account-local-admin": "advisory",
        });
    });

    test("judges a fleet's hosts by the host size rule, as a ConnectorGroup's", async () => {
        const summary = fleetSummary() as unknown as CertificateConnectorFleetSummary;
        const small = { ...summary, hosts: summary.hosts.map((host) => ({ ...host, size: "Standard_B2ms" })) };
        const run = await runResourcePolicy(connectorHostMinSize, resource(FLEET, "pki", small as unknown as Record<string, unknown>));
        expect(run.violations.map((v) => v.message)).toEqual([
            expect.stringMatching(/^Connector host "pki-1" of CertificateConnectorFleet "pki" uses size "Standard_B2ms"/),
            expect.stringMatching(/^Connector host "pki-2" of CertificateConnectorFleet "pki" uses size "Standard_B2ms"/),
        ]);
        expect((await runResourcePolicy(connectorHostMinSize, fleet())).violations).toEqual([]);
    });

    test("judges a fleet's hosts of a size the catalogue does not know by the capacity their sizeOverride declares, the config winning", async () => {
        const gcp = {
            project: "pki-prod-123",
            zones: ["europe-west1-b", "europe-west1-c"],
            subnetwork: "projects/net-host-1/regions/europe-west1/subnetworks/pki",
            machineType: "c4-highcpu-4",
            sizeOverride: { vcpus: 4, memoryGiB: 8 },
        };
        const azure = { location: "westeurope", adminPassword: "z", computerNamePrefix: "pki", vmSize: "Standard_D4plds_v6", sizeOverride: { vcpus: 4, memoryGiB: 8 } };
        for (const [settings, size] of [
            [{ gcp, azure: undefined }, "c4-highcpu-4"],
            [{ azure }, "Standard_D4plds_v6"],
        ] as const) {
            const declared = resource(FLEET, "pki", fleetSummary(settings));
            expect((await runResourcePolicy(connectorHostMinSize, declared)).violations).toEqual([]);
            const smallInConfig = await runResourcePolicy(connectorHostMinSize, declared, { sizeOverrides: { [size]: { vcpus: 2, memoryGiB: 8 } } });
            expect(smallInConfig.violations.map((v) => v.message)).toEqual([
                expect.stringMatching(/^Connector host "pki-1" of CertificateConnectorFleet "pki" uses size "\S+" \(2 vCPU, 8 GiB as declared in sizeOverrides\)/),
                expect.stringMatching(/^Connector host "pki-2" of CertificateConnectorFleet "pki" uses size "\S+" \(2 vCPU, 8 GiB as declared in sizeOverrides\)/),
            ]);
        }
    });

    test("says it cannot tell during preview rather than passing an unknown calendar", async () => {
        const props = previewProps({ ...fleetSummary(), calendar: UNKNOWN_OBJECT });
        const run = await runResourcePolicy(intuneExpiryGap, resource(FLEET, "pki", props));
        expect(run.violations).toEqual([]);
        expect(run.thrown).toBeInstanceOf(UnknownValueError);
    });
});
