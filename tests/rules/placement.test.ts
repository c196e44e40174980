import { checkProximity, connectorRegionNearGroup } from "../../src/rules/proximity";
import { checkZoneSpread, connectorZoneSpread } from "../../src/rules/zoneSpread";
import {
    AWS_INSTANCE,
    awsInstanceProps,
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    CONNECTOR_TAGS,
    ENTRA_RESOURCE_TYPES,
    GCP_INSTANCE,
    gcpInstanceProps,
    groupSummary,
    previewProps,
    runStackPolicy,
    StackBuilder,
    UNKNOWN_STRING,
} from "./fixtures";

const host = (machineName: string, platform: string, cloudRegion: string, zone?: string) => ({ machineName, platform, cloudRegion, zone });

describe("connector-zone-spread", () => {
    it("passes connectors in two zones, flags two connectors in one zone or in none", () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "spread", groupSummary());
        const same = stack.add(COMPONENT_TYPES.ConnectorGroup, "same", groupSummary({
            displayName: "same-zone",
            hosts: [host("A", "azure", "westeurope", "1"), host("B", "azure", "West Europe", "1")],
        }));
        const none = stack.add(COMPONENT_TYPES.ConnectorGroup, "none", groupSummary({
            displayName: "no-zone",
            hosts: [host("C", "gcp", "europe-west1"), host("D", "gcp", "europe-west1")],
        }));
        expect(checkZoneSpread(stack.resources, { minZones: 2 }).violations).toEqual([
            { urn: same.urn, message: expect.stringContaining('"same-zone" runs its 2 connectors in only azure/westeurope/1; spread them over at least 2 zones') },
            { urn: none.urn, message: expect.stringContaining('"no-zone" runs its 2 connectors in no availability zone') },
        ]);
    });

    it("tells zone 1 of one Azure region from zone 1 of another, and reads raw hosts of every cloud", () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "eu-apps", region: "eur" });
        stack.add(AZURE_VM, "a", azureVmProps({ location: "westeurope", zones: ["1"] }));
        stack.add(AZURE_VM, "b", azureVmProps({ vmName: "b", osProfile: { computerName: "B" }, location: "northeurope", zones: ["1"] }));
        expect(checkZoneSpread(stack.resources, { minZones: 2 }).violations).toEqual([]);
        const aws = new StackBuilder();
        aws.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "eu-apps" });
        aws.add(AWS_INSTANCE, "a", awsInstanceProps());
        aws.add(AWS_INSTANCE, "b", awsInstanceProps());
        expect(checkZoneSpread(aws.resources, { minZones: 2 }).violations).toHaveLength(1);
        aws.add(GCP_INSTANCE, "c", gcpInstanceProps());
        expect(checkZoneSpread(aws.resources, { minZones: 3 }).violations[0]?.message).toContain("in only aws/eu-west-1a, gcp/europe-west1-b;");
    });

    it("does not judge groups with existing servers or a single connector, nor zones unknown during preview", () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "mixed", groupSummary({
            hosts: [host("A", "azure", "westeurope", "1"), host("B", "azure", "westeurope", "1"), { machineName: "SRV", platform: "existing" }],
        }));
        stack.add(COMPONENT_TYPES.ConnectorGroup, "single", groupSummary({ displayName: "single", hosts: [host("C", "azure", "westeurope", "1")] }));
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "raw" });
        stack.add(AWS_INSTANCE, "a", previewProps(awsInstanceProps({ tags: CONNECTOR_TAGS("raw"), availabilityZone: UNKNOWN_STRING })));
        stack.add(AWS_INSTANCE, "b", awsInstanceProps({ tags: CONNECTOR_TAGS("raw") }));
        const result = checkZoneSpread(stack.resources, { minZones: 2 });
        expect(result.violations).toEqual([]);
        expect(result.undetermined).toEqual([expect.objectContaining({ path: "availabilityZone" })]);
    });

    it("is advisory and takes minZones from config", async () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "spread", groupSummary());
        expect(connectorZoneSpread.enforcementLevel).toBe("advisory");
        expect((await runStackPolicy(connectorZoneSpread, stack.resources)).violations).toEqual([]);
        expect((await runStackPolicy(connectorZoneSpread, stack.resources, { minZones: 3 })).violations).toHaveLength(1);
    });
});

describe("connector-region-near-group", () => {
    it("flags a connector far from its group's region and names the nearer group region", () => {
        const stack = new StackBuilder();
        const group = stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary({
            hosts: [host("EU-1", "azure", "westeurope", "1"), host("US-1", "aws", "us-east-1", "us-east-1a")],
        }));
        expect(checkProximity(stack.resources).violations).toEqual([
            {
                urn: group.urn,
                message:
                    'Connector US-1 of group "eu-apps" runs in aws region "us-east-1", which is far from the group\'s region ' +
                    "eur (Europe); it is nearest to nam. Run the group's connectors in a region near eur, close to the apps " +
                    "they serve, or give the group the region nam.",
            },
        ]);
    });

    it("reads raw hosts' regions: Azure location, AWS zone or provider region, GCP zone", () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "apac", region: "asia" });
        const az = stack.add(AZURE_VM, "az", azureVmProps({ tags: CONNECTOR_TAGS("apac"), location: "West Europe" }));
        const aws = stack.add(AWS_INSTANCE, "aws", awsInstanceProps({ tags: CONNECTOR_TAGS("apac"), availabilityZone: undefined }), {
            provider: { type: "pulumi:providers:aws", props: { region: "us-west-2" } },
        });
        stack.add(GCP_INSTANCE, "gcp", gcpInstanceProps({ labels: CONNECTOR_TAGS("apac"), zone: "asia-east1-a" }));
        expect(checkProximity(stack.resources).violations.map((v) => v.urn)).toEqual([az.urn, aws.urn]);
    });

    it("reads a raw host's region from its zone as the model does: AWS Local Zones, GCP zones given by URL", () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "apac", region: "asia" });
        const aws = stack.add(AWS_INSTANCE, "aws", awsInstanceProps({ tags: CONNECTOR_TAGS("apac"), availabilityZone: "us-west-2-lax-1a" }));
        const gcp = stack.add(GCP_INSTANCE, "gcp", gcpInstanceProps({ labels: CONNECTOR_TAGS("apac"), zone: "projects/p/zones/us-west1-b" }));
        const violations = checkProximity(stack.resources).violations;
        expect(violations.map((v) => v.urn)).toEqual([aws.urn, gcp.urn]);
        expect(violations.map((v) => v.message)).toEqual([expect.stringContaining("us-west-2"), expect.stringContaining("us-west1")]);
    });

    it("leaves alone groups without a region and cloud regions the catalogue does not know", async () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "eu-apps" });
        stack.add(AZURE_VM, "far", azureVmProps({ location: "eastus" }));
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "h", { displayName: "other", region: "eur" });
        stack.add(AZURE_VM, "unknown", azureVmProps({ tags: CONNECTOR_TAGS("other"), location: "marsnorth" }));
        expect((await runStackPolicy(connectorRegionNearGroup, stack.resources)).violations).toEqual([]);
    });
});
