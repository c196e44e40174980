import * as pulumi from "@pulumi/pulumi";
import {
    CONNECTOR_BOOTSTRAP_SECRETS,
    DEFAULT_CONNECTOR_INSTALLER_URL,
    renderConnectorBootstrap,
} from "../../src/bootstrap";
import { ConnectorGroupMembership, EntraConnectorGroup } from "../../src/entra";
import { COMPONENT_TYPES, CONNECTOR_KINDS, formatIssue, planConnectorGroup } from "../../src/model";
import type * as AwsHostSet from "../aws/awsHostSet";
import type * as AzureHostSet from "../azure/azureHostSet";
import { type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { type ConnectorGroupArgs } from "./args";

/**
 * A Microsoft Entra private network connector group with the hosts that serve it: the Entra group, at least two
 * connector hosts (Windows Server VMs that install and register the connector themselves), and each host's
 * connector moved into the group.
 *
 * Every arg is checked before anything is registered; a problem raises one InputValidationError that lists every bad
 * field, its value and the rule. The component registers a non-secret `ConnectorGroupSummary` as its inputs, which
 * the policy pack and the offline plan read.
 */
export class ConnectorGroup extends pulumi.ComponentResource {
    /** The group's display name in Entra. */
    public readonly displayName: string;
    /** The connector-group region (Graph value). */
    public readonly region: string;
    /** The machine names of the group's connectors. */
    public readonly machineNames: string[];
    /** The Entra connector group. */
    public readonly entraGroup: EntraConnectorGroup;
    /** The Entra connector group's id. */
    public readonly groupId: pulumi.Output<string>;
    /** The cloud ids of the connector hosts (Azure: VM resource ids; AWS: instance ids), in host order. */
    public readonly hostIds: pulumi.Output<string[]>;
    /** The hosts' private IP addresses, in host order. */
    public readonly privateIps: pulumi.Output<string[]>;
    /** The Graph ids of the connectors, once they have registered and joined the group, in host order. */
    public readonly connectorIds: pulumi.Output<string[]>;

    constructor(name: string, args: ConnectorGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planConnectorGroup(name, args);
        super(COMPONENT_TYPES.ConnectorGroup, name, plan.summary, opts);
        for (const warning of plan.warnings) {
            pulumi.log.warn(`ConnectorGroup "${name}": ${formatIssue(warning)}`, this);
        }
        this.displayName = plan.displayName;
        this.region = plan.region;

        this.entraGroup = new EntraConnectorGroup(
            name,
            {
                displayName: plan.displayName,
                region: plan.region,
                adoptExisting: plan.adoptExisting,
                graphEndpoint: args.graphEndpoint,
            },
            { parent: this },
        );

        const bootstrapSecrets = {
            [CONNECTOR_BOOTSTRAP_SECRETS.registrationToken]: pulumi.secret(args.registration.token),
            [CONNECTOR_BOOTSTRAP_SECRETS.installerUrl]: pulumi.secret(
                args.registration.installerUrl ?? DEFAULT_CONNECTOR_INSTALLER_URL,
            ),
        };
        const context: HostGroupContext = {
            resourceName: name,
            displayName: plan.displayName,
            connectorKind: CONNECTOR_KINDS.entraPrivateNetwork,
            domainJoin: args.domainJoin,
            bootstrapFor: (cloud, source) => ({
                script: renderConnectorBootstrap({ ...source, cloud, tenantId: plan.tenantId }).script,
                secrets: bootstrapSecrets,
            }),
            parent: this,
        };

        const hosts: ProvisionedHost[] = [];
        if (args.azure !== undefined) {
            hosts.push(...loadAzureHostSet().provisionAzureHosts(context, plan.azureHosts, args.azure));
        }
        if (args.aws !== undefined && plan.aws !== undefined) {
            hosts.push(...loadAwsHostSet().provisionAwsHosts(context, plan.aws, args.aws));
        }

        const memberships = hosts.map(
            (host) =>
                new ConnectorGroupMembership(
                    `${host.resourceName}-membership`,
                    {
                        connectorGroupId: this.entraGroup.id,
                        connectorGroupName: plan.displayName,
                        machineName: host.machineName,
                        waitTimeoutSeconds: plan.membershipTimeoutSeconds,
                        graphEndpoint: args.graphEndpoint,
                    },
                    // The connector exists only once its host has booted, joined the domain and run the bootstrap.
                    { parent: this, dependsOn: [host.ready] },
                ),
        );

        this.machineNames = hosts.map((host) => host.machineName);
        this.groupId = this.entraGroup.id;
        this.hostIds = pulumi.all(hosts.map((host) => host.hostId));
        this.privateIps = pulumi.all(hosts.map((host) => host.privateIp));
        this.connectorIds = pulumi.all(memberships.map((membership) => membership.connectorId));
        // The summary again, with the outputs: stack policies see a component's outputs, not its inputs.
        this.registerOutputs({
            ...plan.summary,
            machineNames: this.machineNames,
            groupId: this.groupId,
            hostIds: this.hostIds,
            privateIps: this.privateIps,
            connectorIds: this.connectorIds,
        });
    }
}

/**
 * The Azure host module pulls in `@pulumi/azure-native` (compute and network). It is loaded here, on first use, rather
 * than imported at the top, so that `connector-topology` loads no cloud SDK for groups that have no Azure hosts; the
 * type-only import above keeps the call typed.
 */
function loadAzureHostSet(): typeof AzureHostSet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../azure/azureHostSet") as typeof AzureHostSet;
}

/** The AWS host module pulls in `@pulumi/aws` (ec2, iam, ssm, cloudwatch): loaded on first use, as the Azure one. */
function loadAwsHostSet(): typeof AwsHostSet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../aws/awsHostSet") as typeof AwsHostSet;
}
