/** The Azure marketplace appliance, and the Azure scale-out alerts. */
import * as pulumi from "@pulumi/pulumi";
import {
    AZURE_APPLIANCE_OFFER,
    AZURE_APPLIANCE_PUBLISHER,
    COMPONENT_TYPES,
    ConnectorGroup,
    type ConnectorGroupArgs,
    type ConnectorGroupSummary,
    ENTRA_RESOURCE_TYPES,
    InputValidationError,
} from "connector-topology";
import { AzureConnectorHost } from "connector-topology/azure";
import { runPlan } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { ADMIN_PASSWORD, groupArgs, REGISTRATION_TOKEN, SUBNET_ID } from "./fixtures";
import { inputsOf, type MockEngine, startMockEngine, type VmInputs, whereMentioned } from "./harness";

const VM = "azure-native:compute:VirtualMachine";
const NIC = "azure-native:network:NetworkInterface";
const EXTENSION = "azure-native:compute:VirtualMachineExtension";
const METRIC_ALERT = "azure-native:monitor:MetricAlert";
const SKU = "entra-private-network-connector";
const ACTION_GROUP_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops/providers/microsoft.insights/actionGroups/connectors";

const APPLIANCE_IMAGE = { publisher: AZURE_APPLIANCE_PUBLISHER, offer: AZURE_APPLIANCE_OFFER, sku: SKU, version: "latest" };
const APPLIANCE_PLAN = { name: SKU, publisher: AZURE_APPLIANCE_PUBLISHER, product: AZURE_APPLIANCE_OFFER };

function applianceArgs(azure: Partial<NonNullable<ConnectorGroupArgs["azure"]>> = {}): ConnectorGroupArgs {
    return groupArgs({ azure: { ...groupArgs().azure!, appliance: { sku: SKU }, ...azure } });
}

interface MetricAlertInputs {
    location: string;
    description: string;
    severity: number;
    enabled: boolean;
    autoMitigate: boolean;
    scopes: string[];
    targetResourceType: string;
    targetResourceRegion: string;
    evaluationFrequency: string;
    windowSize: string;
    criteria: { odataType: string; allOf: Record<string, unknown>[] };
    actions: { actionGroupId: string }[];
    resourceGroupName: string;
    tags?: Record<string, string>;
}

