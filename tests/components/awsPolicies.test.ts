/**
 * What the policy pack makes of AWS hosts: the offline plan runs a program under its mock engine and evaluates the
 * pack's own rules over every registration, as `npm run plan` and CI do.
 */
import * as ec2 from "@pulumi/aws/ec2";
import { ConnectorGroup } from "connector-topology";
import { AwsConnectorHost } from "connector-topology/aws";
import { type InlineProgram, runPlan } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { awsGroupArgs, DIRECTORY, SUBNETS, TOPIC_ARN } from "./awsFixtures";

function plan(program: InlineProgram["program"]) {
    return runPlan({ inline: { projectName: "aws-estate", program }, policies });
}

describe("the policy pack on AWS hosts", () => {
    test("judges a default AWS group, and one serving SSO through Managed Microsoft AD, compliant", async () => {
        const result = await plan(() => {
            new ConnectorGroup("nam-apps", awsGroupArgs());
            new ConnectorGroup("nam-sso", awsGroupArgs({ servesSso: true }, { directoryService: DIRECTORY, subnets: SUBNETS, count: 3, scaleOutAlert: { topicArn: TOPIC_ARN } }));
        });
        expect(result.document.violations).toEqual([]);
        expect(result.exitCode).toBe(0);
        // The plan's mocks answer with ARNs, so the role's policy names the parameters as AWS would.
        const policy = result.resources.find((resource) => resource.name === "nam-apps-aws-policy");
        const statements = (JSON.parse(String(policy?.inputs.policy)) as { Statement: { Sid: string; Resource: unknown }[] }).Statement;
        expect(statements.find((statement) => statement.Sid === "ReadOwnSecrets")?.Resource).toEqual([
            expect.stringMatching(/^arn:aws:ssm:us-east-1:\d{12}:parameter\/connector-topology\/aws-estate\/dev\/nam-apps\/RegistrationToken$/),
            expect.stringMatching(/^arn:aws:ssm:us-east-1:\d{12}:parameter\/connector-topology\/aws-estate\/dev\/nam-apps\/InstallerUrl$/),
        ]);
    });

    test("sees the hosts' instances: one put in a security group that lets traffic in is flagged", async () => {
        const result = await plan(() => {
            const open = new ec2.SecurityGroup("open", { vpcId: "vpc-0a1b2c3d4e5f60718", ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }] });
            new AwsConnectorHost("pki-1", {
                computerName: "pki-aws-1",
                subnetId: SUBNETS[0]!.id,
                availabilityZone: SUBNETS[0]!.availabilityZone,
                securityGroupIds: [open.id],
                instanceProfileName: "pki-hosts",
                image: "ami-0123456789abcdef0",
                imageOverride: { windowsServerVersion: 2022, desktopExperience: true },
                connectorKind: "entra-private-network",
                connectorGroupName: "pki",
            });
        });
        expect(result.document.violations).toEqual(
            expect.arrayContaining([expect.objectContaining({ policyName: "connector-host-no-inbound-rules", message: expect.stringMatching(/Security group "open" of connector host AWS instance "pki-1-instance"/) })]),
        );
    });

    test("shows each AWS group in the topology with its cloud, zones and connector count", async () => {
        const result = await plan(() => {
            new ConnectorGroup("nam-apps", awsGroupArgs({}, { subnets: SUBNETS, count: 3 }));
        });
        expect(result.document.topology).toMatchObject({
            groups: [
                {
                    name: "nam-apps",
                    region: "nam",
                    connectors: 3,
                    zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
                    hosts: [1, 2, 3].map((n) => expect.objectContaining({ machineName: `nam-apps-aws-${n}`, platform: "aws", cloudRegion: "us-east-1" })),
                },
            ],
        });
    });
});
