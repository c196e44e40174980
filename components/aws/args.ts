/**
 * The args of AWS connector hosts: a ConnectorGroup's `aws` block, and the pieces it shares with a standalone
 * AwsConnectorHost. Types only: importing this file loads no AWS SDK. Defaults are set once, in src/model/awsHosts.ts
 * (`AWS_HOST_DEFAULTS`, `AWS_HOST_SET_DEFAULTS`, `AWS_ROOT_VOLUME_SIZE_GIB`) and src/model/scaleOutAlert.ts
 * (`SCALE_OUT_ALERT_DEFAULTS`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type DeclaredWindowsImage, type VmCapacity } from "../../src/model";
import { type ScaleOutAlertArgs } from "../host/args";

/** A connector group's hosts on AWS: `count` Windows Server instances spread round-robin over subnets in several AZs. */
export interface AwsConnectorHostsArgs {
    /** The VPC of the subnets: the group's security group is created in it. */
    vpcId: pulumi.Input<string>;
    /**
     * The subnets hosts go in, placed round-robin, each with its availability zone name (`eu-west-1a`; the zone of a
     * subnet id is not known before deployment). The hosts must span at least two zones. The subnets need outbound
     * internet access through a NAT gateway (or a proxy): hosts get no public IP. All in one region, which is the
     * hosts' region: the stack's AWS provider must be for it.
     */
    subnets: AwsSubnetArgs[];
    /** How many hosts. Default 2; 1 to 50. The group as a whole needs at least 2 unless `allowSingleConnector`. */
    count?: number;
    /** The instance type. Default `c6i.xlarge` (4 vCPU, 8 GiB). Must have at least 4 vCPU and 8 GiB. */
    instanceType?: string;
    /** The capacity of `instanceType` (`vcpus`, `memoryGiB`), for a type the catalogue does not know. */
    sizeOverride?: VmCapacity;
    /**
     * The image: the name of an SSM parameter that holds an AMI id, resolved when each instance is created, or an AMI
     * id. Default `/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base`. Must be Windows Server 2022
     * or later with the Desktop Experience (`Full`, not `Core`). A later AMI in the parameter does not replace running
     * hosts (see docs/aws.md). Not with `appliance`.
     */
    image?: string;
    /** What an AMI id is (`windowsServerVersion`, `desktopExperience`), when the catalogue cannot tell. */
    imageOverride?: DeclaredWindowsImage;
    /**
     * Run the Entra private network connector marketplace appliance instead of Windows Server with the connector
     * installed by the bootstrap. Default: not the appliance. Not with `image` or `imageOverride`.
     */
    appliance?: AwsApplianceArgs;
    /** The encrypted gp3 root volume's size, in GiB. Default 50; 30 to 16384. */
    rootVolumeSizeGiB?: number;
    /** The KMS key (key or alias ARN) that encrypts the root volumes. Default: the account's EBS key (`aws/ebs`). */
    ebsKmsKeyArn?: pulumi.Input<string>;
    /**
     * The KMS key (key ARN) that encrypts the group's SSM SecureString parameters; the instance role may then decrypt
     * with it through SSM only. Default: the account's SSM key (`aws/ssm`).
     */
    secretsKmsKeyArn?: pulumi.Input<string>;
    /**
     * Join the hosts to an AWS Directory Service (Managed Microsoft AD) directory through the
     * `AWS-JoinDirectoryServiceDomain` SSM document. Default: no such join; with the group's `domainJoin`, the hosts'
     * launcher joins them instead. Takes precedence over `domainJoin` for AWS hosts.
     */
    directoryService?: AwsDirectoryServiceJoinArgs;
    /**
     * The domain controllers' IPv4 CIDR blocks: the security group lets the Active Directory ports out to them (DNS,
     * Kerberos, NTP, RPC, LDAP, SMB, global catalog). Default: `directoryService.dnsIpAddresses` as /32 blocks, else
     * none. Needed whenever the hosts join a domain.
     */
    domainControllerCidrs?: string[];
    /**
     * More outbound rules, to the apps the group serves (a connector reaches them on their own ports). Default: none;
     * the security group lets out only 443 and 80 (and the Active Directory ports above).
     */
    egress?: AwsEgressRuleArgs[];
    /**
     * The hosts' computer names are `<prefix>-1`, `<prefix>-2`, ...: at most 15 characters in all. Default: the
     * resource name, cut to fit, and `-aws` (`eur-apps-aws-1`). Connectors are matched to hosts by these names, so
     * they must be unique in the tenant.
     */
    computerNamePrefix?: string;
    /** Alarm when a host's CPU or memory stays busy, to an SNS topic. Default: no alarms. */
    scaleOutAlert?: AwsScaleOutAlertArgs;
    /** More tags for every resource. `connector-group`, `connector-kind` and the instances' `Name` are set by the component. */
    tags?: { [key: string]: string };
}

