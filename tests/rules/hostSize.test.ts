import { checkHostSize, connectorHostMinSize } from "../../src/rules/hostSize";
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
    previewProps,
    resource,
    runResourcePolicy,
    UNKNOWN_STRING,
    UnknownValueError,
} from "./fixtures";

const noOverrides = { sizeOverrides: {} };

function messages(result: RuleResult | typeof NOT_APPLICABLE): string[] {
    if (result === NOT_APPLICABLE) {
        throw new Error("expected a verdict");
    }
    return result.violations.map((v) => v.message);
}

describe("connector-host-min-size on raw cloud resources", () => {
    it.each([
        ["Azure", AZURE_VM, azureVmProps(), azureVmProps({ hardwareProfile: { vmSize: "Standard_B2ms" } }), "Standard_B2ms", "2 vCPU, 8 GiB"],
        ["AWS", AWS_INSTANCE, awsInstanceProps(), awsInstanceProps({ instanceType: "t3.large" }), "t3.large", "2 vCPU, 8 GiB"],
        ["GCP", GCP_INSTANCE, gcpInstanceProps(), gcpInstanceProps({ machineType: "e2-highcpu-4" }), "e2-highcpu-4", "4 vCPU, 4 GiB"],
    ])("%s: passes 4 vCPU / 8 GiB, flags an undersized host", (_cloud, type, compliant, violating, size, capacity) => {
        expect(messages(checkHostSize(resource(type, "conn-1", compliant), noOverrides))).toEqual([]);
        const [message] = messages(checkHostSize(resource(type, "conn-1", violating), noOverrides));
        expect(message).toContain(`"conn-1" uses size "${size}" (${capacity})`);
        expect(message).toContain("below the connector minimum of 4 vCPU, 8 GiB");
    });

    it("reads GCP machine types given as a zonal URL, and GCP custom types", () => {
        const url = gcpInstanceProps({ machineType: "zones/europe-west1-b/machineTypes/n2-custom-4-8192" });
        expect(messages(checkHostSize(resource(GCP_INSTANCE, "conn-1", url), noOverrides))).toEqual([]);
    });

    it("flags a size the catalogue does not know, and says how to declare it", () => {
        const [message] = messages(checkHostSize(resource(AWS_INSTANCE, "conn-1", awsInstanceProps({ instanceType: "x9z.mega" })), noOverrides));
        expect(message).toContain('uses size "x9z.mega", which the aws size catalogue does not know');
        expect(message).toContain("sizeOverrides");
    });

    it("flags a host that names no size", () => {
        const props = azureVmProps({ hardwareProfile: {} });
        expect(messages(checkHostSize(resource(AZURE_VM, "conn-1", props), noOverrides))[0]).toContain("names no size (hardwareProfile.vmSize)");
    });

    it("judges declared capacity from sizeOverrides, Azure names case-insensitively", () => {
        const props = azureVmProps({ hardwareProfile: { vmSize: "Standard_D4plds_v6" } });
        const host = resource(AZURE_VM, "conn-1", props);
        expect(messages(checkHostSize(host, { sizeOverrides: { "standard_d4plds_v6": { vcpus: 4, memoryGiB: 8 } } }))).toEqual([]);
        const [message] = messages(checkHostSize(host, { sizeOverrides: { Standard_D4plds_v6: { vcpus: 2, memoryGiB: 8 } } }));
        expect(message).toContain("as declared in sizeOverrides");
    });

    it("ignores VMs that are not tagged as connector hosts, and other resource types", () => {
        expect(checkHostSize(resource(AZURE_VM, "web", azureVmProps({ tags: { role: "web" } })), noOverrides)).toBe(NOT_APPLICABLE);
        expect(checkHostSize(resource("aws:s3/bucket:Bucket", "b", {}), noOverrides)).toBe(NOT_APPLICABLE);
    });

    it("leaves hosts of a ConnectorGroup to the group's summary, so each host is judged once", () => {
        const inside = resource(AZURE_VM, "conn-1", azureVmProps({ hardwareProfile: { vmSize: "Standard_B2ms" } }), {
            parents: [COMPONENT_TYPES.ConnectorGroup, COMPONENT_TYPES.AzureConnectorHost],
        });
        expect(checkHostSize(inside, noOverrides)).toBe(NOT_APPLICABLE);
    });

    it("cannot tell a size unknown during preview: no violation, the unknown is reported", () => {
        const props = previewProps(azureVmProps({ hardwareProfile: { vmSize: UNKNOWN_STRING } }));
        const result = checkHostSize(resource(AZURE_VM, "conn-1", props), noOverrides);
        expect(result).not.toBe(NOT_APPLICABLE);
        expect(result).toMatchObject({ violations: [], undetermined: [{ path: "hardwareProfile.vmSize" }] });
    });
});

describe("connector-host-min-size on ConnectorGroup summaries", () => {
    it("judges every cloud host the summary lists, and skips existing servers", () => {
        const summary = groupSummary({
            hosts: [
                { machineName: "CONN-EU-1", platform: "azure", size: "Standard_D4ls_v5" },
                { machineName: "CONN-EU-2", platform: "aws", size: "t3.medium" },
                { machineName: "SRV-OLD", platform: "existing" },
            ],
        });
        const found = messages(checkHostSize(resource(COMPONENT_TYPES.ConnectorGroup, "eu-apps", summary), noOverrides));
        expect(found).toEqual([expect.stringContaining('Connector host "CONN-EU-2" of ConnectorGroup "eu-apps" uses size "t3.medium" (2 vCPU, 4 GiB)')]);
    });
});

describe("the connector-host-min-size policy object", () => {
    const undersized = resource(AWS_INSTANCE, "conn-1", awsInstanceProps({ instanceType: "x9z.mega" }));

    it("reports through the engine's callback and applies config overrides", async () => {
        expect((await runResourcePolicy(connectorHostMinSize, undersized)).violations).toHaveLength(1);
        const declared = await runResourcePolicy(connectorHostMinSize, undersized, { sizeOverrides: { "x9z.mega": { vcpus: 8, memoryGiB: 16 } } });
        expect(declared.violations).toEqual([]);
    });

    it("marks resources it does not cover as not applicable", async () => {
        expect((await runResourcePolicy(connectorHostMinSize, resource("aws:s3/bucket:Bucket", "b", {}))).notApplicable).toBe(true);
    });

    it("rethrows the engine's unknown error so that the engine reports 'can't run during preview'", async () => {
        const props = previewProps(awsInstanceProps({ instanceType: UNKNOWN_STRING }));
        const run = await runResourcePolicy(connectorHostMinSize, resource(AWS_INSTANCE, "conn-1", props));
        expect(run.thrown).toBeInstanceOf(UnknownValueError);
    });

    it("refuses a malformed override with an error naming the policy, the key and the rule", async () => {
        const run = await runResourcePolicy(connectorHostMinSize, undersized, { sizeOverrides: { "x9z.mega": { vcpus: 8 } } });
        expect(run.thrown).toBeInstanceOf(PolicyConfigError);
        expect(String(run.thrown)).toContain('Policy "connector-host-min-size" config sizeOverrides.x9z.mega');
    });
});
