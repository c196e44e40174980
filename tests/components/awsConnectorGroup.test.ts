import { gunzipSync } from "node:zlib";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES, ConnectorGroup, type ConnectorGroupSummary, ENTRA_RESOURCE_TYPES, InputValidationError } from "connector-topology";
import { APPLIANCE_AMI, awsGroupArgs, DIRECTORY, SUBNETS, TOPIC_ARN, VPC_ID } from "./awsFixtures";
import { ADMIN_PASSWORD, DOMAIN_JOIN, DOMAIN_PASSWORD, groupArgs, REGISTRATION_TOKEN } from "./fixtures";
import { inputsOf, isSecret, MOCK_AMI_ID, type MockEngine, outputOf, type Registration, reveal, startMockEngine, whereMentioned } from "./harness";

const INSTANCE = "aws:ec2/instance:Instance";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const PARAMETER = "aws:ssm/parameter:Parameter";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const ASSOCIATION = "aws:ssm/association:Association";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const MEMBERSHIP = ENTRA_RESOURCE_TYPES.ConnectorGroupMembership;

interface InstanceInputs {
    ami: string;
    instanceType: string;
    subnetId: string;
    availabilityZone: string;
    associatePublicIpAddress: boolean;
    vpcSecurityGroupIds: string[];
    iamInstanceProfile: string;
    metadataOptions: Record<string, unknown>;
    rootBlockDevice: Record<string, unknown>;
    userData: string;
    tags: Record<string, string>;
}

interface PolicyStatement {
    Sid: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: unknown;
}

/** The bootstrap inside an instance's user data, unpacked as the host unpacks it. */
function bootstrapIn(userData: string): string {
    const packed = /\$BootstrapGzipBase64 = '([A-Za-z0-9+/=]+)'/.exec(userData)?.[1];
    return packed === undefined ? "" : gunzipSync(Buffer.from(packed, "base64")).toString("utf8");
}

function statementsOf(policy: Registration): PolicyStatement[] {
    return (JSON.parse(reveal(policy.inputs.policy) as string) as { Statement: PolicyStatement[] }).Statement;
}

