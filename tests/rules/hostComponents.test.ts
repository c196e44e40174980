/**
 * Host components used on their own (outside a ConnectorGroup or fleet): the size and image rules judge the host once,
 * on the component's summary, which names the image as the user gave it (an SSM parameter, say), not on the instance
 * inside it, which only shows the AMI the parameter resolved to. Hand-built instances are still judged themselves.
 */
import { ConnectorGroup } from "connector-topology";
import { AwsConnectorHost, type AwsConnectorHostArgs } from "connector-topology/aws";
import { parsePolicyConfig, runPlan, type ViolationEntry } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { checkHostImage } from "../../src/rules/hostImage";
import { checkHostSize } from "../../src/rules/hostSize";
import { NOT_APPLICABLE, type RuleResult } from "../../src/rules/policy";
import { groupArgs } from "../components/fixtures";
import { AWS_INSTANCE, awsInstanceProps, COMPONENT_TYPES, groupSummary, resource, UNKNOWN_STRING } from "./fixtures";

const noImageOverrides = { imageOverrides: {} };
const noSizeOverrides = { sizeOverrides: {} };
const FULL_BASE = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base";

/** What an AwsConnectorHost registers as its inputs: its host summary, its connector kind and its group. */
function awsHostSummary(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        machineName: "branch-1",
        platform: "aws",
        cloudRegion: "eu-west-1",
        zone: "eu-west-1a",
        size: "c6i.xlarge",
        image: FULL_BASE,
        domainJoined: false,
        connectorKind: "entra-private-network",
        connectorGroupName: "branch-apps",
        ...overrides,
    };
}

function messages(result: RuleResult | typeof NOT_APPLICABLE): string[] {
    if (result === NOT_APPLICABLE) {
        throw new Error("expected a verdict");
    }
    return result.violations.map((violation) => violation.message);
}

