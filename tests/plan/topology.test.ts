/** The topology, derived from component summaries and from resources recognised by their tags. */
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES, planCertificateConnectorFleet } from "connector-topology";
import { buildTopology, type PlanResource, resourceTree, topologySection } from "connector-topology/plan";
import { type PlanContext } from "../../src/plan/report";
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

    it("shows an Intune fleet next to the groups, from its summary, without counting its hosts as Entra connectors", () => {
        const plan = planCertificateConnectorFleet(
            "pki",
            {
                features: ["pkcs", "revocation"],
                serviceAccount: { username: "CORP\\svc-intune", password: "x", localAdmin: true },
                installer: { url: "https://example.com/i.exe" },
                domainJoin: { domainName: "corp.example.com", username: "CORP\\join", password: "y" },
                azure: { location: "westeurope", adminPassword: "z", computerNamePrefix: "pki" },
                today: "2026-05-01",
                enrolmentDates: { "pki-1": "2025-09-01", "pki-2": "2026-01-01" },
            },
            "2030-01-01",
        );
        const fleetUrn = urn(COMPONENT_TYPES.CertificateConnectorFleet, "pki");
        const resources = [
            planResource({ urn: fleetUrn, type: COMPONENT_TYPES.CertificateConnectorFleet, name: "pki", custom: false, inputs: JSON.parse(JSON.stringify(plan.summary)) as never }),
            // The fleet's own VM, tagged with the fleet's name: its summary already speaks for it.
            planResource({
                urn: urn("azure-native:compute:VirtualMachine", "pki-1"),
                type: "azure-native:compute:VirtualMachine",
                name: "pki-1",
                parent: fleetUrn,
                inputs: { tags: ENTRA_TAGS("pki"), osProfile: { computerName: "pki-1" }, location: "westeurope", zones: ["1"] },
            }),
            planResource({ urn: urn(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g"), type: ENTRA_RESOURCE_TYPES.ConnectorGroup, name: "g", inputs: { displayName: "us-apps", region: "nam" } }),
        ];
        const topology = topologyOf(resources);
        expect(topology.groups.map((group) => [group.name, group.connectors])).toEqual([["us-apps", 0]]);
        expect(topology.totals).toEqual({ groups: 1, connectors: 0, apps: 0 });
        expect(topology.fleets).toEqual([
            {
                name: "pki",
                urn: fleetUrn,
                platforms: ["azure"],
                connectors: 2,
                hosts: [
                    expect.objectContaining({ machineName: "pki-1", platform: "azure", cloudRegion: "westeurope", zone: "1", urn: fleetUrn }),
                    expect.objectContaining({ machineName: "pki-2", platform: "azure", cloudRegion: "westeurope", zone: "2", urn: fleetUrn }),
                ],
                zones: ["westeurope-1", "westeurope-2"],
                features: ["pkcs", "revocation"],
                serviceAccountModel: "domainAccountLocalAdmin",
                nextExpiry: { machineName: "pki-1", expiryDate: "2026-09-01", daysLeft: 123 },
            },
        ]);
        const context = { resources: resourceTree(resources).ordered } as unknown as PlanContext;
        expect(topologySection.render(topologySection.build(context), context)).toEqual([
            "Topology:",
            "  Group    Region               Platforms  Connectors  Zones  Apps",
            "  us-apps  nam (North America)  -          0           -      0",
            "",
            "  1 group(s) in 1 region(s), 0 connector(s), 0 app(s)",
            "",
            "  Intune fleet  Platforms  Connectors  Zones                       Features          Service account          Next expiry",
            "  pki           azure      2           westeurope-1, westeurope-2  pkcs, revocation  domainAccountLocalAdmin  pki-1 on 2026-09-01",
            "",
            "  1 certificate connector fleet(s), 2 connector(s)",
        ]);
    });

    it("says so when a stack has neither groups nor fleets", () => {
        const context = { resources: [] as PlanResource[] } as unknown as PlanContext;
        expect(topologySection.render(topologySection.build(context), context)).toEqual([
            "Topology:",
            "  no connector groups, certificate connector fleets, connector hosts or app assignments",
        ]);
    });
});
