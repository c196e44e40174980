import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as ssm from "@pulumi/aws/ssm";
import * as pulumi from "@pulumi/pulumi";
import { AWS_COMPUTER_NAME_TAG, type AwsLauncherDomainJoin, renderAwsUserData } from "../../src/bootstrap";
import {
    AWS_JOIN_DIRECTORY_DOCUMENT,
    COMPONENT_TYPES,
    type DeclaredWindowsImage,
    formatIssue,
    planAwsConnectorHost,
    scaleOutAlarmSpecs,
    TAG_KEYS,
    type VmCapacity,
} from "../../src/model";
import {
    type AwsApplianceArgs,
    type AwsBootstrapDomainJoinArgs,
    type AwsDirectoryServiceJoinArgs,
    type AwsScaleOutAlertArgs,
} from "./args";

/** The root volume's type: gp3 is the current general-purpose SSD, cheaper than gp2 at the same baseline. */
const ROOT_VOLUME_TYPE = "gp3";

/** Inputs of an {@link AwsConnectorHost}. Defaults are in `AWS_HOST_DEFAULTS` and `AWS_ROOT_VOLUME_SIZE_GIB` (src/model). */
export interface AwsConnectorHostArgs {
    /**
     * The Windows computer name, which is also the machine name the connector registers with in Entra. At most 15
     * characters: letters, digits and hyphens, not all digits. The host's launcher sets it at first boot.
     */
    computerName: string;
    /** The subnet's id. The host needs outbound HTTPS (a NAT gateway) and no inbound access: it gets no public IP. */
    subnetId: pulumi.Input<string>;
    /** The subnet's availability zone name, e.g. `eu-west-1a`; its region is the host's region. */
    availabilityZone: string;
    /** The security groups of the host: outbound-only (a ConnectorGroup creates one with 443 and 80 only). */
    securityGroupIds: pulumi.Input<string>[];
    /**
     * The instance profile's name. Its role must be able to read the parameters the bootstrap and the domain join
     * read, and, with `scaleOutAlert`, to put `CWAgent` metrics.
     */
    instanceProfileName: pulumi.Input<string>;
    /** The instance type. Default `c6i.xlarge` (4 vCPU, 8 GiB). Must have at least 4 vCPU and 8 GiB. */
    instanceType?: string;
    /** The capacity of `instanceType` (`vcpus`, `memoryGiB`), for a type the catalogue does not know. */
    sizeOverride?: VmCapacity;
    /**
     * The image: an SSM parameter name holding an AMI id (resolved when the instance is created; later values do not
     * replace it), or an AMI id. Default `/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base`. Must
     * be Windows Server 2022 or later with the Desktop Experience. Not with `appliance`.
     */
    image?: string;
    /** What an AMI id is (`windowsServerVersion`, `desktopExperience`), when the catalogue cannot tell. */
    imageOverride?: DeclaredWindowsImage;
    /** Run the connector's marketplace appliance (which needs no bootstrap). Default: Windows Server. */
    appliance?: AwsApplianceArgs;
    /** The encrypted gp3 root volume's size, in GiB. Default 50; 30 to 16384. */
    rootVolumeSizeGiB?: number;
    /** The KMS key (key or alias ARN) that encrypts the root volume. Default: the account's EBS key (`aws/ebs`). */
    ebsKmsKeyArn?: pulumi.Input<string>;
    /** What runs on the host: the `connector-kind` tag, `entra-private-network` or `intune-certificate`. */
    connectorKind: string;
    /** The group (or fleet) the host serves: the `connector-group` tag. */
    connectorGroupName: string;
    /** Join an AWS Managed Microsoft AD directory through `AWS-JoinDirectoryServiceDomain`. Not with `domainJoin`. */
    directoryService?: AwsDirectoryServiceJoinArgs;
    /** Join a domain from the host's launcher (`Add-Computer`). Not with `directoryService`. Default: no domain join. */
    domainJoin?: AwsBootstrapDomainJoinArgs;
    /**
     * The script the host runs once named and joined, e.g. `renderConnectorBootstrap({ cloud: "aws", ... })`. ASCII,
     * no secret: it reads its secrets from SSM itself. Default: none.
     */
    bootstrapScript?: string;
    /** Alarm when CPU or memory stays busy, to an SNS topic. Default: no alarms. */
    scaleOutAlert?: AwsScaleOutAlertArgs;
    /** More tags for the instance, its root volume and its alarms. `Name`, `connector-group` and `connector-kind` are set here. */
    tags?: { [key: string]: string };
}

