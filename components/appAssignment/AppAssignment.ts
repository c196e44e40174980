import * as pulumi from "@pulumi/pulumi";
import {
    ApplicationConnectorGroupAssignment,
    EnterpriseApplicationLookup,
    QuickAccessApplicationLookup,
} from "../../src/entra";
import { COMPONENT_TYPES, planAppAssignment } from "../../src/model";
import { type ConnectorGroup } from "../connectorGroup";

/** Inputs of an {@link AppAssignment}. Name the target group one way and the app one way. */
export interface AppAssignmentArgs {
    /**
     * The target group, as a ConnectorGroup of this program. The assignment waits until the group's connectors have
     * joined it, so that the app never moves to a group that cannot serve it yet.
     */
    connectorGroup?: ConnectorGroup;
    /** The target group's Graph id, for a group managed elsewhere. Needs `connectorGroupName`. */
    connectorGroupId?: pulumi.Input<string>;
    /**
     * The target group's display name, with `connectorGroupId`: a name that reads as the default group is refused up
     * front (the Graph provider also refuses the default group by id).
     */
    connectorGroupName?: string;
    /**
     * Assign the tenant's Quick Access app. Alone, the app is looked up in Graph; with `applicationObjectId`, that id
     * is taken as the Quick Access app's and no lookup is made. Default `false`.
     */
    quickAccess?: boolean;
    /** The application object's id (not the app id). Needs no lookup. */
    applicationObjectId?: pulumi.Input<string>;
    /** The application (client) id of an Enterprise app; looked up in Graph. */
    applicationId?: string;
    /** The display name of an Enterprise app; looked up in Graph, and must match exactly one app. */
    applicationDisplayName?: string;
    /** Microsoft Graph's base URL, for sovereign clouds. Default `https://graph.microsoft.com`. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Assigns Quick Access or one Enterprise (Private Access) app to a connector group. Refuses the tenant's default
 * group: every newly installed connector lands there, so it would serve the app's traffic before it is ready.
 */
export class AppAssignment extends pulumi.ComponentResource {
    /** The assigned application's object id. */
    public readonly applicationObjectId: pulumi.Output<string>;
    /** The connector group's Graph id. */
    public readonly connectorGroupId: pulumi.Output<string>;
    public readonly assignment: ApplicationConnectorGroupAssignment;

    constructor(name: string, args: AppAssignmentArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planAppAssignment(name, args);
        const summary = { ...plan.summary, app: plan.selector === "objectId" ? args.applicationObjectId : plan.summary.app };
        super(COMPONENT_TYPES.AppAssignment, name, summary, opts);

        const applicationObjectId = this.findApplication(name, plan.selector, args);
        const connectorGroupId = args.connectorGroup?.groupId ?? pulumi.output(args.connectorGroupId as pulumi.Input<string>);

        this.assignment = new ApplicationConnectorGroupAssignment(
            name,
            {
                applicationObjectId,
                connectorGroupId,
                connectorGroupName: plan.summary.connectorGroupName,
                applicationDisplayName: args.applicationDisplayName,
                graphEndpoint: args.graphEndpoint,
            },
            { parent: this, dependsOn: args.connectorGroup === undefined ? [] : [args.connectorGroup] },
        );
        this.applicationObjectId = applicationObjectId;
        this.connectorGroupId = connectorGroupId;
        // The summary again, with the outputs: stack policies see a component's outputs, not its inputs.
        this.registerOutputs({ ...summary, applicationObjectId, connectorGroupId });
    }

    /** The app's object id: as given, or from a read-only Graph lookup (a child of this assignment). */
    private findApplication(
        name: string,
        selector: ReturnType<typeof planAppAssignment>["selector"],
        args: AppAssignmentArgs,
    ): pulumi.Output<string> {
        const opts = { parent: this };
        switch (selector) {
            case "objectId":
                return pulumi.output(args.applicationObjectId as pulumi.Input<string>);
            case "quickAccess":
                return new QuickAccessApplicationLookup(`${name}-app`, { graphEndpoint: args.graphEndpoint }, opts).objectId;
            case "applicationId":
                return new EnterpriseApplicationLookup(
                    `${name}-app`,
                    { appId: args.applicationId, graphEndpoint: args.graphEndpoint },
                    opts,
                ).objectId;
            case "displayName":
                return new EnterpriseApplicationLookup(
                    `${name}-app`,
                    { displayName: args.applicationDisplayName, graphEndpoint: args.graphEndpoint },
                    opts,
                ).objectId;
        }
    }
}
