/**
 * Creates a connector group's (or a Certificate Connector fleet's) AWS hosts and what they share. Components load this
 * module only when they have AWS hosts, so that `@pulumi/aws` is never loaded for those on other clouds.
 *
 * Per group (not per host): one security group (no inbound rule; outbound 443, 80 and what the args add), the SSM
 * SecureString parameters that hold the group's secrets, and one instance role and profile that may read exactly
 * those parameters. Per host: an AwsConnectorHost.
 */
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import * as ssm from "@pulumi/aws/ssm";
import * as pulumi from "@pulumi/pulumi";
import {
    AWS_DOMAIN_JOIN_PASSWORD_PARAMETER,
    type AwsHostSetPlan,
    awsHostRolePolicy,
    awsSecretParameterPath,
    CONNECTOR_KINDS,
    ec2AssumeRolePolicy,
    TAG_KEYS,
} from "../../src/model";
import { bootstrapSecretValues, type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { type AwsBootstrapDomainJoinArgs, type AwsConnectorHostsArgs } from "./args";
import { AwsConnectorHost, renderAwsHostUserData } from "./AwsConnectorHost";

/**
 * SSM parameter tier: Standard holds 4 KB, and an access token with many claims can be longer; Intelligent-Tiering
 * picks Advanced only for a value that needs it.
 */
const PARAMETER_TIER = "Intelligent-Tiering";

/** One secret of the group, stored as an SSM SecureString parameter. */
export interface GroupSecret {
    readonly secretName: string;
    readonly parameterName: string;
    readonly value: pulumi.Input<string>;
}

/** What a set's hosts boot with: decided, and checked, before anything registers. */
export interface PreparedAwsHosts {
    /** The bootstrap every host runs (none for the appliance). */
    readonly bootstrapScript?: string;
    /** The secrets to store, each as an SSM SecureString parameter. */
    readonly secrets: readonly GroupSecret[];
    /** The domain join the hosts' launcher performs itself, reading the password from SSM. */
    readonly domainJoin?: AwsBootstrapDomainJoinArgs;
}

/**
 * Decides what a set's hosts boot with: the bootstrap for the group's kind of connector, which reads its secrets from
 * SSM parameters under the group's path, and the launcher's domain join. Every host of the set gets the same user
 * data, so it is rendered once here: a launcher that would not fit in EC2's 16 KB fails before anything registers.
 */
export function prepareAwsHosts(
    group: Pick<HostGroupContext, "resourceName" | "domainJoin" | "bootstrapFor">,
    plan: AwsHostSetPlan,
    args: AwsConnectorHostsArgs,
): PreparedAwsHosts {
    const parameterPath = awsSecretParameterPath(pulumi.getProject(), pulumi.getStack(), group.resourceName);
    const secrets: GroupSecret[] = [];
    let bootstrapScript: string | undefined;
    if (!plan.settings.appliance) {
        // Whatever secrets the bootstrap of the group's kind of connector reads: each is a parameter under the path.
        const bootstrap = group.bootstrapFor("aws", { aws: { region: plan.region, parameterPath } });
        bootstrapScript = bootstrap.script;
        for (const [secretName, value] of Object.entries(bootstrapSecretValues(bootstrap.secrets))) {
            secrets.push({ secretName, parameterName: `${parameterPath}${secretName}`, value });
        }
    }
    let domainJoin: AwsBootstrapDomainJoinArgs | undefined;
    if (plan.domainJoin === "bootstrap" && group.domainJoin !== undefined) {
        const parameterName = `${parameterPath}${AWS_DOMAIN_JOIN_PASSWORD_PARAMETER}`;
        secrets.push({ secretName: AWS_DOMAIN_JOIN_PASSWORD_PARAMETER, parameterName, value: group.domainJoin.password });
        const { domainName, ouPath, username } = group.domainJoin;
        domainJoin = { domainName, ouPath, username, passwordParameterName: parameterName };
    }
    renderAwsHostUserData(
        plan.region,
        { directoryService: hostDirectoryService(plan, args), domainJoin, bootstrapScript },
        plan.settings.scaleOutAlert !== undefined,
    );
    return { bootstrapScript, secrets, domainJoin };
}

/**
 * Creates the group's shared AWS resources and one AwsConnectorHost per planned host, as children of the group.
 * `prepared` is what {@link prepareAwsHosts} decided, when the caller checked it before registering anything itself.
 */
export function provisionAwsHosts(
    group: HostGroupContext,
    plan: AwsHostSetPlan,
    args: AwsConnectorHostsArgs,
    prepared: PreparedAwsHosts = prepareAwsHosts(group, plan, args),
): ProvisionedHost[] {
    const prefix = `${group.resourceName}-aws`;
    const opts = { parent: group.parent };
    const tags = { ...args.tags, [TAG_KEYS.connectorGroup]: group.displayName, [TAG_KEYS.connectorKind]: group.connectorKind };
    const { bootstrapScript, secrets, domainJoin } = prepared;
    // Descriptions name what the hosts serve: a connector group, or an Intune Certificate Connector fleet.
    const isFleet = group.connectorKind === CONNECTOR_KINDS.intuneCertificate;

    const securityGroup = new ec2.SecurityGroup(
        `${prefix}-sg`,
        {
            vpcId: args.vpcId,
            description: `Connector hosts (${group.connectorKind}): no inbound rule, outbound only as listed`,
            // An empty list, not an absent one: rules added outside the stack are removed at the next update.
            ingress: [],
            egress: plan.egress.map((rule) => ({
                description: rule.description,
                protocol: rule.protocol,
                fromPort: rule.fromPort,
                toPort: rule.toPort,
                cidrBlocks: [...rule.cidrBlocks],
            })),
            tags,
        },
        opts,
    );

    const parameters = secrets.map(
        (secret) =>
            new ssm.Parameter(
                `${prefix}-${kebabCase(secret.secretName)}`,
                {
                    name: secret.parameterName,
                    type: "SecureString",
                    tier: PARAMETER_TIER,
                    value: pulumi.secret(secret.value),
                    keyId: args.secretsKmsKeyArn,
                    description: `${secret.secretName} for the connector hosts of ${isFleet ? "fleet" : "group"} ${group.resourceName}, read at boot`,
                    tags,
                },
                opts,
            ),
    );

    const role = new iam.Role(
        `${prefix}-role`,
        {
            assumeRolePolicy: JSON.stringify(ec2AssumeRolePolicy(plan.partition)),
            description: `Connector hosts of one ${isFleet ? "Certificate Connector fleet" : "connector group"}: what they may do is in the role's inline policy`,
            tags,
        },
        opts,
    );
    const policy = new iam.RolePolicy(
        `${prefix}-policy`,
        {
            role: role.name,
            policy: pulumi
                .all([pulumi.all(parameters.map((parameter) => parameter.arn)), args.secretsKmsKeyArn])
                .apply(([secretParameterArns, secretsKmsKeyArn]) =>
                    JSON.stringify(
                        awsHostRolePolicy({
                            partition: plan.partition,
                            region: plan.region,
                            secretParameterArns,
                            secretsKmsKeyArn,
                            directoryId: plan.domainJoin === "directoryService" ? args.directoryService?.directoryId : undefined,
                            publishesMetrics: plan.settings.scaleOutAlert !== undefined,
                        }),
                    ),
                ),
        },
        opts,
    );
    const profile = new iam.InstanceProfile(`${prefix}-profile`, { role: role.name, tags }, opts);

    return plan.hosts.map((host) => {
        const resourceName = `${prefix}-${host.index + 1}`;
        const subnet = args.subnets[host.subnetIndex];
        const vm = new AwsConnectorHost(
            resourceName,
            {
                computerName: host.computerName,
                subnetId: subnet?.id ?? "",
                availabilityZone: host.availabilityZone,
                securityGroupIds: [securityGroup.id],
                instanceProfileName: profile.name,
                instanceType: plan.settings.instanceType,
                sizeOverride: args.sizeOverride,
                ...(plan.settings.appliance ? { appliance: args.appliance } : { image: plan.settings.image, imageOverride: args.imageOverride }),
                rootVolumeSizeGiB: plan.settings.rootVolumeSizeGiB,
                ebsKmsKeyArn: args.ebsKmsKeyArn,
                connectorKind: group.connectorKind,
                connectorGroupName: group.displayName,
                directoryService: hostDirectoryService(plan, args),
                domainJoin,
                bootstrapScript,
                scaleOutAlert: args.scaleOutAlert,
                tags: args.tags,
            },
            // The instance boots only once its role may read the parameters, and the parameters hold the values.
            { parent: group.parent, dependsOn: [policy, profile, ...parameters] },
        );
        return {
            resourceName,
            machineName: host.computerName,
            summary: host.summary,
            hostId: vm.instanceId,
            uniqueId: vm.instanceId,
            privateIp: vm.privateIp,
            ready: vm,
        };
    });
}

/** The directory the hosts join through `AWS-JoinDirectoryServiceDomain`, if they do. */
function hostDirectoryService(plan: AwsHostSetPlan, args: AwsConnectorHostsArgs): AwsConnectorHostsArgs["directoryService"] {
    return plan.domainJoin === "directoryService" ? args.directoryService : undefined;
}

/** `RegistrationToken` -> `registration-token`, for resource names. */
function kebabCase(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}
