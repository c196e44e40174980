import { checkDomainJoinForSso, domainJoinForSso } from "../../src/rules/domainJoin";
import {
    AWS_INSTANCE,
    awsInstanceProps,
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    ENTRA_RESOURCE_TYPES,
    GCP_INSTANCE,
    gcpInstanceProps,
    groupSummary,
    runStackPolicy,
    StackBuilder,
} from "./fixtures";

const noSsoGroups = { ssoGroups: [] };

describe("domain-join-for-sso on ConnectorGroup summaries", () => {
    it("flags hosts of an SSO group that are not domain-joined; groups without SSO are not judged", () => {
        const stack = new StackBuilder();
        const sso = stack.add(COMPONENT_TYPES.ConnectorGroup, "sso", groupSummary({
            displayName: "kcd-apps",
            servesSso: true,
            hosts: [
                { machineName: "J-1", platform: "azure", domainJoined: true },
                { machineName: "N-1", platform: "aws" },
                { machineName: "SRV-9", platform: "existing", domainJoined: false },
            ],
        }));
        stack.add(COMPONENT_TYPES.ConnectorGroup, "plain", groupSummary({ displayName: "plain", hosts: [{ machineName: "X", platform: "azure" }] }));
        expect(checkDomainJoinForSso(stack.resources, noSsoGroups).violations).toEqual([
            { urn: sso.urn, message: expect.stringContaining('Connector host "N-1" of ConnectorGroup "sso" is not domain-joined, but group "kcd-apps" serves SSO apps') },
            { urn: sso.urn, message: expect.stringContaining('Connector host "SRV-9" of ConnectorGroup "sso" is not domain-joined') },
        ]);
    });
});

describe("domain-join-for-sso on hand-built hosts (groups listed in ssoGroups)", () => {
    const ssoGroups = { ssoGroups: ["EU-Apps"] };

    function stackWith(build: (stack: StackBuilder) => void): StackBuilder {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "eu-apps", region: "eur" });
        build(stack);
        return stack;
    }

    it("Azure: accepts a JsonADDomainExtension linked by VM name or by dependency; flags a VM without one", () => {
        const byName = stackWith((s) => {
            s.add(AZURE_VM, "vm", azureVmProps());
            s.add("azure-native:compute:VirtualMachineExtension", "join", { vmName: "conn-az-1", publisher: "Microsoft.Compute", type: "JsonADDomainExtension" });
        });
        expect(checkDomainJoinForSso(byName.resources, ssoGroups).violations).toEqual([]);
        const byDependency = stackWith((s) => {
            const vm = s.add(AZURE_VM, "vm", azureVmProps({ vmName: undefined }));
            // As a stack output, the extension's `type` is the ARM resource type; its settings still say what it does.
            s.add(
                "azure-native:compute:VirtualMachineExtension",
                "join",
                { type: "Microsoft.Compute/virtualMachines/extensions", settings: { Name: "corp.example", OUPath: "OU=C", User: "j", Options: "3" } },
                { propertyDependencies: { vmName: [vm] } },
            );
        });
        expect(checkDomainJoinForSso(byDependency.resources, ssoGroups).violations).toEqual([]);
        const missing = stackWith((s) => s.add(AZURE_VM, "vm", azureVmProps()));
        expect(checkDomainJoinForSso(missing.resources, ssoGroups).violations).toEqual([
            expect.objectContaining({ message: expect.stringContaining('Connector host Azure VM "vm" is not domain-joined in this stack') }),
        ]);
    });

    it("AWS: accepts an AWS-JoinDirectoryServiceDomain association targeting the instance or its tags", () => {
        const byTarget = stackWith((s) => {
            const instance = s.add(AWS_INSTANCE, "i", awsInstanceProps());
            s.add("aws:ssm/association:Association", "join", { name: "AWS-JoinDirectoryServiceDomain", targets: [{ key: "InstanceIds", values: ["i-1"] }] }, {
                propertyDependencies: { targets: [instance] },
            });
        });
        expect(checkDomainJoinForSso(byTarget.resources, ssoGroups).violations).toEqual([]);
        const byTag = stackWith((s) => {
            s.add(AWS_INSTANCE, "i", awsInstanceProps());
            s.add("aws:ssm/association:Association", "join", { name: "AWS-JoinDirectoryServiceDomain", targets: [{ key: "tag:connector-group", values: ["eu-apps"] }] });
        });
        expect(checkDomainJoinForSso(byTag.resources, ssoGroups).violations).toEqual([]);
        const otherDocument = stackWith((s) => {
            s.add(AWS_INSTANCE, "i", awsInstanceProps());
            s.add("aws:ssm/association:Association", "patch", { name: "AWS-RunPatchBaseline", targets: [{ key: "tag:connector-group", values: ["eu-apps"] }] });
        });
        expect(checkDomainJoinForSso(otherDocument.resources, ssoGroups).violations).toHaveLength(1);
    });

    it("GCP: accepts managed-ad-domain metadata or an Add-Computer bootstrap", () => {
        const managed = stackWith((s) => s.add(GCP_INSTANCE, "g", gcpInstanceProps({ metadata: { "managed-ad-domain": "projects/p/locations/global/domains/corp.example" } })));
        expect(checkDomainJoinForSso(managed.resources, ssoGroups).violations).toEqual([]);
        const script = stackWith((s) =>
            s.add(GCP_INSTANCE, "g", gcpInstanceProps({ metadata: { "sysprep-specialize-script-ps1": "Add-Computer -DomainName corp -Credential $cred" } })),
        );
        expect(checkDomainJoinForSso(script.resources, ssoGroups).violations).toEqual([]);
        const none = stackWith((s) => s.add(GCP_INSTANCE, "g", gcpInstanceProps()));
        expect(checkDomainJoinForSso(none.resources, ssoGroups).violations).toHaveLength(1);
    });

    it("judges no hand-built host when no group serves SSO", async () => {
        const stack = stackWith((s) => s.add(AZURE_VM, "vm", azureVmProps()));
        expect((await runStackPolicy(domainJoinForSso, stack.resources)).violations).toEqual([]);
        expect((await runStackPolicy(domainJoinForSso, stack.resources, { ssoGroups: ["eu-apps"] })).violations).toHaveLength(1);
    });
});

