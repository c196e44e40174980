import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE } from "../model/contract";
import { assignmentProvider } from "./providers/assignmentProvider";

/** Inputs of an {@link ApplicationConnectorGroupAssignment}. */
export interface ApplicationConnectorGroupAssignmentArgs {
    /** The application's object id (not its app id). The app must have on-premises publishing. */
    applicationObjectId: pulumi.Input<string>;
    /** The Graph id of the connector group. Refused when it is the tenant's default group. */
    connectorGroupId: pulumi.Input<string>;
    /** The group's display name, recorded so that previews, policies and the offline plan can name it. */
    connectorGroupName: pulumi.Input<string>;
    /** The application's display name, recorded for the same reason. Optional. */
    applicationDisplayName?: pulumi.Input<string>;
    /** Microsoft Graph's base URL. Default `https://graph.microsoft.com`. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Assigns an application (Quick Access or an Enterprise app) to a connector group
 * (`PUT /applications/{id}/connectorGroup/$ref`). Deleting it removes the assignment, after which Graph shows the
 * app on the default group: assign it elsewhere first.
 */
export class ApplicationConnectorGroupAssignment extends pulumi.dynamic.Resource {
    /** The id of the group the app was assigned to before. */
    declare public readonly previousConnectorGroupId: pulumi.Output<string | undefined>;

    constructor(name: string, args: ApplicationConnectorGroupAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            assignmentProvider,
            name,
            { ...args, previousConnectorGroupId: undefined },
            opts,
            DYNAMIC_MODULE,
            "ApplicationConnectorGroupAssignment",
        );
    }
}
