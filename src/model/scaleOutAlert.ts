/**
 * The scale-out signal every cloud's hosts can raise: an alert when a connector host's CPU or memory stays above a
 * threshold. Microsoft's guidance is to add capacity when utilisation stays above 70% at peak, and to prefer scaling
 * out (more connectors in the group) to scaling up (larger hosts). The threshold, the window and the alert text are
 * decided here, once, so that Azure, AWS and GCP alerts read alike; each cloud adds its own notification target and
 * the windows its monitoring service accepts.
 */
import { type IssueCollector } from "./errors";
import { fieldPath } from "./validation";

/** Defaults of a scale-out alert. */
export const SCALE_OUT_ALERT_DEFAULTS = {
    /** Percent of CPU (or of memory) in use: Microsoft's "add capacity above 70% at peak". */
    thresholdPercent: 70,
    /** How long utilisation must stay above the threshold, in minutes: long enough to be a peak, not a spike. */
    windowMinutes: 15,
} as const;

/** The thresholds a scale-out alert accepts, in percent. */
export const SCALE_OUT_THRESHOLD_PERCENT = { min: 1, max: 99 } as const;

/** The plain settings of a scale-out alert that validation reads (every cloud's `scaleOutAlert`). */
export interface ScaleOutAlertSettings {
    readonly thresholdPercent?: number;
    readonly windowMinutes?: number;
}

/** A scale-out alert, checked and with defaults applied. */
export interface ScaleOutAlertPlan {
    /** Alert when CPU or memory in use stays above this percentage. */
    readonly thresholdPercent: number;
    /** Over this many minutes. */
    readonly windowMinutes: number;
}

/** The windows a cloud's monitoring service evaluates: a fixed set (Azure metric alerts), or a range of whole minutes. */
export type ScaleOutWindows = readonly number[] | { readonly min: number; readonly max: number };

function windowAllowed(windows: ScaleOutWindows, minutes: unknown): boolean {
    if (typeof minutes !== "number") {
        return false;
    }
    return "min" in windows
        ? Number.isInteger(minutes) && minutes >= windows.min && minutes <= windows.max
        : windows.includes(minutes);
}

function describeWindows(windows: ScaleOutWindows): string {
    return "min" in windows ? `a whole number of minutes from ${windows.min} to ${windows.max}` : `one of ${windows.join(", ")} minutes`;
}

/**
 * Checks a scale-out alert's threshold and window. `allowedWindowMinutes` are the windows the cloud's monitoring
 * service evaluates. Errors go to `issues`; the result is meaningful only when there are none.
 */
export function planScaleOutAlert(
    settings: ScaleOutAlertSettings,
    allowedWindowMinutes: ScaleOutWindows,
    issues: IssueCollector,
    prefix: string,
): ScaleOutAlertPlan {
    const thresholdPercent = settings.thresholdPercent ?? SCALE_OUT_ALERT_DEFAULTS.thresholdPercent;
    const { min, max } = SCALE_OUT_THRESHOLD_PERCENT;
    if (typeof thresholdPercent !== "number" || !Number.isFinite(thresholdPercent) || thresholdPercent < min || thresholdPercent > max) {
        issues.error(
            fieldPath(prefix, "thresholdPercent"),
            thresholdPercent,
            `must be a percentage of CPU or memory in use from ${min} to ${max} (Microsoft's guidance: ` +
                `${SCALE_OUT_ALERT_DEFAULTS.thresholdPercent})`,
        );
    }
    const windowMinutes = settings.windowMinutes ?? SCALE_OUT_ALERT_DEFAULTS.windowMinutes;
    if (!windowAllowed(allowedWindowMinutes, windowMinutes)) {
        issues.error(
            fieldPath(prefix, "windowMinutes"),
            windowMinutes,
            `must be ${describeWindows(allowedWindowMinutes)}: how long utilisation must stay above the threshold`,
        );
    }
    return { thresholdPercent, windowMinutes };
}

/** What a scale-out alert watches. */
export type ScaleOutResource = "CPU" | "memory" | "CPU or memory";

/**
 * The alert's description, the same on every cloud: what crossed which line for how long, and what to do about it:
 * add a connector to the group (scale out) rather than give the hosts more CPU or memory (scale up).
 */
export function scaleOutAlertDescription(groupName: string, resource: ScaleOutResource, alert: ScaleOutAlertPlan): string {
    return (
        `A connector host of group "${groupName}" has had more than ${alert.thresholdPercent}% of its ${resource} in ` +
        `use for ${alert.windowMinutes} minutes. Scale out: add a connector host to the group (raise its host count), ` +
        "rather than scaling up to a larger size; a group's connectors share its load, and more of them also adds " +
        "redundancy."
    );
}