describe("ConnectorGroup on AWS", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("creates two Windows Server 2022 Full instances across two zones, with the group's shared resources and a membership each", async () => {
        const group = new ConnectorGroup("nam-apps", awsGroupArgs());
        const [hostIds, privateIps] = await Promise.all([outputOf(group.hostIds), outputOf(group.privateIps)]);
        await engine.settle();

        expect(engine.ofType(SECURITY_GROUP)).toHaveLength(1);
        expect(engine.ofType(ROLE)).toHaveLength(1);
        expect(inputsOf<{ description: string }>(engine.find(ROLE, "nam-apps-aws-role")).description).toBe(
            "Connector hosts of one connector group: what they may do is in the role's inline policy",
        );
        expect(engine.ofType(PROFILE)).toHaveLength(1);
        expect(engine.ofType(COMPONENT_TYPES.AwsConnectorHost).map((host) => host.name)).toEqual(["nam-apps-aws-1", "nam-apps-aws-2"]);
        const instances = engine.ofType(INSTANCE).map((instance) => inputsOf<InstanceInputs>(instance));
        expect(instances.map((instance) => [instance.availabilityZone, instance.subnetId])).toEqual([
            [SUBNETS[0]?.availabilityZone, SUBNETS[0]?.id],
            [SUBNETS[1]?.availabilityZone, SUBNETS[1]?.id],
        ]);
        for (const instance of instances) {
            expect(instance.instanceType).toBe("c6i.xlarge");
            // Resolved from the SSM public parameter when created; a later AMI does not replace the host.
            expect(instance.ami).toBe(MOCK_AMI_ID);
            expect(instance.iamInstanceProfile).toBe("nam-apps-aws-profile-1a2b3c4");
            expect(instance.vpcSecurityGroupIds).toEqual(["nam-apps-aws-sg-id"]);
        }
        // A host keeps its user data and AMI for life (EC2 would stop it to change them), and another name is another host.
        for (const instance of engine.ofType(INSTANCE)) {
            expect(instance.ignoreChanges).toEqual(["userData", "ami"]);
            expect(instance.replaceOnChanges).toEqual(["tags.Name"]);
        }
        // Every host of the group runs the same launcher; each takes its name from its Name tag.
        const [first, second] = instances;
        expect(first?.userData).toBe(second?.userData);
        expect(instances.map((instance) => instance.tags.Name)).toEqual(["nam-apps-aws-1", "nam-apps-aws-2"]);
        expect(engine.ofType(MEMBERSHIP).map((membership) => membership.inputs.machineName)).toEqual(["nam-apps-aws-1", "nam-apps-aws-2"]);
        expect(group.machineNames).toEqual(["nam-apps-aws-1", "nam-apps-aws-2"]);
        expect(hostIds).toEqual(["nam-apps-aws-1-instance-id", "nam-apps-aws-2-instance-id"]);
        expect(privateIps.every((ip) => /^10\.1\.0\.\d+$/.test(ip))).toBe(true);
    });

    test("exposes nothing: no public IP, no inbound rule, egress to 443 and 80 only", async () => {
        new ConnectorGroup("nam-apps", awsGroupArgs());
        await engine.settle();
        for (const instance of engine.ofType(INSTANCE)) {
            expect(inputsOf<InstanceInputs>(instance).associatePublicIpAddress).toBe(false);
        }
        const securityGroup = inputsOf<{ vpcId: string; ingress: unknown[]; egress: Record<string, unknown>[] }>(engine.find(SECURITY_GROUP, "nam-apps-aws-sg"));
        expect(securityGroup.vpcId).toBe(VPC_ID);
        expect(securityGroup.ingress).toEqual([]);
        expect(securityGroup.egress.map((rule) => [rule.protocol, rule.fromPort, rule.toPort, rule.cidrBlocks])).toEqual([
            ["tcp", 443, 443, ["0.0.0.0/0"]],
            ["tcp", 80, 80, ["0.0.0.0/0"]],
        ]);
        expect(engine.registrations.filter((r) => /securityGroupRule|SecurityGroupIngressRule|eip/i.test(r.type))).toEqual([]);
    });

    test("requires IMDSv2 and an encrypted gp3 root volume, and tags everything with its group and kind", async () => {
        new ConnectorGroup("nam-apps", awsGroupArgs({ displayName: "NAM apps" }, { tags: { owner: "platform" }, rootVolumeSizeGiB: 80 }));
        await engine.settle();
        for (const instance of engine.ofType(INSTANCE).map((r) => inputsOf<InstanceInputs>(r))) {
            expect(instance.metadataOptions).toEqual({
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "enabled",
            });
            expect(instance.rootBlockDevice).toMatchObject({ volumeType: "gp3", volumeSize: 80, encrypted: true, deleteOnTermination: true });
            expect(instance.tags).toEqual({
                owner: "platform",
                Name: instance.tags.Name,
                "connector-group": "NAM apps",
                "connector-kind": "entra-private-network",
            });
            expect(instance.rootBlockDevice.tags).toEqual(instance.tags);
        }
        for (const type of [SECURITY_GROUP, PARAMETER, ROLE, PROFILE]) {
            for (const registration of engine.ofType(type)) {
                expect(registration.inputs.tags).toEqual({ owner: "platform", "connector-group": "NAM apps", "connector-kind": "entra-private-network" });
            }
        }
    });

    test("registers a non-secret summary with each host's cloud, region, zone, size and image", async () => {
        new ConnectorGroup("nam-apps", awsGroupArgs());
        await engine.settle();
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "nam-apps").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts).toEqual(
            [1, 2].map((n) => ({
                machineName: `nam-apps-aws-${n}`,
                platform: "aws",
                cloudRegion: "us-east-1",
                zone: `us-east-1${"ab"[n - 1]}`,
                size: "c6i.xlarge",
                image: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
                domainJoined: false,
            })),
        );
    });

    test("stores the token and installer URL as SSM SecureStrings the hosts' role alone may read", async () => {
        new ConnectorGroup("nam-apps", awsGroupArgs());
        await engine.settle();
        const parameters = engine.ofType(PARAMETER).map((parameter) => inputsOf<Record<string, string>>(parameter));
        const path = "/connector-topology/connector-topology/test/nam-apps/";
        expect(parameters.map((parameter) => [parameter.name, parameter.type, parameter.tier])).toEqual([
            [`${path}RegistrationToken`, "SecureString", "Intelligent-Tiering"],
            [`${path}InstallerUrl`, "SecureString", "Intelligent-Tiering"],
        ]);
        const statements = statementsOf(engine.find(ROLE_POLICY, "nam-apps-aws-policy"));
        expect(statements.find((statement) => statement.Sid === "ReadOwnSecrets")).toEqual({
            Sid: "ReadOwnSecrets",
            Effect: "Allow",
            Action: "ssm:GetParameter",
            Resource: parameters.map((parameter) => `arn:aws:ssm:eu-west-1:123456789012:parameter${parameter.name}`),
        });
        // Nothing else reads parameters or secrets, and nothing is granted on everything but the SSM agent's own calls.
        for (const statement of statements) {
            const actions = ([] as string[]).concat(statement.Action);
            if (statement.Resource === "*") {
                expect(actions.filter((action) => /^(ssm:GetParameter|ssm:\*|secretsmanager:|kms:|iam:|s3:|\*)/.test(action))).toEqual([]);
            }
        }
        expect(engine.registrations.filter((r) => /rolePolicyAttachment|policyAttachment/i.test(r.type))).toEqual([]);
        const trust = JSON.parse(engine.find(ROLE, "nam-apps-aws-role").inputs.assumeRolePolicy as string) as { Statement: unknown[] };
        expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        // The instances boot once their role can read the parameters.
        const policy = engine.find(ROLE_POLICY, "nam-apps-aws-policy");
        for (const instance of engine.ofType(INSTANCE)) {
            expect(instance.dependencies).toEqual(expect.arrayContaining([policy.urn, ...engine.ofType(PARAMETER).map((p) => p.urn)]));
        }
    });

    test("keeps every secret a secret wherever it reaches a resource, and out of user data", async () => {
        new ConnectorGroup("nam-apps", awsGroupArgs({ domainJoin: DOMAIN_JOIN }, { domainControllerCidrs: ["10.0.10.0/24"] }));
        await engine.settle();
        const expectations: [string, string][] = [
            [REGISTRATION_TOKEN, "nam-apps-aws-registration-token"],
            [DOMAIN_PASSWORD, "nam-apps-aws-domain-join-password"],
        ];
        for (const [secret, holder] of expectations) {
            const holders: string[] = [];
            for (const registration of engine.registrations) {
                const where = whereMentioned(registration.inputs, secret);
                expect({ resource: registration.name, plain: where.plain }).toEqual({ resource: registration.name, plain: [] });
                if (where.secret.length > 0) {
                    holders.push(registration.name);
                }
            }
            expect(holders).toEqual([holder]);
            expect(isSecret(engine.find(PARAMETER, holder).inputs.value)).toBe(true);
        }
        for (const instance of engine.ofType(INSTANCE)) {
            expect(isSecret(instance.inputs.userData)).toBe(false);
            const userData = instance.inputs.userData as string;
            const script = bootstrapIn(userData);
            expect(script).toContain("function Read-BootstrapSecrets");
            for (const secret of [REGISTRATION_TOKEN, DOMAIN_PASSWORD, "TOKEN-SECRET-7f3a"]) {
                expect(userData).not.toContain(secret);
                expect(script).not.toContain(secret);
            }
        }
    });

    test("makes a plain-string token and password secrets too", async () => {
        new ConnectorGroup(
            "nam-apps",
            awsGroupArgs(
                { registration: { tenantId: groupArgs().registration.tenantId, token: pulumi.output(REGISTRATION_TOKEN) }, domainJoin: DOMAIN_JOIN },
                { domainControllerCidrs: ["10.0.10.0/24"] },
            ),
        );
        await engine.settle();
        for (const parameter of engine.ofType(PARAMETER)) {
            expect(isSecret(parameter.inputs.value)).toBe(true);
        }
    });

    test("joins a domain from the launcher, reading the password from SSM, with the AD ports open to the controllers", async () => {
        new ConnectorGroup("sso", awsGroupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }, { domainControllerCidrs: ["10.0.10.0/24"] }));
        await engine.settle();
        const path = "/connector-topology/connector-topology/test/sso/";
        const userData = inputsOf<InstanceInputs>(engine.find(INSTANCE, "sso-aws-1-instance")).userData;
        expect(userData).toContain("Join-PlannedDomain");
        expect(userData).toContain(`$JoinPasswordParameterName = '${path}DomainJoinPassword'`);
        expect(userData).toContain("$JoinUsername = 'CORP\\svc-join'");
        const readable = statementsOf(engine.find(ROLE_POLICY, "sso-aws-policy")).find((s) => s.Sid === "ReadOwnSecrets")?.Resource;
        expect(readable).toHaveLength(3);
        expect(readable).toContain(`arn:aws:ssm:eu-west-1:123456789012:parameter${path}DomainJoinPassword`);
        const egress = inputsOf<{ egress: Record<string, unknown>[] }>(engine.find(SECURITY_GROUP, "sso-aws-sg")).egress;
        expect(egress.filter((rule) => String(rule.description).startsWith("AD:")).every((rule) => (rule.cidrBlocks as string[]).join() === "10.0.10.0/24")).toBe(true);
        expect(egress).toHaveLength(16);
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "sso").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.every((host) => host.domainJoined)).toBe(true);
        expect(engine.ofType(ASSOCIATION)).toEqual([]);
    });

    test("joins AWS Managed Microsoft AD through an AWS-JoinDirectoryServiceDomain association before the membership", async () => {
        new ConnectorGroup("sso", awsGroupArgs({ servesSso: true }, { directoryService: DIRECTORY }));
        await engine.settle();
        const instance = engine.find(INSTANCE, "sso-aws-1-instance");
        const association = engine.find(ASSOCIATION, "sso-aws-1-directory-join");
        expect(reveal(association.inputs)).toMatchObject({
            name: "AWS-JoinDirectoryServiceDomain",
            targets: [{ key: "InstanceIds", values: ["sso-aws-1-instance-id"] }],
            parameters: {
                directoryId: DIRECTORY.directoryId,
                directoryName: DIRECTORY.directoryName,
                directoryOU: DIRECTORY.directoryOu,
                dnsIpAddresses: "10.0.10.5 10.0.11.5",
            },
        });
        expect(association.dependencies).toContain(instance.urn);
        const membership = engine.find(MEMBERSHIP, "sso-aws-1-membership");
        expect(membership.dependencies).toEqual(expect.arrayContaining([instance.urn, association.urn]));
        expect(inputsOf<InstanceInputs>(instance).userData).toContain("Wait-DirectoryJoin");
        const statements = statementsOf(engine.find(ROLE_POLICY, "sso-aws-policy"));
        expect(statements.find((s) => s.Sid === "JoinDirectory")?.Resource).toBe("arn:aws:ds:us-east-1:*:directory/d-1234567890");
        expect(engine.ofType(PARAMETER).map((p) => p.name)).toEqual(["sso-aws-registration-token", "sso-aws-installer-url"]);
        const egress = inputsOf<{ egress: Record<string, unknown>[] }>(engine.find(SECURITY_GROUP, "sso-aws-sg")).egress;
        expect(egress.find((rule) => rule.description === "AD: Kerberos")?.cidrBlocks).toEqual(["10.0.10.5/32", "10.0.11.5/32"]);
    });

    test("alarms on sustained CPU and memory per host, to the user's topic, saying to scale out", async () => {
        new ConnectorGroup("nam-apps", awsGroupArgs({}, { scaleOutAlert: { topicArn: TOPIC_ARN, thresholdPercent: 75 } }));
        await engine.settle();
        const alarms = engine.ofType(ALARM).map((alarm): Record<string, unknown> => ({ ...inputsOf<Record<string, unknown>>(alarm), name: alarm.name }));
        expect(alarms.map((alarm) => [alarm.name, alarm.namespace, alarm.metricName])).toEqual([
            ["nam-apps-aws-1-cpu-alarm", "AWS/EC2", "CPUUtilization"],
            ["nam-apps-aws-1-memory-alarm", "CWAgent", "mem_used_percent"],
            ["nam-apps-aws-2-cpu-alarm", "AWS/EC2", "CPUUtilization"],
            ["nam-apps-aws-2-memory-alarm", "CWAgent", "mem_used_percent"],
        ]);
        for (const alarm of alarms) {
            expect(alarm).toMatchObject({
                threshold: 75,
                comparisonOperator: "GreaterThanThreshold",
                period: 300,
                evaluationPeriods: 3,
                datapointsToAlarm: 3,
                statistic: "Average",
                alarmActions: [TOPIC_ARN],
                okActions: [TOPIC_ARN],
                dimensions: { InstanceId: expect.stringMatching(/^nam-apps-aws-[12]-instance-id$/) },
            });
            expect(alarm.alarmDescription).toMatch(/^A connector host of group "nam-apps" has had more than 75% of its (CPU|memory) in use for 15 minutes\. Scale out: add a connector host to the group .*rather than scaling up/);
        }
        const userData = inputsOf<InstanceInputs>(engine.find(INSTANCE, "nam-apps-aws-1-instance")).userData;
        expect(userData).toContain("Start-MemoryMetrics");
        const metrics = statementsOf(engine.find(ROLE_POLICY, "nam-apps-aws-policy")).find((s) => s.Sid === "PublishMemoryMetrics");
        expect(metrics).toMatchObject({ Action: "cloudwatch:PutMetricData", Condition: { StringEquals: { "cloudwatch:namespace": "CWAgent" } } });
    });

    test("the appliance keeps size, zones, no inbound and membership, and gets no token", async () => {
        new ConnectorGroup("appl", awsGroupArgs({}, { appliance: { amiId: APPLIANCE_AMI }, subnets: SUBNETS }));
        await engine.settle();
        const instances = engine.ofType(INSTANCE).map((r) => inputsOf<InstanceInputs>(r));
        expect(instances.map((instance) => [instance.ami, instance.instanceType, instance.availabilityZone, instance.associatePublicIpAddress])).toEqual([
            [APPLIANCE_AMI, "c6i.xlarge", "us-east-1a", false],
            [APPLIANCE_AMI, "c6i.xlarge", "us-east-1b", false],
        ]);
        expect(engine.ofType(INSTANCE).map((instance) => instance.ignoreChanges)).toEqual([["userData"], ["userData"]]);
        for (const instance of instances) {
            expect(instance.userData).toContain("Set-PlannedComputerName");
            expect(instance.userData).not.toContain("Invoke-HostBootstrap");
        }
        expect(inputsOf<{ ingress: unknown[] }>(engine.find(SECURITY_GROUP, "appl-aws-sg")).ingress).toEqual([]);
        expect(engine.ofType(PARAMETER)).toEqual([]);
        expect(statementsOf(engine.find(ROLE_POLICY, "appl-aws-policy")).map((s) => s.Sid)).toEqual(["SsmAgent"]);
        for (const registration of engine.registrations) {
            expect(whereMentioned(registration.inputs, REGISTRATION_TOKEN)).toEqual({ secret: [], plain: [] });
        }
        expect(engine.ofType(MEMBERSHIP)).toHaveLength(2);
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "appl").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.map((host) => [host.image, host.appliance])).toEqual([
            [APPLIANCE_AMI, true],
            [APPLIANCE_AMI, true],
        ]);
    });

    test("mixes clouds in one group: Azure and AWS hosts, each named apart, all counted and all moved into the group", async () => {
        new ConnectorGroup("mixed", { ...groupArgs({ region: "nam", azure: { ...groupArgs().azure!, location: "eastus", count: 1 } }), aws: awsGroupArgs().aws, allowSingleConnector: false });
        await engine.settle();
        expect(engine.ofType(MEMBERSHIP).map((m) => m.inputs.machineName).sort()).toEqual(["mixed-1", "mixed-aws-1", "mixed-aws-2"]);
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "mixed").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.map((host) => host.platform)).toEqual(["azure", "aws", "aws"]);
        for (const registration of engine.registrations) {
            expect(whereMentioned(registration.inputs, ADMIN_PASSWORD).plain).toEqual([]);
        }
    });

    test("warns when the hosts' region is far from the group's region", async () => {
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            new ConnectorGroup("eur-apps", awsGroupArgs({ region: "eur" }));
            await engine.settle();
            expect(warn).toHaveBeenCalledWith(
                expect.stringMatching(/ConnectorGroup "eur-apps": aws\.subnets = "us-east-1": is far from the group's region "eur"/),
                expect.anything(),
            );
        } finally {
            warn.mockRestore();
        }
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, () => ReturnType<typeof awsGroupArgs>, RegExp][] = [
            ["an undersized instance type", () => awsGroupArgs({}, { instanceType: "t3.medium" }), /aws\.instanceType = "t3\.medium": has 2 vCPU, 4 GiB/],
            [
                "a Server Core image",
                () => awsGroupArgs({}, { image: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-Base" }),
                /aws\.image = ".*Core-Base": .*is Server Core/,
            ],
            [
                "subnets in one zone",
                () => awsGroupArgs({}, { subnets: [SUBNETS[0]!, { id: "subnet-0a1b2c3d4e5f60799", availabilityZone: "us-east-1a" }] }),
                /aws\.subnets = .*would put all 2 hosts in us-east-1a/,
            ],
            ["a zone id", () => awsGroupArgs({}, { subnets: [{ id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "use1-az1" }] }), /availabilityZone = "use1-az1"/],
            ["an appliance without its AMI", () => awsGroupArgs({}, { appliance: { amiId: "" } }), /aws\.appliance\.amiId = "": must be the AMI id/],
            ["an all-protocol egress rule", () => awsGroupArgs({}, { egress: [{ description: "all", protocol: "-1", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/8"] }] }), /aws\.egress\[0\]\.protocol = "-1"/],
            ["SSO without a join", () => awsGroupArgs({ servesSso: true }), /servesSso = true: a group that serves SSO apps/],
            ["a single AWS host", () => awsGroupArgs({}, { count: 1 }), /hosts = 1: a connector group needs at least 2 connectors/],
        ];
        test.each(cases)("%s", async (_name, args, expected) => {
            let error: unknown;
            try {
                new ConnectorGroup("bad", args());
            } catch (caught) {
                error = caught;
            }
            expect(error).toBeInstanceOf(InputValidationError);
            expect((error as Error).message).toMatch(/^ConnectorGroup "bad" has invalid input:/);
            expect((error as Error).message).toMatch(expected);
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});
