import * as pulumi from "@pulumi/pulumi";
import { checkEnterpriseLookupInputs } from "../graph/providers/validation";
import { DYNAMIC_MODULE } from "../model/contract";
import { enterpriseApplicationLookupProvider } from "./providers/lookupProviders";
import { validateKnownArgs } from "./validateArgs";

/** Inputs of an {@link EnterpriseApplicationLookup}. Set exactly one of `displayName` and `appId`. */
export interface EnterpriseApplicationLookupArgs {
    /** The application's display name, matched exactly (case included), as Graph's `eq` does. */
    displayName?: pulumi.Input<string>;
    /** The application (client) id, a GUID. */
    appId?: pulumi.Input<string>;
    /** Microsoft Graph's service root. Default `https://graph.microsoft.com`; see {@link EntraConnectorGroupArgs}. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Looks up an existing Enterprise (Private Access or Application Proxy) application by display name or app id
 * (read-only: a data source in resource form). Fails when no app or several apps match, and when the app has no
 * on-premises publishing (it could not be assigned to a connector group). `pulumi refresh` looks it up again; deleting
 * the resource changes nothing in Graph.
 */
export class EnterpriseApplicationLookup extends pulumi.dynamic.Resource {
    /** The application's object id: what an assignment takes. */
    declare public readonly objectId: pulumi.Output<string>;
    /** The application (client) id. */
    declare public readonly appId: pulumi.Output<string>;
    declare public readonly displayName: pulumi.Output<string>;
    /** `onPremisesPublishing.applicationType` (`nonwebapp` for Private Access). */
    declare public readonly applicationType: pulumi.Output<string>;

    constructor(name: string, args: EnterpriseApplicationLookupArgs, opts?: pulumi.CustomResourceOptions) {
        validateKnownArgs(`EnterpriseApplicationLookup "${name}"`, args, checkEnterpriseLookupInputs);
        super(
            enterpriseApplicationLookupProvider,
            name,
            // Every output needs a key here, even when its arg is not given: Pulumi makes outputs from these keys.
            { displayName: undefined, appId: undefined, ...args, objectId: undefined, applicationType: undefined },
            opts,
            DYNAMIC_MODULE,
            "EnterpriseApplicationLookup",
        );
    }
}
