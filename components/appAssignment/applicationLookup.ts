import type * as pulumi from "@pulumi/pulumi";
import { type ApplicationSelectorKind } from "../../src/model";

/** What AppAssignment needs from a Graph lookup: the application object's id. Nothing else. */
export interface ApplicationLookup {
    readonly objectId: pulumi.Output<string>;
}

/** How the app is named when it is not named by object id. */
export interface ApplicationLookupRequest {
    /** The application (client) id, when `selector` is `applicationId`. */
    readonly applicationId?: string;
    /** The display name, when `selector` is `displayName`. */
    readonly displayName?: string;
    readonly graphEndpoint?: pulumi.Input<string>;
}

/** Creates the read-only Graph resource that finds one application, as a child of the assignment. */
export type ApplicationLookupFactory = (
    name: string,
    request: ApplicationLookupRequest,
    opts: pulumi.CustomResourceOptions,
) => ApplicationLookup;

/**
 * The Graph lookups, per way of naming an app other than its object id: the Quick Access app (found by its
 * `onPremisesPublishing.applicationType`), and an Enterprise app by app id or display name. They are the read-only
 * resources of src/entra; a way without an entry here is refused up front, before anything is registered, with a
 * message that says to give `applicationObjectId` instead.
 */
export const APPLICATION_LOOKUPS: Readonly<Partial<Record<Exclude<ApplicationSelectorKind, "objectId">, ApplicationLookupFactory>>> = {};
