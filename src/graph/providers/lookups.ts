/**
 * The providers of the read-only lookups (`QuickAccessApplicationLookup`, `EnterpriseApplicationLookup`): data
 * sources in resource form, so that a Pulumi program can use them and the offline plan's mock engine can answer
 * them. Creating one looks the application up; refreshing looks it up again; deleting it does nothing in Graph.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    type PublishedApplication,
    findApplicationByAppId,
    findApplicationByDisplayName,
    findQuickAccessApplication,
} from "../applications";
import { type GraphClient } from "../client";
import { checkResult, sharedGraphClient, str } from "./shared";
import { type CheckedInputs, checkEnterpriseLookupInputs, checkQuickAccessLookupInputs } from "./validation";

type Props = Record<string, unknown>;

/** Builds a lookup provider from its input rules, the inputs that select the app, and the Graph lookup. */
function lookupProvider(
    check: (raw: Props) => CheckedInputs,
    selectors: readonly string[],
    find: (client: GraphClient, inputs: Props) => Promise<PublishedApplication>,
): pulumi.dynamic.ResourceProvider {
    const lookUp = async (inputs: Props): Promise<{ id: string; outs: Props }> => {
        const app = await find(sharedGraphClient(str(inputs.graphEndpoint)), inputs);
        return {
            id: app.objectId,
            outs: {
                ...inputs,
                objectId: app.objectId,
                appId: app.appId,
                displayName: app.displayName,
                applicationType: app.applicationType,
            },
        };
    };
    return {
        async check(_olds: Props, news: Props) {
            return checkResult(check(news));
        },
        async diff(_id: string, olds: Props, news: Props) {
            // A selector that is set must still match what was found; anything else selects another app.
            const replaces = ["graphEndpoint", ...selectors].filter(
                (key) => news[key] !== undefined && news[key] !== null && news[key] !== olds[key],
            );
            return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
        },
        create: lookUp,
        async read(_id: string, props?: Props) {
            const { id, outs } = await lookUp(props ?? {});
            return { id, props: outs };
        },
        async update(_id: string, _olds: Props, news: Props) {
            return { outs: (await lookUp(news)).outs };
        },
        async delete() {
            // Nothing to do: a lookup owns nothing in Graph.
        },
    };
}

export const quickAccessLookupProviderImplementation = lookupProvider(checkQuickAccessLookupInputs, [], (client) =>
    findQuickAccessApplication(client),
);

export const enterpriseApplicationLookupProviderImplementation = lookupProvider(
    checkEnterpriseLookupInputs,
    ["displayName", "appId"],
    (client, inputs) =>
        typeof inputs.appId === "string"
            ? findApplicationByAppId(client, inputs.appId)
            : findApplicationByDisplayName(client, str(inputs.displayName)),
);
