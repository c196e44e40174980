import fc from "fast-check";
import { checkConnectorCount, minConnectorsPerGroup } from "../../src/rules/connectorCount";
import { buildTopology } from "../../src/rules/topology";
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
    runStackPolicy,
    StackBuilder,
} from "./fixtures";

const two = { minConnectors: 2 };

describe("min-connectors-per-group", () => {
    it("passes a ConnectorGroup with two hosts, flags one with a single host even when allowSingleConnector is set", () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary());
        const single = groupSummary({
            displayName: "us-apps",
            allowSingleConnector: true,
            hosts: [{ machineName: "CONN-US-1", platform: "aws", cloudRegion: "us-east-1" }],
        });
        const us = stack.add(COMPONENT_TYPES.ConnectorGroup, "us-apps", single);
        stack.add(COMPONENT_TYPES.AppAssignment, "crm", { appKind: "enterprise", app: "CRM", connectorGroupName: "us-apps" });
        const { violations } = checkConnectorCount(stack.resources, two);
        expect(violations).toEqual([
            {
                urn: us.urn,
                message: expect.stringMatching(
                    /^Connector group "us-apps" has 1 connector \(CONN-US-1\); at least 2 are needed .* It serves 1 app\. allowSingleConnector lets the ConnectorGroup deploy this/,
                ),
            },
        ]);
    });

    it("does not count a ConnectorGroup's own VMs and memberships again", () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary());
        const inside = [COMPONENT_TYPES.ConnectorGroup, COMPONENT_TYPES.AzureConnectorHost];
        const vm = stack.add(AZURE_VM, "eu-apps-1", azureVmProps({ osProfile: { computerName: "CONN-EU-1" } }), { parents: inside });
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "eu-apps-1", { machineName: "CONN-EU-1", connectorGroupName: "eu-apps", connectorGroupId: "g" }, { parents: inside, dependsOn: [vm] });
        expect(buildTopology(stack.resources).connectors.get("eu-apps")).toHaveLength(2);
        expect(checkConnectorCount(stack.resources, { minConnectors: 3 }).violations[0]?.message).toContain("has 2 connectors (CONN-EU-1, CONN-EU-2)");
    });

    it("counts hand-built hosts of every cloud by their group tag (GCP by label value), and their memberships once", () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "group", { displayName: "EU Apps", region: "eur" });
        stack.add(AZURE_VM, "az", azureVmProps({ tags: CONNECTOR_TAGS("EU Apps") }));
        const aws = stack.add(AWS_INSTANCE, "aws", awsInstanceProps({ tags: CONNECTOR_TAGS("eu apps") }));
        stack.add(GCP_INSTANCE, "gcp", gcpInstanceProps({ labels: CONNECTOR_TAGS("eu-apps") }));
        // One membership per host: by dependency (AWS has no computer name property) and by machine name (Azure).
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m-aws", { machineName: "EC2AMAZ-1", connectorGroupName: "EU Apps" }, { dependsOn: [aws] });
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m-az", { machineName: "conn-az-1.corp.example", connectorGroupName: "EU Apps" });
        const connectors = buildTopology(stack.resources).connectors.get("eu apps") ?? [];
        expect(connectors.map((c) => [c.source, c.label])).toEqual([
            ["host", "CONN-AZ-1"],
            ["host", 'AWS instance "aws"'],
            ["host", "conn-gcp-1"],
        ]);
        expect(checkConnectorCount(stack.resources, two).violations).toEqual([]);
    });

    it("counts existing servers named only by memberships", () => {
        const stack = new StackBuilder();
        const group = stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "group", { displayName: "onprem" });
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m1", { machineName: "SRV-1", connectorGroupName: "onprem" });
        expect(checkConnectorCount(stack.resources, two).violations).toEqual([{ urn: group.urn, message: expect.stringContaining("has 1 connector (SRV-1)") }]);
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m2", { machineName: "srv-2.corp.example", connectorGroupName: "onprem" });
        expect(checkConnectorCount(stack.resources, two).violations).toEqual([]);
    });

    it("flags a declared group with no connectors, and leaves groups the stack does not declare alone", () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "empty", { displayName: "later" });
        stack.add(AZURE_VM, "lone", azureVmProps({ tags: CONNECTOR_TAGS("declared-elsewhere") }));
        const { violations } = checkConnectorCount(stack.resources, two);
        expect(violations.map((v) => v.message)).toEqual([expect.stringContaining('Connector group "later" has 0 connectors;')]);
    });

    it("takes minConnectors from the policy config", async () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary());
        expect((await runStackPolicy(minConnectorsPerGroup, stack.resources)).violations).toEqual([]);
        const three = await runStackPolicy(minConnectorsPerGroup, stack.resources, { minConnectors: 3 });
        expect(three.violations[0]?.message).toContain("at least 3 are needed");
        expect((await runStackPolicy(minConnectorsPerGroup, stack.resources, { minConnectors: 0 })).thrown).toBeDefined();
    });

    it("counts each machine once however its hosts, summaries and memberships overlap", () => {
        const machine = fc.constantFrom("CONN-1", "conn-1.corp.example", "CONN-2", "conn-3", "Conn-3.Corp.Example");
        fc.assert(
            fc.property(fc.array(machine, { maxLength: 6 }), fc.array(machine, { maxLength: 6 }), (summaryHosts, membershipHosts) => {
                const stack = new StackBuilder();
                stack.add(
                    COMPONENT_TYPES.ConnectorGroup,
                    "g",
                    groupSummary({ hosts: summaryHosts.map((machineName) => ({ machineName, platform: "existing" })) }),
                );
                membershipHosts.forEach((machineName, i) =>
                    stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, `m${i}`, { machineName, connectorGroupName: "eu-apps" }),
                );
                const distinct = new Set([...summaryHosts, ...membershipHosts].map((m) => m.toLowerCase().split(".")[0]));
                expect(buildTopology(stack.resources).connectors.get("eu-apps")?.length ?? 0).toBe(distinct.size);
            }),
        );
    });
});

