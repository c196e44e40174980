/**
 * Validation and planning of connector hosts on AWS, as pure functions: what each instance will be (computer name,
 * subnet and availability zone, instance type, image), what its security group lets out, and what its instance role
 * may do are decided and checked here, before any resource is registered.
 */
import { CONNECTOR_KINDS, type HostDeclarations, type HostSummary, madeDeclarations } from "./contract";
import { type DomainJoinSettings, isDistinguishedName, isDomainName, validateDomainAccount } from "./domainJoin";
import { IssueCollector, type ValidationIssue } from "./errors";
import {
    validateComputerName,
    validateScriptText,
    validateUserTags,
    validateVmSize,
    validateWindowsImage,
    warnIfFarFromGroupRegion,
} from "./hostValidation";
import { classifyAwsImage, type DeclaredWindowsImage, DEFAULT_WINDOWS_IMAGE, type ImageInfo } from "./images";
import { MAXIMUM_HOSTS_PER_CLOUD } from "./azureHosts";
import { planScaleOutAlert, scaleOutAlertDescription, type ScaleOutAlertPlan, type ScaleOutAlertSettings } from "./scaleOutAlert";
import { DEFAULT_VM_SIZE, type VmCapacity } from "./sizes";
import { fieldPath, isKnown, optionalInteger, requireString } from "./validation";
import { computerNamePrefixFrom, computerNameProblem, numberedComputerName, WINDOWS_COMPUTER_NAME_MAX_LENGTH } from "./windows";

/** Defaults of one AWS connector host. The components document and apply these values; they are set only here. */
export const AWS_HOST_DEFAULTS = {
    /** The smallest compute-optimised type with 4 vCPU and 8 GiB. */
    instanceType: DEFAULT_VM_SIZE.aws,
    /** The SSM public parameter for the latest Windows Server 2022 English Full Base (Desktop Experience) AMI. */
    image: DEFAULT_WINDOWS_IMAGE.aws,
} as const;

/**
 * The encrypted gp3 root volume, in GiB. The Windows Server 2022 AMIs' own root volume is 30 GiB, the least an
 * instance can have; 50 leaves room for monthly updates and connector logs.
 */
export const AWS_ROOT_VOLUME_SIZE_GIB = { default: 50, min: 30, max: 16384 } as const;

/** Defaults of the set of AWS hosts a connector group creates. */
export const AWS_HOST_SET_DEFAULTS = { count: 2 } as const;

/** The windows an AWS scale-out alert takes, in minutes: whole 5-minute periods, as Azure's. */
export const AWS_SCALE_OUT_WINDOW_MINUTES: readonly number[] = [5, 15, 30, 60];

/** The alarms' period: EC2's basic monitoring reports CPU every 5 minutes. */
export const AWS_ALARM_PERIOD_SECONDS = 300;

/** Security groups hold at most 60 outbound rules (per CIDR) unless the account's quota was raised. */
export const AWS_SECURITY_GROUP_EGRESS_LIMIT = 60;

/** The suffix of AWS hosts' default computer-name prefix, so that they never take the names of a group's Azure hosts. */
const AWS_COMPUTER_NAME_SUFFIX = "-aws";

/** One outbound rule of a connector host's security group. */
export interface AwsEgressRule {
    /** Why the rule exists: the security group shows it. */
    readonly description: string;
    readonly protocol: "tcp" | "udp";
    readonly fromPort: number;
    readonly toPort: number;
    readonly cidrBlocks: readonly string[];
}

/**
 * What a connector needs outbound, and nothing else: it is an outbound-only agent. Security groups cannot filter by
 * name, so both rules are open to any address on their port; the names they serve are listed in docs/aws.md. Traffic
 * to the VPC's DNS resolver, the instance metadata service and Windows activation is never filtered by security
 * groups, so it needs no rule.
 */
export const CONNECTOR_EGRESS: readonly AwsEgressRule[] = [
    {
        description:
            "HTTPS: Entra connector service (msappproxy.net, servicebus.windows.net), sign-in, installer, SSM, CloudWatch",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["0.0.0.0/0"],
    },
    {
        description: "HTTP: certificate revocation checks (CRL and OCSP of DigiCert and Microsoft)",
        protocol: "tcp",
        fromPort: 80,
        toPort: 80,
        cidrBlocks: ["0.0.0.0/0"],
    },
];

/** What joining and staying in an Active Directory domain needs from the domain controllers. */
export const ACTIVE_DIRECTORY_PORTS: readonly Omit<AwsEgressRule, "cidrBlocks">[] = [
    { description: "AD: DNS", protocol: "tcp", fromPort: 53, toPort: 53 },
    { description: "AD: DNS", protocol: "udp", fromPort: 53, toPort: 53 },
    { description: "AD: Kerberos", protocol: "tcp", fromPort: 88, toPort: 88 },
    { description: "AD: Kerberos", protocol: "udp", fromPort: 88, toPort: 88 },
    { description: "AD: time (NTP)", protocol: "udp", fromPort: 123, toPort: 123 },
    { description: "AD: RPC endpoint mapper", protocol: "tcp", fromPort: 135, toPort: 135 },
    { description: "AD: LDAP", protocol: "tcp", fromPort: 389, toPort: 389 },
    { description: "AD: LDAP", protocol: "udp", fromPort: 389, toPort: 389 },
    { description: "AD: SMB (Group Policy and SYSVOL)", protocol: "tcp", fromPort: 445, toPort: 445 },
    { description: "AD: Kerberos password change", protocol: "tcp", fromPort: 464, toPort: 464 },
    { description: "AD: Kerberos password change", protocol: "udp", fromPort: 464, toPort: 464 },
    { description: "AD: LDAPS", protocol: "tcp", fromPort: 636, toPort: 636 },
    { description: "AD: global catalog", protocol: "tcp", fromPort: 3268, toPort: 3269 },
    { description: "AD: RPC dynamic ports", protocol: "tcp", fromPort: 49152, toPort: 65535 },
];

