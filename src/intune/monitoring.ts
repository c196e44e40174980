/**
 * What monitoring watches on Certificate Connector hosts, as pure values: the events of the connector's operational
 * log that mean its agent certificate is failing, the events of the hosts' own agent-certificate check, and the
 * collection filters (XPath) and log queries (KQL) that find them. The Azure resources built from these live in
 * components/intune; other clouds' log collectors can use the same filters.
 */
import { CONNECTOR_FAILURE_EVENTS, CONNECTOR_OPERATIONAL_LOG } from "./facts";

/** The Application-log source the host bootstrap and the agent-certificate check write with. */
export const HOST_EVENT_SOURCE = "ConnectorTopology";

/**
 * The Application-log event ids of the agent-certificate check. The source is shared with the bootstraps (1xx, 2xx,
 * 10xx) and the AWS launcher (3xx, 13xx), so the check has the 4xx: an alert on its ids never matches a launcher's
 * restart.
 */
export const AGENT_CERTIFICATE_CHECK_EVENTS = {
    valid: 400,
    /** The certificate expires within the warning window. */
    expiring: 401,
    expired: 402,
    /** No agent certificate: the connector is not configured yet. */
    missing: 403,
    /** A connector service runs as an account that cannot renew the certificate. */
    cannotRenew: 404,
    checkFailed: 405,
} as const;

/**
 * The check's events that call for action. "Missing" (not configured yet) is left out: a staggered fleet has hosts
 * that wait months for their first configuration, which the fleet's interactiveSteps already list.
 */
export const AGENT_CERTIFICATE_ALERT_EVENTS: readonly number[] = [
    AGENT_CERTIFICATE_CHECK_EVENTS.expiring,
    AGENT_CERTIFICATE_CHECK_EVENTS.expired,
    AGENT_CERTIFICATE_CHECK_EVENTS.cannotRenew,
    AGENT_CERTIFICATE_CHECK_EVENTS.checkFailed,
];

/** The connector's failure events: 2 (renewal Access is denied, exceptions), 1003 (PKCS download) and 5001 (health upload). */
export const CONNECTOR_ALERT_EVENTS: readonly number[] = Object.values(CONNECTOR_FAILURE_EVENTS);

/** How often alert rules run, and over what window (ISO 8601 durations). */
export const ALERT_SCHEDULE = { evaluationFrequency: "PT15M", windowSize: "PT15M" } as const;

function eventIdFilter(ids: readonly number[]): string {
    return ids.map((id) => `EventID=${id}`).join(" or ");
}

/** The Windows event-log collection filter (`Log!XPath`) for the connector's failure events. */
export function connectorFailureXPath(): string {
    return `${CONNECTOR_OPERATIONAL_LOG}!*[System[(${eventIdFilter(CONNECTOR_ALERT_EVENTS)})]]`;
}

/** The Windows event-log collection filter for the agent-certificate check's events that call for action. */
export function agentCertificateCheckXPath(): string {
    return `Application!*[System[Provider[@Name='${HOST_EVENT_SOURCE}'] and (${eventIdFilter(AGENT_CERTIFICATE_ALERT_EVENTS)})]]`;
}

