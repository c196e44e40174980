import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE } from "../model/contract";
import { connectorGroupProvider } from "./providers/connectorGroupProvider";

/** Inputs of an {@link EntraConnectorGroup}. */
export interface EntraConnectorGroupArgs {
    /**
     * The group's display name (Graph `name`). Must not read as the tenant's default group ("Default"). Renaming
     * updates the group in place.
     */
    displayName: pulumi.Input<string>;
    /**
     * The connector-group region (Graph `region`): `nam`, `eur`, `aus`, `asia` or `ind` (`japan` is accepted with a
     * warning). Default: unset, which Graph treats as the tenant's home region. Changing it replaces the group, which
     * Graph refuses while connectors or apps are still assigned.
     */
    region?: pulumi.Input<string>;
    /**
     * Adopt an existing group of the same display name instead of failing on the name clash. Default `false`.
     */
    adoptExisting?: pulumi.Input<boolean>;
    /**
     * Microsoft Graph's base URL, for sovereign clouds (e.g. `https://graph.microsoft.us`). Default
     * `https://graph.microsoft.com`. Credentials never pass through Pulumi: the provider authenticates with
     * `DefaultAzureCredential` from the environment it runs in.
     */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * An Entra private network connector group (Graph beta `onPremisesPublishingProfiles/applicationProxy/connectorGroups`).
 * No Pulumi or Terraform provider manages these; this is a dynamic resource over Microsoft Graph.
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
        super(
            connectorGroupProvider,
            name,
            { ...args, isDefault: undefined, connectorGroupType: undefined, adopted: undefined },
            opts,
            DYNAMIC_MODULE,
            "EntraConnectorGroup",
        );
    }
}
