import * as pulumi from "@pulumi/pulumi";
import {
    CertificateConnectorFleet,
    type CertificateConnectorFleetArgs,
    type CertificateConnectorFleetSummary,
    COMPONENT_TYPES,
    InputValidationError,
} from "connector-topology";
import { ADMIN_PASSWORD, DOMAIN_PASSWORD, SUBNET_ID } from "../components/fixtures";
import { inputsOf, isSecret, type MockEngine, outputOf, reveal, startMockEngine, type VmInputs, whereMentioned } from "../components/harness";
import { ACTION_GROUP_ID, fleetWithoutHosts, INSTALLER_URL, SERVICE_PASSWORD, WORKSPACE_ID } from "./fixtures";

const VM = "azure-native:compute:VirtualMachine";
const EXTENSION = "azure-native:compute:VirtualMachineExtension";
const DCR = "azure-native:monitor:DataCollectionRule";
const DCR_ASSOCIATION = "azure-native:monitor:DataCollectionRuleAssociation";
const ALERT_RULE = "azure-native:monitor:ScheduledQueryRule";


function fleetArgs(overrides: Partial<CertificateConnectorFleetArgs> = {}): CertificateConnectorFleetArgs {
    return fleetWithoutHosts({
        azure: { location: "westeurope", resourceGroupName: "pki-eur", subnetId: SUBNET_ID, adminPassword: ADMIN_PASSWORD, computerNamePrefix: "pki" },
        ...overrides,
    });
}

/** The PowerShell a VM's bootstrap runs, decoded from its user data. */
function bootstrapScript(vm: { inputs: Record<string, unknown> }): string {
    return Buffer.from(inputsOf<VmInputs>(vm as never).userData ?? "", "base64").toString("utf8");
}