/** The SSM document that joins an instance to an AWS Directory Service (Managed Microsoft AD) directory. */
export const AWS_JOIN_DIRECTORY_DOCUMENT = "AWS-JoinDirectoryServiceDomain";

/** The CloudWatch agent namespace and the memory metric the bootstrap publishes (Windows `% Committed Bytes In Use`). */
export const AWS_MEMORY_METRIC = { namespace: "CWAgent", name: "mem_used_percent" } as const;

/** How AWS hosts join a domain. */
export type AwsDomainJoinMode = "none" | "directoryService" | "bootstrap";

/** The plain settings every AWS host has, whether it stands alone or belongs to a group, that validation reads. */
export interface AwsHostSettings {
    readonly instanceType?: string;
    readonly sizeOverride?: VmCapacity;
    readonly image?: string;
    readonly imageOverride?: DeclaredWindowsImage;
    readonly appliance?: { readonly amiId?: string };
    readonly rootVolumeSizeGiB?: number;
    readonly ebsKmsKeyArn?: unknown;
    readonly directoryService?: AwsDirectoryServiceSettings;
    readonly scaleOutAlert?: AwsScaleOutAlertSettings;
    readonly tags?: Readonly<Record<string, string>>;
}

/** An AWS Directory Service (Managed Microsoft AD) directory to join. */
export interface AwsDirectoryServiceSettings {
    readonly directoryId?: string;
    readonly directoryName?: string;
    readonly dnsIpAddresses?: readonly string[];
    readonly directoryOu?: string;
}

/** An AWS scale-out alert's settings: the shared threshold and window, and the SNS topic it notifies. */
export interface AwsScaleOutAlertSettings extends ScaleOutAlertSettings {
    /** Checked for shape only when known. */
    readonly topicArn?: unknown;
}

/** An AWS host's settings, checked and with defaults applied, with what the user declared about its size and image. */
export interface ResolvedAwsHostSettings extends Readonly<HostDeclarations> {
    readonly instanceType: string;
    /**
     * What the instance launches from: an SSM parameter name (starting with `/`, resolved to its AMI id when the
     * instance is created) or an AMI id. For the appliance, its AMI id.
     */
    readonly image: string;
    /** True for the marketplace appliance, which installs and registers the connector itself. */
    readonly appliance: boolean;
    readonly rootVolumeSizeGiB: number;
    /** The hosts' scale-out alert; undefined when they have none. */
    readonly scaleOutAlert?: ScaleOutAlertPlan;
}

const SSM_PARAMETER_NAME = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;
const KMS_KEY_OR_ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key\/[0-9a-f-]{36}|alias\/[A-Za-z0-9/_-]+)$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const DIRECTORY_ID = /^d-[0-9a-f]{10}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// What EC2 accepts in a security group rule's description.
const RULE_DESCRIPTION = /^[A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

/** Whether a value is an IPv4 CIDR block, e.g. `10.0.0.0/16`. */
export function isIpv4Cidr(value: unknown): value is string {
    if (typeof value !== "string") {
        return false;
    }
    const [address, bits, ...rest] = value.split("/");
    return rest.length === 0 && IPV4.test(address ?? "") && /^(3[0-2]|[12]?\d)$/.test(bits ?? "");
}

/**
 * The region of an availability zone name: `eu-west-1a` is in `eu-west-1`, the Local Zone `us-west-2-lax-1a` in
 * `us-west-2`. Undefined for anything else, including zone ids such as `euw1-az1`.
 */
export function awsRegionOfAvailabilityZone(zone: string): string | undefined {
    return /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:[a-z]|-[a-z]+-\d+[a-z])$/.exec(zone)?.[1];
}

/** The AWS partition a region belongs to: `aws`, `aws-cn`, `aws-us-gov`. ARNs and service principals depend on it. */
export function awsPartition(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    return "aws";
}

/** EC2's service principal in a partition (China's ends in `.com.cn`). */
export function ec2ServicePrincipal(partition: string): string {
    return partition === "aws-cn" ? "ec2.amazonaws.com.cn" : "ec2.amazonaws.com";
}

/**
 * Checks the settings every AWS host has, whether it stands alone or belongs to a group. Reports errors only, so that
 * a group that checks its hosts' settings up front and the hosts that check them again never warn twice. `prefix` is
 * where the settings sit in the caller's args (`aws` in a ConnectorGroup, empty in a host).
 */