function kqlString(value: string): string {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * A log query over the `Event` table for `ids` from `log` (and `source`, when given) on the fleet's hosts, one row per
 * event with the columns alerts split by: `Host` (the short computer name, lower case) and `EventId`.
 */
function eventQuery(log: string, source: string | undefined, ids: readonly number[], machineNames: readonly string[]): string {
    const hosts = machineNames.map((name) => kqlString(name.toLowerCase())).join(", ");
    const sourceFilter = source === undefined ? "" : ` and Source == ${kqlString(source)}`;
    return [
        "Event",
        `| where EventLog == ${kqlString(log)}${sourceFilter} and EventID in (${ids.join(", ")})`,
        '| extend Host = tolower(tostring(split(Computer, ".")[0]))',
        `| where Host in (${hosts})`,
        "| project TimeGenerated, Host, EventId = tostring(EventID), RenderedDescription",
    ].join("\n");
}

/** The log query that finds the connector's failure events (2, 1003, 5001) on the fleet's hosts. */
export function connectorFailureQuery(machineNames: readonly string[]): string {
    return eventQuery(CONNECTOR_OPERATIONAL_LOG, undefined, CONNECTOR_ALERT_EVENTS, machineNames);
}

/** The log query that finds the agent-certificate check's warnings and errors on the fleet's hosts. */
export function agentCertificateCheckQuery(machineNames: readonly string[]): string {
    return eventQuery("Application", HOST_EVENT_SOURCE, AGENT_CERTIFICATE_ALERT_EVENTS, machineNames);
}

/**
 * Where the Ops Agent puts Windows events in Cloud Logging: its built-in `windows_event_log` receiver collects the
 * System, Application and Security channels into the log of that name, with the event's fields under `jsonPayload`
 * (`Channel`, `SourceName`, `EventID`, `ComputerName`, `Message`).
 */
export const OPS_AGENT_EVENT_LOG = { logId: "windows_event_log", channel: "Application" } as const;

/** How often a log-match alert may notify, and when its incident closes: the check runs daily, at startup too. */
export const GCP_LOG_ALERT_STRATEGY = { notificationRateLimit: { period: "3600s" }, autoClose: "86400s" } as const;

function loggingString(value: string): string {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * The Cloud Logging filter for the agent-certificate check's events that call for action, on the fleet's hosts (GCP
 * instance names: letters, digits and hyphens), matched on the computer name Windows writes into each event, in any
 * case, with or without the domain.
 */
export function agentCertificateCheckLogFilter(machineNames: readonly string[]): string {
    const hosts = machineNames.join("|");
    return [
        'resource.type="gce_instance"',
        `log_id(${loggingString(OPS_AGENT_EVENT_LOG.logId)})`,
        `jsonPayload.Channel=${loggingString(OPS_AGENT_EVENT_LOG.channel)}`,
        `jsonPayload.SourceName=${loggingString(HOST_EVENT_SOURCE)}`,
        `jsonPayload.EventID=(${AGENT_CERTIFICATE_ALERT_EVENTS.join(" OR ")})`,
        `jsonPayload.ComputerName=~${loggingString(`(?i)^(${hosts})(\\.|$)`)}`,
    ].join(" AND ");
}

/** A log-match alert policy, as `gcp.monitoring.AlertPolicy` takes it. */
export interface GcpLogAlertPolicy {
    readonly displayName: string;
    readonly combiner: string;
    readonly severity: string;
    readonly conditions: readonly {
        readonly displayName: string;
        readonly conditionMatchedLog: { readonly filter: string; readonly labelExtractors: Readonly<Record<string, string>> };
    }[];
    readonly alertStrategy: typeof GCP_LOG_ALERT_STRATEGY;
    readonly notificationChannels: readonly string[];
    readonly documentation: { readonly subject: string; readonly content: string; readonly mimeType: string };
}

/**
 * The Cloud Monitoring alert on a fleet's GCP hosts: one incident per host and event when the daily check finds an
 * agent certificate that expires soon or has expired, a service account that cannot renew it, or fails itself.
 */
export function gcpAgentCertificateAlertPolicy(
    fleetName: string,
    machineNames: readonly string[],
    notificationChannels: readonly string[],
): GcpLogAlertPolicy {
    const events = AGENT_CERTIFICATE_CHECK_EVENTS;
    return {
        displayName: `Intune connector agent certificate (${fleetName})`,
        combiner: "OR",
        severity: "ERROR",
        conditions: [
            {
                displayName: `Agent certificate check events ${AGENT_CERTIFICATE_ALERT_EVENTS.join(", ")}`,
                conditionMatchedLog: {
                    filter: agentCertificateCheckLogFilter(machineNames),
                    labelExtractors: { host: "EXTRACT(jsonPayload.ComputerName)", event: "EXTRACT(jsonPayload.EventID)" },
                },
            },
        ],
        alertStrategy: GCP_LOG_ALERT_STRATEGY,
        notificationChannels,
        documentation: {
            subject: `Certificate connector fleet ${fleetName}: agent certificate needs attention on a host`,
            content:
                `The daily agent-certificate check on a Certificate Connector for Microsoft Intune host of fleet ${fleetName} ` +
                `wrote event ${events.expiring} (expires within the warning window), ${events.expired} (expired), ` +
                `${events.cannotRenew} (the service account cannot renew it) or ${events.checkFailed} (the check failed), ` +
                `source ${HOST_EVENT_SOURCE} in the Application log. The event's message says what to do; an expired ` +
                "agent certificate stops PKCS and SCEP delivery on that connector.",
            mimeType: "text/markdown",
        },
    };
}
