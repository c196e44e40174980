import { gunzipSync } from "node:zlib";
import { COMPONENT_TYPES, InputValidationError, renderConnectorBootstrap } from "connector-topology";
import { AwsConnectorHost, type AwsConnectorHostArgs } from "connector-topology/aws";
import { SUBNETS, TOPIC_ARN } from "./awsFixtures";
import { TENANT_ID } from "./fixtures";
import { inputsOf, type MockEngine, startMockEngine } from "./harness";

const INSTANCE = "aws:ec2/instance:Instance";

function hostArgs(overrides: Partial<AwsConnectorHostArgs> = {}): AwsConnectorHostArgs {
    return {
        computerName: "pki-aws-1",
        subnetId: SUBNETS[0]!.id,
        availabilityZone: SUBNETS[0]!.availabilityZone,
        securityGroupIds: ["sg-0123456789abcdef0"],
        instanceProfileName: "pki-hosts",
        connectorKind: "intune-certificate",
        connectorGroupName: "pki-fleet",
        ...overrides,
    };
}

describe("AwsConnectorHost", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("serves any kind of connector: kind and group come in as tags; with nothing else, its launcher only names it", async () => {
        new AwsConnectorHost("pki-1", hostArgs({ tags: { owner: "pki-team" }, instanceType: "m6i.xlarge" }));
        await engine.settle();
        expect(engine.registrations.map((r) => r.type).sort()).toEqual([COMPONENT_TYPES.AwsConnectorHost, INSTANCE].sort());
        const instance = inputsOf<{ tags: Record<string, string>; instanceType: string; userData: string; iamInstanceProfile: string; vpcSecurityGroupIds: string[] }>(
            engine.find(INSTANCE, "pki-1-instance"),
        );
        expect(instance.tags).toEqual({ owner: "pki-team", Name: "pki-aws-1", "connector-group": "pki-fleet", "connector-kind": "intune-certificate" });
        expect(instance.instanceType).toBe("m6i.xlarge");
        expect(instance.iamInstanceProfile).toBe("pki-hosts");
        expect(instance.vpcSecurityGroupIds).toEqual(["sg-0123456789abcdef0"]);
        expect(instance.userData).toContain("$ComputerName = Get-PlannedComputerName");
        expect(instance.userData).not.toMatch(/Join-PlannedDomain|Wait-DirectoryJoin|Start-MemoryMetrics|Invoke-HostBootstrap/);
        expect(engine.find(COMPONENT_TYPES.AwsConnectorHost, "pki-1").inputs).toMatchObject({
            machineName: "pki-aws-1",
            platform: "aws",
            cloudRegion: "us-east-1",
            zone: "us-east-1a",
            size: "m6i.xlarge",
            connectorKind: "intune-certificate",
            connectorGroupName: "pki-fleet",
            domainJoined: false,
        });
    });

    test("runs the bootstrap it is given after joining the domain with the password in the named parameter, and alarms", async () => {
        const bootstrap = renderConnectorBootstrap({
            cloud: "aws",
            tenantId: TENANT_ID,
            aws: { region: "us-east-1", parameterNames: { RegistrationToken: "/pki/RegistrationToken", InstallerUrl: "/pki/InstallerUrl" } },
        });
        new AwsConnectorHost(
            "entra-1",
            hostArgs({
                connectorKind: "entra-private-network",
                bootstrapScript: bootstrap.script,
                domainJoin: { domainName: "corp.example.com", username: "CORP\\joiner", passwordParameterName: "/pki/DomainJoinPassword" },
                scaleOutAlert: { topicArn: TOPIC_ARN },
            }),
        );
        await engine.settle();
        const userData = inputsOf<{ userData: string }>(engine.find(INSTANCE, "entra-1-instance")).userData;
        expect(userData).toContain("$JoinPasswordParameterName = '/pki/DomainJoinPassword'");
        const packed = /\$BootstrapGzipBase64 = '([^']+)'/.exec(userData)?.[1] ?? "";
        expect(gunzipSync(Buffer.from(packed, "base64")).toString("utf8")).toBe(bootstrap.script);
        expect(engine.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => alarm.name)).toEqual(["entra-1-cpu-alarm", "entra-1-memory-alarm"]);
        expect(engine.ofType("aws:ssm/parameter:Parameter")).toEqual([]);
    });

    test("refuses bad input, naming each field, before registering anything", async () => {
        let error: unknown;
        try {
            new AwsConnectorHost(
                "bad",
                hostArgs({
                    computerName: "a-name-longer-than-15",
                    availabilityZone: "use1-az1",
                    instanceType: "t3.large",
                    image: "/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-Base",
                    connectorKind: "other",
                    tags: { "connector-kind": "x" },
                }),
            );
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(InputValidationError);
        const message = (error as Error).message;
        expect(message).toMatch(/^AwsConnectorHost "bad" has invalid input:/);
        expect(message).toMatch(/instanceType = "t3\.large": has 2 vCPU, 8 GiB/);
        expect(message).toMatch(/image = ".*2016-English-Full-Base": .*Windows Server 2016 reaches end of life in January 2027/);
        expect(message).toMatch(/tags\.connector-kind = "x": is set by the component/);
        expect(message).toMatch(/computerName = "a-name-longer-than-15"/);
        expect(message).toMatch(/availabilityZone = "use1-az1"/);
        expect(message).toMatch(/connectorKind = "other"/);
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });

    test("refuses a domain join its launcher cannot carry, before registering anything", async () => {
        expect(
            () =>
                new AwsConnectorHost(
                    "umlaut",
                    hostArgs({ domainJoin: { domainName: "corp.example.com", username: "CORP\\jöiner", passwordParameterName: "/pki/DomainJoinPassword" } }),
                ),
        ).toThrow(/domainJoin\.username = "CORP\\\\jöiner": must be ASCII for AWS hosts/);
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });
});
