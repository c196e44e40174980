import * as pulumi from "@pulumi/pulumi";
import { checkQuickAccessLookupInputs } from "../graph/providers/validation";
import { DYNAMIC_MODULE } from "../model/contract";
import { quickAccessLookupProvider } from "./providers/lookupProviders";
import { validateKnownArgs } from "./validateArgs";

/** Inputs of a {@link QuickAccessApplicationLookup}. */
export interface QuickAccessApplicationLookupArgs {
    /** Microsoft Graph's service root. Default `https://graph.microsoft.com`; see {@link EntraConnectorGroupArgs}. */
    graphEndpoint?: pulumi.Input<string>;
}

/**
 * Looks up the tenant's Quick Access application (read-only: a data source in resource form). It finds the app Entra
 * tags `NetworkAccessQuickAccessApplication` whose `onPremisesPublishing.applicationType` is `quickaccessapp`, and
 * fails, saying how to set it up, when the tenant has none: Graph documents no way to create Quick Access, so the
 * library never does. `pulumi refresh` looks it up again; deleting the resource changes nothing in Graph.
 */
export class QuickAccessApplicationLookup extends pulumi.dynamic.Resource {
    /** The application's object id: what an assignment takes. */
    declare public readonly objectId: pulumi.Output<string>;
    /** The application (client) id. */
    declare public readonly appId: pulumi.Output<string>;
    declare public readonly displayName: pulumi.Output<string>;
    /** `onPremisesPublishing.applicationType`: `quickaccessapp`. */
    declare public readonly applicationType: pulumi.Output<string>;

    constructor(name: string, args?: QuickAccessApplicationLookupArgs, opts?: pulumi.CustomResourceOptions) {
        validateKnownArgs(`QuickAccessApplicationLookup "${name}"`, args ?? {}, checkQuickAccessLookupInputs);
        super(
            quickAccessLookupProvider,
            name,
            { ...args, objectId: undefined, appId: undefined, displayName: undefined, applicationType: undefined },
            opts,
            DYNAMIC_MODULE,
            "QuickAccessApplicationLookup",
        );
    }
}