/**
 * One Windows Server instance that runs a connector, on AWS: no public IP, IMDSv2 only, an encrypted gp3 root volume,
 * tagged so that policies recognise it as a connector host; user data that names it, joins it to the domain and runs
 * its bootstrap (no secret in it: secrets are read from SSM at boot); an optional directory-join association; optional
 * scale-out alarms. It knows nothing about Entra: what runs on it comes in as the bootstrap and the `connector-kind`
 * tag, so an Intune Certificate Connector fleet can reuse it as it is.
 *
 * No key pair and no administrator password: operate the host through Session Manager (its role allows the SSM agent)
 * or with domain accounts.
 */
export class AwsConnectorHost extends pulumi.ComponentResource {
    /** The Windows computer name (the connector's machine name). */
    public readonly computerName: string;
    /** The instance id. */
    public readonly instanceId: pulumi.Output<string>;
    /** The instance's private IP address. */
    public readonly privateIp: pulumi.Output<string>;
    public readonly instance: ec2.Instance;
    /** The `AWS-JoinDirectoryServiceDomain` association, when the host joins a directory. */
    public readonly directoryJoin?: ssm.Association;
    /** The CPU and memory alarms, when `scaleOutAlert` is set. */
    public readonly alarms: cloudwatch.MetricAlarm[];

    constructor(name: string, args: AwsConnectorHostArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planAwsConnectorHost(name, args);
        // Rendered before anything registers: a value the launcher cannot carry fails here, with nothing created.
        const userData = renderAwsHostUserData(plan.region, args, plan.settings.scaleOutAlert !== undefined);
        super(
            COMPONENT_TYPES.AwsConnectorHost,
            name,
            { ...plan.summary, connectorKind: args.connectorKind, connectorGroupName: args.connectorGroupName },
            opts,
        );
        for (const warning of plan.warnings) {
            pulumi.log.warn(`AwsConnectorHost "${name}": ${formatIssue(warning)}`, this);
        }
        const { instanceType, image, appliance, rootVolumeSizeGiB, scaleOutAlert } = plan.settings;
        this.computerName = args.computerName;
        const tags = {
            ...args.tags,
            // The launcher reads the computer name from this tag (see src/bootstrap/aws.ts).
            [AWS_COMPUTER_NAME_TAG]: args.computerName,
            [TAG_KEYS.connectorGroup]: args.connectorGroupName,
            [TAG_KEYS.connectorKind]: args.connectorKind,
        };

        // An SSM parameter is read when the instance is created. `resolve:ssm:` in `ami` would fail with a root block
        // device (the provider looks the AMI up by that text) and would replace the instance on every run.
        const fromParameter = !appliance && image.startsWith("/");
        const ami = fromParameter
            ? ssm.getParameterOutput({ name: image, withDecryption: false }, { parent: this }).insecureValue
            : image;

        this.instance = new ec2.Instance(
            `${name}-instance`,
            {
                ami,
                instanceType,
                subnetId: args.subnetId,
                availabilityZone: args.availabilityZone,
                vpcSecurityGroupIds: args.securityGroupIds,
                iamInstanceProfile: args.instanceProfileName,
                // Outbound-only: no public IP, whatever the subnet's default.
                associatePublicIpAddress: false,
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                    // The launcher reads the computer name from the Name tag; tags hold no secret.
                    instanceMetadataTags: "enabled",
                },
                rootBlockDevice: {
                    volumeType: ROOT_VOLUME_TYPE,
                    volumeSize: rootVolumeSizeGiB,
                    encrypted: true,
                    kmsKeyId: args.ebsKmsKeyArn,
                    deleteOnTermination: true,
                    tags,
                },
                // The launcher holds no secret (see src/bootstrap/aws.ts).
                userData,
                tags,
            },
            {
                parent: this,
                // What the host waits for (its role's policy, its secrets), the instance waits for: it reads them at boot.
                dependsOn: opts?.dependsOn,
                // EC2 stops an instance to change its user data, and Pulumi would stop every host of a group at once:
                // a changed launcher reaches new hosts only. A newer AMI in the parameter must not replace running
                // connectors either. Roll hosts one at a time instead (docs/aws.md).
                ignoreChanges: ["userData", ...(fromParameter ? ["ami"] : [])],
                // Another computer name is another host: the launcher names a host only at its first boots.
                replaceOnChanges: [`tags.${AWS_COMPUTER_NAME_TAG}`],
            },
        );

