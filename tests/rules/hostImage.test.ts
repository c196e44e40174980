import { checkHostImage, connectorHostWindowsImage } from "../../src/rules/hostImage";
import { NOT_APPLICABLE, PolicyConfigError, type RuleResult } from "../../src/rules/policy";
import {
    AWS_INSTANCE,
    awsInstanceProps,
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    GCP_INSTANCE,
    gcpInstanceProps,
    groupSummary,
    resource,
    runResourcePolicy,
} from "./fixtures";

const noOverrides = { imageOverrides: {} };

function messages(result: RuleResult | typeof NOT_APPLICABLE): string[] {
    if (result === NOT_APPLICABLE) {
        throw new Error("expected a verdict");
    }
    return result.violations.map((v) => v.message);
}

const azureImage = (sku: string) => ({
    storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku, version: "latest" } },
});
const gcpImage = (image: string) => ({ bootDisk: { initializeParams: { image } } });

describe("connector-host-windows-image on raw cloud resources", () => {
    it.each([
        ["Azure", AZURE_VM, azureVmProps(), azureVmProps(azureImage("2022-datacenter-core-g2"))],
        ["AWS", AWS_INSTANCE, awsInstanceProps(), awsInstanceProps({ ami: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-Base" })],
        ["GCP", GCP_INSTANCE, gcpInstanceProps(), gcpInstanceProps(gcpImage("windows-cloud/windows-2022-core"))],
    ])("%s: passes Windows Server 2022 Desktop Experience, refuses Server Core", (_cloud, type, compliant, core) => {
        expect(messages(checkHostImage(resource(type, "conn-1", compliant), noOverrides))).toEqual([]);
        const [message] = messages(checkHostImage(resource(type, "conn-1", core), noOverrides));
        expect(message).toContain("is Server Core; the connector needs the Desktop Experience");
    });

    it.each([
        ["Azure", AZURE_VM, azureVmProps(azureImage("2016-datacenter"))],
        ["AWS", AWS_INSTANCE, awsInstanceProps({ ami: "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-Base" })],
        ["GCP", GCP_INSTANCE, gcpInstanceProps(gcpImage("projects/windows-cloud/global/images/family/windows-2016"))],
    ])("%s: refuses Windows Server 2016 and gives its January 2027 end of life", (_cloud, type, props) => {
        const [message] = messages(checkHostImage(resource(type, "conn-1", props), noOverrides));
        expect(message).toContain("is Windows Server 2016; connector hosts must run Windows Server 2022 or later");
        expect(message).toContain("end of life in January 2027");
    });

    it("accepts Windows Server 2025 and the marketplace appliances", () => {
        expect(messages(checkHostImage(resource(AZURE_VM, "a", azureVmProps(azureImage("2025-datacenter-azure-edition"))), noOverrides))).toEqual([]);
        const appliance = { storageProfile: { imageReference: { publisher: "microsoftcorporation1687208452115", offer: "entraprivatenetworkconnector", sku: "preview" } } };
        expect(messages(checkHostImage(resource(AZURE_VM, "b", azureVmProps(appliance)), noOverrides))).toEqual([]);
        expect(messages(checkHostImage(resource(GCP_INSTANCE, "c", gcpInstanceProps(gcpImage("ciem-entra/entraprivatenetworkconnector"))), noOverrides))).toEqual([]);
    });

    it("flags an image the catalogue cannot read, and accepts it once declared in imageOverrides", () => {
        const host = resource(AWS_INSTANCE, "conn-1", awsInstanceProps({ ami: "ami-0123456789abcdef0" }));
        const [message] = messages(checkHostImage(host, noOverrides));
        expect(message).toContain("ami-0123456789abcdef0 is not a Windows Server image the catalogue recognises");
        expect(message).toContain("under imageOverrides in the connector-host-windows-image policy config.");
        const declared = { imageOverrides: { "ami-0123456789abcdef0": { windowsServerVersion: 2022, desktopExperience: true } } };
        expect(messages(checkHostImage(host, declared))).toEqual([]);
        const declaredCore = { imageOverrides: { "ami-0123456789abcdef0": { windowsServerVersion: 2022, desktopExperience: false } } };
        expect(messages(checkHostImage(host, declaredCore))[0]).toContain("Server Core");
        expect(messages(checkHostImage(host, { imageOverrides: { "ami-0123456789abcdef0": { appliance: true } } }))).toEqual([]);
    });

    it("flags an Azure VM built from a custom image id until its OS is declared", () => {
        const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden";
        const host = resource(AZURE_VM, "conn-1", azureVmProps({ storageProfile: { imageReference: { id } } }));
        expect(messages(checkHostImage(host, noOverrides))).toHaveLength(1);
        expect(messages(checkHostImage(host, { imageOverrides: { [id]: { windowsServerVersion: 2022, desktopExperience: true } } }))).toEqual([]);
    });

    it("flags a host that names no image", () => {
        expect(messages(checkHostImage(resource(AZURE_VM, "conn-1", azureVmProps({ storageProfile: {} })), noOverrides))[0]).toContain(
            "names no image (storageProfile.imageReference)",
        );
    });
});

describe("connector-host-windows-image on ConnectorGroup summaries", () => {
    it("classifies each host's image by its platform; appliances pass", () => {
        const summary = groupSummary({
            hosts: [
                { machineName: "A", platform: "azure", image: "MicrosoftWindowsServer:WindowsServer:2019-datacenter:latest" },
                { machineName: "B", platform: "aws", image: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base" },
                { machineName: "C", platform: "gcp", appliance: true },
                { machineName: "D", platform: "existing" },
            ],
        });
        const found = messages(checkHostImage(resource(COMPONENT_TYPES.ConnectorGroup, "eu-apps", summary), noOverrides));
        expect(found).toEqual([expect.stringMatching(/^Connector host "A" of ConnectorGroup "eu-apps": .* is Windows Server 2019/)]);
    });
});

describe("the connector-host-windows-image policy object", () => {
    it("refuses an incomplete image override with a clear config error", async () => {
        const host = resource(AWS_INSTANCE, "conn-1", awsInstanceProps({ ami: "ami-1" }));
        const run = await runResourcePolicy(connectorHostWindowsImage, host, { imageOverrides: { "ami-1": { windowsServerVersion: 2022 } } });
        expect(run.thrown).toBeInstanceOf(PolicyConfigError);
        expect(String(run.thrown)).toContain("must give windowsServerVersion (a number) and desktopExperience");
    });
});