describe("the size and image rules on a stand-alone host component", () => {
    const component = (overrides: Record<string, unknown> = {}, parents: string[] = []) =>
        resource(COMPONENT_TYPES.AwsConnectorHost, "branch-1", awsHostSummary(overrides), { parents });

    it("judge the image the component names: the SSM parameter passes, Server Core is refused, naming the component", () => {
        expect(messages(checkHostImage(component(), noImageOverrides))).toEqual([]);
        const core = component({ image: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-Base" });
        expect(messages(checkHostImage(core, noImageOverrides))).toEqual([
            expect.stringMatching(/^AwsConnectorHost "branch-1": .*is Server Core; the connector needs the Desktop Experience/),
        ]);
    });

    it("judge the size the component names", () => {
        expect(messages(checkHostSize(component(), noSizeOverrides))).toEqual([]);
        expect(messages(checkHostSize(component({ size: "t3.large" }), noSizeOverrides))).toEqual([
            expect.stringMatching(/^AwsConnectorHost "branch-1" uses size "t3\.large" \(2 vCPU, 8 GiB\), below the connector minimum/),
        ]);
    });

    it("leave the instance inside the component alone, but judge the same instance built by hand", () => {
        const resolvedAmi = awsInstanceProps({ ami: "ami-0123456789abcdef0" });
        const inside = resource(AWS_INSTANCE, "branch-1-instance", resolvedAmi, { parents: [COMPONENT_TYPES.AwsConnectorHost] });
        expect(checkHostImage(inside, noImageOverrides)).toBe(NOT_APPLICABLE);
        expect(checkHostSize(inside, noSizeOverrides)).toBe(NOT_APPLICABLE);
        const handBuilt = resource(AWS_INSTANCE, "branch-1-instance", resolvedAmi);
        expect(messages(checkHostImage(handBuilt, noImageOverrides))).toEqual([
            expect.stringContaining('AWS instance "branch-1-instance": '),
        ]);
    });

    it("leave a host component inside a ConnectorGroup or a fleet to that component's summary", () => {
        for (const parent of [COMPONENT_TYPES.ConnectorGroup, COMPONENT_TYPES.CertificateConnectorFleet]) {
            expect(checkHostImage(component({ size: "t3.large" }, [parent]), noImageOverrides)).toBe(NOT_APPLICABLE);
            expect(checkHostSize(component({ size: "t3.large" }, [parent]), noSizeOverrides)).toBe(NOT_APPLICABLE);
        }
    });

    it("judge a custom image by the OS the component's imageOverride declared; the policy config still has the last word", () => {
        const customAmi = { image: "ami-0123456789abcdef0" };
        expect(messages(checkHostImage(component(customAmi), noImageOverrides))).toEqual([
            expect.stringMatching(/^AwsConnectorHost "branch-1": ami-0123456789abcdef0 is not a Windows Server image the catalogue recognises/),
        ]);
        const declared = component({ ...customAmi, declaredImage: { windowsServerVersion: 2022, desktopExperience: true } });
        expect(messages(checkHostImage(declared, noImageOverrides))).toEqual([]);
        const coreInConfig = { imageOverrides: { "ami-0123456789abcdef0": { windowsServerVersion: 2022, desktopExperience: false } } };
        expect(messages(checkHostImage(declared, coreInConfig))).toEqual([expect.stringMatching(/is Server Core/)]);
    });

    it("judge a group's hosts by the OS their summary declares, host by host", () => {
        const customImage = "/subscriptions/0/resourceGroups/images/providers/Microsoft.Compute/galleries/g/images/connector";
        const host = (n: number, declared: boolean) => ({
            machineName: `CONN-EU-${n}`,
            platform: "azure",
            cloudRegion: "westeurope",
            zone: String(n),
            size: "Standard_D4ls_v5",
            image: customImage,
            ...(declared ? { declaredImage: { windowsServerVersion: 2025, desktopExperience: true } } : {}),
            domainJoined: true,
        });
        const group = resource(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary({ hosts: [host(1, true), host(2, false)] }));
        expect(messages(checkHostImage(group, noImageOverrides))).toEqual([
            expect.stringMatching(/^Connector host "CONN-EU-2" of ConnectorGroup "eu-apps": .*not a Windows Server image the catalogue recognises/),
        ]);
    });

    it("judge a size the catalogue does not know by the capacity the component's sizeOverride declared; the policy config still has the last word", () => {
        const unknownType = { size: "c8i.xlarge" };
        expect(messages(checkHostSize(component(unknownType), noSizeOverrides))).toEqual([
            expect.stringMatching(/^AwsConnectorHost "branch-1" uses size "c8i\.xlarge", which the aws size catalogue does not know/),
        ]);
        const declared = component({ ...unknownType, declaredCapacity: { vcpus: 4, memoryGiB: 8 } });
        expect(messages(checkHostSize(declared, noSizeOverrides))).toEqual([]);
        // The components refuse a declaration under the minimum; a summary built otherwise is still judged by it.
        const declaredSmall = component({ ...unknownType, declaredCapacity: { vcpus: 2, memoryGiB: 4 } });
        expect(messages(checkHostSize(declaredSmall, noSizeOverrides))).toEqual([
            expect.stringMatching(/^AwsConnectorHost "branch-1" uses size "c8i\.xlarge" \(2 vCPU, 4 GiB as declared by sizeOverride\), below the connector minimum of 4 vCPU, 8 GiB/),
        ]);
        const smallInConfig = { sizeOverrides: { "c8i.xlarge": { vcpus: 2, memoryGiB: 8 } } };
        expect(messages(checkHostSize(declared, smallInConfig))).toEqual([
            expect.stringMatching(/uses size "c8i\.xlarge" \(2 vCPU, 8 GiB as declared in sizeOverrides\), below the connector minimum/),
        ]);
        const bigInConfig = { sizeOverrides: { "c8i.xlarge": { vcpus: 4, memoryGiB: 8 } } };
        expect(messages(checkHostSize(declaredSmall, bigInConfig))).toEqual([]);
    });

    it("ignore a declared capacity that is incomplete, as if none were declared", () => {
        for (const declaredCapacity of [{ vcpus: 4 }, { vcpus: "4", memoryGiB: 8 }, { vcpus: 4, memoryGiB: UNKNOWN_STRING }]) {
            expect(messages(checkHostSize(component({ size: "c8i.xlarge", declaredCapacity }), noSizeOverrides))).toEqual([
                expect.stringContaining("which the aws size catalogue does not know"),
            ]);
        }
    });

    it("judge a group's hosts by the capacity their summary declares, host by host", () => {
        const host = (n: number, declared: boolean) => ({
            machineName: `CONN-EU-${n}`,
            platform: "azure",
            cloudRegion: "westeurope",
            zone: String(n),
            size: "Standard_D4plds_v6",
            image: "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest",
            ...(declared ? { declaredCapacity: { vcpus: 4, memoryGiB: 8 } } : {}),
            domainJoined: true,
        });
        const group = resource(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary({ hosts: [host(1, true), host(2, false)] }));
        expect(messages(checkHostSize(group, noSizeOverrides))).toEqual([
            expect.stringMatching(/^Connector host "CONN-EU-2" of ConnectorGroup "eu-apps" uses size "Standard_D4plds_v6", which the azure size catalogue does not know/),
        ]);
        // Azure names match the config case-insensitively, and the config wins over every host's declaration.
        expect(messages(checkHostSize(group, { sizeOverrides: { standard_d4plds_v6: { vcpus: 2, memoryGiB: 8 } } }))).toEqual([
            expect.stringMatching(/^Connector host "CONN-EU-1" .*\(2 vCPU, 8 GiB as declared in sizeOverrides\)/),
            expect.stringMatching(/^Connector host "CONN-EU-2" .*\(2 vCPU, 8 GiB as declared in sizeOverrides\)/),
        ]);
    });

    it("judge only Entra connector hosts, as for tagged VMs; an unknown kind is reported, not passed", () => {
        expect(checkHostSize(component({ connectorKind: "intune-certificate", size: "t3.large" }), noSizeOverrides)).toBe(NOT_APPLICABLE);
        const unknownKind = checkHostSize(component({ connectorKind: UNKNOWN_STRING, size: "t3.large" }), noSizeOverrides);
        expect(unknownKind).toEqual({ violations: [], undetermined: [expect.objectContaining({ path: "connectorKind" })] });
    });
});

describe("the policy pack on a stand-alone AwsConnectorHost, through the offline plan", () => {
    const host = (name: string, args: Partial<AwsConnectorHostArgs> = {}) =>
        new AwsConnectorHost(name, {
            computerName: name,
            subnetId: "subnet-0a1b2c3d4e5f60711",
            availabilityZone: "eu-west-1a",
            securityGroupIds: ["sg-0123456789abcdef0"],
            instanceProfileName: "branch-hosts",
            connectorKind: "entra-private-network",
            connectorGroupName: "branch-apps",
            ...args,
        });

    function violationsOf(program: () => void, policyConfig: object = {}) {
        return runPlan({ inline: { projectName: "branch", program }, policies, policyConfig: parsePolicyConfig(policyConfig, "policy config") }).then((result) =>
            (result.document["violations"] as ViolationEntry[]).map(({ policyName, urn, message }) => ({ policyName, urn, message })),
        );
    }

    it("passes the default image (an SSM parameter), which the instance alone shows only as a resolved AMI id", async () => {
        const violations = await violationsOf(() => {
            host("branch-1");
        });
        expect(violations.filter((violation) => violation.policyName.startsWith("connector-host-"))).toEqual([]);
    });

    it("passes a custom AMI whose OS the host's imageOverride declares, with no imageOverrides in the policy config", async () => {
        const violations = await violationsOf(() => {
            host("branch-1", { image: "ami-0123456789abcdef0", imageOverride: { windowsServerVersion: 2022, desktopExperience: true } });
        });
        expect(violations.filter((violation) => violation.policyName === "connector-host-windows-image")).toEqual([]);
        const coreInConfig = await violationsOf(
            () => {
                host("branch-1", { image: "ami-0123456789abcdef0", imageOverride: { windowsServerVersion: 2022, desktopExperience: true } });
            },
            { "connector-host-windows-image": { imageOverrides: { "ami-0123456789abcdef0": { windowsServerVersion: 2022, desktopExperience: false } } } },
        );
        expect(coreInConfig.filter((violation) => violation.policyName === "connector-host-windows-image")).toEqual([
            expect.objectContaining({ urn: "urn:pulumi:dev::branch::connector-topology:index:AwsConnectorHost::branch-1", message: expect.stringMatching(/is Server Core/) }),
        ]);
    });

    it("passes a type the catalogue does not know whose capacity the host's sizeOverride declares; the policy config still wins, once, on the component", async () => {
        const program = () => {
            host("branch-1", { instanceType: "c8i.xlarge", sizeOverride: { vcpus: 4, memoryGiB: 8 } });
        };
        const sized = (await violationsOf(program)).filter((violation) => violation.policyName === "connector-host-min-size");
        expect(sized).toEqual([]);
        const smallInConfig = await violationsOf(program, { "connector-host-min-size": { sizeOverrides: { "c8i.xlarge": { vcpus: 2, memoryGiB: 8 } } } });
        expect(smallInConfig.filter((violation) => violation.policyName === "connector-host-min-size")).toEqual([
            {
                policyName: "connector-host-min-size",
                urn: "urn:pulumi:dev::branch::connector-topology:index:AwsConnectorHost::branch-1",
                message: expect.stringContaining('AwsConnectorHost "branch-1" uses size "c8i.xlarge" (2 vCPU, 8 GiB as declared in sizeOverrides), below'),
            },
        ]);
    });

    it("never reaches the policy pack with an unknown type left undeclared, or declared under the minimum: the host refuses it", async () => {
        await expect(violationsOf(() => host("branch-1", { instanceType: "c8i.xlarge" }))).rejects.toThrow(
            /instanceType = "c8i\.xlarge": is not in the AWS size catalogue/,
        );
        await expect(violationsOf(() => host("branch-1", { instanceType: "c8i.xlarge", sizeOverride: { vcpus: 2, memoryGiB: 4 } }))).rejects.toThrow(
            /instanceType = "c8i\.xlarge": has 2 vCPU, 4 GiB \(as stated in sizeOverride\); a connector host needs at least 4 vCPU, 8 GiB/,
        );
    });
});

describe("the policy pack on a ConnectorGroup's Azure hosts of a size the catalogue does not know, through the offline plan", () => {
    const program = () => {
        const args = groupArgs();
        new ConnectorGroup("eur-apps", { ...args, azure: { ...args.azure!, vmSize: "Standard_D4plds_v6", sizeOverride: { vcpus: 4, memoryGiB: 8 } } });
    };
    const sizeViolations = (policyConfig: object = {}) =>
        runPlan({ inline: { projectName: "estate", program }, policies, policyConfig: parsePolicyConfig(policyConfig, "policy config") }).then((result) =>
            (result.document["violations"] as ViolationEntry[])
                .filter((violation) => violation.policyName === "connector-host-min-size")
                .map(({ urn, message }) => ({ urn, message })),
        );

    it("passes the hosts by the capacity the group's azure.sizeOverride declares, with no sizeOverrides in the policy config", async () => {
        expect(await sizeViolations()).toEqual([]);
    });

    it("still lets the policy config's sizeOverrides have the last word, host by host", async () => {
        const group = "urn:pulumi:dev::estate::connector-topology:index:ConnectorGroup::eur-apps";
        expect(await sizeViolations({ "connector-host-min-size": { sizeOverrides: { Standard_D4plds_v6: { vcpus: 4, memoryGiB: 4 } } } })).toEqual([
            { urn: group, message: expect.stringMatching(/^Connector host "\S+-1" of ConnectorGroup "eur-apps" uses size "Standard_D4plds_v6" \(4 vCPU, 4 GiB as declared in sizeOverrides\)/) },
            { urn: group, message: expect.stringMatching(/^Connector host "\S+-2" of ConnectorGroup "eur-apps" uses size "Standard_D4plds_v6" \(4 vCPU, 4 GiB as declared in sizeOverrides\)/) },
        ]);
    });
});
