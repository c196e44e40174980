/** The Graph objects this library reads, as Graph returns them (beta). */

/** A connector group (`microsoft.graph.connectorGroup`). */
export interface ConnectorGroup {
    id: string;
    name: string;
    /** `applicationProxy`. */
    connectorGroupType?: string;
    isDefault?: boolean;
    /**
     * `nam`, `eur`, `aus`, `asia`, `ind`, or null when unset. An open string: tenants have returned `japan`, which
     * is not in Graph's enum.
     */
    region?: string | null;
}

/** A private network connector (`microsoft.graph.connector`). */
export interface Connector {
    id: string;
    /** The host's computer name, as the agent registered it (short or fully qualified). */
    machineName: string;
    externalIp?: string;
    /** `active` or `inactive`. */
    status: string;
    version?: string;
}

/** An application, with the fields the library uses. */
export interface Application {
    /** The object id (what `/applications/{id}` takes). */
    id: string;
    /** The application (client) id. */
    appId: string;
    displayName: string;
    tags?: string[];
    /** Present only when asked for with `$select`; null when the app has no on-premises publishing. */
    onPremisesPublishing?: { applicationType?: string; isAccessibleViaZTNAClient?: boolean } | null;
}

/** Paths of the connector endpoints, below `/beta`. */
export const CONNECTOR_GROUPS_PATH = "/onPremisesPublishingProfiles/applicationProxy/connectorGroups";
export const CONNECTORS_PATH = "/onPremisesPublishingProfiles/applicationProxy/connectors";

/** The path of one connector group. */
export function connectorGroupPath(groupId: string): string {
    return `${CONNECTOR_GROUPS_PATH}/${encodeURIComponent(groupId)}`;
}

/** The path of one connector. */
export function connectorPath(connectorId: string): string {
    return `${CONNECTORS_PATH}/${encodeURIComponent(connectorId)}`;
}

/** The path of one application. */
export function applicationPath(objectId: string): string {
    return `/applications/${encodeURIComponent(objectId)}`;
}

/** An OData string literal for `$filter`, URL-encoded for the query string. */
export function odataString(value: string): string {
    return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}
