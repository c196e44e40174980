/**
 * Cloud Monitoring alerting for a fleet's GCP hosts: one log-match alert policy on the agent-certificate check's
 * events, which the hosts' Ops Agent sends to Cloud Logging with the rest of the Application log. CertificateConnectorFleet
 * loads this module only when it alerts on GCP.
 */
import * as monitoring from "@pulumi/gcp/monitoring";
import type * as pulumi from "@pulumi/pulumi";
import { gcpAgentCertificateAlertPolicy } from "../../src/intune";
import { CONNECTOR_KINDS, gcpLabelValue, TAG_KEYS } from "../../src/model";

/** What the alerting is built from. */
export interface GcpCertificateAlertingSettings {
    /** The fleet's resource name: the alert policy's name starts with it. */
    readonly resourceName: string;
    readonly fleetName: string;
    /** The fleet component: parent of the policy. */
    readonly parent: pulumi.Resource;
    /** The project of the hosts, where their logs are. */
    readonly project: string;
    /** The GCP hosts' instance (computer) names. */
    readonly machineNames: readonly string[];
    readonly notificationChannels: readonly string[];
    /** The user's labels for the fleet's GCP resources. */
    readonly labels?: { readonly [key: string]: string };
}

/** Creates the alert policy; returns its id. */
export function provisionGcpCertificateAlerting(settings: GcpCertificateAlertingSettings): pulumi.Output<string> {
    const policy = gcpAgentCertificateAlertPolicy(settings.fleetName, settings.machineNames, settings.notificationChannels);
    return new monitoring.AlertPolicy(
        `${settings.resourceName}-gcp-agent-certificate`,
        {
            project: settings.project,
            ...policy,
            conditions: policy.conditions.map((condition) => ({
                displayName: condition.displayName,
                conditionMatchedLog: { ...condition.conditionMatchedLog, labelExtractors: { ...condition.conditionMatchedLog.labelExtractors } },
            })),
            alertStrategy: { ...policy.alertStrategy, notificationRateLimit: { ...policy.alertStrategy.notificationRateLimit } },
            notificationChannels: [...policy.notificationChannels],
            userLabels: {
                ...settings.labels,
                [TAG_KEYS.connectorGroup]: gcpLabelValue(settings.fleetName),
                [TAG_KEYS.connectorKind]: CONNECTOR_KINDS.intuneCertificate,
            },
        },
        { parent: settings.parent },
    ).id;
}
