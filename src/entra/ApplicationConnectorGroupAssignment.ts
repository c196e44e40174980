import * as pulumi from "@pulumi/pulumi";
import { checkAssignmentInputs } from "../graph/providers/validation";
import { DYNAMIC_MODULE } from "../model/contract";
import { assignmentProvider } from "./providers/assignmentProvider";
import { logWarnings, validateKnownArgs } from "./validateArgs";

/** Inputs of an {@link ApplicationConnectorGroupAssignment}. */
export interface ApplicationConnectorGroupAssignmentArgs {
    /**
     * The application's object id (a GUID; not its app id). The app must have on-premises publishing (a Private
     * Access, Quick Access or Application Proxy app). Changing it replaces the assignment.
     */
    applicationObjectId: pulumi.Input<string>;
    /**
     * The Graph id of the connector group. Refused when Graph reports it as the tenant's default group. Changing it
     * reassigns the app in place.
     */
    connectorGroupId: pulumi.Input<string>;
    /**
     * The group's display name, recorded so that previews, policies and the offline plan can name it. Refused when it
     * reads as the default group ("Default").
     */
    connectorGroupName: pulumi.Input<string>;
    /** The application's display name, recorded for the same reason. Optional. */
    applicationDisplayName?: pulumi.Input<string>;
    /** Microsoft Graph's service root. Default `https://graph.microsoft.com`; see {@link EntraConnectorGroupArgs}. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Assigns an application (Quick Access or an Enterprise app) to a connector group
 * (`PUT /applications/{id}/connectorGroup/$ref`), and refuses the tenant's default group. Deleting it removes the
 * assignment if the app is still on this group, after which Graph shows the app on the default group: assign it
 * elsewhere first if it must keep serving users.
 */
export class ApplicationConnectorGroupAssignment extends pulumi.dynamic.Resource {
    /** The id of the group the app was assigned to before. */
    declare public readonly previousConnectorGroupId: pulumi.Output<string | undefined>;

    constructor(name: string, args: ApplicationConnectorGroupAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
        const warnings = validateKnownArgs(`ApplicationConnectorGroupAssignment "${name}"`, args, checkAssignmentInputs);
        super(
            assignmentProvider,
            name,
            { ...args, previousConnectorGroupId: undefined },
            opts,
            DYNAMIC_MODULE,
            "ApplicationConnectorGroupAssignment",
        );
        logWarnings(this, warnings);
    }
}
