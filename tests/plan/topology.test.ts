/** The topology, derived from component summaries and from resources recognised by their tags. */
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES } from "connector-topology";
import { buildTopology, type PlanResource, resourceTree } from "connector-topology/plan";
import { planResource } from "./helpers";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const ENTRA_TAGS = (group: string) => ({ "connector-group": group, "connector-kind": "entra-private-network" });

function topologyOf(resources: PlanResource[]) {
    return buildTopology(resourceTree(resources).ordered);
}

describe("buildTopology", () => {
    it("counts a ConnectorGroup's hosts from its summary, not again from the VMs and memberships inside it", () => {
        const group = urn(COMPONENT_TYPES.ConnectorGroup, "eu");
        const topology = topologyOf([
            planResource({
                urn: group,
                type: COMPONENT_TYPES.ConnectorGroup,
                name: "eu",
                custom: false,
                inputs: {
                    displayName: "EU Apps",
                    region: "eur",
                    servesSso: false,
                    allowSingleConnector: false,
                    hosts: [
                        { machineName: "CONN1", platform: "azure", cloudRegion: "westeurope", zone: "1" },
                        { machineName: "CONN2", platform: "azure", cloudRegion: "westeurope", zone: "2" },
                    ],
                },
            }),
            planResource({
                urn: urn("azure-native:compute:VirtualMachine", "vm1"),
                type: "azure-native:compute:VirtualMachine",
                name: "vm1",
                parent: group,
                inputs: { tags: ENTRA_TAGS("EU Apps"), osProfile: { computerName: "CONN1" } },
            }),
            planResource({
                urn: urn(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m1"),
                type: ENTRA_RESOURCE_TYPES.ConnectorGroupMembership,
                name: "m1",
                parent: group,
                inputs: { connectorGroupName: "EU Apps", machineName: "CONN1" },
            }),
            // A GCP host built by hand for the same group: its label holds the name in the label alphabet.
            planResource({
                urn: urn("gcp:compute/instance:Instance", "gcp1"),
                type: "gcp:compute/instance:Instance",
                name: "gcp1",
                inputs: { labels: ENTRA_TAGS("eu-apps"), zone: "europe-west1-b", machineType: "zones/europe-west1-b/machineTypes/c2d-highcpu-4" },
            }),
        ]);
        expect(topology.groups).toHaveLength(1);
        expect(topology.groups[0]).toMatchObject({
            name: "EU Apps",
            region: "eur",
            declared: true,
            connectors: 3,
            zones: ["europe-west1-b", "westeurope-1", "westeurope-2"],
        });
        expect(topology.groups[0]?.hosts[2]).toMatchObject({ machineName: "gcp1", platform: "gcp", cloudRegion: "europe-west1", size: "c2d-highcpu-4" });
    });

    it("reads stand-alone Entra resources and tagged hosts, once per machine, and leaves Intune hosts out", () => {
        const topology = topologyOf([
            planResource({ urn: urn(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g"), type: ENTRA_RESOURCE_TYPES.ConnectorGroup, name: "g", inputs: { displayName: "us-apps", region: "nam" } }),
            planResource({
                urn: urn(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m"),
                type: ENTRA_RESOURCE_TYPES.ConnectorGroupMembership,
                name: "m",
                inputs: { connectorGroupName: "us-apps", machineName: "usconn1.corp.example" },
            }),
            planResource({
                urn: urn("aws:ec2/instance:Instance", "i1"),
                type: "aws:ec2/instance:Instance",
                name: "i1",
                inputs: { tags: { ...ENTRA_TAGS("us-apps"), Name: "USCONN1" }, availabilityZone: "us-east-1a", instanceType: "c6i.xlarge" },
            }),
            planResource({
                urn: urn("aws:ec2/instance:Instance", "i2"),
                type: "aws:ec2/instance:Instance",
                name: "i2",
                inputs: { tags: { ...ENTRA_TAGS("us-apps"), Name: "USCONN2" }, availabilityZone: "us-east-1b" },
            }),
            planResource({
                urn: urn("aws:ec2/instance:Instance", "pki"),
                type: "aws:ec2/instance:Instance",
                name: "pki",
                inputs: { tags: { "connector-group": "us-apps", "connector-kind": "intune-certificate" } },
            }),
            planResource({
                urn: urn(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "a"),
                type: ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment,
                name: "a",
                inputs: { connectorGroupName: "us-apps", applicationObjectId: "oid-1", applicationDisplayName: "Payroll" },
            }),
            planResource({
                urn: urn(COMPONENT_TYPES.AppAssignment, "qa"),
                type: COMPONENT_TYPES.AppAssignment,
                name: "qa",
                custom: false,
                inputs: { appKind: "quickAccess", app: "Quick Access", connectorGroupName: "branch" },
            }),
        ]);
        expect(topology.groups.map((group) => [group.name, group.declared, group.connectors, group.zones, group.apps.map((app) => app.app)])).toEqual([
            ["branch", false, 0, [], ["Quick Access"]],
            ["us-apps", true, 2, ["us-east-1a", "us-east-1b"], ["Payroll"]],
        ]);
        expect(topology.totals).toEqual({ groups: 2, connectors: 2, apps: 2 });
        expect(topology.regions).toEqual(["nam"]);
    });
});
