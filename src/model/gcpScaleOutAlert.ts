/**
 * The scale-out signal on Google Cloud: a Cloud Monitoring alert policy for when a connector host's CPU or memory stays
 * above a threshold at peak, sent to the user's notification channels, saying to add connectors rather than make them
 * bigger. Checked and built here as plain data; the GCP host module registers it.
 */
import { gcpLabelValue, TAG_KEYS } from "./contract";
import { type IssueCollector } from "./errors";
import { planScaleOutAlert, type ScaleOutAlertPlan, type ScaleOutAlertSettings, scaleOutAlertDescription } from "./scaleOutAlert";

const NOTIFICATION_CHANNEL = /^projects\/[^/]+\/notificationChannels\/[^/]+$/;

/** How long utilisation may be required to stay above the threshold: what Cloud Monitoring's `duration` accepts. */
export const GCP_SCALE_OUT_WINDOW_MINUTES = { min: 1, max: 1380 } as const;

/** A GCP scale-out alert's plain settings: the shared threshold and window, and the channels to notify. */
export interface GcpScaleOutAlertSettings extends ScaleOutAlertSettings {
    readonly notificationChannels?: readonly string[];
}

/** A GCP scale-out alert, checked and with defaults applied. */
export interface GcpScaleOutAlertPlan extends ScaleOutAlertPlan {
    readonly notificationChannels: readonly string[];
}

/** Checks a GCP scale-out alert's settings (`field` is where they sit in the caller's args). */
export function planGcpScaleOutAlert(alert: GcpScaleOutAlertSettings, issues: IssueCollector, field: string): GcpScaleOutAlertPlan | undefined {
    if (typeof alert !== "object" || alert === null || Array.isArray(alert)) {
        issues.error(field, alert, "must be { notificationChannels, thresholdPercent?, windowMinutes? }");
        return undefined;
    }
    return {
        notificationChannels: validateNotificationChannels(alert.notificationChannels, issues, `${field}.notificationChannels`),
        ...planScaleOutAlert(alert, GCP_SCALE_OUT_WINDOW_MINUTES, issues, field),
    };
}

/** Checks a list of Cloud Monitoring notification channels (at least one) that an alert notifies, at `field`. */
export function validateNotificationChannels(channels: unknown, issues: IssueCollector, field: string): readonly string[] {
    if (!Array.isArray(channels) || channels.length === 0) {
        issues.error(field, channels, "must list at least one Cloud Monitoring notification channel: projects/<project>/notificationChannels/<id>");
        return [];
    }
    channels.forEach((channel: unknown, i) => {
        if (!(typeof channel === "string" && NOTIFICATION_CHANNEL.test(channel))) {
            issues.error(`${field}[${i}]`, channel, "must be a notification channel: projects/<project>/notificationChannels/<id>");
        }
    });
    return channels as string[];
}

/** The Cloud Monitoring metrics the scale-out alert reads. */
export const GCP_SCALE_OUT_METRICS = {
    /** CPU use as a fraction (0 to 1); every instance reports it. */
    cpu: "compute.googleapis.com/instance/cpu/utilization",
    /** Memory use in percent; reported by the Ops Agent only. */
    memory: "agent.googleapis.com/memory/percent_used",
} as const;

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
    alert: GcpScaleOutAlertPlan,
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
            duration: `${alert.windowMinutes * 60}s`,
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
            content: scaleOutAlertDescription(groupDisplayName, memory ? "CPU or memory" : "CPU", alert),
            mimeType: "text/markdown",
        },
    };
}
