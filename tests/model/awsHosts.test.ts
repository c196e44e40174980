import fc from "fast-check";
import {
    ACTIVE_DIRECTORY_PORTS,
    AWS_HOST_DEFAULTS,
    type AwsHostSetSettings,
    awsHostRolePolicy,
    awsPartition,
    awsRegionOfAvailabilityZone,
    awsSecretParameterPath,
    computerNameProblem,
    CONNECTOR_EGRESS,
    defaultAwsComputerNamePrefix,
    ec2AssumeRolePolicy,
    formatIssue,
    InputValidationError,
    IssueCollector,
    planAwsConnectorHost,
    planAwsHosts,
    planConnectorGroup,
    scaleOutAlarmSpecs,
    scaleOutAlertDescription,
    SSM_AGENT_ACTIONS,
} from "connector-topology";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

function awsSettings(overrides: Partial<AwsHostSetSettings> = {}): AwsHostSetSettings {
    return {
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnets: [
            { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-east-1a" },
            { id: "subnet-0a1b2c3d4e5f60722", availabilityZone: "us-east-1b" },
        ],
        ...overrides,
    };
}

const DOMAIN_JOIN = { domainName: "corp.example.com", username: "CORP\\joiner", password: "x" };

function plan(settings: AwsHostSetSettings, region = "nam", domainJoin?: typeof DOMAIN_JOIN) {
    const issues = new IssueCollector('ConnectorGroup "nam-apps"');
    const result = planAwsHosts(settings, { resourceName: "nam-apps", region, domainJoin }, issues);
    return {
        result,
        errors: issues.errors.map(formatIssue),
        warnings: issues.warnings.map(formatIssue),
    };
}

describe("planAwsHosts", () => {
    test("defaults: two c6i.xlarge hosts from the Full Base SSM parameter, one per zone, named apart from Azure hosts", () => {
        const { result, errors, warnings } = plan(awsSettings());
        expect(errors).toEqual([]);
        expect(warnings).toEqual([]);
        expect(result?.region).toBe("us-east-1");
        expect(result?.partition).toBe("aws");
        expect(result?.settings).toEqual({
            instanceType: "c6i.xlarge",
            image: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
            appliance: false,
            rootVolumeSizeGiB: 50,
            scaleOutAlert: undefined,
        });
        expect(result?.hosts.map((host) => [host.computerName, host.availabilityZone, host.subnetIndex])).toEqual([
            ["nam-apps-aws-1", "us-east-1a", 0],
            ["nam-apps-aws-2", "us-east-1b", 1],
        ]);
        expect(result?.hosts[0]?.summary).toEqual({
            machineName: "nam-apps-aws-1",
            platform: "aws",
            cloudRegion: "us-east-1",
            zone: "us-east-1a",
            size: "c6i.xlarge",
            image: AWS_HOST_DEFAULTS.image,
            domainJoined: false,
        });
        expect(result?.egress).toEqual(CONNECTOR_EGRESS);
        expect(result?.domainJoin).toBe("none");
    });

    test("egress is 443 and 80 only, each rule saying why", () => {
        expect(CONNECTOR_EGRESS.map((rule) => [rule.protocol, rule.fromPort, rule.toPort])).toEqual([
            ["tcp", 443, 443],
            ["tcp", 80, 80],
        ]);
        expect(CONNECTOR_EGRESS[0]?.description).toMatch(/msappproxy\.net/);
        expect(CONNECTOR_EGRESS[1]?.description).toMatch(/revocation/);
    });

    test("refuses an undersized or unknown instance type, and accepts a stated capacity", () => {
        expect(plan(awsSettings({ instanceType: "t3.large" })).errors).toEqual([
            'aws.instanceType = "t3.large": has 2 vCPU, 8 GiB; a connector host needs at least 4 vCPU, 8 GiB (for example c6i.xlarge)',
        ]);
        expect(plan(awsSettings({ instanceType: "c8g.xlarge" })).errors[0]).toMatch(
            /aws\.instanceType = "c8g\.xlarge": is not in the AWS size catalogue.*aws\.sizeOverride/,
        );
        expect(plan(awsSettings({ instanceType: "c8g.xlarge", sizeOverride: { vcpus: 4, memoryGiB: 8 } })).errors).toEqual([]);
    });

    test("records the capacity sizeOverride states in each host's summary, for the policy pack, and nothing when none is stated", () => {
        const stated = plan(awsSettings({ instanceType: "c8g.xlarge", sizeOverride: { vcpus: 4, memoryGiB: 8 } }));
        expect(stated.result?.hosts.map((host) => host.summary.declaredCapacity)).toEqual([
            { vcpus: 4, memoryGiB: 8 },
            { vcpus: 4, memoryGiB: 8 },
        ]);
        expect(plan(awsSettings()).result?.hosts.every((host) => !("declaredCapacity" in host.summary))).toBe(true);
    });

    test("refuses Server Core and old releases named by SSM parameter, and an AMI id without a declaration", () => {
        expect(plan(awsSettings({ image: "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-Base" })).errors[0]).toMatch(
            /aws\.image = ".*Core-Base": .* is Server Core; the connector needs the Desktop Experience/,
        );
        expect(plan(awsSettings({ image: "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base" })).errors[0]).toMatch(
            /is Windows Server 2019; connector hosts must run Windows Server 2022 or later/,
        );
        expect(plan(awsSettings({ image: "ami-0123456789abcdef0" })).errors[0]).toMatch(
            /aws\.image = "ami-0123456789abcdef0": AMI ami-0123456789abcdef0 is not a Windows Server image the catalogue recognises.*\(aws\.imageOverride\)/,
        );
        expect(
            plan(awsSettings({ image: "ami-0123456789abcdef0", imageOverride: { windowsServerVersion: 2022, desktopExperience: true } })).errors,
        ).toEqual([]);
        expect(plan(awsSettings({ image: "Windows 2022" })).errors[0]).toMatch(/must be the name of an SSM parameter .* or an AMI id/);
    });

    test("the appliance: its AMI id is required, it excludes an image, and it is marked in the summary", () => {
        const appliance = plan(awsSettings({ appliance: { amiId: "ami-0fedcba9876543210" } }));
        expect(appliance.errors).toEqual([]);
        expect(appliance.result?.settings).toMatchObject({ image: "ami-0fedcba9876543210", appliance: true });
        expect(appliance.result?.hosts[0]?.summary).toMatchObject({ image: "ami-0fedcba9876543210", appliance: true, size: "c6i.xlarge" });
        expect(plan(awsSettings({ appliance: {} as { amiId: string } })).errors[0]).toMatch(
            /aws\.appliance\.amiId = \(not set\): must be the AMI id .* prodview-cgpbjiaphamuc/,
        );
        expect(plan(awsSettings({ appliance: { amiId: "ami-0fedcba9876543210" }, image: AWS_HOST_DEFAULTS.image })).errors).toEqual([
            `aws.image = "${AWS_HOST_DEFAULTS.image}": the appliance is its own image: remove this, or remove appliance`,
        ]);
        expect(plan(awsSettings({ appliance: { amiId: "ami-0fedcba9876543210" }, instanceType: "t3.medium" })).errors[0]).toMatch(
            /aws\.instanceType = "t3\.medium": has 2 vCPU, 4 GiB/,
        );
    });

    test("refuses hosts that would all land in one availability zone", () => {
        const oneZone = awsSettings({
            subnets: [
                { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-east-1a" },
                { id: "subnet-0a1b2c3d4e5f60733", availabilityZone: "us-east-1a" },
            ],
        });
        expect(plan(oneZone).errors).toEqual([
            'aws.subnets = ["us-east-1a","us-east-1a"]: would put all 2 hosts in us-east-1a: hosts are placed round-robin ' +
                "over the subnets, and a group's hosts must span at least two availability zones so that a zone outage " +
                "leaves it serving; list subnets in two or more zones (every AWS region has several)",
        ]);
        // One host needs no spread of its own (the group's other hosts may be elsewhere).
        expect(plan({ ...oneZone, count: 1 }).errors).toEqual([]);
    });

    test("places hosts round-robin over the subnets; the spread error is raised exactly when the placement uses one zone", () => {
        const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...zones), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 12 }), (subnetZones, count) => {
                const subnets = subnetZones.map((availabilityZone, i) => ({ id: `subnet-${String(i).padStart(8, "0")}`, availabilityZone }));
                const { result, errors } = plan(awsSettings({ subnets, count }), "eur");
                const placed = Array.from({ length: count }, (_, i) => subnetZones[i % subnetZones.length]);
                const spreadError = errors.some((error) => error.startsWith("aws.subnets = ") && error.includes("would put all"));
                expect(spreadError).toBe(count > 1 && new Set(placed).size < 2);
                expect(result?.hosts.map((host) => host.availabilityZone)).toEqual(placed);
                expect(result?.hosts.map((host) => host.subnetIndex)).toEqual(placed.map((_, i) => i % subnetZones.length));
            }),
        );
    });

    test("needs availability zone names, not ids, in one region, and subnet and VPC ids", () => {
        expect(plan(awsSettings({ subnets: [{ id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "use1-az1" }] })).errors).toContainEqual(
            expect.stringMatching(/aws\.subnets\[0\]\.availabilityZone = "use1-az1": must be the subnet's availability zone name, e\.g\. eu-west-1a \(not its zone id/),
        );
        expect(
            plan(
                awsSettings({
                    subnets: [
                        { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-east-1a" },
                        { id: "subnet-0a1b2c3d4e5f60722", availabilityZone: "us-west-2b" },
                    ],
                }),
            ).errors,
        ).toContainEqual(expect.stringMatching(/aws\.subnets = .*: spans regions us-east-1, us-west-2/));
        expect(plan(awsSettings({ vpcId: undefined })).errors).toContainEqual(expect.stringMatching(/^aws\.vpcId = \(not set\): is required/));
        expect(plan(awsSettings({ vpcId: "vnet-1" })).errors).toContainEqual('aws.vpcId = "vnet-1": must be a VPC id (vpc-...)');
        expect(plan(awsSettings({ subnets: [] })).errors[0]).toMatch(/^aws\.subnets = \[\]: must list the subnets/);
        expect(
            plan(
                awsSettings({
                    subnets: [
                        { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-east-1a" },
                        { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-east-1a" },
                    ],
                }),
            ).errors,
        ).toContainEqual('aws.subnets[1].id = "subnet-0a1b2c3d4e5f60711": lists the same subnet twice');
    });

    test("knows the GovCloud regions: North America, in the aws-us-gov partition", () => {
        const govCloud = awsSettings({
            subnets: [
                { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-gov-west-1a" },
                { id: "subnet-0a1b2c3d4e5f60722", availabilityZone: "us-gov-west-1b" },
            ],
        });
        expect(plan(govCloud)).toMatchObject({ errors: [], warnings: [], result: { region: "us-gov-west-1", partition: "aws-us-gov" } });
    });

    test("warns when the hosts' region is far from the group's region, or unknown to the catalogue", () => {
        expect(plan(awsSettings(), "eur").warnings).toEqual([
            'aws.subnets = "us-east-1": is far from the group\'s region "eur"; connectors should sit near the group\'s ' +
                'region (this location is nearest to "nam", North America)',
        ]);
        const local = plan(awsSettings({ subnets: [{ id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "xx-north-9a" }], count: 1 }));
        expect(local.warnings).toEqual([
            'aws.subnets = "xx-north-9": is not in the region catalogue, so its distance to the group\'s region "nam" cannot be checked',
        ]);
    });

    test("domain join: directory-service join by association, or the launcher with the group's domainJoin; AD ports to the controllers", () => {
        const directory = plan(
            awsSettings({ directoryService: { directoryId: "d-1234567890", directoryName: "corp.example.com", dnsIpAddresses: ["10.0.10.5", "10.0.11.5"] } }),
        );
        expect(directory.errors).toEqual([]);
        expect(directory.result?.domainJoin).toBe("directoryService");
        expect(directory.result?.hosts.every((host) => host.summary.domainJoined === true)).toBe(true);
        const adRules = directory.result?.egress.slice(CONNECTOR_EGRESS.length) ?? [];
        expect(adRules).toHaveLength(ACTIVE_DIRECTORY_PORTS.length);
        expect(adRules.every((rule) => rule.cidrBlocks.join() === "10.0.10.5/32,10.0.11.5/32")).toBe(true);
        expect(adRules.map((rule) => `${rule.protocol}/${rule.fromPort}`)).toEqual(
            expect.arrayContaining(["tcp/53", "udp/53", "tcp/88", "tcp/389", "tcp/445", "tcp/135", "tcp/49152"]),
        );

        const bootstrap = plan(awsSettings({ domainControllerCidrs: ["10.0.10.0/24"] }), "nam", DOMAIN_JOIN);
        expect(bootstrap.result?.domainJoin).toBe("bootstrap");
        expect(bootstrap.warnings).toEqual([]);
        expect(plan(awsSettings(), "nam", DOMAIN_JOIN).warnings[0]).toMatch(
            /aws\.domainControllerCidrs = \(not set\): the hosts join a domain, but their security group lets out only HTTPS and HTTP/,
        );
    });

    test("refuses a joining account the launcher cannot carry", () => {
        expect(plan(awsSettings({ domainControllerCidrs: ["10.0.10.0/24"] }), "nam", { ...DOMAIN_JOIN, username: "CORP\\jöiner" }).errors).toEqual([
            expect.stringMatching(/^domainJoin\.username = "CORP\\\\jöiner": must be ASCII for AWS hosts/),
        ]);
    });

    test("refuses a directory OU with spaces (the Windows join plugin splits its command line at spaces), and bad directory ids", () => {
        const { errors } = plan(
            awsSettings({ directoryService: { directoryId: "d-12", directoryName: "corp", directoryOu: "OU=Connector Hosts,DC=corp,DC=example,DC=com" } }),
        );
        expect(errors).toEqual([
            'aws.directoryService.directoryId = "d-12": must be the directory\'s id, d- and 10 hex digits',
            'aws.directoryService.directoryName = "corp": must be the directory\'s DNS name, e.g. corp.example.com',
            expect.stringMatching(/^aws\.directoryService\.directoryOu = "OU=Connector Hosts,.*": must contain no spaces: AWS-JoinDirectoryServiceDomain/),
        ]);
    });

    test("extra egress rules must name their purpose, protocol, ports and networks; all-protocol rules are refused", () => {
        const good = plan(awsSettings({ egress: [{ description: "HR portal (https)", protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["10.20.0.0/16"] }] }));
        expect(good.errors).toEqual([]);
        expect(good.result?.egress.at(-1)).toEqual({ description: "HR portal (https)", protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["10.20.0.0/16"] });
        const bad = plan(awsSettings({ egress: [{ description: "", protocol: "-1", fromPort: 10, toPort: 5, cidrBlocks: ["10.0.0.0/33"] }] }));
        expect(bad.errors).toEqual([
            expect.stringMatching(/^aws\.egress\[0\]\.description = "": is required/),
            'aws.egress[0].protocol = "-1": must be "tcp" or "udp": open only the protocols the apps use',
            "aws.egress[0].fromPort = [10,5]: fromPort and toPort must be ports (0 to 65535), fromPort <= toPort",
            'aws.egress[0].cidrBlocks = ["10.0.0.0/33"]: must list the IPv4 CIDR blocks the rule reaches, e.g. 10.20.0.0/16',
        ]);
        expect(plan(awsSettings({ egress: [{ description: "anything", protocol: "tcp", fromPort: 1, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }] })).warnings[0]).toMatch(
            /opens the port to any address/,
        );
        const many = Array.from({ length: 59 }, (_, i) => `10.${i}.0.0/16`);
        expect(plan(awsSettings({ egress: [{ description: "apps", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: many }] })).errors).toEqual([
            expect.stringMatching(/^aws\.egress = 61: the security group would need 61 outbound rules/),
        ]);
    });

    test("checks the scale-out alarm's topic, threshold and period", () => {
        const good = plan(awsSettings({ scaleOutAlert: { topicArn: "arn:aws:sns:us-east-1:123456789012:connectors" } }));
        expect(good.result?.settings.scaleOutAlert).toEqual({ thresholdPercent: 70, windowMinutes: 15 });
        expect(plan(awsSettings({ scaleOutAlert: { topicArn: "connectors", thresholdPercent: 170, windowMinutes: 7 } })).errors).toEqual([
            'aws.scaleOutAlert.topicArn = "connectors": must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
            "aws.scaleOutAlert.thresholdPercent = 170: must be a percentage of CPU or memory in use from 1 to 99 (Microsoft's guidance: 70)",
            "aws.scaleOutAlert.windowMinutes = 7: must be one of 5, 15, 30, 60 minutes: how long utilisation must stay above the threshold",
        ]);
        expect(plan(awsSettings({ scaleOutAlert: { thresholdPercent: 80 } })).errors).toEqual([
            "aws.scaleOutAlert.topicArn = (not set): is required: the SNS topic the alarms notify",
        ]);
    });

    test("computer names: the default prefix ends in -aws and leaves room for the number", () => {
        fc.assert(
            fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (name, count) => {
                const prefix = defaultAwsComputerNamePrefix(name, count);
                if (prefix === "") {
                    return;
                }
                expect(prefix.endsWith("-aws")).toBe(true);
                for (let i = 0; i < count; i++) {
                    expect(computerNameProblem(`${prefix}-${i + 1}`)).toBeUndefined();
                }
            }),
        );
        expect(defaultAwsComputerNamePrefix("eur-apps", 2)).toBe("eur-apps-aws");
        expect(defaultAwsComputerNamePrefix("a-very-long-group-name", 12)).toBe("a-very-l-aws");
    });
});

describe("the instance role", () => {
    const parameterArns = [
        "arn:aws:ssm:us-east-1:123456789012:parameter/connector-topology/p/s/g/RegistrationToken",
        "arn:aws:ssm:us-east-1:123456789012:parameter/connector-topology/p/s/g/InstallerUrl",
    ];

    test("reads exactly the group's parameters, and never a parameter through a wildcard", () => {
        const policy = awsHostRolePolicy({ partition: "aws", region: "us-east-1", secretParameterArns: parameterArns, publishesMetrics: false });
        expect(policy.Statement.map((statement) => statement.Sid)).toEqual(["ReadOwnSecrets", "SsmAgent"]);
        expect(policy.Statement[0]).toEqual({ Sid: "ReadOwnSecrets", Effect: "Allow", Action: "ssm:GetParameter", Resource: parameterArns });
        for (const statement of policy.Statement) {
            const actions = ([] as string[]).concat(statement.Action);
            expect(actions.filter((action) => /^ssm:GetParameter|^ssm:\*|^\*$/.test(action) && statement.Resource === "*")).toEqual([]);
        }
        expect(SSM_AGENT_ACTIONS.some((action) => action.startsWith("ssm:GetParameter"))).toBe(false);
    });

    test("adds a KMS decrypt through SSM only, the directory join on that directory only, and metrics in CWAgent only", () => {
        const policy = awsHostRolePolicy({
            partition: "aws",
            region: "us-east-1",
            secretParameterArns: parameterArns,
            secretsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0c9e6f3e-4a47-4d5d-9b9e-1f0c8d1e2a3b",
            directoryId: "d-1234567890",
            publishesMetrics: true,
        });
        const bySid = Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement]));
        expect(bySid.DecryptOwnSecrets?.Condition).toEqual({ StringEquals: { "kms:ViaService": "ssm.us-east-1.amazonaws.com" } });
        expect(bySid.JoinDirectory?.Resource).toBe("arn:aws:ds:us-east-1:*:directory/d-1234567890");
        expect(bySid.PublishMemoryMetrics?.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": "CWAgent" } });
    });

    test("is assumed by EC2 only, with the partition's service principal", () => {
        expect(ec2AssumeRolePolicy("aws").Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        expect(ec2AssumeRolePolicy(awsPartition("cn-north-1")).Statement[0]?.Principal.Service).toBe("ec2.amazonaws.com.cn");
        expect(awsPartition("us-gov-west-1")).toBe("aws-us-gov");
    });
});

describe("AWS names and alarms", () => {
    test("availability zone names give their region; zone ids do not", () => {
        expect(awsRegionOfAvailabilityZone("eu-west-1a")).toBe("eu-west-1");
        expect(awsRegionOfAvailabilityZone("us-west-2-lax-1a")).toBe("us-west-2");
        expect(awsRegionOfAvailabilityZone("ap-southeast-7c")).toBe("ap-southeast-7");
        expect(awsRegionOfAvailabilityZone("euw1-az1")).toBeUndefined();
        expect(awsRegionOfAvailabilityZone("eu-west-1")).toBeUndefined();
    });

    test("secret parameters live under a path per project, stack and group, in SSM's alphabet", () => {
        expect(awsSecretParameterPath("connector-estate", "prod", "nam-apps")).toBe("/connector-topology/connector-estate/prod/nam-apps/");
        expect(awsSecretParameterPath("my proj", "org/dev", "ü")).toBe("/connector-topology/my-proj/org-dev/-/");
    });

    test("the alarms watch CPU and memory for the sustained time, and tell to scale out rather than up", () => {
        const specs = scaleOutAlarmSpecs("nam-apps", { thresholdPercent: 70, windowMinutes: 15 });
        expect(specs.map((spec) => [spec.key, spec.namespace, spec.metricName, spec.threshold, spec.periodSeconds, spec.evaluationPeriods])).toEqual([
            ["cpu", "AWS/EC2", "CPUUtilization", 70, 300, 3],
            ["memory", "CWAgent", "mem_used_percent", 70, 300, 3],
        ]);
        for (const spec of specs) {
            expect(spec.description).toBe(scaleOutAlertDescription("nam-apps", spec.key === "cpu" ? "CPU" : "memory", { thresholdPercent: 70, windowMinutes: 15 }));
            expect(spec.description).toMatch(/Scale out: add a connector host to the group .*rather than scaling up/);
            expect(spec.description.length).toBeLessThanOrEqual(1024);
        }
    });
});

describe("planAwsConnectorHost", () => {
    const host = {
        computerName: "pki-aws-1",
        availabilityZone: "eu-central-1a",
        subnetId: "subnet-0a1b2c3d4e5f60711",
        securityGroupIds: ["sg-0123456789abcdef0"],
        instanceProfileName: "pki-hosts",
        connectorKind: "intune-certificate",
        connectorGroupName: "pki-fleet",
    };

    test("plans a standalone host from its zone, with the launcher's domain join", () => {
        const result = planAwsConnectorHost("pki-1", {
            ...host,
            domainJoin: { domainName: "corp.example.com", username: "CORP\\joiner", passwordParameterName: "/pki/DomainJoinPassword" },
        });
        expect(result.region).toBe("eu-central-1");
        expect(result.domainJoin).toBe("bootstrap");
        expect(result.summary).toMatchObject({ machineName: "pki-aws-1", zone: "eu-central-1a", domainJoined: true });
    });

    test("refuses bad input, naming each field", () => {
        let error: unknown;
        try {
            planAwsConnectorHost("bad", {
                ...host,
                computerName: "a-name-longer-than-15",
                availabilityZone: "euc1-az1",
                securityGroupIds: [],
                connectorKind: "other",
                appliance: { amiId: "ami-0fedcba9876543210" },
                bootstrapScript: "Write-Host 'x'",
                directoryService: { directoryId: "d-1234567890", directoryName: "corp.example.com" },
                domainJoin: { domainName: "corp.example.com", username: "joiner", passwordParameterName: "password" },
            });
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(InputValidationError);
        expect((error as InputValidationError).issues.map((issue) => issue.field)).toEqual([
            "computerName",
            "availabilityZone",
            "securityGroupIds",
            "connectorKind",
            "domainJoin.username",
            "domainJoin.passwordParameterName",
            "domainJoin",
            "bootstrapScript",
        ]);
    });
});

describe("planConnectorGroup with AWS hosts", () => {
    const base = { region: "nam", registration: { tenantId: TENANT_ID, token: "a.b.c" } };

    test("counts AWS hosts with every other host kind, and names AWS among the host kinds", () => {
        const result = planConnectorGroup("nam-apps", { ...base, aws: awsSettings() });
        expect(result.summary.hosts.map((host) => host.machineName)).toEqual(["nam-apps-aws-1", "nam-apps-aws-2"]);
        expect(() => planConnectorGroup("nam-apps", { ...base, aws: awsSettings({ count: 1 }) })).toThrow(/hosts = 1: a connector group needs at least 2 connectors/);
        expect(() => planConnectorGroup("nam-apps", base)).toThrow(/a connector group needs hosts: declare them under azure, aws or gcp/);
    });

    test("a group serving SSO is satisfied by a directory-service join of its AWS hosts", () => {
        const directoryService = { directoryId: "d-1234567890", directoryName: "corp.example.com", dnsIpAddresses: ["10.0.10.5"] };
        expect(planConnectorGroup("sso", { ...base, servesSso: true, aws: awsSettings({ directoryService }) }).summary.hosts.every((h) => h.domainJoined)).toBe(true);
        expect(() => planConnectorGroup("sso", { ...base, servesSso: true, aws: awsSettings() })).toThrow(
            /servesSso = true: a group that serves SSO apps .* set domainJoin \(AWS hosts can join through aws\.directoryService, GCP hosts through gcp\.managedAd\)/,
        );
    });

    test("refuses the same machine name on Azure and AWS", () => {
        expect(() =>
            planConnectorGroup("mixed", {
                ...base,
                azure: { location: "eastus", adminPassword: "x", computerNamePrefix: "conn" },
                aws: awsSettings({ computerNamePrefix: "conn" }),
            }),
        ).toThrow(/two hosts have the machine name "conn-1"/);
    });
});