export function validateAwsHostSettings(settings: AwsHostSettings, issues: IssueCollector, prefix: string): ResolvedAwsHostSettings {
    const field = (name: string) => fieldPath(prefix, name);
    const instanceType = settings.instanceType ?? AWS_HOST_DEFAULTS.instanceType;
    const declaredCapacity = validateVmSize("aws", instanceType, settings.sizeOverride, issues, field, {
        size: "instanceType",
        override: "sizeOverride",
        what: "an EC2 instance type",
        example: AWS_HOST_DEFAULTS.instanceType,
    });
    const { image, appliance, declaredImage } = validateAwsImage(settings, issues, field);
    const rootVolumeSizeGiB = optionalInteger(
        issues,
        field("rootVolumeSizeGiB"),
        settings.rootVolumeSizeGiB,
        AWS_ROOT_VOLUME_SIZE_GIB,
        "GiB",
    );
    optionalArn(issues, field("ebsKmsKeyArn"), settings.ebsKmsKeyArn, KMS_KEY_OR_ALIAS_ARN, "a KMS key ARN (or alias ARN)");
    validateDirectoryService(settings.directoryService, issues, field("directoryService"));
    const scaleOutAlert = planAwsScaleOutAlert(settings.scaleOutAlert, issues, field("scaleOutAlert"));
    validateUserTags(settings.tags, issues, field("tags"));
    return { instanceType, image, appliance, ...madeDeclarations({ declaredCapacity, declaredImage }), rootVolumeSizeGiB, scaleOutAlert };
}

function validateAwsImage(
    settings: AwsHostSettings,
    issues: IssueCollector,
    field: (name: string) => string,
): { image: string; appliance: boolean; declaredImage?: DeclaredWindowsImage } {
    if (settings.appliance !== undefined) {
        const amiId = settings.appliance?.amiId;
        if (typeof amiId !== "string" || !AMI_ID.test(amiId)) {
            issues.error(
                field("appliance.amiId"),
                amiId,
                "must be the AMI id of the Entra private network connector appliance in this region (ami-...), as " +
                    "the AWS Marketplace listing prodview-cgpbjiaphamuc shows it after you subscribe",
            );
        }
        for (const name of ["image", "imageOverride"] as const) {
            if (settings[name] !== undefined) {
                issues.error(field(name), settings[name], "the appliance is its own image: remove this, or remove appliance");
            }
        }
        return { image: typeof amiId === "string" ? amiId : "", appliance: true };
    }
    const image = settings.image ?? AWS_HOST_DEFAULTS.image;
    let classified: ImageInfo;
    if (typeof image === "string" && SSM_PARAMETER_NAME.test(image)) {
        classified = classifyAwsImage(image);
    } else if (typeof image === "string" && AMI_ID.test(image)) {
        classified = { os: "unknown", description: `AMI ${image}` };
    } else {
        issues.error(
            field("image"),
            image,
            `must be the name of an SSM parameter that holds an AMI id (e.g. ${AWS_HOST_DEFAULTS.image}) or an AMI id (ami-...)`,
        );
        return { image: String(image), appliance: false };
    }
    const declaredImage = validateWindowsImage(image, classified, settings.imageOverride, issues, field, {
        image: "image",
        override: "imageOverride",
        appliance: `is the connector's marketplace appliance: set ${field("appliance")} ({ amiId }) instead of ${field("image")}`,
    });
    return { image, appliance: false, declaredImage };
}

function optionalArn(issues: IssueCollector, field: string, value: unknown, shape: RegExp, what: string): void {
    if (value === undefined || !isKnown(value)) {
        return;
    }
    if (typeof value !== "string" || !shape.test(value)) {
        issues.error(field, value, `must be ${what}`);
    }
}

function validateDirectoryService(directory: AwsDirectoryServiceSettings | undefined, issues: IssueCollector, prefix: string): void {
    if (directory === undefined) {
        return;
    }
    if (typeof directory !== "object" || directory === null) {
        issues.error(prefix, directory, "must be { directoryId, directoryName, dnsIpAddresses?, directoryOu? }");
        return;
    }
    if (typeof directory.directoryId !== "string" || !DIRECTORY_ID.test(directory.directoryId)) {
        issues.error(`${prefix}.directoryId`, directory.directoryId, "must be the directory's id, d- and 10 hex digits");
    }
    if (!isDomainName(directory.directoryName)) {
        issues.error(`${prefix}.directoryName`, directory.directoryName, "must be the directory's DNS name, e.g. corp.example.com");
    }
    const addresses = directory.dnsIpAddresses;
    if (addresses !== undefined && (!Array.isArray(addresses) || addresses.length === 0 || !addresses.every((a) => IPV4.test(a)))) {
        issues.error(`${prefix}.dnsIpAddresses`, addresses, "must list the directory's DNS server IPv4 addresses");
    }
    const ou = directory.directoryOu;
    if (ou !== undefined) {
        if (!isDistinguishedName(ou)) {
            issues.error(`${prefix}.directoryOu`, ou, "must be an LDAP distinguished name, e.g. OU=Connectors,OU=corp,DC=corp,DC=example,DC=com");
        } else if (/\s/.test(ou)) {
            // The SSM agent's Windows domain-join plugin splits its command line on whitespace.
            issues.error(
                `${prefix}.directoryOu`,
                ou,
                "must contain no spaces: AWS-JoinDirectoryServiceDomain passes the OU to the instance on a command " +
                    "line that Windows instances split at spaces; use an OU without spaces, or join through domainJoin",
            );
        }
    }
}

/**
 * Records an error unless the joining account and OU are ASCII: an AWS host's launcher (Windows PowerShell 5.1, reading
 * user data in the ANSI code page) carries them.
 */
