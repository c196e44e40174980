import * as pulumi from "@pulumi/pulumi";
import {
    CONNECTOR_BOOTSTRAP_SECRETS,
    DEFAULT_CONNECTOR_INSTALLER_URL,
    renderConnectorBootstrap,
} from "../../src/bootstrap";
import { ConnectorGroupMembership, EntraConnectorGroup } from "../../src/entra";
import { COMPONENT_TYPES, CONNECTOR_KINDS, formatIssue, planConnectorGroup } from "../../src/model";
import { type HostBootstrapArgs } from "../host/args";
import { loadAwsHostSet, loadAzureHostSet, loadGcpHostSet } from "../host/cloudModules";
import { type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { type ConnectorGroupArgs } from "./args";

/**
 * A Microsoft Entra private network connector group with the hosts that serve it: the Entra group, at least two
 * connectors, and each one moved into the group. Connectors run on hosts the group creates (Windows Server VMs that
 * install and register the connector themselves, or the marketplace appliance) and/or on existing servers the stack
 * does not build, listed by machine name, of which the group manages only the membership.
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
    /** The machine names of the group's connectors: the hosts it creates, then its existing hosts. */
    public readonly machineNames: string[];
    /** The Entra connector group. */
    public readonly entraGroup: EntraConnectorGroup;
    /** The Entra connector group's id. */
    public readonly groupId: pulumi.Output<string>;
    /** The cloud ids of the hosts the group creates (Azure: VM resource ids; AWS and GCP: instance ids), in host order. */
    public readonly hostIds: pulumi.Output<string[]>;
    /** The private IP addresses of the hosts the group creates, in host order. */
    public readonly privateIps: pulumi.Output<string[]>;
    /** The Graph ids of the connectors, once they have registered and joined the group, in `machineNames` order. */
    public readonly connectorIds: pulumi.Output<string[]>;
    /**
     * The bootstrap for existing hosts: a PowerShell script, without any secret, that installs and registers the
     * connector on a server the way the group's own hosts do, asking for the registration token at the console. Run
     * it elevated on a new server (docs/existing-hosts.md). Undefined when the group has no existing hosts. Kept out
     * of the component's registered outputs (and so out of the state): it is known to the program, and a few KB.
     */
    public readonly existingHostBootstrap: string | undefined;

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

        // Made on first use: a group of existing hosts only creates no host and needs no token.
        let bootstrapSecrets: HostBootstrapArgs["secrets"] | undefined;
        const context: HostGroupContext = {
            resourceName: name,
            displayName: plan.displayName,
            connectorKind: CONNECTOR_KINDS.entraPrivateNetwork,
            domainJoin: args.domainJoin,
            bootstrapFor: (cloud, options) => {
                bootstrapSecrets ??= {
                    // planConnectorGroup refuses a group that creates hosts without a token.
                    [CONNECTOR_BOOTSTRAP_SECRETS.registrationToken]: pulumi.secret(args.registration.token as pulumi.Input<string>),
                    [CONNECTOR_BOOTSTRAP_SECRETS.installerUrl]: pulumi.secret(
                        args.registration.installerUrl ?? DEFAULT_CONNECTOR_INSTALLER_URL,
                    ),
                };
                return {
                    script: renderConnectorBootstrap({ ...options, cloud, tenantId: plan.tenantId }).script,
                    secrets: bootstrapSecrets,
                };
            },
            parent: this,
        };

        const hosts: ProvisionedHost[] = [];
        if (args.azure !== undefined) {
            hosts.push(
                ...loadAzureHostSet().provisionAzureHosts(context, plan.azureHosts, args.azure, plan.azureScaleOutAlert),
            );
        }
        if (args.aws !== undefined && plan.awsHosts !== undefined) {
            hosts.push(...loadAwsHostSet().provisionAwsHosts(context, plan.awsHosts, args.aws));
        }
        if (args.gcp !== undefined && plan.gcpHosts !== undefined) {
            hosts.push(...loadGcpHostSet().provisionGcpHosts(context, plan.gcpHosts, args.gcp));
        }

        const addMembership = (
            resourceName: string,
            machineName: string,
            hostUniqueId: pulumi.Input<string> | undefined,
            dependsOn: pulumi.Resource[],
        ) =>
            new ConnectorGroupMembership(
                `${resourceName}-membership`,
                {
                    connectorGroupId: this.entraGroup.id,
                    connectorGroupName: plan.displayName,
                    machineName,
                    hostUniqueId,
                    waitTimeoutSeconds: plan.membershipTimeoutSeconds,
                    graphEndpoint: args.graphEndpoint,
                },
                { parent: this, dependsOn },
            );
        const memberships = [
            // The connector exists only once its host has booted, joined the domain and run the bootstrap. A replaced
            // host (a new unique id) registers a new connector, which its membership then moves into the group.
            ...hosts.map((host) => addMembership(host.resourceName, host.machineName, host.uniqueId, [host.ready])),
            // An existing server's connector registered (or registers) outside this stack.
            ...plan.existingHosts.map((host) =>
                addMembership(`${name}-existing-${host.resourceKey}`, host.machineName, undefined, []),
            ),
        ];

        this.machineNames = [...hosts.map((host) => host.machineName), ...plan.existingHosts.map((host) => host.machineName)];
        this.existingHostBootstrap =
            plan.existingHosts.length === 0
                ? undefined
                : renderConnectorBootstrap({ cloud: "existing", tenantId: plan.tenantId }).script;
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
