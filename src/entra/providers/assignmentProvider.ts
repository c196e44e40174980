import type * as pulumi from "@pulumi/pulumi";

// Placeholder until the Graph-backed provider lands; create/update/delete must not be reached before then.
function notYet(): never {
    throw new Error("assignmentProvider: the Microsoft Graph provider is not implemented yet");
}

export const assignmentProvider: pulumi.dynamic.ResourceProvider = {
    create: async () => notYet(),
};