describe("min-connectors-per-group in stack validation, where a component's props are its registered outputs", () => {
    // The engine replaces a component's outputs with what it passes to registerOutputs: no summary there.
    function groupWithoutSummary(hostCount: number): { stack: StackBuilder; group: ReturnType<StackBuilder["add"]> } {
        const stack = new StackBuilder();
        const group = stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", { groupId: "g-1", connectorHostIds: [] });
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "eu-apps", { displayName: "eu-apps", region: "eur" }, { parent: group });
        for (let i = 1; i <= hostCount; i++) {
            const host = stack.add(COMPONENT_TYPES.AzureConnectorHost, `eu-apps-${i}`, { privateIp: "10.0.0.4" }, { parent: group });
            const vm = stack.add(AZURE_VM, `eu-apps-${i}`, azureVmProps({ osProfile: { computerName: `CONN-EU-${i}` } }), { parent: host });
            stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, `eu-apps-${i}`, { machineName: `CONN-EU-${i}`, connectorGroupName: "eu-apps" }, { parent: group, dependsOn: [vm] });
        }
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "srv", { machineName: "SRV-OLD", connectorGroupName: "eu-apps" }, { parent: group });
        return { stack, group };
    }

    it("counts the group's connectors from the resources inside it and reports on the component", () => {
        const one = groupWithoutSummary(0);
        expect(checkConnectorCount(one.stack.resources, two).violations).toEqual([
            { urn: one.group.urn, message: expect.stringContaining('Connector group "eu-apps" has 1 connector (SRV-OLD)') },
        ]);
        const three = groupWithoutSummary(2);
        expect(buildTopology(three.stack.resources).connectors.get("eu-apps")?.map((c) => c.label)).toEqual(["CONN-EU-1", "CONN-EU-2", "SRV-OLD"]);
        expect(checkConnectorCount(three.stack.resources, two).violations).toEqual([]);
    });

    it("uses the summary, not the children, when the component's props carry it", () => {
        const stack = new StackBuilder();
        const group = stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary());
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "eu-apps", { displayName: "eu-apps" }, { parent: group });
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "extra", { machineName: "CONN-EU-3", connectorGroupName: "eu-apps" }, { parent: group });
        expect(buildTopology(stack.resources).connectors.get("eu-apps")?.map((c) => c.label)).toEqual(["CONN-EU-1", "CONN-EU-2"]);
    });
});
