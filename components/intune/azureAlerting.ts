/**
 * Azure Monitor alerting for a fleet's Azure hosts: the Azure Monitor Agent on each host, a data collection rule that
 * sends the connector's failure events and the agent-certificate check's warnings to a Log Analytics workspace, and two
 * log alert rules that notify an action group. CertificateConnectorFleet loads this module only when it alerts, so that
 * `@pulumi/azure-native` is not loaded otherwise.
 */
import * as compute from "@pulumi/azure-native/compute";
import * as monitor from "@pulumi/azure-native/monitor";
import type * as pulumi from "@pulumi/pulumi";
import {
    agentCertificateCheckQuery,
    agentCertificateCheckXPath,
    ALERT_SCHEDULE,
    connectorFailureQuery,
    connectorFailureXPath,
} from "../../src/intune";
import { type ProvisionedHost } from "../host/provisioner";

/** The Azure Monitor Agent for Windows, as Azure Policy's built-in deployment installs it. */
const AZURE_MONITOR_AGENT = { publisher: "Microsoft.Azure.Monitor", type: "AzureMonitorWindowsAgent", typeHandlerVersion: "1.1" };

/** The stream Windows events travel in, and the name the rule gives the workspace. */
const EVENT_STREAM = "Microsoft-Event";
const WORKSPACE_DESTINATION = "workspace";

/** What the alerting is built from. */
export interface AzureCertificateAlertingSettings {
    /** The fleet's resource name: the alerting resources' names start with it. */
    readonly resourceName: string;
    readonly fleetName: string;
    /** The fleet component: parent of every resource. */
    readonly parent: pulumi.Resource;
    readonly hosts: readonly ProvisionedHost[];
    readonly location: string;
    readonly resourceGroupName: pulumi.Input<string>;
    readonly workspaceResourceId: pulumi.Input<string>;
    readonly actionGroupId: pulumi.Input<string>;
    readonly severity: number;
}

/** What the alerting created. */
export interface AzureCertificateAlerting {
    readonly dataCollectionRuleId: pulumi.Output<string>;
    /** The connector-failure rule's id, then the agent-certificate rule's. */
    readonly alertRuleIds: pulumi.Output<string>[];
}

/** Creates the agent, the collection rule with its associations, and the alert rules. */
export function provisionAzureCertificateAlerting(settings: AzureCertificateAlertingSettings): AzureCertificateAlerting {
    const { resourceName, parent, location, resourceGroupName } = settings;
    const machineNames = settings.hosts.map((host) => host.machineName);

    const rule = new monitor.DataCollectionRule(
        `${resourceName}-events`,
        {
            resourceGroupName,
            location,
            kind: "Windows",
            description: `Certificate Connector for Microsoft Intune events of fleet ${settings.fleetName}`,
            dataSources: {
                windowsEventLogs: [
                    {
                        name: "certificate-connector-events",
                        streams: [EVENT_STREAM],
                        xPathQueries: [connectorFailureXPath(), agentCertificateCheckXPath()],
                    },
                ],
            },
            destinations: { logAnalytics: [{ name: WORKSPACE_DESTINATION, workspaceResourceId: settings.workspaceResourceId }] },
            dataFlows: [{ streams: [EVENT_STREAM], destinations: [WORKSPACE_DESTINATION] }],
        },
        { parent },
    );

    for (const host of settings.hosts) {
        const vmName = host.hostId.apply((id) => id.split("/").pop() ?? "");
        new compute.VirtualMachineExtension(
            `${host.resourceName}-monitor-agent`,
            {
                resourceGroupName,
                vmName,
                location,
                ...AZURE_MONITOR_AGENT,
                autoUpgradeMinorVersion: true,
                enableAutomaticUpgrade: true,
            },
            // After the host's own extensions: Azure runs one extension operation per VM at a time.
            { parent, dependsOn: [host.ready] },
        );
        new monitor.DataCollectionRuleAssociation(
            `${host.resourceName}-events`,
            { resourceUri: host.hostId, dataCollectionRuleId: rule.id, description: `Sends ${host.machineName}'s connector events to the workspace` },
            { parent },
        );
    }

    const alert = (suffix: string, displayName: string, description: string, query: string): pulumi.Output<string> =>
        new monitor.ScheduledQueryRule(
            `${resourceName}-${suffix}`,
            {
                resourceGroupName,
                location,
                kind: "LogAlert",
                displayName,
                description,
                enabled: true,
                severity: settings.severity,
                scopes: [settings.workspaceResourceId],
                evaluationFrequency: ALERT_SCHEDULE.evaluationFrequency,
                windowSize: ALERT_SCHEDULE.windowSize,
                criteria: {
                    allOf: [
                        {
                            query,
                            timeAggregation: "Count",
                            operator: "GreaterThan",
                            threshold: 0,
                            dimensions: [
                                { name: "Host", operator: "Include", values: ["*"] },
                                { name: "EventId", operator: "Include", values: ["*"] },
                            ],
                            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
                        },
                    ],
                },
                actions: { actionGroups: [settings.actionGroupId] },
            },
            { parent },
        ).id;

    const alertRuleIds = [
        alert(
            "connector-failures",
            `Intune certificate connector failures (${settings.fleetName})`,
            "Events 2 (including agent certificate renewal failures: Access is denied), 1003 (PKCS download failure) and " +
                "5001 (health upload failure) in Microsoft-Intune-CertificateConnectors/Operational: an expired or " +
                "unrenewable agent certificate stops PKCS and SCEP delivery.",
            connectorFailureQuery(machineNames),
        ),
        alert(
            "agent-certificate",
            `Intune connector agent certificate expiring (${settings.fleetName})`,
            "The hosts' daily check found an agent certificate that expires soon or has expired, or a service account " +
                "that cannot renew it (or the check failed).",
            agentCertificateCheckQuery(machineNames),
        ),
    ];
    return { dataCollectionRuleId: rule.id, alertRuleIds };
}
