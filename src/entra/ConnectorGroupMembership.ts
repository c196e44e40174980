import * as pulumi from "@pulumi/pulumi";
import { checkMembershipInputs } from "../graph/providers/validation";
import { DYNAMIC_MODULE } from "../model/contract";
import { membershipProvider } from "./providers/membershipProvider";
import { logWarnings, validateKnownArgs } from "./validateArgs";

/** Inputs of a {@link ConnectorGroupMembership}. */
export interface ConnectorGroupMembershipArgs {
    /** The Graph id of the connector group to move the connector into. Changing it moves the connector in place. */
    connectorGroupId: pulumi.Input<string>;
    /** The group's display name: recorded so that previews, policies and the offline plan can name the group. */
    connectorGroupName: pulumi.Input<string>;
    /**
     * The host's machine name. Matched case-insensitively against the connector's `machineName`, as a short name or
     * an FQDN (`CONN-1` matches `conn-1.corp.example`; two different FQDNs never match). The computer name (first
     * label) has at most 15 characters, as Windows requires. Changing it replaces the membership (another host).
     */
    machineName: pulumi.Input<string>;
    /**
     * How long to wait for the connector to register and turn active, in seconds. Default 1800 (30 minutes: VM
     * creation, domain join with its restart, install and registration). Must be between 10 and 7200. Graph is polled
     * with pauses that grow from about 2 s to 30 s.
     */
    waitTimeoutSeconds?: pulumi.Input<number>;
    /** Microsoft Graph's service root. Default `https://graph.microsoft.com`; see {@link EntraConnectorGroupArgs}. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Puts the connector that runs on one host into a connector group. A connector cannot be created through Graph: it
 * appears when the agent on the host registers. This resource waits for it (with backoff, up to the timeout), then
 * moves it into the group; a connector already in the group is left as it is.
 *
 * Deleting this resource cannot delete the connector, which Graph does not allow. It moves the connector back to the
 * tenant's default group (where every new connector lands), so that the group can be deleted; a connector moved
 * elsewhere meanwhile, or already removed, is left alone. A connector whose agent is uninstalled shows as inactive
 * and is removed by the service after 10 days.
 */
export class ConnectorGroupMembership extends pulumi.dynamic.Resource {
    /** The Graph id of the connector. */
    declare public readonly connectorId: pulumi.Output<string>;
    /** The connector's `machineName` as Graph reports it. */
    declare public readonly connectorMachineName: pulumi.Output<string>;
    /** The id of the group the connector was in before (usually the tenant's default group). */
    declare public readonly previousConnectorGroupId: pulumi.Output<string | undefined>;

    constructor(name: string, args: ConnectorGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
        const warnings = validateKnownArgs(`ConnectorGroupMembership "${name}"`, args, checkMembershipInputs);
        super(
            membershipProvider,
            name,
            { ...args, connectorId: undefined, connectorMachineName: undefined, previousConnectorGroupId: undefined },
            opts,
            DYNAMIC_MODULE,
            "ConnectorGroupMembership",
        );
        logWarnings(this, warnings);
    }
}
