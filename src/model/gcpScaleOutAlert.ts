/**
 * The scale-out signal on Google Cloud: a Cloud Monitoring alert policy for when a connector host's CPU or memory stays
 * above a threshold at peak, sent to the user's notification channels, saying to add connectors rather than make them
 * bigger. Checked and built here as plain data; the GCP host module registers it.
 */
import { gcpLabelValue, TAG_KEYS } from "./contract";
import { type IssueCollector } from "./errors";
import { optionalInteger } from "./validation";

const NOTIFICATION_CHANNEL = /^projects\/[^/]+\/notificationChannels\/[^/]+$/;

/** The scale-out alert's threshold, in percent of CPU or memory: Microsoft's advice is to add capacity above 70% at peak. */
export const SCALE_OUT_THRESHOLD_PERCENT = { default: 70, min: 1, max: 100 } as const;

/** How long utilisation must stay above the threshold before the alert fires, in minutes. */
export const SCALE_OUT_DURATION_MINUTES = { default: 15, min: 1, max: 1380 } as const;

/** A scale-out alert's plain settings. */
export interface ScaleOutAlertSettings {
    readonly notificationChannels?: readonly string[];
    readonly thresholdPercent?: number;
    readonly durationMinutes?: number;
}

/** A scale-out alert, checked and with defaults applied. */
export interface ResolvedScaleOutAlert {
    readonly notificationChannels: readonly string[];
    readonly thresholdPercent: number;
    readonly durationMinutes: number;
}

/** Checks a scale-out alert's settings (`field` is where they sit in the caller's args). */
export function validateScaleOutAlert(alert: ScaleOutAlertSettings, issues: IssueCollector, field: string): ResolvedScaleOutAlert | undefined {
    if (typeof alert !== "object" || alert === null) {
        issues.error(field, alert, "must be { notificationChannels, thresholdPercent?, durationMinutes? }");
        return undefined;
    }
    const channels = alert.notificationChannels;
    if (!Array.isArray(channels) || channels.length === 0) {
        issues.error(
            `${field}.notificationChannels`,
            channels,
            "must list at least one Cloud Monitoring notification channel: projects/<project>/notificationChannels/<id>",
        );
    } else {
        channels.forEach((channel: unknown, i) => {
            if (!(typeof channel === "string" && NOTIFICATION_CHANNEL.test(channel))) {
                issues.error(`${field}.notificationChannels[${i}]`, channel, "must be a notification channel: projects/<project>/notificationChannels/<id>");
            }
        });
    }
    return {
        notificationChannels: Array.isArray(channels) ? channels : [],
        thresholdPercent: optionalInteger(issues, `${field}.thresholdPercent`, alert.thresholdPercent, SCALE_OUT_THRESHOLD_PERCENT, "percent"),
        durationMinutes: optionalInteger(issues, `${field}.durationMinutes`, alert.durationMinutes, SCALE_OUT_DURATION_MINUTES, "minutes"),
    };
}

/** The Cloud Monitoring metrics the scale-out alert reads. */
export const GCP_SCALE_OUT_METRICS = {
    /** CPU use as a fraction (0 to 1); every instance reports it. */
    cpu: "compute.googleapis.com/instance/cpu/utilization",
    /** Memory use in percent; reported by the Ops Agent only. */
    memory: "agent.googleapis.com/memory/percent_used",
} as const;

/**
 * What the scale-out alert says: Microsoft's advice is to add capacity when utilisation stays above the threshold at
 * peak, and to prefer scaling out (more connectors) to scaling up (bigger ones).
 */
export function scaleOutAdvice(groupDisplayName: string, alert: ResolvedScaleOutAlert, countField: string): string {
    return (
        `A connector host of the Microsoft Entra private network connector group "${groupDisplayName}" has used more ` +
        `than ${alert.thresholdPercent}% of its CPU or memory for ${alert.durationMinutes} minutes.\n\n` +
        "Scale out, not up: add a connector to the group (raise " +
        `\`${countField}\`, or add hosts in another location the apps are near) rather than moving the hosts to a larger ` +
        "machine type. The group balances load over its connectors, and each one added also adds availability; " +
        "Microsoft's guidance is to add capacity when utilisation stays above 70% at peak, preferring more connectors " +
        "to bigger ones."
    );
}

/** One threshold condition of a Cloud Monitoring alert policy, as `gcp.monitoring.AlertPolicy` takes it. */
export interface GcpThresholdCondition {
    readonly displayName: string;
    readonly conditionThreshold: {
        readonly filter: string;
        readonly comparison: string;
        readonly thresholdValue: number;
        readonly duration: string;
        readonly aggregations: readonly { readonly alignmentPeriod: string; readonly perSeriesAligner: string }[];
        readonly trigger: { readonly count: number };
    };
}

/** A scale-out alert policy, as `gcp.monitoring.AlertPolicy` takes it. */
export interface GcpScaleOutAlertPolicy {
    readonly displayName: string;
    readonly combiner: string;
    readonly severity: string;
    readonly conditions: readonly GcpThresholdCondition[];
    readonly notificationChannels: readonly string[];
    readonly documentation: { readonly subject: string; readonly content: string; readonly mimeType: string };
}

/**
 * The alert policy that watches a group's GCP hosts (by their labels): each host on its own, CPU always, memory when
 * the Ops Agent reports it. It fires when either stays above the threshold for the whole duration.
 */
export function gcpScaleOutAlertPolicy(
    groupDisplayName: string,
    connectorKind: string,
    alert: ResolvedScaleOutAlert,
    memory: boolean,
): GcpScaleOutAlertPolicy {
    const hosts =
        `resource.type = "gce_instance" AND ` +
        `metadata.user_labels."${TAG_KEYS.connectorGroup}" = "${gcpLabelValue(groupDisplayName)}" AND ` +
        `metadata.user_labels."${TAG_KEYS.connectorKind}" = "${connectorKind}"`;
    const condition = (displayName: string, filter: string, thresholdValue: number): GcpThresholdCondition => ({
        displayName,
        conditionThreshold: {
            filter: `${hosts} AND ${filter}`,
            comparison: "COMPARISON_GT",
            thresholdValue,
            duration: `${alert.durationMinutes * 60}s`,
            aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN" }],
            trigger: { count: 1 },
        },
    });
    const threshold = alert.thresholdPercent;
    const conditions = [
        condition(`CPU above ${threshold}%`, `metric.type = "${GCP_SCALE_OUT_METRICS.cpu}"`, threshold / 100),
        ...(memory
            ? [condition(`Memory above ${threshold}%`, `metric.type = "${GCP_SCALE_OUT_METRICS.memory}" AND metric.labels.state = "used"`, threshold)]
            : []),
    ];
    return {
        displayName: `Connector group "${groupDisplayName}": scale out`,
        combiner: "OR",
        severity: "WARNING",
        conditions,
        notificationChannels: alert.notificationChannels,
        documentation: {
            subject: `Connector group "${groupDisplayName}": a host is above ${threshold}% - add a connector`,
            content: scaleOutAdvice(groupDisplayName, alert, "gcp.count"),
            mimeType: "text/markdown",
        },
    };
}