function validateLauncherAccount(join: Omit<DomainJoinSettings, "password"> | undefined, issues: IssueCollector, prefix: string): void {
    for (const name of ["username", "ouPath"] as const) {
        const value = join?.[name];
        if (typeof value === "string" && /[^\x20-\x7e]/.test(value)) {
            issues.error(
                `${prefix}.${name}`,
                value,
                "must be ASCII for AWS hosts: their launcher, which joins the domain, runs in Windows PowerShell 5.1 " +
                    "and would misread other characters",
            );
        }
    }
}

/**
 * Checks the hosts' scale-out alert (`scaleOutAlert`): the shared threshold and window, and the SNS topic it notifies.
 * Undefined when there is none.
 */
export function planAwsScaleOutAlert(
    settings: AwsScaleOutAlertSettings | undefined,
    issues: IssueCollector,
    prefix: string,
): ScaleOutAlertPlan | undefined {
    if (settings === undefined) {
        return undefined;
    }
    if (typeof settings !== "object" || settings === null || Array.isArray(settings)) {
        issues.error(prefix, settings, "must be { topicArn, thresholdPercent?, windowMinutes? }");
        return undefined;
    }
    const topicArn = settings.topicArn;
    if (topicArn === undefined || topicArn === null || topicArn === "") {
        issues.error(fieldPath(prefix, "topicArn"), topicArn, "is required: the SNS topic the alarms notify");
    } else {
        optionalArn(issues, fieldPath(prefix, "topicArn"), topicArn, SNS_TOPIC_ARN, "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
    }
    return planScaleOutAlert(settings, AWS_SCALE_OUT_WINDOW_MINUTES, issues, prefix);
}

/** One subnet hosts may go in, as the user states it. */
export interface AwsSubnetSettings {
    /** Checked for shape only when known. */
    readonly id?: unknown;
    readonly availabilityZone?: string;
}

/** One extra outbound rule, as the user states it. */
export interface AwsEgressRuleSettings {
    readonly description?: string;
    readonly protocol?: string;
    readonly fromPort?: number;
    readonly toPort?: number;
    readonly cidrBlocks?: readonly string[];
}

/** The settings of the set of AWS hosts a connector group creates (its `aws` args). */
export interface AwsHostSetSettings extends AwsHostSettings {
    /** Checked for shape only when known. */
    readonly vpcId?: unknown;
    readonly subnets?: readonly AwsSubnetSettings[];
    readonly count?: number;
    readonly computerNamePrefix?: string;
    readonly egress?: readonly AwsEgressRuleSettings[];
    readonly domainControllerCidrs?: readonly string[];
    readonly secretsKmsKeyArn?: unknown;
}

/** One AWS host a group will create. */
export interface PlannedAwsHost {
    /** 0-based position in the group's AWS hosts; resource names are derived from it. */
    readonly index: number;
    /** The Windows computer name, which the connector registers as its machine name. */
    readonly computerName: string;
    /** Which of the group's subnets the host goes in. */
    readonly subnetIndex: number;
    readonly availabilityZone: string;
    readonly summary: HostSummary;
}

/** A group's AWS hosts and what they share, checked and decided. */
export interface AwsHostSetPlan {
    /** The AWS region, from the subnets' availability zones. */
    readonly region: string;
    readonly partition: string;
    readonly settings: ResolvedAwsHostSettings;
    readonly hosts: readonly PlannedAwsHost[];
    /** The security group's outbound rules: the connector's, then the domain controllers', then the user's. */
    readonly egress: readonly AwsEgressRule[];
    readonly domainJoin: AwsDomainJoinMode;
}

/** What the AWS plan needs to know about the group. */
export interface AwsGroupContext {
    /** The group component's resource name: the default computer-name prefix comes from it. */
    readonly resourceName: string;
    /** The connector-group region (Graph value), when it is a known one. */
    readonly region?: string;
    /** The group's `domainJoin` args: without `directoryService`, the hosts' launcher joins with them. */
    readonly domainJoin?: DomainJoinSettings;
    /**
     * What the kind of connector the hosts run needs outbound. Default {@link CONNECTOR_EGRESS}, the Entra private
     * network connector's (a Certificate Connector fleet gives its own).
     */
    readonly connectorEgress?: readonly AwsEgressRule[];
}

/**
 * Checks a group's `aws` settings and decides its hosts: computer names `<prefix>-1..n`, subnets (and so availability
 * zones) round-robin, the security group's outbound rules and how hosts join the domain. Errors and warnings go to
 * `issues`; the result is undefined, or meaningful only when there are no errors.
 */
export function planAwsHosts(
    settings: AwsHostSetSettings,
    group: AwsGroupContext,
    issues: IssueCollector,
    prefix = "aws",
): AwsHostSetPlan | undefined {
    const field = (name: string) => fieldPath(prefix, name);
    if (typeof settings !== "object" || settings === null) {
        issues.error(prefix, settings, "must be { vpcId, subnets, ... }");
        return undefined;
    }
    const resolved = validateAwsHostSettings(settings, issues, prefix);
    if (settings.vpcId === undefined || settings.vpcId === null || settings.vpcId === "") {
        issues.error(field("vpcId"), settings.vpcId, "is required: the VPC of the subnets, where the security group is created");
    } else if (isKnown(settings.vpcId) && !(typeof settings.vpcId === "string" && /^vpc-[0-9a-f]{8,17}$/.test(settings.vpcId))) {
        issues.error(field("vpcId"), settings.vpcId, "must be a VPC id (vpc-...)");
    }
    optionalArn(issues, field("secretsKmsKeyArn"), settings.secretsKmsKeyArn, KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");

    const count = settings.count ?? AWS_HOST_SET_DEFAULTS.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAXIMUM_HOSTS_PER_CLOUD) {
        issues.error(field("count"), count, `must be a whole number of hosts from 1 to ${MAXIMUM_HOSTS_PER_CLOUD}`);
        return undefined;
    }
    const subnets = validateSubnets(settings.subnets, issues, field("subnets"));
    if (subnets === undefined) {
        return undefined;
    }
    const region = subnets.region;
    warnIfFarFromGroupRegion("aws", region, group.region, issues, field("subnets"));

    const names = planComputerNames(settings.computerNamePrefix, group.resourceName, count, issues, field("computerNamePrefix"));
    if (names === undefined) {
        return undefined;
    }
    const placement = names.map((_, index) => index % subnets.zones.length);
    const zonesUsed = new Set(placement.map((subnetIndex) => subnets.zones[subnetIndex]));
    if (count > 1 && zonesUsed.size < 2) {
        issues.error(
            field("subnets"),
            settings.subnets?.map((subnet) => subnet.availabilityZone),
            `would put all ${count} hosts in ${[...zonesUsed].join("")}: hosts are placed round-robin over the ` +
                "subnets, and a group's hosts must span at least two availability zones so that a zone outage leaves " +
                "it serving; list subnets in two or more zones (every AWS region has several)",
        );
    }

    const domainJoin: AwsDomainJoinMode =
        settings.directoryService !== undefined ? "directoryService" : group.domainJoin !== undefined ? "bootstrap" : "none";
    if (domainJoin === "bootstrap") {
        validateLauncherAccount(group.domainJoin, issues, "domainJoin");
    }
    const egress = planEgress(settings, group.connectorEgress ?? CONNECTOR_EGRESS, domainJoin, issues, field);
    const hosts = names.map((computerName, index) => {
        const subnetIndex = placement[index] ?? 0;
        const availabilityZone = subnets.zones[subnetIndex] ?? "";
        return {
            index,
            computerName,
            subnetIndex,
            availabilityZone,
            summary: awsHostSummary(computerName, availabilityZone, region, resolved, domainJoin !== "none"),
        };
    });
    return { region, partition: awsPartition(region), settings: resolved, hosts, egress, domainJoin };
}

function validateSubnets(
    subnets: readonly AwsSubnetSettings[] | undefined,
    issues: IssueCollector,
    field: string,
): { region: string; zones: string[] } | undefined {
    if (!Array.isArray(subnets) || subnets.length === 0) {
        issues.error(
            field,
            subnets,
            "must list the subnets hosts go in, each { id, availabilityZone }, in at least two availability zones",
        );
        return undefined;
    }
    const zones: string[] = [];
    const regions = new Set<string>();
    const ids = new Set<string>();
    let valid = true;
    subnets.forEach((subnet, i) => {
        const at = `${field}[${i}]`;
        if (typeof subnet !== "object" || subnet === null) {
            issues.error(at, subnet, "must be { id, availabilityZone }");
            valid = false;
            return;
        }
        if (subnet.id === undefined || subnet.id === null || subnet.id === "") {
            issues.error(`${at}.id`, subnet.id, "is required: the subnet's id (subnet-...)");
            valid = false;
        } else if (isKnown(subnet.id)) {
            if (!(typeof subnet.id === "string" && /^subnet-[0-9a-f]{8,17}$/.test(subnet.id))) {
                issues.error(`${at}.id`, subnet.id, "must be a subnet id (subnet-...)");
                valid = false;
            } else if (ids.has(subnet.id)) {
                issues.error(`${at}.id`, subnet.id, "lists the same subnet twice");
                valid = false;
            } else {
                ids.add(subnet.id);
            }
        }
        const zone = subnet.availabilityZone;
        const region = typeof zone === "string" ? awsRegionOfAvailabilityZone(zone) : undefined;
        if (region === undefined) {
            issues.error(
                `${at}.availabilityZone`,
                zone,
                "must be the subnet's availability zone name, e.g. eu-west-1a (not its zone id such as euw1-az1): " +
                    "it cannot be read from the subnet id before deployment",
            );
            valid = false;
            return;
        }
        zones.push(zone as string);
        regions.add(region);
    });
    if (regions.size > 1) {
        issues.error(
            field,
            subnets.map((subnet) => subnet.availabilityZone),
            `spans regions ${[...regions].join(", ")}: a group's AWS hosts are in one region (declare another ` +
                "group, with its own AWS provider, for another region)",
        );
        valid = false;
    }
    const region = [...regions][0];
    return valid && region !== undefined ? { region, zones } : undefined;
}

function planComputerNames(
    given: unknown,
    resourceName: string,
    count: number,
    issues: IssueCollector,
    field: string,
): string[] | undefined {
    const prefix = given === undefined ? defaultAwsComputerNamePrefix(resourceName, count) : given;
    if (typeof prefix !== "string" || prefix === "") {
        issues.error(
            field,
            given ?? resourceName,
            "no computer-name prefix can be derived from the resource name; set computerNamePrefix (letters, digits, hyphens)",
        );
        return undefined;
    }
    const names: string[] = [];
    for (let index = 0; index < count; index++) {
        const computerName = numberedComputerName(prefix, index);
        const problem = computerNameProblem(computerName);
        if (problem !== undefined) {
            issues.error(field, prefix, `gives host ${index + 1} the computer name "${computerName}": ${problem}`);
            return undefined;
        }
        names.push(computerName);
    }
    return names;
}

/**
 * The default computer-name prefix of a group's AWS hosts: the resource name, cut to fit, then `-aws`, so that
 * `eur-apps` gives `eur-apps-aws-1`, which never clashes with the group's Azure hosts (`eur-apps-1`). Empty when
 * nothing usable is left of the resource name.
 */
export function defaultAwsComputerNamePrefix(resourceName: string, count: number): string {
    const room = WINDOWS_COMPUTER_NAME_MAX_LENGTH - `-${Math.max(count, 1)}`.length - AWS_COMPUTER_NAME_SUFFIX.length;
    const base = computerNamePrefixFrom(resourceName, count).slice(0, room).replace(/-+$/, "");
    return base === "" ? "" : `${base}${AWS_COMPUTER_NAME_SUFFIX}`;
}

function planEgress(
    settings: AwsHostSetSettings,
    connectorEgress: readonly AwsEgressRule[],
    domainJoin: AwsDomainJoinMode,
    issues: IssueCollector,
    field: (name: string) => string,
): AwsEgressRule[] {
    const dnsAddresses = settings.directoryService?.dnsIpAddresses;
    let controllers: readonly string[] = [];
    if (settings.domainControllerCidrs !== undefined) {
        const given = settings.domainControllerCidrs;
        if (!Array.isArray(given) || !given.every(isIpv4Cidr)) {
            issues.error(field("domainControllerCidrs"), given, "must list IPv4 CIDR blocks, e.g. 10.0.10.0/24 or 10.0.10.5/32");
        } else {
            controllers = given;
        }
    } else if (Array.isArray(dnsAddresses) && dnsAddresses.every((address) => IPV4.test(address))) {
        // AWS Managed Microsoft AD's DNS servers are its domain controllers.
        controllers = dnsAddresses.map((address) => `${address}/32`);
    }
    const userRules = validateEgressRules(settings.egress, issues, field("egress"));
    if (domainJoin !== "none" && controllers.length === 0 && userRules.length === 0) {
        issues.warn(
            field("domainControllerCidrs"),
            undefined,
            "the hosts join a domain, but their security group lets out only HTTPS and HTTP; joining needs DNS, " +
                "Kerberos, LDAP, SMB and RPC to the domain controllers: list their addresses here (or " +
                "directoryService.dnsIpAddresses), or add the rules under egress",
        );
    }
    const rules: AwsEgressRule[] = [
        ...connectorEgress,
        ...(controllers.length === 0 ? [] : ACTIVE_DIRECTORY_PORTS.map((port) => ({ ...port, cidrBlocks: controllers }))),
        ...userRules,
    ];
    const entries = rules.reduce((sum, rule) => sum + rule.cidrBlocks.length, 0);
    if (entries > AWS_SECURITY_GROUP_EGRESS_LIMIT) {
        issues.error(
            field("egress"),
            entries,
            `the security group would need ${entries} outbound rules (one per port range and CIDR block), over EC2's ` +
                `default limit of ${AWS_SECURITY_GROUP_EGRESS_LIMIT}; use wider CIDR blocks or fewer rules`,
        );
    }
    return rules;
}

function validateEgressRules(rules: readonly AwsEgressRuleSettings[] | undefined, issues: IssueCollector, field: string): AwsEgressRule[] {
    if (rules === undefined) {
        return [];
    }
    if (!Array.isArray(rules)) {
        issues.error(field, rules, "must be a list of { description, protocol, fromPort, toPort, cidrBlocks }");
        return [];
    }
    const valid: AwsEgressRule[] = [];
    rules.forEach((rule, i) => {
        const at = `${field}[${i}]`;
        if (typeof rule !== "object" || rule === null) {
            issues.error(at, rule, "must be { description, protocol, fromPort, toPort, cidrBlocks }");
            return;
        }
        let ok = true;
        if (typeof rule.description !== "string" || !RULE_DESCRIPTION.test(rule.description)) {
            issues.error(
                `${at}.description`,
                rule.description,
                "is required (say which app or service the rule reaches): up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
            );
            ok = false;
        }
        if (rule.protocol !== "tcp" && rule.protocol !== "udp") {
            issues.error(`${at}.protocol`, rule.protocol, `must be "tcp" or "udp": open only the protocols the apps use`);
            ok = false;
        }
        const ports = [rule.fromPort, rule.toPort];
        if (!ports.every((port) => Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535) || (rule.fromPort as number) > (rule.toPort as number)) {
            issues.error(`${at}.fromPort`, [rule.fromPort, rule.toPort], "fromPort and toPort must be ports (0 to 65535), fromPort <= toPort");
            ok = false;
        }
        if (!Array.isArray(rule.cidrBlocks) || rule.cidrBlocks.length === 0 || !rule.cidrBlocks.every(isIpv4Cidr)) {
            issues.error(`${at}.cidrBlocks`, rule.cidrBlocks, "must list the IPv4 CIDR blocks the rule reaches, e.g. 10.20.0.0/16");
            ok = false;
        } else if (rule.cidrBlocks.includes("0.0.0.0/0")) {
            issues.warn(
                `${at}.cidrBlocks`,
                rule.cidrBlocks,
                "opens the port to any address; a connector needs only 443 and 80 to the internet, so name the apps' networks",
            );
        }
        if (ok) {
            valid.push({
                description: rule.description as string,
                protocol: rule.protocol as "tcp" | "udp",
                fromPort: rule.fromPort as number,
                toPort: rule.toPort as number,
                cidrBlocks: rule.cidrBlocks as string[],
            });
        }
    });
    return valid;
}

/** The non-secret summary of an AWS host, as the group and the host register it. */
export function awsHostSummary(
    computerName: string,
    availabilityZone: string,
    region: string,
    settings: ResolvedAwsHostSettings,
    domainJoined: boolean,
): HostSummary {
    return {
        machineName: computerName,
        platform: "aws",
        cloudRegion: region,
        zone: availabilityZone,
        size: settings.instanceType,
        image: settings.image,
        ...(settings.appliance ? { appliance: true } : {}),
        ...madeDeclarations(settings),
        domainJoined,
    };
}

/**
 * Where a group's secrets live in SSM Parameter Store: `/connector-topology/<project>/<stack>/<group>/`. Project and
 * stack keep two stacks' groups of the same name apart; characters SSM does not accept become `-`.
 */
export function awsSecretParameterPath(project: string, stack: string, groupResourceName: string): string {
    const segment = (value: string) => value.replace(/[^A-Za-z0-9_.-]+/g, "-");
    return `/connector-topology/${segment(project)}/${segment(stack)}/${segment(groupResourceName)}/`;
}

/** The name of a domain-join password's parameter under a group's path. */
export const AWS_DOMAIN_JOIN_PASSWORD_PARAMETER = "DomainJoinPassword";

/** What the instance role of a group's hosts may do. */
export interface AwsHostRolePolicyOptions {
    readonly partition: string;
    readonly region: string;
    /** ARNs of the SecureString parameters the hosts read, exactly. */
    readonly secretParameterArns: readonly string[];
    /** The customer-managed KMS key the parameters are encrypted with, if not AWS's `aws/ssm` key. */
    readonly secretsKmsKeyArn?: string;
    /** The directory the hosts join through AWS-JoinDirectoryServiceDomain, if any. */
    readonly directoryId?: string;
    /** Whether the hosts publish memory metrics (the CloudWatch agent) for the scale-out alarm. */
    readonly publishesMetrics: boolean;
}

/**
 * What the SSM agent needs to run associations (the directory join) and Session Manager, which reaches hosts without
 * an inbound port. The managed policy AmazonSSMManagedInstanceCore is not used: it also allows ssm:GetParameter on
 * every parameter in the account, which would let a connector host read other teams' secrets.
 */
export const SSM_AGENT_ACTIONS: readonly string[] = [
    "ssm:UpdateInstanceInformation",
    "ssm:ListAssociations",
    "ssm:ListInstanceAssociations",
    "ssm:DescribeAssociation",
    "ssm:GetDocument",
    "ssm:DescribeDocument",
    "ssm:UpdateAssociationStatus",
    "ssm:UpdateInstanceAssociationStatus",
    "ssm:PutComplianceItems",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
];

/** An IAM policy document. */
export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** One statement of an IAM policy document. */
export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The instance role's inline policy: least privilege for a connector host. */
export function awsHostRolePolicy(options: AwsHostRolePolicyOptions): PolicyDocument {
    const statements: PolicyStatement[] = [];
    if (options.secretParameterArns.length > 0) {
        statements.push({
            Sid: "ReadOwnSecrets",
            Effect: "Allow",
            Action: "ssm:GetParameter",
            Resource: [...options.secretParameterArns],
        });
    }
    if (options.secretsKmsKeyArn !== undefined) {
        statements.push({
            Sid: "DecryptOwnSecrets",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: options.secretsKmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `ssm.${options.region}.amazonaws.com` } },
        });
    }
    statements.push({ Sid: "SsmAgent", Effect: "Allow", Action: [...SSM_AGENT_ACTIONS], Resource: "*" });
    if (options.directoryId !== undefined) {
        statements.push(
            {
                Sid: "JoinDirectory",
                Effect: "Allow",
                Action: "ds:CreateComputer",
                Resource: `arn:${options.partition}:ds:${options.region}:*:directory/${options.directoryId}`,
            },
            // DescribeDirectories supports no resource-level permission.
            { Sid: "FindDirectory", Effect: "Allow", Action: "ds:DescribeDirectories", Resource: "*" },
        );
    }
    if (options.publishesMetrics) {
        statements.push({
            Sid: "PublishMemoryMetrics",
            Effect: "Allow",
            Action: "cloudwatch:PutMetricData",
            Resource: "*",
            Condition: { StringEquals: { "cloudwatch:namespace": AWS_MEMORY_METRIC.namespace } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** An IAM role's trust policy. */
export interface TrustPolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly {
        readonly Effect: "Allow";
        readonly Principal: { readonly Service: string };
        readonly Action: "sts:AssumeRole";
    }[];
}

/** The instance role's trust policy: EC2 instances (through the instance profile) assume it, nothing else. */
export function ec2AssumeRolePolicy(partition: string): TrustPolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: ec2ServicePrincipal(partition) }, Action: "sts:AssumeRole" }],
    };
}