describe("ConnectorGroup on the Azure marketplace appliance", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("deploys the appliance's image with its purchase plan, at the same size, in zones, without public IP", async () => {
        new ConnectorGroup("eur-apps", applianceArgs());
        await engine.settle();
        const vms = engine.ofType(VM);
        expect(vms.map((vm) => vm.inputs.zones)).toEqual([["1"], ["2"]]);
        for (const vm of vms) {
            const inputs = inputsOf<VmInputs & { plan: Record<string, string> }>(vm);
            expect(inputs.storageProfile.imageReference).toEqual(APPLIANCE_IMAGE);
            expect(inputs.plan).toEqual(APPLIANCE_PLAN);
            expect(inputs.hardwareProfile).toEqual({ vmSize: "Standard_D4ls_v5" });
            expect(inputs.securityProfile).toEqual({ encryptionAtHost: true });
            expect(inputs.tags).toEqual({ "connector-group": "eur-apps", "connector-kind": "entra-private-network" });
        }
        for (const nic of engine.ofType(NIC)) {
            expect(JSON.stringify(nic.inputs)).not.toMatch(/publicIPAddress|networkSecurityGroup/i);
        }
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "eur-apps").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.map((h) => [h.machineName, h.appliance, h.image])).toEqual([
            ["eur-apps-1", true, `${AZURE_APPLIANCE_PUBLISHER}:${AZURE_APPLIANCE_OFFER}:${SKU}:latest`],
            ["eur-apps-2", true, `${AZURE_APPLIANCE_PUBLISHER}:${AZURE_APPLIANCE_OFFER}:${SKU}:latest`],
        ]);
    });

    test("registers the pre-installed connector with the group's bootstrap, then moves it into the group", async () => {
        new ConnectorGroup("eur-apps", applianceArgs());
        await engine.settle();
        for (const index of [1, 2]) {
            const bootstrap = engine.find(EXTENSION, `eur-apps-azure-${index}-bootstrap`);
            expect(whereMentioned(bootstrap.inputs, REGISTRATION_TOKEN)).toEqual({ secret: ["protectedSettings.commandToExecute"], plain: [] });
            const membership = engine.find(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, `eur-apps-azure-${index}-membership`);
            expect(membership.inputs.machineName).toBe(`eur-apps-${index}`);
            expect(membership.dependencies).toContain(bootstrap.urn);
        }
        for (const registration of engine.registrations) {
            for (const secret of [REGISTRATION_TOKEN, ADMIN_PASSWORD]) {
                expect(whereMentioned(registration.inputs, secret).plain).toEqual([]);
            }
        }
    });

    test("a standalone AzureConnectorHost takes the appliance too", async () => {
        new AzureConnectorHost("conn-1", {
            computerName: "conn-1",
            location: "westeurope",
            resourceGroupName: "rg",
            subnetId: SUBNET_ID,
            zone: "1",
            adminPassword: ADMIN_PASSWORD,
            connectorKind: "entra-private-network",
            connectorGroupName: "eur-apps",
            appliance: { sku: SKU, version: "1.0.2" },
        });
        await engine.settle();
        const vm = inputsOf<VmInputs & { plan: Record<string, string> }>(engine.find(VM, "conn-1-vm"));
        expect(vm.storageProfile.imageReference).toEqual({ ...APPLIANCE_IMAGE, version: "1.0.2" });
        expect(vm.plan).toEqual(APPLIANCE_PLAN);
        expect(engine.find(COMPONENT_TYPES.AzureConnectorHost, "conn-1").inputs).toMatchObject({ appliance: true, platform: "azure" });
    });

    test("Windows Server hosts carry no purchase plan", async () => {
        new ConnectorGroup("eur-apps", groupArgs());
        await engine.settle();
        for (const vm of engine.ofType(VM)) {
            expect(vm.inputs.plan).toBeUndefined();
        }
    });

    test("refuses an appliance without its SKU, or next to an image, before registering anything", async () => {
        const attempts: [ConnectorGroupArgs, RegExp][] = [
            [applianceArgs({ appliance: { sku: "" } }), /azure\.appliance\.sku = "": is required: the appliance's plan \(SKU\), which Microsoft does not document/],
            [
                applianceArgs({ image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter", version: "latest" } }),
                /azure\.appliance = \{"sku":"entra-private-network-connector"\}: the appliance brings its own image/,
            ],
            [applianceArgs({ vmSize: "Standard_B2s" }), /azure\.vmSize = "Standard_B2s": has 2 vCPU, 4 GiB/],
        ];
        for (const [args, message] of attempts) {
            expect(() => new ConnectorGroup("eur-apps", args)).toThrow(InputValidationError);
            expect(() => new ConnectorGroup("eur-apps", args)).toThrow(message);
        }
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });
});

describe("Azure scale-out alerts", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("watch every Azure host's CPU and memory, per host, and notify the action group", async () => {
        new ConnectorGroup("eur-apps", groupArgs({ azure: { ...groupArgs().azure!, count: 3, scaleOutAlert: { actionGroupId: ACTION_GROUP_ID } } }));
        await engine.settle();
        const vmIds = engine.ofType(VM).map((vm) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${vm.name}`);
        const alerts = engine.ofType(METRIC_ALERT).sort((a, b) => a.name.localeCompare(b.name));
        expect(alerts.map((a) => a.name)).toEqual(["eur-apps-azure-cpu-alert", "eur-apps-azure-memory-alert"]);
        const group = engine.find(COMPONENT_TYPES.ConnectorGroup, "eur-apps");
        const [cpu, memory] = alerts.map((alert) => {
            expect(alert.parent).toBe(group.urn);
            return inputsOf<MetricAlertInputs>(alert);
        });
        for (const alert of [cpu!, memory!]) {
            expect(alert).toMatchObject({
                location: "global",
                resourceGroupName: "connectors-eur",
                severity: 2,
                enabled: true,
                autoMitigate: true,
                targetResourceType: "Microsoft.Compute/virtualMachines",
                targetResourceRegion: "westeurope",
                evaluationFrequency: "PT5M",
                windowSize: "PT15M",
                actions: [{ actionGroupId: ACTION_GROUP_ID }],
            });
            expect(alert.scopes.sort()).toEqual(vmIds.sort());
            expect(alert.criteria.odataType).toBe("Microsoft.Azure.Monitor.MultipleResourceMultipleMetricCriteria");
            expect(alert.description).toMatch(/Scale out: add a connector host to the group \(raise its host count\), rather than scaling up/);
        }
        expect(cpu!.criteria.allOf).toEqual([
            {
                criterionType: "StaticThresholdCriterion",
                name: "CPU-busy",
                metricNamespace: "Microsoft.Compute/virtualMachines",
                metricName: "Percentage CPU",
                operator: "GreaterThan",
                threshold: 70,
                timeAggregation: "Average",
            },
        ]);
        expect(memory!.criteria.allOf).toEqual([
            expect.objectContaining({ metricName: "Available Memory Percentage", operator: "LessThan", threshold: 30 }),
        ]);
        expect(cpu!.description).toBe(
            'A connector host of group "eur-apps" has had more than 70% of its CPU in use for 15 minutes. Scale out: add a ' +
                "connector host to the group (raise its host count), rather than scaling up to a larger size; a group's " +
                "connectors share its load, and more of them also adds redundancy.",
        );
    });

    test("take the threshold and window given, and the hosts' tags", async () => {
        new ConnectorGroup(
            "eur-apps",
            applianceArgs({ tags: { owner: "net" }, scaleOutAlert: { actionGroupId: pulumi.output(ACTION_GROUP_ID), thresholdPercent: 85, windowMinutes: 60 } }),
        );
        await engine.settle();
        const alerts = engine.ofType(METRIC_ALERT).map((alert) => inputsOf<MetricAlertInputs>(alert));
        expect(alerts.map((a) => [a.windowSize, a.criteria.allOf[0]!.threshold, a.tags]).sort()).toEqual([
            ["PT60M", 15, { owner: "net" }],
            ["PT60M", 85, { owner: "net" }],
        ]);
    });

    test("are not created without an action group to send them to", async () => {
        new ConnectorGroup("eur-apps", groupArgs());
        await engine.settle();
        expect(engine.ofType(METRIC_ALERT)).toEqual([]);
    });
});

describe("the appliance and the alerts under the policy pack", () => {
    test("an appliance group with alerts breaks no policy", async () => {
        const result = await runPlan({
            inline: {
                projectName: "estate",
                program: () => {
                    new ConnectorGroup("eur-apps", applianceArgs({ scaleOutAlert: { actionGroupId: ACTION_GROUP_ID } }));
                },
            },
            policies,
        });
        expect(result.document["violations"]).toEqual([]);
        expect(result.exitCode).toBe(0);
        expect(result.resources.filter((r) => r.type === METRIC_ALERT)).toHaveLength(2);
    });
});
