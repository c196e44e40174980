/**
 * Validation of an app assignment: which app (Quick Access or one Enterprise app) goes to which connector group. The
 * default group is refused by name here, before anything is registered; the Graph provider refuses it by id as well.
 */
import { type AppAssignmentSummary, DEFAULT_CONNECTOR_GROUP_NAME, looksLikeDefaultGroupName } from "./contract";
import { IssueCollector } from "./errors";
import { isGuid, isKnown, optionalBoolean, optionalHttpsUrl } from "./validation";

/** Values of {@link AppAssignmentSummary.appKind}. */
export const APP_KINDS = {
    quickAccess: "quickAccess",
    enterprise: "enterprise",
} as const;

/** How the app to assign is named. */
export type ApplicationSelectorKind = "objectId" | "applicationId" | "displayName" | "quickAccess";

/** The plain settings of an app assignment that validation reads. */
export interface AppAssignmentSettings {
    /** The target group as a component: only its display name is read. */
    readonly connectorGroup?: { readonly displayName: string };
    readonly connectorGroupId?: unknown;
    readonly connectorGroupName?: string;
    readonly quickAccess?: boolean;
    readonly applicationObjectId?: unknown;
    readonly applicationId?: string;
    readonly applicationDisplayName?: string;
    readonly graphEndpoint?: unknown;
}

/** An app assignment, checked. */
export interface AppAssignmentPlan {
    /** How the app is named: the object id needs no lookup; the others are looked up in Graph. */
    readonly selector: ApplicationSelectorKind;
    readonly summary: AppAssignmentSummary;
}

/** The rule quoted when an app would go to the default group. */
export const DEFAULT_GROUP_RULE =
    `apps must not be assigned to the ${DEFAULT_CONNECTOR_GROUP_NAME} connector group: every newly installed ` +
    "connector lands there, so it would serve this app's production traffic as soon as it is installed, before it " +
    "is placed, joined and checked; assign the app to a custom connector group";

/** Checks an app assignment's settings. Throws an InputValidationError naming every bad field. */
export function planAppAssignment(resourceName: string, settings: AppAssignmentSettings): AppAssignmentPlan {
    const issues = new IssueCollector(`AppAssignment "${resourceName}"`);
    const connectorGroupName = validateTargetGroup(settings, issues);
    const quickAccess = optionalBoolean(issues, "quickAccess", settings.quickAccess, false);
    optionalHttpsUrl(issues, "graphEndpoint", settings.graphEndpoint);

    const given = (
        [
            ["applicationObjectId", settings.applicationObjectId],
            ["applicationId", settings.applicationId],
            ["applicationDisplayName", settings.applicationDisplayName],
        ] as const
    ).filter(([, value]) => value !== undefined);
    if (given.length > 1) {
        issues.error(
            "app",
            given.map(([field]) => field),
            "name the app one way only: applicationObjectId, applicationId or applicationDisplayName",
        );
    } else if (given.length === 0 && !quickAccess) {
        issues.error(
            "quickAccess",
            settings.quickAccess,
            "no app given: set quickAccess, or name an Enterprise app by applicationObjectId, applicationId or " +
                "applicationDisplayName",
        );
    }
    if (settings.applicationObjectId !== undefined && isKnown(settings.applicationObjectId) && !isGuid(settings.applicationObjectId)) {
        issues.error(
            "applicationObjectId",
            settings.applicationObjectId,
            "must be the application object's id (a GUID; not its app id, which goes in applicationId)",
        );
    }
    if (settings.applicationId !== undefined && !isGuid(settings.applicationId)) {
        issues.error("applicationId", settings.applicationId, "must be the application (client) id, a GUID");
    }
    if (
        settings.applicationDisplayName !== undefined &&
        (typeof settings.applicationDisplayName !== "string" || settings.applicationDisplayName.trim() === "")
    ) {
        issues.error("applicationDisplayName", settings.applicationDisplayName, "must be a non-empty string");
    }
    issues.throwIfErrors();

    const selector: ApplicationSelectorKind =
        settings.applicationObjectId !== undefined
            ? "objectId"
            : settings.applicationId !== undefined
              ? "applicationId"
              : settings.applicationDisplayName !== undefined
                ? "displayName"
                : "quickAccess";
    const app =
        selector === "objectId"
            ? settings.applicationObjectId
            : selector === "applicationId"
              ? settings.applicationId
              : selector === "displayName"
                ? settings.applicationDisplayName
                : "Quick Access";
    return {
        selector,
        summary: {
            appKind: quickAccess ? APP_KINDS.quickAccess : APP_KINDS.enterprise,
            // An object id from another resource is an Output; the component registers it as such.
            app: app as string,
            connectorGroupName: connectorGroupName ?? "",
        },
    };
}

function validateTargetGroup(settings: AppAssignmentSettings, issues: IssueCollector): string | undefined {
    const { connectorGroup, connectorGroupId, connectorGroupName } = settings;
    if (connectorGroup !== undefined && connectorGroupId !== undefined) {
        issues.error(
            "connectorGroupId",
            connectorGroupId,
            "give the target group one way only: connectorGroup (a ConnectorGroup) or connectorGroupId",
        );
    } else if (connectorGroup === undefined && connectorGroupId === undefined) {
        issues.error(
            "connectorGroup",
            undefined,
            "no target group: set connectorGroup (a ConnectorGroup), or connectorGroupId with connectorGroupName",
        );
    }
    if (connectorGroup !== undefined) {
        if (connectorGroupName !== undefined && connectorGroupName !== connectorGroup.displayName) {
            issues.error(
                "connectorGroupName",
                connectorGroupName,
                `differs from the display name of connectorGroup ("${connectorGroup.displayName}"); leave it out`,
            );
        }
        refuseDefaultGroup("connectorGroup", connectorGroup.displayName, issues);
        return connectorGroup.displayName;
    }
    if (typeof connectorGroupName !== "string" || connectorGroupName.trim() === "") {
        issues.error(
            "connectorGroupName",
            connectorGroupName,
            "is required with connectorGroupId: the group's display name, so that the default group can be refused " +
                "up front and the plan can name the group",
        );
        return undefined;
    }
    refuseDefaultGroup("connectorGroupName", connectorGroupName, issues);
    return connectorGroupName;
}

function refuseDefaultGroup(field: string, name: string, issues: IssueCollector): void {
    if (looksLikeDefaultGroupName(name)) {
        issues.error(field, name, DEFAULT_GROUP_RULE);
    }
}