/** One scale-out alarm of a host. */
export interface ScaleOutAlarmSpec {
    /** `cpu` or `memory`: the alarm's resource name ends with it. */
    readonly key: "cpu" | "memory";
    readonly namespace: string;
    readonly metricName: string;
    readonly threshold: number;
    readonly periodSeconds: number;
    /** How many periods in a row (all of them) must breach. */
    readonly evaluationPeriods: number;
    readonly description: string;
}

/**
 * A host's scale-out alarms: CPU (EC2's own metric) and memory (the CloudWatch agent's), each above the threshold for
 * the whole window, with the description every cloud's alert has (scale out: add a connector, rather than up).
 */
export function scaleOutAlarmSpecs(groupName: string, alert: ScaleOutAlertPlan): ScaleOutAlarmSpec[] {
    const evaluationPeriods = (alert.windowMinutes * 60) / AWS_ALARM_PERIOD_SECONDS;
    const metrics = [
        { key: "cpu", resource: "CPU", namespace: "AWS/EC2", metricName: "CPUUtilization" },
        { key: "memory", resource: "memory", namespace: AWS_MEMORY_METRIC.namespace, metricName: AWS_MEMORY_METRIC.name },
    ] as const;
    return metrics.map(({ key, resource, namespace, metricName }) => ({
        key,
        namespace,
        metricName,
        threshold: alert.thresholdPercent,
        periodSeconds: AWS_ALARM_PERIOD_SECONDS,
        evaluationPeriods,
        description: scaleOutAlertDescription(groupName, resource, alert),
    }));
}