        if (args.directoryService !== undefined) {
            const directory = args.directoryService;
            this.directoryJoin = new ssm.Association(
                `${name}-directory-join`,
                {
                    name: AWS_JOIN_DIRECTORY_DOCUMENT,
                    targets: [{ key: "InstanceIds", values: [this.instance.id] }],
                    parameters: {
                        directoryId: directory.directoryId,
                        directoryName: directory.directoryName,
                        ...(directory.directoryOu === undefined ? {} : { directoryOU: directory.directoryOu }),
                        // The Windows plugin splits its command line at spaces: this is how a list reaches it.
                        ...(directory.dnsIpAddresses === undefined ? {} : { dnsIpAddresses: directory.dnsIpAddresses.join(" ") }),
                    },
                },
                { parent: this },
            );
        }

        const alarmTopic = args.scaleOutAlert?.topicArn;
        this.alarms =
            scaleOutAlert === undefined || alarmTopic === undefined
                ? []
                : scaleOutAlarmSpecs(args.connectorGroupName, scaleOutAlert).map(
                      (spec) =>
                          new cloudwatch.MetricAlarm(
                              `${name}-${spec.key}-alarm`,
                              {
                                  alarmDescription: spec.description,
                                  namespace: spec.namespace,
                                  metricName: spec.metricName,
                                  dimensions: { InstanceId: this.instance.id },
                                  statistic: "Average",
                                  period: spec.periodSeconds,
                                  evaluationPeriods: spec.evaluationPeriods,
                                  datapointsToAlarm: spec.evaluationPeriods,
                                  threshold: spec.threshold,
                                  comparisonOperator: "GreaterThanThreshold",
                                  treatMissingData: "missing",
                                  alarmActions: [alarmTopic],
                                  okActions: [alarmTopic],
                                  tags,
                              },
                              { parent: this },
                          ),
                  );

        this.instanceId = this.instance.id;
        this.privateIp = this.instance.privateIp;
        this.registerOutputs({
            computerName: this.computerName,
            instanceId: this.instanceId,
            privateIp: this.privateIp,
        });
    }
}

/** What a host's user data is rendered from. */
export type AwsHostLauncherArgs = Pick<AwsConnectorHostArgs, "directoryService" | "domainJoin" | "bootstrapScript">;

/**
 * A connector host's user data: the launcher, with the bootstrap inside it. Pure, so that a host set renders it (one
 * for all its hosts) before it registers anything. Throws when it would not fit in EC2's 16 KB, or a value would not
 * survive the launcher.
 */
export function renderAwsHostUserData(region: string, args: AwsHostLauncherArgs, publishMemoryMetrics: boolean): string {
    return renderAwsUserData({ region, domainJoin: launcherDomainJoin(args), publishMemoryMetrics, script: args.bootstrapScript });
}

/** How the launcher joins the domain, from the host's args. */
function launcherDomainJoin(args: AwsHostLauncherArgs): AwsLauncherDomainJoin | undefined {
    if (args.directoryService !== undefined) {
        return { mode: "directoryService", domainName: args.directoryService.directoryName };
    }
    if (args.domainJoin !== undefined) {
        return { mode: "bootstrap", ...args.domainJoin };
    }
    return undefined;
}
