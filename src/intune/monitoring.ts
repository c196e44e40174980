/**
 * What monitoring watches on Certificate Connector hosts, as pure values: the events of the connector's operational
 * log that mean its agent certificate is failing, the events of the hosts' own agent-certificate check, and the
 * collection filters (XPath) and log queries (KQL) that find them. The Azure resources built from these live in
 * components/intune; other clouds' log collectors can use the same filters.
 */
import { CONNECTOR_FAILURE_EVENTS, CONNECTOR_OPERATIONAL_LOG } from "./facts";

/** The Application-log source the host bootstrap and the agent-certificate check write with. */
export const HOST_EVENT_SOURCE = "ConnectorTopology";

/** The Application-log event ids of the agent-certificate check. */
export const AGENT_CERTIFICATE_CHECK_EVENTS = {
    valid: 300,
    /** The certificate expires within the warning window. */
    expiring: 301,
    expired: 302,
    /** No agent certificate: the connector is not configured yet. */
    missing: 303,
    /** A connector service runs as an account that cannot renew the certificate. */
    cannotRenew: 304,
    checkFailed: 305,
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