/** How a standalone host joins a domain without a directory: the bootstrap joins, reading the password from SSM. */
export interface AwsBootstrapDomainJoinSettings {
    readonly domainName?: string;
    readonly ouPath?: string;
    readonly username?: string;
    readonly passwordParameterName?: string;
}

/** The plain settings of one standalone AWS connector host (an AwsConnectorHost's args) that validation reads. */
export interface AwsConnectorHostSettings extends AwsHostSettings {
    readonly computerName?: string;
    readonly availabilityZone?: string;
    readonly subnetId?: unknown;
    readonly securityGroupIds?: unknown;
    readonly instanceProfileName?: unknown;
    readonly connectorKind?: string;
    readonly connectorGroupName?: string;
    readonly domainJoin?: AwsBootstrapDomainJoinSettings;
    readonly bootstrapScript?: string;
}

/** One standalone AWS connector host, checked. */
export interface AwsConnectorHostPlan {
    readonly region: string;
    readonly settings: ResolvedAwsHostSettings;
    readonly domainJoin: AwsDomainJoinMode;
    readonly summary: HostSummary;
    readonly warnings: readonly ValidationIssue[];
}

/**
 * Checks one AWS connector host's settings. Throws an InputValidationError naming every bad field, so that the host
 * registers nothing when anything is wrong.
 */