/** One subnet hosts may go in. */
export interface AwsSubnetArgs {
    /** The subnet's id (`subnet-...`). */
    id: pulumi.Input<string>;
    /** Its availability zone's name, e.g. `eu-west-1a`. */
    availabilityZone: string;
}

/** The Entra private network connector appliance from AWS Marketplace (preview). */
export interface AwsApplianceArgs {
    /**
     * The appliance's AMI id in the hosts' region (`ami-...`). Required: the AMI of listing `prodview-cgpbjiaphamuc`
     * is region-specific and not published anywhere the library can read, so it is taken from the listing's launch
     * page once the account has subscribed. UNCONFIRMED: see docs/aws.md.
     */
    amiId: string;
}

/** An AWS Directory Service (Managed Microsoft AD) directory to join through `AWS-JoinDirectoryServiceDomain`. */
export interface AwsDirectoryServiceJoinArgs {
    /** The directory's id, `d-` and 10 hex digits. */
    directoryId: string;
    /** The directory's DNS name, e.g. `corp.example.com`. */
    directoryName: string;
    /**
     * The directory's DNS servers (its domain controllers). Default: none given, and the instances must already
     * resolve the domain (VPC DHCP options or a Route 53 Resolver rule).
     */
    dnsIpAddresses?: string[];
    /** The OU to create the computer accounts in, as a distinguished name without spaces. Default: the directory's default. */
    directoryOu?: string;
}

/** One outbound rule of the hosts' security group. */
export interface AwsEgressRuleArgs {
    /** What the rule reaches and why, shown on the rule: letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`. */
    description: string;
    /** `tcp` or `udp`. */
    protocol: string;
    /** The first port of the range. */
    fromPort: number;
    /** The last port of the range (`fromPort` for one port). */
    toPort: number;
    /** The IPv4 CIDR blocks the rule reaches. */
    cidrBlocks: string[];
}

/**
 * The scale-out signal on AWS: per host, a CloudWatch alarm on CPU (EC2's `CPUUtilization`) and one on memory (the
 * CloudWatch agent's `mem_used_percent`, which the hosts' launcher installs). Windows: 5, 15, 30 or 60 minutes.
 */
export interface AwsScaleOutAlertArgs extends ScaleOutAlertArgs {
    /** The SNS topic the alarms notify, when they fire and when they clear. */
    topicArn: pulumi.Input<string>;
}

/**
 * A domain join that a standalone host's launcher performs with `Add-Computer`, reading the password from an SSM
 * SecureString parameter that the host's instance profile may read.
 */
export interface AwsBootstrapDomainJoinArgs {
    /** The domain's DNS name. The host must resolve it (VPC DNS). */
    domainName: string;
    /** The OU for the computer account, as a distinguished name. Default: the domain's Computers container. */
    ouPath?: string;
    /** The joining account, `CORP\joiner` or `joiner@corp.example.com`. */
    username: string;
    /** The SSM SecureString parameter that holds the account's password (`/...`). */
    passwordParameterName: string;
}
