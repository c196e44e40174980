import type * as pulumi from "@pulumi/pulumi";

// Placeholder until the Graph-backed provider lands; create/update/delete must not be reached before then.
function notYet(): never {
    throw new Error("membershipProvider: the Microsoft Graph provider is not implemented yet");
}

export const membershipProvider: pulumi.dynamic.ResourceProvider = {
    create: async () => notYet(),
};
