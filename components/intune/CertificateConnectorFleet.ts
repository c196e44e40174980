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
import { COMPONENT_TYPES, CONNECTOR_KINDS, formatIssue } from "../../src/model";
import type * as AzureHostSet from "../azure/azureHostSet";
import { type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { type CertificateConnectorFleetArgs } from "./args";
import type * as AzureAlerting from "./azureAlerting";

/**
 * A fleet of Certificate Connectors for Microsoft Intune: at least two Windows Server 2022 hosts (built by the same
 * host machinery as a ConnectorGroup's) that install the connector unattended, prepare its service account, and run a
 * daily check of the agent certificate; a renewal calendar that keeps the hosts' certificate expiries apart; and,
 * on Azure, alerts on the connectors' failure events.
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
    /** The cloud ids of the hosts (Azure: VM resource ids), in host order. */
    public readonly hostIds: pulumi.Output<string[]>;
    /** The hosts' private IP addresses, in host order. */
    public readonly privateIps: pulumi.Output<string[]>;
    /** The ids of the alert rules (Azure Monitor), when the fleet alerts. */
    public readonly alertRuleIds: pulumi.Output<string[]>;

    constructor(name: string, args: CertificateConnectorFleetArgs, opts?: pulumi.ComponentResourceOptions) {
        // The only read of the clock: everything else takes "today" from the plan.
        const plan = planCertificateConnectorFleet(name, args, formatIsoDate(dayOfInstant(new Date())));
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

        const secrets: Record<string, pulumi.Input<string>> = {
            [INTUNE_BOOTSTRAP_SECRETS.installerUrl]: pulumi.secret(args.installer.url),
        };
        if (args.serviceAccount !== undefined) {
            secrets[INTUNE_BOOTSTRAP_SECRETS.serviceAccountPassword] = pulumi.secret(args.serviceAccount.password);
        }
        const context: HostGroupContext = {
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
                    domainName: args.domainJoin?.domainName,
                    installerArguments: plan.installerArguments,
                    installTimeoutSeconds: plan.installTimeoutSeconds,
                    warningDays: plan.expiryWarningDays,
                    renewal: plan.renewal,
                }).script,
                secrets,
            }),
            parent: this,
        };

        const hosts: ProvisionedHost[] = [];
        let alertRuleIds: pulumi.Output<string>[] = [];
        if (args.azure !== undefined) {
            const azureHosts = loadAzureHostSet().provisionAzureHosts(context, plan.azureHosts, args.azure);
            hosts.push(...azureHosts);
            if (plan.azureMonitoring !== undefined && args.azureMonitoring !== undefined) {
                alertRuleIds = loadAzureAlerting().provisionAzureCertificateAlerting({
                    resourceName: name,
                    fleetName: plan.displayName,
                    parent: this,
                    hosts: azureHosts,
                    location: plan.azureHosts[0]?.settings.location ?? args.azure.location,
                    resourceGroupName: args.azureMonitoring.resourceGroupName ?? args.azure.resourceGroupName,
                    workspaceResourceId: args.azureMonitoring.workspaceResourceId,
                    actionGroupId: args.azureMonitoring.actionGroupId,
                    severity: plan.azureMonitoring.severity,
                }).alertRuleIds;
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

/** The Azure host module pulls in `@pulumi/azure-native`: loaded on first use, as ConnectorGroup does. */
function loadAzureHostSet(): typeof AzureHostSet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../azure/azureHostSet") as typeof AzureHostSet;
}

/** The alerting module pulls in `@pulumi/azure-native/monitor`: loaded only when the fleet alerts. */
function loadAzureAlerting(): typeof AzureAlerting {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./azureAlerting") as typeof AzureAlerting;
}