export function planAwsConnectorHost(resourceName: string, settings: AwsConnectorHostSettings): AwsConnectorHostPlan {
    const issues = new IssueCollector(`AwsConnectorHost "${resourceName}"`);
    const resolved = validateAwsHostSettings(settings, issues, "");
    const computerName = validateComputerName(issues, settings.computerName);
    const zone = settings.availabilityZone;
    const region = typeof zone === "string" ? awsRegionOfAvailabilityZone(zone) : undefined;
    if (region === undefined) {
        issues.error("availabilityZone", zone, "must be the subnet's availability zone name, e.g. eu-west-1a (not its zone id)");
    }
    for (const name of ["subnetId", "instanceProfileName"] as const) {
        if (settings[name] === undefined || settings[name] === null || settings[name] === "") {
            issues.error(name, settings[name], "is required");
        }
    }
    if (settings.securityGroupIds === undefined || (Array.isArray(settings.securityGroupIds) && settings.securityGroupIds.length === 0)) {
        issues.error("securityGroupIds", settings.securityGroupIds, "must name the security groups (outbound-only) the host is in");
    }
    const kinds: readonly string[] = Object.values(CONNECTOR_KINDS);
    if (!kinds.includes(settings.connectorKind as string)) {
        issues.error("connectorKind", settings.connectorKind, `must be one of ${kinds.join(", ")}`);
    }
    requireString(issues, "connectorGroupName", settings.connectorGroupName, "the group (or fleet) the host serves");
    const join = settings.domainJoin;
    if (join !== undefined) {
        if (typeof join !== "object" || join === null) {
            issues.error("domainJoin", join, "must be { domainName, username, passwordParameterName, ouPath? }");
        } else {
            validateDomainAccount(join, issues, "domainJoin");
            validateLauncherAccount(join, issues, "domainJoin");
            if (typeof join.passwordParameterName !== "string" || !SSM_PARAMETER_NAME.test(join.passwordParameterName)) {
                issues.error(
                    "domainJoin.passwordParameterName",
                    join.passwordParameterName,
                    "must name the SSM SecureString parameter that holds the joining account's password (/...)",
                );
            }
        }
        if (settings.directoryService !== undefined) {
            issues.error("domainJoin", "(set)", "give either directoryService or domainJoin, not both");
        }
    }
    if (settings.bootstrapScript !== undefined) {
        validateScriptText(settings.bootstrapScript, issues, "bootstrapScript");
        if (resolved.appliance) {
            issues.error("bootstrapScript", "(the script)", "the appliance installs and registers the connector itself: remove the bootstrap");
        }
    }
    issues.throwIfErrors();
    const domainJoin: AwsDomainJoinMode =
        settings.directoryService !== undefined ? "directoryService" : join !== undefined ? "bootstrap" : "none";
    return {
        region: region ?? "",
        settings: resolved,
        domainJoin,
        summary: awsHostSummary(computerName ?? "", zone ?? "", region ?? "", resolved, domainJoin !== "none"),
        warnings: issues.warnings,
    };
}
