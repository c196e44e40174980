/**
 * A replaced host registers a new connector under the same machine name. The membership notices the replacement by
 * the host's unique id (docs/graph.md): here, that ConnectorGroup gives each host's membership that id on every
 * cloud, and none to a server it does not build. What the membership then does is tested against the Graph emulator
 * (tests/entra/membershipProvider.test.ts).
 */
import { ConnectorGroup, ENTRA_RESOURCE_TYPES } from "connector-topology";
import { SUBNETS, VPC_ID } from "./awsFixtures";
import { ADMIN_PASSWORD, groupArgs, SUBNET_ID } from "./fixtures";
import { gcpHosts, INSTALLER_URL } from "./gcpFixtures";
import { type MockEngine, mockUniqueId, type Registration, startMockEngine } from "./harness";

const MEMBERSHIP = ENTRA_RESOURCE_TYPES.ConnectorGroupMembership;
/** The VM resource of each cloud, whose unique id a replacement changes. */
const VM_TYPES = ["azure-native:compute:VirtualMachine", "aws:ec2/instance:Instance", "gcp:compute/instance:Instance"];

describe("ConnectorGroup memberships and host replacement", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    /** The VM or instance a membership waits for, found among its dependencies. */
    function vmOf(membership: Registration): Registration {
        const vms = engine.registrations.filter((r) => VM_TYPES.includes(r.type) && membership.dependencies.includes(r.urn));
        expect(vms).toHaveLength(1);
        return vms[0]!;
    }

    test("gives each host's membership the unique id of its VM on every cloud, and none to an existing server", async () => {
        new ConnectorGroup(
            "mix",
            groupArgs({
                region: "nam",
                registration: { ...groupArgs().registration, installerUrl: INSTALLER_URL },
                azure: { location: "eastus", resourceGroupName: "rg", subnetId: SUBNET_ID, adminPassword: ADMIN_PASSWORD, count: 1, computerNamePrefix: "mix-az" },
                aws: { vpcId: VPC_ID, subnets: SUBNETS.slice(0, 1), count: 1, computerNamePrefix: "mix-aws" },
                gcp: gcpHosts({ count: 1, computerNamePrefix: "mix-gcp", zones: ["us-east4-a", "us-east4-b"], subnetwork: "projects/net-host-1/regions/us-east4/subnetworks/connectors" }),
                existingHosts: [{ machineName: "MIX-PAR-1" }],
            }),
        );
        await engine.settle();

        const memberships = engine.ofType(MEMBERSHIP);
        const built = memberships.filter((m) => !m.name.includes("-existing-"));
        expect(built.map((m) => vmOf(m).type).sort()).toEqual([...VM_TYPES].sort());
        for (const membership of built) {
            const vm = vmOf(membership);
            expect(membership.inputs.hostUniqueId).toBe(mockUniqueId(vm.type, vm.name));
        }
        // Not a resource id that a same-name replacement keeps (Azure's ARM id, GCE's projects/.../instances/<name>).
        const [azure, gcp] = ["azure-native:compute:VirtualMachine", "gcp:compute/instance:Instance"].map(
            (type) => built.find((m) => vmOf(m).type === type)!.inputs.hostUniqueId as string,
        );
        expect(azure).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(gcp).toMatch(/^\d{19}$/);

        const existing = memberships.filter((m) => m.name.includes("-existing-"));
        expect(existing.map((m) => m.inputs.machineName)).toEqual(["MIX-PAR-1"]);
        expect(existing[0]!.inputs).not.toHaveProperty("hostUniqueId");
    });
});
