/**
 * Applications: their connector-group assignment, and read-only lookups of the Quick Access app and of published
 * (Enterprise) apps. The library never creates Quick Access: Graph documents no way to create it.
 */
import { type GraphClient } from "./client";
import { GraphRequestError, isNotFound } from "./errors";
import { type Application, type ConnectorGroup, applicationPath, connectorGroupPath, odataString } from "./model";

/** The group an application is served by (Graph shows the default group when it has no assignment). */
export function getApplicationConnectorGroup(client: GraphClient, objectId: string): Promise<ConnectorGroup> {
    return client.get<ConnectorGroup>(`${applicationPath(objectId)}/connectorGroup`, {
        action: `read the connector group of application ${objectId}`,
    });
}

/** Assigns an application to a connector group (`PUT /applications/{id}/connectorGroup/$ref`, 204). Idempotent. */
export async function assignApplicationToGroup(client: GraphClient, objectId: string, groupId: string): Promise<void> {
    await client.put(
        `${applicationPath(objectId)}/connectorGroup/$ref`,
        { "@odata.id": client.odataId(connectorGroupPath(groupId)) },
        { action: `assign application ${objectId} to connector group ${groupId}` },
    );
}

/**
 * Removes an application's assignment (`DELETE .../connectorGroup/$ref`); Graph then shows it on the default group.
 * An application that is gone, or no longer published, has nothing to remove.
 */
export async function removeApplicationAssignment(client: GraphClient, objectId: string): Promise<void> {
    try {
        await client.delete(`${applicationPath(objectId)}/connectorGroup/$ref`, {
            action: `remove the connector-group assignment of application ${objectId}`,
        });
    } catch (error) {
        if (!isNotFound(error) && !(error instanceof GraphRequestError && error.code === "Application_NotFound")) {
            throw error;
        }
    }
}

/** An application that can be assigned to a connector group. */
export interface PublishedApplication {
    /** The object id, what assignments take. */
    objectId: string;
    /** The application (client) id. */
    appId: string;
    displayName: string;
    /** `onPremisesPublishing.applicationType`: `quickaccessapp`, `nonwebapp`, ... */
    applicationType: string;
}

/** The tag Entra puts on the Quick Access app (as Microsoft's Entra PowerShell module filters for it). */
export const QUICK_ACCESS_TAG = "NetworkAccessQuickAccessApplication";

const LIST_FIELDS = "id,appId,displayName,tags";

/**
 * The tenant's Quick Access app: the app tagged {@link QUICK_ACCESS_TAG} whose `onPremisesPublishing.applicationType`
 * is `quickaccessapp`. Fails, saying how to set it up, when there is none.
 */
export async function findQuickAccessApplication(client: GraphClient): Promise<PublishedApplication> {
    const candidates = await client.list<Application>(
        `/applications?$filter=tags/any(t:t eq ${odataString(QUICK_ACCESS_TAG)})&$select=${LIST_FIELDS}`,
        { action: "find the Quick Access application" },
    );
    const published = await Promise.all(candidates.map((app) => readPublishing(client, app.id)));
    const quickAccess = published.filter(
        (app): app is PublishedApplication => app.applicationType?.toLowerCase() === "quickaccessapp",
    );
    if (quickAccess.length === 0) {
        throw new Error(
            "This tenant has no Quick Access application. Configure Quick Access in the Microsoft Entra admin center " +
                "(Global Secure Access > Applications > Quick Access) first: the library only looks it up, because " +
                "Microsoft Graph documents no way to create it.",
        );
    }
    return single(quickAccess, "Quick Access applications");
}

/** A published application by display name (exact match, as Graph's `eq` compares). */
export async function findApplicationByDisplayName(client: GraphClient, displayName: string): Promise<PublishedApplication> {
    return findPublished(client, `displayName eq ${odataString(displayName)}`, `display name "${displayName}"`);
}

/** A published application by its application (client) id. */
export async function findApplicationByAppId(client: GraphClient, appId: string): Promise<PublishedApplication> {
    return findPublished(client, `appId eq ${odataString(appId)}`, `app id ${appId}`);
}

async function findPublished(client: GraphClient, filter: string, what: string): Promise<PublishedApplication> {
    const matches = await client.list<Application>(`/applications?$filter=${filter}&$select=${LIST_FIELDS}`, {
        action: `find the application with ${what}`,
    });
    if (matches.length === 0) {
        throw new Error(`No application with ${what} exists in this tenant (Graph compares exactly, case included).`);
    }
    const app = await readPublishing(client, single(matches, `applications with ${what}`).id);
    if (app.applicationType === undefined) {
        throw new Error(
            `The application with ${what} [${app.objectId}] has no on-premises publishing, so it cannot be assigned ` +
                "to a connector group. Publish it as a Private Access app (onPremisesPublishing.applicationType " +
                "\"nonwebapp\") or an Application Proxy app first.",
        );
    }
    return { ...app, applicationType: app.applicationType };
}

async function readPublishing(
    client: GraphClient,
    objectId: string,
): Promise<Omit<PublishedApplication, "applicationType"> & { applicationType?: string }> {
    const app = await client.get<Application>(`${applicationPath(objectId)}?$select=${LIST_FIELDS},onPremisesPublishing`, {
        action: `read the on-premises publishing of application ${objectId}`,
    });
    const applicationType = app.onPremisesPublishing?.applicationType;
    return {
        objectId: app.id,
        appId: app.appId,
        displayName: app.displayName,
        ...(typeof applicationType === "string" && applicationType !== "" ? { applicationType } : {}),
    };
}

function single<T extends { objectId?: string; id?: string; displayName: string }>(items: readonly T[], what: string): T {
    if (items.length > 1) {
        const listed = items.map((item) => `${item.displayName} [${item.objectId ?? item.id}]`).join(", ");
        throw new Error(`Found ${items.length} ${what}: ${listed}. Name the one you mean by its object id.`);
    }
    return items[0];
}
