import * as pulumi from "@pulumi/pulumi";
import { INTUNE_BOOTSTRAP_SECRETS, renderIntuneConnectorBootstrap } from "../../src/bootstrap";
import {
    dayOfInstant,
    type ExpiryInfo,
    formatIsoDate,
    type InteractiveStep,
    planCertificateConnectorFleet,
    type RenewalCalendar,
} from "../../src/intune";
import { type AwsHostSetPlan, COMPONENT_TYPES, CONNECTOR_KINDS, formatIssue, InputValidationError } from "../../src/model";
import { type AwsConnectorHostsArgs } from "../aws/args";
import type { PreparedAwsHosts } from "../aws/awsHostSet";
import { loadAwsHostSet, loadAzureHostSet, loadGcpHostSet } from "../host/cloudModules";
import { type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { type CertificateConnectorFleetArgs } from "./args";
import type * as AzureAlerting from "./azureAlerting";
import type * as GcpAlerting from "./gcpAlerting";

/**
 * A fleet of Certificate Connectors for Microsoft Intune: at least two Windows Server 2022 hosts on Azure, AWS and GCP,
 * in any mix (built by the same host machinery as a ConnectorGroup's), that install the connector unattended, prepare
 * its service account, and run a daily check of the agent certificate; a renewal calendar that keeps the hosts'
 * certificate expiries apart; and alerts: on Azure, on the connectors' failure events and the check's warnings; on
 * GCP, on the check's warnings.
 *
 * The connector's configuration wizard needs an interactive sign-in, which no documented unattended form replaces:
 * `interactiveSteps` lists, per host, when to run it and what to run.
 *
 * Every arg is checked before anything is registered. The component registers a non-secret
 * `CertificateConnectorFleetSummary` as its inputs and again with its outputs, which the policy pack and the offline
 * plan read.
 */
export class CertificateConnectorFleet extends pulumi.ComponentResource {
    /** The fleet's name (the hosts' `connector-group` tag). */
    public readonly displayName: string;
    /** The hosts' machine names, in host order. */
    public readonly machineNames: string[];
    /** Each host's enrolment, expiry and planned re-enrolments; the next expiry; expiries too close or due. */
    public readonly calendar: RenewalCalendar;
    /** The soonest agent-certificate expiry on or after today. */
    public readonly nextExpiry: ExpiryInfo | undefined;
    /** What still needs a person at a host, soonest first: configuration, re-enrolments, yearly reinstalls. */
    public readonly interactiveSteps: InteractiveStep[];
    /** What the configuration wizard's pages should be set to. */
    public readonly configurationInstructions: string;
    /** `automatic`, or `yearlyReinstall` when the service account is not a local administrator. */
    public readonly renewal: string;
    /** The cloud ids of the hosts (Azure: VM resource ids; AWS and GCP: instance ids), in host order. */
    public readonly hostIds: pulumi.Output<string[]>;
    /** The hosts' private IP addresses, in host order. */
    public readonly privateIps: pulumi.Output<string[]>;
    /** The ids of the alert rules: Azure Monitor's, then Cloud Monitoring's, when the fleet alerts. */
    public readonly alertRuleIds: pulumi.Output<string[]>;

    constructor(name: string, args: CertificateConnectorFleetArgs, opts?: pulumi.ComponentResourceOptions) {
        // The only read of the clock: everything else takes "today" from the plan.
        const plan = planCertificateConnectorFleet(name, args, formatIsoDate(dayOfInstant(new Date())));
        const secrets: Record<string, pulumi.Input<string>> = {
            [INTUNE_BOOTSTRAP_SECRETS.installerUrl]: pulumi.secret(args.installer.url),
        };
        if (args.serviceAccount !== undefined) {
            secrets[INTUNE_BOOTSTRAP_SECRETS.serviceAccountPassword] = pulumi.secret(args.serviceAccount.password);
        }
        const hostBootstrap: Omit<HostGroupContext, "parent"> = {
            resourceName: name,
            displayName: plan.displayName,
            connectorKind: CONNECTOR_KINDS.intuneCertificate,
            domainJoin: args.domainJoin,
            managedIdentity: plan.azureMonitoring !== undefined,
            bootstrapFor: (cloud, options) => ({
                script: renderIntuneConnectorBootstrap({
                    ...options,
                    cloud,
                    fleetName: plan.displayName,
                    features: plan.features,
                    serviceAccount: plan.serviceAccount,
                    domainName: plan.hostDomains[cloud],
                    installerArguments: plan.installerArguments,
                    installTimeoutSeconds: plan.installTimeoutSeconds,
                    warningDays: plan.expiryWarningDays,
                    renewal: plan.renewal,
                }).script,
                secrets,
            }),
        };

        // AWS hosts boot from user data of at most 16 KB, which depends on every input: checked before anything registers.
        const awsHosts =
            args.aws === undefined || plan.awsHosts === undefined
                ? undefined
                : prepareFleetAwsHosts(name, hostBootstrap, plan.awsHosts, args.aws);
        super(COMPONENT_TYPES.CertificateConnectorFleet, name, plan.summary, opts);
        for (const warning of plan.warnings) {
            pulumi.log.warn(`CertificateConnectorFleet "${name}": ${formatIssue(warning)}`, this);
        }
        const defaulted = plan.calendar.entries.filter((entry) => plan.defaultedEnrolments.includes(entry.machineName));
        if (defaulted.length > 0) {
            pulumi.log.warn(
                `CertificateConnectorFleet "${name}": enrolment dates spread from today (${plan.calendar.today}) for ` +
                    `${defaulted.map((entry) => `${entry.machineName} ${entry.enrolmentDate}`).join(", ")}; once the ` +
                    "connectors are configured, pin their dates in enrolmentDates, or the calendar moves with today",
                this,
            );
        }
        this.displayName = plan.displayName;
        this.calendar = plan.calendar;
        this.nextExpiry = plan.calendar.nextExpiry;
        this.interactiveSteps = [...plan.interactiveSteps];
        this.configurationInstructions = plan.configurationInstructions;
        this.renewal = plan.renewal;

        const context: HostGroupContext = { ...hostBootstrap, parent: this };

        const hosts: ProvisionedHost[] = [];
        const alertRuleIds: pulumi.Output<string>[] = [];
        if (args.azure !== undefined) {
            const azureHosts = loadAzureHostSet().provisionAzureHosts(context, plan.azureHosts, args.azure);
            hosts.push(...azureHosts);
            if (plan.azureMonitoring !== undefined && args.azureMonitoring !== undefined) {
                const azureAlerting = loadAzureAlerting().provisionAzureCertificateAlerting({
                    resourceName: name,
                    fleetName: plan.displayName,
                    parent: this,
                    hosts: azureHosts,
                    location: plan.azureHosts[0]?.settings.location ?? args.azure.location,
                    resourceGroupName: args.azureMonitoring.resourceGroupName ?? args.azure.resourceGroupName,
                    workspaceResourceId: args.azureMonitoring.workspaceResourceId,
                    actionGroupId: args.azureMonitoring.actionGroupId,
                    severity: plan.azureMonitoring.severity,
                });
                alertRuleIds.push(...azureAlerting.alertRuleIds);
            }
        }
        if (args.aws !== undefined && plan.awsHosts !== undefined) {
            hosts.push(...loadAwsHostSet().provisionAwsHosts(context, plan.awsHosts, args.aws, awsHosts));
        }
        if (args.gcp !== undefined && plan.gcpHosts !== undefined) {
            const gcpHosts = loadGcpHostSet().provisionGcpHosts(context, plan.gcpHosts, args.gcp);
            hosts.push(...gcpHosts);
            if (plan.gcpMonitoring !== undefined) {
                alertRuleIds.push(
                    loadGcpAlerting().provisionGcpCertificateAlerting({
                        resourceName: name,
                        fleetName: plan.displayName,
                        parent: this,
                        project: plan.gcpHosts.settings.project,
                        machineNames: gcpHosts.map((host) => host.machineName),
                        notificationChannels: plan.gcpMonitoring.notificationChannels,
                        labels: args.gcp.labels,
                    }),
                );
            }
        }

        this.machineNames = hosts.map((host) => host.machineName);
        this.hostIds = pulumi.all(hosts.map((host) => host.hostId));
        this.privateIps = pulumi.all(hosts.map((host) => host.privateIp));
        this.alertRuleIds = pulumi.all(alertRuleIds);
        // The summary again, with the outputs: stack policies see a component's outputs, not its inputs.
        this.registerOutputs({
            ...plan.summary,
            machineNames: this.machineNames,
            hostIds: this.hostIds,
            privateIps: this.privateIps,
            nextExpiry: this.nextExpiry,
            interactiveSteps: this.interactiveSteps,
            configurationInstructions: this.configurationInstructions,
            alertRuleIds: this.alertRuleIds,
        });
    }
}

/**
 * What the fleet's AWS hosts boot with, decided before the fleet registers anything; a launcher that EC2 would not take
 * is refused as bad input, with what to shorten.
 */
function prepareFleetAwsHosts(
    name: string,
    hostBootstrap: Omit<HostGroupContext, "parent">,
    plan: AwsHostSetPlan,
    args: AwsConnectorHostsArgs,
): PreparedAwsHosts {
    try {
        return loadAwsHostSet().prepareAwsHosts(hostBootstrap, plan, args);
    } catch (error) {
        throw new InputValidationError(`CertificateConnectorFleet "${name}"`, [
            {
                field: "aws",
                value: "(the hosts' user data)",
                rule:
                    `${error instanceof Error ? error.message : String(error)}. The launcher carries the Intune bootstrap ` +
                    "and, with domainJoin, the join step: shorten installer.arguments, domainJoin.ouPath or the fleet's " +
                    "name, or join the AWS hosts through aws.directoryService (a shorter step)",
            },
        ]);
    }
}

/** The alerting module pulls in `@pulumi/azure-native/monitor`: loaded only when the fleet alerts. */
function loadAzureAlerting(): typeof AzureAlerting {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./azureAlerting") as typeof AzureAlerting;
}

/** The GCP alerting module pulls in `@pulumi/gcp/monitoring`: loaded only when the fleet alerts on GCP. */
function loadGcpAlerting(): typeof GcpAlerting {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./gcpAlerting") as typeof GcpAlerting;
}