describe("CertificateConnectorFleet", () => {
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

    test("builds two zoned Windows Server 2022 hosts tagged as Intune certificate connectors, each installing the connector", async () => {
        const fleet = new CertificateConnectorFleet("pki", fleetArgs());
        const [hostIds, privateIps] = await Promise.all([outputOf(fleet.hostIds), outputOf(fleet.privateIps)]);
        await engine.settle();

        expect(engine.ofType(COMPONENT_TYPES.AzureConnectorHost).map((host) => host.name)).toEqual(["pki-azure-1", "pki-azure-2"]);
        const vms = engine.ofType(VM);
        expect(vms.map((vm) => vm.inputs.zones)).toEqual([["1"], ["2"]]);
        for (const vm of vms) {
            const inputs = inputsOf<VmInputs>(vm);
            expect(inputs.hardwareProfile).toEqual({ vmSize: "Standard_D4ls_v5" });
            expect(inputs.storageProfile.imageReference).toMatchObject({ offer: "WindowsServer", sku: "2022-datacenter-azure-edition" });
            expect(inputs.tags).toEqual({ "connector-group": "pki", "connector-kind": "intune-certificate" });
            expect(inputs.identity).toBeUndefined();
            const script = bootstrapScript(vm);
            expect(script).toContain("Certificate Connector for Microsoft Intune bootstrap");
            expect(script).toContain("$ServiceAccount = 'CORP\\svc-intune'");
            expect(script).toContain("$ServiceAccountLocalAdmin = $true");
        }
        expect(vms.map((vm) => inputsOf<VmInputs>(vm).osProfile.computerName)).toEqual(["pki-1", "pki-2"]);
        // Domain join first, then the bootstrap.
        for (const name of ["pki-azure-1", "pki-azure-2"]) {
            const join = engine.find(EXTENSION, `${name}-domain-join`);
            expect(engine.find(EXTENSION, `${name}-bootstrap`).dependencies).toContain(join.urn);
        }
        expect(fleet.machineNames).toEqual(["pki-1", "pki-2"]);
        expect(hostIds).toEqual(vms.map((vm) => expect.stringContaining(`/virtualMachines/${vm.name}`)));
        expect(privateIps).toHaveLength(2);
        expect(engine.ofType(DCR)).toEqual([]);
    });

    test("registers a non-secret summary with the calendar, and exposes the calendar and the interactive steps", async () => {
        const fleet = new CertificateConnectorFleet("pki", fleetArgs({ enrolmentDates: { "pki-1": "2025-09-15", "PKI-2": "2026-01-10" } }));
        await engine.settle();
        const summary = engine.find(COMPONENT_TYPES.CertificateConnectorFleet, "pki").inputs as unknown as CertificateConnectorFleetSummary;
        expect(summary).toMatchObject({
            displayName: "pki",
            features: ["pkcs", "revocation"],
            serviceAccountModel: "domainAccountLocalAdmin",
            serviceAccount: "CORP\\svc-intune",
            renewal: "automatic",
            domainJoined: true,
            today: "2026-05-01",
            expiryGapMonths: 3,
            expiryWarningDays: 30,
            azureAlerting: false,
        });
        expect(summary.hosts.map((host) => [host.machineName, host.zone, host.size])).toEqual([
            ["pki-1", "1", "Standard_D4ls_v5"],
            ["pki-2", "2", "Standard_D4ls_v5"],
        ]);
        expect(summary.calendar.entries.map((entry) => [entry.machineName, entry.enrolmentDate, entry.expiryDate])).toEqual([
            ["pki-1", "2025-09-15", "2026-09-15"],
            ["pki-2", "2026-01-10", "2027-01-10"],
        ]);
        expect(fleet.calendar).toEqual(summary.calendar);
        expect(fleet.nextExpiry).toEqual({ machineName: "pki-1", expiryDate: "2026-09-15", daysLeft: 137 });
        // Both connectors are configured already and renew by themselves: nothing needs a person.
        expect(fleet.interactiveSteps).toEqual([]);
        expect(fleet.configurationInstructions).toContain("Features: PKCS, Certificate revocation. Service Account: Domain user account CORP\\svc-intune.");
        expect(warn).not.toHaveBeenCalled();
    });

    test("spreads default enrolment dates across the year from today, says which hosts need a sign-in and when, and warns to pin them", async () => {
        const fleet = new CertificateConnectorFleet("pki", fleetArgs({ azure: { ...fleetArgs().azure!, count: 3 }, expiryGapMonths: 4 }));
        await engine.settle();
        expect(fleet.calendar.entries.map((entry) => entry.enrolmentDate)).toEqual(["2026-05-01", "2026-08-30", "2026-12-30"]);
        expect(fleet.calendar.tooClose).toEqual([]);
        expect(fleet.interactiveSteps.map((step) => [step.machineName, step.date, step.action])).toEqual([
            ["pki-1", "2026-05-01", "configure"],
            ["pki-2", "2026-08-30", "configure"],
            ["pki-3", "2026-12-30", "configure"],
        ]);
        expect(fleet.interactiveSteps[0]?.command).toBe(
            "Start-Process -Verb RunAs -FilePath 'C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\ConnectorUI\\PFXCertificateConnectorUI.exe'",
        );
        expect(warn).toHaveBeenCalledWith(
            expect.stringContaining('CertificateConnectorFleet "pki": enrolment dates spread from today (2026-05-01) for pki-1 2026-05-01, pki-2 2026-08-30, pki-3 2026-12-30'),
            expect.anything(),
        );
    });

    test("plans a yearly reinstall for every host when the service account is not a local administrator, and warns why", async () => {
        const fleet = new CertificateConnectorFleet(
            "pki",
            fleetArgs({
                serviceAccount: { username: "CORP\\svc-intune", password: SERVICE_PASSWORD, localAdmin: false },
                enrolmentDates: { "pki-1": "2025-09-15", "pki-2": "2026-01-10" },
            }),
        );
        await engine.settle();
        expect(fleet.renewal).toBe("yearlyReinstall");
        expect(fleet.interactiveSteps.map((step) => [step.machineName, step.date, step.action])).toEqual([
            ["pki-1", "2026-08-16", "reinstall"],
            ["pki-2", "2026-12-11", "reinstall"],
        ]);
        expect(bootstrapScript(engine.ofType(VM)[0]!)).toContain("$ServiceAccountLocalAdmin = $false");
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/serviceAccount\.localAdmin = false: the agent certificate .* event 2/), expect.anything());
    });

    test("warns that PKCS should not run as SYSTEM, and runs the connector as SYSTEM without a password secret", async () => {
        new CertificateConnectorFleet("pki", fleetArgs({ serviceAccount: undefined, domainJoin: undefined, features: ["pkcs"] }));
        await engine.settle();
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/runs as SYSTEM and serves PKCS: the connector uses its service account/), expect.anything());
        const bootstrap = engine.find(EXTENSION, "pki-azure-1-bootstrap");
        const command = (reveal(bootstrap.inputs) as { protectedSettings: { commandToExecute: string } }).protectedSettings.commandToExecute;
        const secrets = JSON.parse(Buffer.from(/-SecretsBase64 '([^']+)'/.exec(command)?.[1] ?? "", "base64").toString("utf8")) as Record<string, string>;
        expect(Object.keys(secrets)).toEqual(["InstallerUrl"]);
        expect(bootstrapScript(engine.ofType(VM)[0]!)).toContain("$ServiceAccount = ''");
    });

    test("keeps the installer URL, the service-account password and every other secret secret, wherever they reach", async () => {
        const fleet = new CertificateConnectorFleet("pki", fleetArgs({ azureMonitoring: { workspaceResourceId: WORKSPACE_ID, actionGroupId: ACTION_GROUP_ID } }));
        await outputOf(fleet.alertRuleIds);
        await engine.settle();
        const expectations: [string, (name: string) => boolean][] = [
            [INSTALLER_URL, (name) => name.endsWith("-bootstrap")],
            [SERVICE_PASSWORD, (name) => name.endsWith("-bootstrap")],
            [ADMIN_PASSWORD, (name) => name.endsWith("-vm")],
            [DOMAIN_PASSWORD, (name) => name.endsWith("-domain-join")],
        ];
        for (const [secret, reaches] of expectations) {
            const holders: string[] = [];
            for (const registration of engine.registrations) {
                const where = whereMentioned(registration.inputs, secret);
                expect({ resource: registration.name, plain: where.plain }).toEqual({ resource: registration.name, plain: [] });
                if (where.secret.length > 0) {
                    holders.push(registration.name);
                }
            }
            expect(holders.sort()).toEqual(engine.registrations.map((r) => r.name).filter(reaches).sort());
            expect(holders).toHaveLength(2);
        }
        for (const bootstrap of engine.ofType(EXTENSION).filter((r) => r.name.endsWith("-bootstrap"))) {
            expect(isSecret(bootstrap.inputs.protectedSettings)).toBe(true);
        }
        // Nor do the secrets appear in what the fleet exposes.
        const exposed = JSON.stringify([fleet.calendar, fleet.interactiveSteps, fleet.configurationInstructions]);
        for (const [secret] of expectations) {
            expect(exposed).not.toContain(secret);
        }
    });

    test("alerts through Azure Monitor on the connector's failure events and the check's warnings", async () => {
        const fleet = new CertificateConnectorFleet(
            "pki",
            fleetArgs({ azureMonitoring: { workspaceResourceId: WORKSPACE_ID, actionGroupId: ACTION_GROUP_ID, severity: 2 } }),
        );
        const alertRuleIds = await outputOf(fleet.alertRuleIds);
        await engine.settle();

        for (const vm of engine.ofType(VM)) {
            expect(inputsOf<VmInputs>(vm).identity).toEqual({ type: "SystemAssigned" });
        }
        const rule = reveal(engine.find(DCR, "pki-events").inputs) as Record<string, unknown>;
        expect(rule).toMatchObject({
            resourceGroupName: "pki-eur",
            location: "westeurope",
            kind: "Windows",
            dataSources: {
                windowsEventLogs: [
                    {
                        streams: ["Microsoft-Event"],
                        xPathQueries: [
                            "Microsoft-Intune-CertificateConnectors/Operational!*[System[(EventID=2 or EventID=1003 or EventID=5001)]]",
                            "Application!*[System[Provider[@Name='ConnectorTopology'] and (EventID=401 or EventID=402 or EventID=404 or EventID=405)]]",
                        ],
                    },
                ],
            },
            destinations: { logAnalytics: [{ name: "workspace", workspaceResourceId: WORKSPACE_ID }] },
            dataFlows: [{ streams: ["Microsoft-Event"], destinations: ["workspace"] }],
        });
        for (const host of ["pki-azure-1", "pki-azure-2"]) {
            const agent = engine.find(EXTENSION, `${host}-monitor-agent`);
            expect(reveal(agent.inputs)).toMatchObject({
                publisher: "Microsoft.Azure.Monitor",
                type: "AzureMonitorWindowsAgent",
                vmName: `${host}-vm`,
                enableAutomaticUpgrade: true,
            });
            // After the host's bootstrap: one extension operation per VM at a time.
            expect(agent.dependencies).toContain(engine.find(EXTENSION, `${host}-bootstrap`).urn);
            expect(reveal(engine.find(DCR_ASSOCIATION, `${host}-events`).inputs)).toMatchObject({
                resourceUri: expect.stringContaining(`/virtualMachines/${host}-vm`),
                dataCollectionRuleId: "pki-events-id",
            });
        }
        const alerts = engine.ofType(ALERT_RULE).map((alert) => reveal(alert.inputs) as Record<string, unknown>);
        expect(alerts).toHaveLength(2);
        for (const alert of alerts) {
            expect(alert).toMatchObject({
                kind: "LogAlert",
                severity: 2,
                scopes: [WORKSPACE_ID],
                evaluationFrequency: "PT15M",
                windowSize: "PT15M",
                actions: { actionGroups: [ACTION_GROUP_ID] },
            });
        }
        const queries = alerts.map((alert) => (alert.criteria as { allOf: { query: string }[] }).allOf[0]?.query);
        expect(queries[0]).toContain('EventLog == "Microsoft-Intune-CertificateConnectors/Operational" and EventID in (2, 1003, 5001)');
        expect(queries[1]).toContain('EventLog == "Application" and Source == "ConnectorTopology" and EventID in (401, 402, 404, 405)');
        for (const query of queries) {
            expect(query).toContain('| where Host in ("pki-1", "pki-2")');
        }
        expect(alertRuleIds).toEqual(["pki-connector-failures-id", "pki-agent-certificate-id"]);
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, Partial<CertificateConnectorFleetArgs>, RegExp][] = [
            ["no features", { features: [] }, /features = \[\]: must list the connector features/],
            ["an unknown feature", { features: ["pkcs", "ndes"] }, /features\[1\] = "ndes": is not a connector feature; use one of pkcs, pkcsImported, scep, revocation/],
            ["a single host", { azure: { ...fleetArgs().azure!, count: 1 } }, /hosts = 1: a fleet needs at least 2 certificate connectors/],
            [
                "a gap that does not fit the hosts",
                { azure: { ...fleetArgs().azure!, count: 5 } },
                /expiryGapMonths = 3: 5 connectors cannot keep their agent certificates' expiries 3 months apart: 5 x 3 months is more than the 12 months of a year; use a gap of at most 2 months for 5 connectors/,
            ],
            ["a domain account without a domain join", { domainJoin: undefined }, /serviceAccount = "\(a domain account\)": a domain service account needs the hosts joined to its domain/],
            ["an account without its domain", { serviceAccount: { username: "svc-intune", password: SERVICE_PASSWORD } }, /serviceAccount\.username = "svc-intune": must name the domain account with its domain/],
            ["a missing password", { serviceAccount: { username: "CORP\\svc", password: "" } }, /serviceAccount\.password = \(not set\): a secret is required here/],
            ["a date that is not one", { enrolmentDates: { "pki-1": "2026-02-30" } }, /enrolmentDates\.pki-1 = "2026-02-30": must be a calendar date written YYYY-MM-DD/],
            ["a date for a host the fleet does not have", { enrolmentDates: { "pki-9": "2026-01-01" } }, /enrolmentDates\.pki-9 = "2026-01-01": names no host of the fleet; its hosts are pki-1, pki-2/],
            ["a date more than a year ahead", { enrolmentDates: { "pki-1": "2027-06-01" } }, /enrolmentDates\.pki-1 = "2027-06-01": is more than a year after today \(2026-05-01\)/],
            ["a bad today", { today: "01/05/2026" }, /today = "01\/05\/2026": must be a calendar date written YYYY-MM-DD/],
            ["no installer", { installer: undefined as never }, /installer = \(not set\): is required: \{ url \} of IntuneCertificateConnector.exe/],
            ["an http installer URL", { installer: { url: "http://example.com/x.exe" } }, /installer\.url = "\(a string\)": must be an https:\/\/ URL/],
            ["no hosts", { azure: undefined }, /hosts = \(not set\): a certificate connector fleet needs hosts: declare them under azure, aws or gcp/],
            [
                "alerting without a workspace",
                { azureMonitoring: { workspaceResourceId: "ops-logs", actionGroupId: ACTION_GROUP_ID } },
                /azureMonitoring\.workspaceResourceId = "ops-logs": must be the resource id of the Log Analytics workspace/,
            ],
            [
                "the Entra connector's appliance",
                { azure: { ...fleetArgs().azure!, appliance: { sku: "entra-private-network-connector" } } },
                /azure\.appliance = \{"sku":"entra-private-network-connector"\}: is the Entra private network connector's marketplace appliance/,
            ],
            [
                "a scale-out alert",
                { azure: { ...fleetArgs().azure!, scaleOutAlert: { actionGroupId: ACTION_GROUP_ID } } },
                /azure\.scaleOutAlert = "\(set\)": scale-out alerts are for Entra connector groups .* azureMonitoring on Azure, gcpMonitoring on GCP/,
            ],
            ["a name that PowerShell would mangle", { displayName: "pki\u2013eu" }, /displayName = "pki\u2013eu": the fleet's name must be printable ASCII/],
        ];
        test.each(cases)("%s", async (_label, overrides, message) => {
            expect(() => new CertificateConnectorFleet("pki", fleetArgs(overrides))).toThrow(InputValidationError);
            expect(() => new CertificateConnectorFleet("pki", fleetArgs(overrides))).toThrow(message);
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });

        test("reports every problem at once", () => {
            const error = (() => {
                try {
                    new CertificateConnectorFleet("pki", fleetArgs({ features: [], today: "nope", expiryWarningDays: 0 }));
                } catch (caught) {
                    return caught as InputValidationError;
                }
                throw new Error("no error");
            })();
            expect(error.issues.map((issue) => issue.field)).toEqual(["features", "today", "expiryWarningDays"]);
        });
    });
});
