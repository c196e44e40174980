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
     * label) has at most 15 characters, as Windows requires. Changing it to a name the recorded connector does not
     * match replaces the membership (another host); respelling the same host (`CONN-1` to `conn-1.corp.example`)
     * updates it in place.
     */
    machineName: pulumi.Input<string>;
    /**
     * The id the cloud gives the host VM alone and never reuses, so that a replaced host's new connector joins the
     * group: Azure, the VM's `vmId` (a GUID); AWS, the instance id; GCP, the numeric `instanceId` (not the
     * `projects/.../instances/<name>` path, which a replacement under the same name keeps). A resource id that survives
     * a replacement cannot tell the membership that the host is new. When it changes, the membership (updated in place)
     * waits for an active connector with the machine name other than the one it recorded (the old host may still
     * run), moves it into the group, and moves the old connector back to the default group. Default: none, for a
     * server the stack does not build; setting it for the first time only records it. Any non-empty string that
     * changes exactly when the machine is rebuilt will do.
     */
    hostUniqueId?: pulumi.Input<string>;
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
 * A replaced host registers a new connector under the same machine name, which lands in the tenant's default group.
 * Given the host's `hostUniqueId`, the membership notices the replacement and moves the new connector in (see there).
 *
 * Deleting this resource cannot delete the connector, which Graph does not allow. It moves the connector it recorded
 * (`connectorId`) back to the tenant's default group (where every new connector lands), so that the group can be
 * deleted; a connector moved elsewhere meanwhile, or already removed, is left alone, and so is a connector that
 * another membership took over in the same deployment (a replaced or renamed membership). A connector whose agent
 * is uninstalled shows as inactive and is removed by the service after 10 days.
 */
export class ConnectorGroupMembership extends pulumi.dynamic.Resource {
    /** The Graph id of the connector in the group: after the host is replaced, the new host's connector. */
    declare public readonly connectorId: pulumi.Output<string>;
    /** The connector's `machineName` as Graph reports it. */
    declare public readonly connectorMachineName: pulumi.Output<string>;
    /** The id of the group `connectorId` was in before (usually the tenant's default group). */
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
