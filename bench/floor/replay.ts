/**
 * Registers recorded resources again, directly, with the cloud SDKs' own classes and the library's dynamic resource
 * classes: the same types, names, inputs, secrets and dependencies as the plan, without any component. An input that
 * came from other resources' outputs waits for those resources here too, so registrations overlap as they did.
 */
import * as pulumi from "@pulumi/pulumi";
import * as entra from "../../src/entra";
import { type RecordedResource, type RecordedValue, recordedSecret, registrationOrder } from "./recording";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";

/**
 * The class that registers `type`: the SDK module's class for a cloud type (`azure-native:compute:VirtualMachine` is
 * `@pulumi/azure-native/compute`'s VirtualMachine, `aws:ec2/instance:Instance` is `@pulumi/aws/ec2`'s Instance), the
 * library's class for a dynamic type. Deep imports only, as the library itself loads the SDKs.
 */
export function resourceClassOf(type: string): ResourceClass {
    const [pkg, module, className] = type.split(":");
    if (pkg === undefined || module === undefined || className === undefined) {
        throw new Error(`cannot replay resource type ${type}`);
    }
    if (type.startsWith(DYNAMIC_PREFIX)) {
        const found = (entra as unknown as Record<string, ResourceClass | undefined>)[className];
        if (found === undefined) {
            throw new Error(`no dynamic resource class for ${type}`);
        }
        return found;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by type, as the recording asks
    const sdk = require(`@pulumi/${pkg}/${module.split("/")[0]}`) as Record<string, ResourceClass | undefined>;
    const found = sdk[className];
    if (found === undefined) {
        throw new Error(`@pulumi/${pkg}/${module.split("/")[0]} has no class ${className} (for ${type})`);
    }
    return found;
}

function plainValue(value: RecordedValue): unknown {
    const secret = recordedSecret(value);
    if (secret !== undefined) {
        return pulumi.secret(plainValue(secret.plaintext));
    }
    if (Array.isArray(value)) {
        return value.map(plainValue);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, plainValue(element)]));
    }
    return value;
}

/** Registers every recorded resource; returns them. Await `pulumi.runtime.disconnect()` to settle them. */
export function replayResources(recorded: readonly RecordedResource[]): pulumi.CustomResource[] {
    const registered = new Map<string, pulumi.CustomResource>();
    for (const resource of registrationOrder(recorded)) {
        const known = (urns: readonly string[]): pulumi.CustomResource[] =>
            urns.map((urn) => registered.get(urn)).filter((found): found is pulumi.CustomResource => found !== undefined);
        const args: Record<string, unknown> = {};
        // An input that came from outputs which resolved to nothing is not recorded, but still waited for.
        const keys = new Set([...Object.keys(resource.inputs), ...Object.keys(resource.propertyDependencies)]);
        for (const key of keys) {
            const sources = known(resource.propertyDependencies[key] ?? []);
            const recordedInput = resource.inputs[key];
            const input = recordedInput === undefined ? undefined : plainValue(recordedInput);
            // The value is what those resources' outputs resolved to: it becomes known when they have registered.
            args[key] = sources.length === 0 ? input : pulumi.all(sources.map((source) => source.id)).apply(() => input);
        }
        const Class = resourceClassOf(resource.type);
        registered.set(
            resource.urn,
            new Class(resource.name, args, {
                dependsOn: known(resource.dependencies),
                ...(resource.protect !== undefined ? { protect: resource.protect } : {}),
                ...(resource.ignoreChanges !== undefined ? { ignoreChanges: [...resource.ignoreChanges] } : {}),
                ...(resource.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: resource.deleteBeforeReplace } : {}),
            }),
        );
    }
    return [...registered.values()];
}
