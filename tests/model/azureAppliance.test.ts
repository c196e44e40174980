import fc from "fast-check";
import {
    AZURE_APPLIANCE_OFFER,
    AZURE_APPLIANCE_PUBLISHER,
    azureScaleOutCriteria,
    type ConnectorGroupSettings,
    InputValidationError,
    planConnectorGroup,
    SCALE_OUT_ALERT_DEFAULTS,
    scaleOutAlertDescription,
} from "connector-topology";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ACTION_GROUP_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops/providers/microsoft.insights/actionGroups/connectors";

function settings(azure: Partial<NonNullable<ConnectorGroupSettings["azure"]>>): ConnectorGroupSettings {
    return { region: "eur", registration: { tenantId: TENANT_ID, token: "a.b.c" }, azure: { location: "westeurope", adminPassword: "x", ...azure } };
}

function errorsOf(input: ConnectorGroupSettings): string[] {
    try {
        planConnectorGroup("g", input);
    } catch (error) {
        if (error instanceof InputValidationError) {
            return error.issues.map((issue) => `${issue.field}: ${issue.rule}`);
        }
        throw error;
    }
    return [];
}

describe("the Azure marketplace appliance", () => {
    test("uses the offer's image and purchase plan, and keeps the size, zones and summary of any host", () => {
        const plan = planConnectorGroup("g", settings({ appliance: { sku: "entra-connector-plan" }, vmSize: "Standard_F4s_v2" }));
        const image = { publisher: AZURE_APPLIANCE_PUBLISHER, offer: AZURE_APPLIANCE_OFFER, sku: "entra-connector-plan", version: "latest" };
        for (const host of plan.azureHosts) {
            expect(host.settings.image).toEqual(image);
            expect(host.settings.plan).toEqual({ name: "entra-connector-plan", publisher: AZURE_APPLIANCE_PUBLISHER, product: AZURE_APPLIANCE_OFFER });
            expect(host.settings.vmSize).toBe("Standard_F4s_v2");
        }
        expect(plan.summary.hosts).toEqual([1, 2].map((n) => ({
            machineName: `g-${n}`,
            platform: "azure",
            cloudRegion: "westeurope",
            zone: String(n),
            size: "Standard_F4s_v2",
            image: `${AZURE_APPLIANCE_PUBLISHER}:${AZURE_APPLIANCE_OFFER}:entra-connector-plan:latest`,
            appliance: true,
            domainJoined: false,
        })));
    });

    test("Windows Server hosts carry no purchase plan", () => {
        const plan = planConnectorGroup("g", settings({}));
        expect(plan.azureHosts[0]!.settings.plan).toBeUndefined();
        expect(plan.summary.hosts[0]!.appliance).toBeUndefined();
    });

    test("needs the SKU, since Microsoft does not document it, and says how to find it", () => {
        expect(errorsOf(settings({ appliance: {} }))).toEqual([
            "azure.appliance.sku: is required: the appliance's plan (SKU), which Microsoft does not document; list the offer's plans with " +
                "`az vm image list --publisher microsoftcorporation1687208452115 --offer entraprivatenetworkconnector --all --output table`",
        ]);
    });

    test("keeps the rules on size, and refuses an image or a bad version next to it", () => {
        expect(
            errorsOf(
                settings({
                    appliance: { sku: "plan", version: "newest" },
                    vmSize: "Standard_D2s_v5",
                    image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter", version: "latest" },
                }),
            ),
        ).toEqual([
            expect.stringMatching(/^azure\.vmSize: has 2 vCPU, 8 GiB; a connector host needs at least 4 vCPU, 8 GiB/),
            "azure.appliance: the appliance brings its own image; set appliance or azure.image (with azure.imageOverride), not both",
            'azure.appliance.version: must be "latest" or an image version such as 1.0.0',
        ]);
    });

    test("named as an image, points to appliance: the VM would lack its purchase plan", () => {
        expect(errorsOf(settings({ image: { publisher: AZURE_APPLIANCE_PUBLISHER, offer: AZURE_APPLIANCE_OFFER, sku: "plan", version: "latest" } }))).toEqual([
            expect.stringMatching(/^azure\.image: is the connector's marketplace appliance, which needs its purchase plan as well as its image; set azure\.appliance/),
        ]);
    });
});

describe("the Azure scale-out alert", () => {
    test("defaults to Microsoft's 70% over 15 minutes", () => {
        const plan = planConnectorGroup("g", settings({ scaleOutAlert: { actionGroupId: ACTION_GROUP_ID } }));
        expect(plan.azureScaleOutAlert).toEqual({ thresholdPercent: 70, windowMinutes: 15 });
        expect(SCALE_OUT_ALERT_DEFAULTS).toEqual({ thresholdPercent: 70, windowMinutes: 15 });
        expect(planConnectorGroup("g", settings({})).azureScaleOutAlert).toBeUndefined();
    });

    test("names the field, the value and the rule for a bad threshold, window or action group", () => {
        expect(errorsOf(settings({ scaleOutAlert: { actionGroupId: "connectors", thresholdPercent: 100, windowMinutes: 10 } }))).toEqual([
            expect.stringMatching(/^azure\.scaleOutAlert\.actionGroupId: must be the resource id of the Azure Monitor action group to notify/),
            "azure.scaleOutAlert.thresholdPercent: must be a percentage of CPU or memory in use from 1 to 99 (Microsoft's guidance: 70)",
            "azure.scaleOutAlert.windowMinutes: must be one of 5, 15, 30, 60 minutes: how long utilisation must stay above the threshold",
        ]);
        expect(errorsOf(settings({ scaleOutAlert: {} }))[0]).toMatch(/^azure\.scaleOutAlert\.actionGroupId: must be the resource id/);
    });

    test("watches CPU in use above the threshold and free memory below what it leaves", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 99 }), (thresholdPercent) => {
                const [cpu, memory] = azureScaleOutCriteria({ thresholdPercent, windowMinutes: 15 });
                expect(cpu).toEqual({ resource: "CPU", metricName: "Percentage CPU", operator: "GreaterThan", threshold: thresholdPercent });
                expect(memory).toEqual({
                    resource: "memory",
                    metricName: "Available Memory Percentage",
                    operator: "LessThan",
                    threshold: 100 - thresholdPercent,
                });
            }),
        );
    });

    test("tells whoever gets it to scale out, not up", () => {
        const text = scaleOutAlertDescription("eur-apps", "memory", { thresholdPercent: 80, windowMinutes: 30 });
        expect(text).toBe(
            'A connector host of group "eur-apps" has had more than 80% of its memory in use for 30 minutes. Scale out: add a ' +
                "connector host to the group (raise its host count), rather than scaling up to a larger size; a group's " +
                "connectors share its load, and more of them also adds redundancy.",
        );
    });
});
