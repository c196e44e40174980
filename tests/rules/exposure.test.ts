import { checkNoInboundRules, checkNoPublicIp, connectorHostNoInboundRules, connectorHostNoPublicIp } from "../../src/rules/exposure";
import {
    AWS_INSTANCE,
    awsInstanceProps,
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    GCP_INSTANCE,
    gcpInstanceProps,
    previewProps,
    runStackPolicy,
    StackBuilder,
    UNKNOWN_OBJECT,
} from "./fixtures";

const messagesOf = (result: { violations: readonly { message: string; urn?: string }[] }) => result.violations.map((v) => v.message);

describe("connector-host-no-public-ip", () => {
    it("Azure: flags a public IP on the VM's NIC (linked through networkProfile), or in an embedded NIC configuration", () => {
        const stack = new StackBuilder();
        const publicIp = stack.add("azure-native:network:PublicIPAddress", "pip", { publicIPAllocationMethod: "Static" });
        const nic = stack.add("azure-native:network:NetworkInterface", "nic", { ipConfigurations: [{ name: "ip", publicIPAddress: { id: "pip-id" } }] }, {
            propertyDependencies: { ipConfigurations: [publicIp] },
        });
        stack.add(AZURE_VM, "vm", azureVmProps({ networkProfile: { networkInterfaces: [{ id: "nic-id" }] } }), { propertyDependencies: { networkProfile: [nic] } });
        stack.add(AZURE_VM, "embedded", azureVmProps({
            networkProfile: {
                networkApiVersion: "2020-11-01",
                networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIPAddressConfiguration: { name: "pip" } }] }],
            },
        }));
        expect(checkNoPublicIp(stack.resources).violations).toEqual([
            {
                urn: expect.stringContaining("::embedded"),
                message: expect.stringContaining('Azure VM "embedded" is a connector host with a public IP (networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration)'),
            },
            { urn: nic.urn, message: expect.stringContaining('Network interface "nic" of connector host Azure VM "vm" has a public IP (ipConfigurations[0].publicIPAddress)') },
        ]);
    });

    it("Azure: checks NICs tagged as connector NICs, and passes private NICs", () => {
        const stack = new StackBuilder();
        const nic = stack.add("azure-native:network:NetworkInterface", "nic", { ipConfigurations: [{ name: "ip", subnet: { id: "s" } }] });
        stack.add(AZURE_VM, "vm", azureVmProps(), { propertyDependencies: { networkProfile: [nic] } });
        stack.add("azure-native:network:NetworkInterface", "tagged", {
            tags: { "connector-kind": "entra-private-network" },
            ipConfigurations: [{ name: "ip", publicIPAddress: { id: "x" } }],
        });
        expect(messagesOf(checkNoPublicIp(stack.resources))).toEqual([expect.stringContaining('Network interface "tagged" of connector host network interface "tagged"')]);
    });

    it("AWS: flags associatePublicIpAddress, a subnet that maps public IPs, and Elastic IPs on the instance", () => {
        const stack = new StackBuilder();
        const publicSubnet = stack.add("aws:ec2/subnet:Subnet", "public", { mapPublicIpOnLaunch: true });
        const direct = stack.add(AWS_INSTANCE, "direct", awsInstanceProps({ associatePublicIpAddress: true }));
        const viaSubnet = stack.add(AWS_INSTANCE, "via-subnet", awsInstanceProps({ associatePublicIpAddress: undefined }), { propertyDependencies: { subnetId: [publicSubnet] } });
        stack.add(AWS_INSTANCE, "opted-out", awsInstanceProps({ associatePublicIpAddress: false }), { propertyDependencies: { subnetId: [publicSubnet] } });
        const eip = stack.add("aws:ec2/eip:Eip", "eip", { domain: "vpc" }, { propertyDependencies: { instance: [direct] } });
        const association = stack.add("aws:ec2/eipAssociation:EipAssociation", "assoc", { allocationId: "a" }, { propertyDependencies: { instanceId: [viaSubnet] } });
        expect(checkNoPublicIp(stack.resources).violations.map((v) => v.urn)).toEqual([direct.urn, viaSubnet.urn, eip.urn, association.urn]);
        expect(messagesOf(checkNoPublicIp(stack.resources))[1]).toContain('subnet "public", which gives instances a public IP on launch');
    });

    it("GCP: flags any access config, even an empty one", () => {
        const stack = new StackBuilder();
        const exposed = stack.add(GCP_INSTANCE, "exposed", gcpInstanceProps({ networkInterfaces: [{ network: "default", accessConfigs: [{}] }] }));
        stack.add(GCP_INSTANCE, "private", gcpInstanceProps());
        expect(checkNoPublicIp(stack.resources).violations).toEqual([
            { urn: exposed.urn, message: expect.stringContaining('GCP instance "exposed" is a connector host with a public IP (networkInterfaces[0].accessConfigs)') },
        ]);
    });

    it("checks the library's own hosts too, and reports what preview cannot tell", async () => {
        const stack = new StackBuilder();
        stack.add(AWS_INSTANCE, "own", awsInstanceProps({ associatePublicIpAddress: true }), { parents: [COMPONENT_TYPES.ConnectorGroup, COMPONENT_TYPES.AwsConnectorHost] });
        stack.add(GCP_INSTANCE, "unknown", previewProps(gcpInstanceProps({ networkInterfaces: [{ network: "n", accessConfigs: UNKNOWN_OBJECT }] })));
        const result = checkNoPublicIp(stack.resources);
        expect(result.violations).toHaveLength(1);
        expect(result.undetermined).toEqual([expect.objectContaining({ cause: expect.objectContaining({ props: ["networkInterfaces", "0", "accessConfigs"] }) })]);
        expect((await runStackPolicy(connectorHostNoPublicIp, stack.resources)).thrown).toBeDefined();
    });
});

