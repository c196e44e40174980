import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE } from "../model/contract";
import { membershipProvider } from "./providers/membershipProvider";

/** Inputs of a {@link ConnectorGroupMembership}. */
export interface ConnectorGroupMembershipArgs {
    /** The Graph id of the connector group to move the connector into. */
    connectorGroupId: pulumi.Input<string>;
    /** The group's display name: recorded so that previews, policies and the offline plan can name the group. */
    connectorGroupName: pulumi.Input<string>;
    /**
     * The host's machine name. Matched case-insensitively against the connector's `machineName`, as a short name or
     * an FQDN (`CONN-1` matches `conn-1.corp.example`).
     */
    machineName: pulumi.Input<string>;
    /**
     * How long to wait for the connector to register and turn active, in seconds. Default 1800 (30 minutes: VM
     * creation, domain join with its restart, install and registration). Must be between 10 and 7200.
     */
    waitTimeoutSeconds?: pulumi.Input<number>;
    /** Microsoft Graph's base URL. Default `https://graph.microsoft.com`. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Puts the connector that runs on one host into a connector group. A connector cannot be created through Graph: it
 * appears when the agent on the host registers. This resource waits for it (with backoff, up to the timeout), then
 * moves it into the group; a connector already in the group is left as it is.
 *
 * Deleting this resource cannot delete the connector, which Graph does not allow: the connector stays in the group
 * until the agent is uninstalled, then shows as inactive and is removed by the service after 10 days.
 */
export class ConnectorGroupMembership extends pulumi.dynamic.Resource {
    /** The Graph id of the connector. */
    declare public readonly connectorId: pulumi.Output<string>;
    /** The connector's `machineName` as Graph reports it. */
    declare public readonly connectorMachineName: pulumi.Output<string>;
    /** The id of the group the connector was in before (usually the tenant's default group). */
    declare public readonly previousConnectorGroupId: pulumi.Output<string | undefined>;

    constructor(name: string, args: ConnectorGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            membershipProvider,
            name,
            { ...args, connectorId: undefined, connectorMachineName: undefined, previousConnectorGroupId: undefined },
            opts,
            DYNAMIC_MODULE,
            "ConnectorGroupMembership",
        );
    }
}
