import * as pulumi from "@pulumi/pulumi";
import { checkConnectorGroupInputs } from "../graph/providers/validation";
import { DYNAMIC_MODULE } from "../model/contract";
import { connectorGroupProvider } from "./providers/connectorGroupProvider";
import { logWarnings, validateKnownArgs } from "./validateArgs";

/** Inputs of an {@link EntraConnectorGroup}. */
export interface EntraConnectorGroupArgs {
    /**
     * The group's display name (Graph `name`). Required. Must not read as the tenant's default group ("Default",
     * "Default group"), nor start or end with whitespace. Names are compared case-insensitively when looking for a
     * clash. Changing it renames the group in place.
     */
    displayName: pulumi.Input<string>;
    /**
     * The connector-group region (Graph `region`): `nam`, `eur`, `aus`, `asia` or `ind`, case-insensitive. `japan` is
     * accepted with a warning: tenants report it, but it is not in Graph's documented enum, so Graph may refuse it.
     * Default: unset, which Graph treats as the tenant's default region. Changing it moves the group in place (same
     * id), which Graph allows only while no connector or app is assigned; otherwise the update fails, listing what is
     * still in the group. Removing it leaves the group's region as it is.
     */
    region?: pulumi.Input<string>;
    /**
     * Adopt an existing group of the same display name instead of failing on the name clash. Default `false`. The
     * default group is never adopted. An adopted group is managed like a created one: deleting the resource deletes
     * the group (use the `retainOnDelete` resource option to keep it).
     */
    adoptExisting?: pulumi.Input<boolean>;
    /**
     * Microsoft Graph's service root, for national clouds (e.g. `https://graph.microsoft.us`). Default
     * `https://graph.microsoft.com`. https:// only (http:// is accepted for a loopback address: a local emulator).
     * Credentials never pass through Pulumi: the provider authenticates with `DefaultAzureCredential` in the
     * environment it runs in (see docs/graph.md). Changing it replaces the group (it is another cloud).
     */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * An Entra private network connector group (Graph beta `onPremisesPublishingProfiles/applicationProxy/connectorGroups`).
 * No Pulumi or Terraform provider manages these; this is a dynamic resource over Microsoft Graph.
 *
 * Creating it fails when a group of that name exists, unless `adoptExisting` is set. Deleting it fails while the group
 * still holds connectors or apps, listing them. The tenant's default group is never created, renamed or deleted.
 */
export class EntraConnectorGroup extends pulumi.dynamic.Resource {
    /** The group's display name. */
    declare public readonly displayName: pulumi.Output<string>;
    /** The group's region as Graph reports it (an open string: tenants have returned `japan`). */
    declare public readonly region: pulumi.Output<string | undefined>;
    /** Whether Graph reports this as the tenant's default group. Always false for groups this resource creates. */
    declare public readonly isDefault: pulumi.Output<boolean>;
    /** Graph's `connectorGroupType` (`applicationProxy`). */
    declare public readonly connectorGroupType: pulumi.Output<string>;
    /** True when the group existed before and was adopted rather than created. */
    declare public readonly adopted: pulumi.Output<boolean>;

    constructor(name: string, args: EntraConnectorGroupArgs, opts?: pulumi.CustomResourceOptions) {
        const warnings = validateKnownArgs(`EntraConnectorGroup "${name}"`, args, checkConnectorGroupInputs);
        super(
            connectorGroupProvider,
            name,
            // Every output needs a key here, even when its arg is not given: Pulumi makes outputs from these keys.
            { region: undefined, ...args, isDefault: undefined, connectorGroupType: undefined, adopted: undefined },
            opts,
            DYNAMIC_MODULE,
            "EntraConnectorGroup",
        );
        logWarnings(this, warnings);
    }
}