describe("connector-host-no-inbound-rules", () => {
    it("Azure: flags inbound Allow rules of an NSG on the connector's NIC and standalone rules naming it; passes deny and outbound rules", () => {
        const stack = new StackBuilder();
        const nsg = stack.add("azure-native:network:NetworkSecurityGroup", "nsg", {
            networkSecurityGroupName: "conn-nsg",
            securityRules: [
                { name: "rdp", direction: "Inbound", access: "Allow", destinationPortRange: "3389", priority: 100, protocol: "Tcp" },
                { name: "deny-all", direction: "Inbound", access: "Deny", priority: 4000, protocol: "*" },
                { name: "https-out", direction: "Outbound", access: "Allow", priority: 100, protocol: "Tcp" },
            ],
        });
        const nic = stack.add("azure-native:network:NetworkInterface", "nic", { ipConfigurations: [{ name: "ip" }] }, { propertyDependencies: { networkSecurityGroup: [nsg] } });
        stack.add(AZURE_VM, "vm", azureVmProps(), { propertyDependencies: { networkProfile: [nic] } });
        const byName = stack.add("azure-native:network:SecurityRule", "winrm", { networkSecurityGroupName: "conn-nsg", direction: "Inbound", access: "Allow", priority: 110, protocol: "Tcp" });
        stack.add("azure-native:network:SecurityRule", "out", { networkSecurityGroupName: "conn-nsg", direction: "Outbound", access: "Allow", priority: 120, protocol: "Tcp" });
        stack.add("azure-native:network:SecurityRule", "elsewhere", { networkSecurityGroupName: "web-nsg", direction: "Inbound", access: "Allow", priority: 100, protocol: "Tcp" });
        expect(checkNoInboundRules(stack.resources).violations).toEqual([
            { urn: nsg.urn, message: expect.stringContaining('Network security group "nsg" of connector host Azure VM "vm" allows inbound traffic (rdp)') },
            { urn: byName.urn, message: expect.stringContaining('Security rule "winrm" allows inbound traffic') },
        ]);
    });

    it("Azure: follows the connector NIC to its subnet's NSG", () => {
        const stack = new StackBuilder();
        const nsg = stack.add("azure-native:network:NetworkSecurityGroup", "subnet-nsg", {
            securityRules: [{ name: "https-in", direction: "Inbound", access: "Allow", priority: 100, protocol: "Tcp" }],
        });
        const subnet = stack.add("azure-native:network:Subnet", "connectors", { addressPrefix: "10.0.1.0/24" }, { propertyDependencies: { networkSecurityGroup: [nsg] } });
        const nic = stack.add("azure-native:network:NetworkInterface", "nic", { ipConfigurations: [{ name: "ip", subnet: { id: "s" } }] }, {
            propertyDependencies: { ipConfigurations: [subnet] },
        });
        stack.add(AZURE_VM, "vm", azureVmProps(), { propertyDependencies: { networkProfile: [nic] } });
        expect(checkNoInboundRules(stack.resources).violations).toEqual([
            { urn: nsg.urn, message: expect.stringContaining('Network security group "subnet-nsg" of connector host Azure VM "vm" allows inbound traffic (https-in)') },
        ]);
    });

    it("AWS: flags ingress on the instance's security group and separate ingress rules; passes egress-only groups", () => {
        const stack = new StackBuilder();
        const open = stack.add("aws:ec2/securityGroup:SecurityGroup", "open", { ingress: [{ fromPort: 3389, toPort: 3389, protocol: "tcp", cidrBlocks: ["10.0.0.0/8"] }] });
        const closed = stack.add("aws:ec2/securityGroup:SecurityGroup", "closed", { egress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
        stack.add(AWS_INSTANCE, "i", awsInstanceProps(), { propertyDependencies: { vpcSecurityGroupIds: [open, closed] } });
        const rule = stack.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "rdp", { ipProtocol: "tcp", fromPort: 3389, toPort: 3389 }, {
            propertyDependencies: { securityGroupId: [closed] },
        });
        const legacy = stack.add("aws:ec2/securityGroupRule:SecurityGroupRule", "winrm", { type: "ingress", fromPort: 5985, toPort: 5985, protocol: "tcp" }, {
            propertyDependencies: { securityGroupId: [closed] },
        });
        stack.add("aws:ec2/securityGroupRule:SecurityGroupRule", "egress", { type: "egress", fromPort: 443, toPort: 443, protocol: "tcp" }, {
            propertyDependencies: { securityGroupId: [closed] },
        });
        expect(checkNoInboundRules(stack.resources).violations.map((v) => v.urn)).toEqual([open.urn, legacy.urn, rule.urn]);
    });

    it("GCP: flags ingress Allow firewalls that target the connector's tags, service account or whole network", () => {
        const stack = new StackBuilder();
        stack.add(GCP_INSTANCE, "g", gcpInstanceProps({ serviceAccount: { email: "conn@p.iam.gserviceaccount.com", scopes: [] } }));
        const byTag = stack.add("gcp:compute/firewall:Firewall", "by-tag", { network: "connectors", allows: [{ protocol: "tcp", ports: ["3389"] }], targetTags: ["entra-connector"] });
        const bySa = stack.add("gcp:compute/firewall:Firewall", "by-sa", { network: "projects/p/global/networks/connectors", direction: "INGRESS", allows: [{ protocol: "tcp" }], targetServiceAccounts: ["conn@p.iam.gserviceaccount.com"] });
        const wholeNetwork = stack.add("gcp:compute/firewall:Firewall", "all", { network: "connectors", allows: [{ protocol: "icmp" }], sourceRanges: ["10.0.0.0/8"] });
        stack.add("gcp:compute/firewall:Firewall", "other-tag", { network: "connectors", allows: [{ protocol: "tcp" }], targetTags: ["web"] });
        stack.add("gcp:compute/firewall:Firewall", "other-network", { network: "web", allows: [{ protocol: "tcp" }] });
        stack.add("gcp:compute/firewall:Firewall", "deny", { network: "connectors", denies: [{ protocol: "all" }], targetTags: ["entra-connector"] });
        stack.add("gcp:compute/firewall:Firewall", "egress", { network: "connectors", direction: "EGRESS", allows: [{ protocol: "tcp" }] });
        stack.add("gcp:compute/firewall:Firewall", "disabled", { network: "connectors", disabled: true, allows: [{ protocol: "tcp" }], targetTags: ["entra-connector"] });
        expect(checkNoInboundRules(stack.resources).violations.map((v) => v.urn)).toEqual([byTag.urn, bySa.urn, wholeNetwork.urn]);
    });

    it("checks NSGs and security groups tagged as connector resources", async () => {
        const stack = new StackBuilder();
        stack.add("aws:ec2/securityGroup:SecurityGroup", "tagged", { tags: { "connector-kind": "entra-private-network" }, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0 }] });
        stack.add("aws:ec2/securityGroup:SecurityGroup", "web", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443 }] });
        const run = await runStackPolicy(connectorHostNoInboundRules, stack.resources);
        expect(run.violations).toEqual([expect.objectContaining({ message: expect.stringContaining('Security group "tagged" of connector host security group "tagged" has 1 ingress rule(s)') })]);
    });
});
