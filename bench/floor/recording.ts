/**
 * The floor's script: the custom resources a plan registered, with their inputs and dependencies, in a form that
 * survives JSON (the floor runs in a process of its own). Pure: no Pulumi runtime here.
 */
import { type PlanResource, type PlanValue, SecretValue } from "connector-topology/plan";
import { isProviderType } from "../../src/plan/urn";

/** How a secret input is written in a recording. */
const SECRET_KEY = "__benchSecret";

/** A recorded input value: JSON, with secrets as `{ __benchSecret: value }`. */
export type RecordedValue = null | boolean | number | string | RecordedValue[] | { [key: string]: RecordedValue };

/** One custom resource, as the floor registers it again. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, RecordedValue>;
    /** URNs of the custom resources it depends on (explicitly, or through its inputs). */
    readonly dependencies: readonly string[];
    /** For each input that came from other resources' outputs, the URNs of those resources. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly protect?: boolean;
    readonly ignoreChanges?: readonly string[];
    readonly deleteBeforeReplace?: boolean;
}

function record(value: PlanValue): RecordedValue {
    if (value instanceof SecretValue) {
        return { [SECRET_KEY]: record(value.reveal()) };
    }
    if (Array.isArray(value)) {
        return value.map(record);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, record(element)]));
    }
    return value;
}

/** Whether a recorded value is a secret; then `plaintext` is its value. */
export function recordedSecret(value: RecordedValue): { plaintext: RecordedValue } | undefined {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && SECRET_KEY in value) {
        return { plaintext: value[SECRET_KEY] as RecordedValue };
    }
    return undefined;
}

/**
 * The resources a program registered itself: custom resources, without the stack, components and the default
 * providers the engine (not the program) creates.
 */
export function recordFloor(resources: readonly PlanResource[]): RecordedResource[] {
    return resources
        .filter((resource) => resource.custom && resource.operation === "create" && !isProviderType(resource.type))
        .map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            inputs: record(resource.inputs) as Record<string, RecordedValue>,
            dependencies: resource.dependencies,
            propertyDependencies: resource.propertyDependencies,
            ...(resource.options.protect ? { protect: true } : {}),
            ...(resource.options.ignoreChanges.length > 0 ? { ignoreChanges: resource.options.ignoreChanges } : {}),
            ...(resource.options.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: resource.options.deleteBeforeReplace } : {}),
        }));
}

/**
 * The order to register recorded resources in: every resource after the resources it depends on, otherwise in the
 * order given. Dependencies on resources outside the recording are ignored. Throws on a cycle, which no program can
 * register.
 */
export function registrationOrder(resources: readonly RecordedResource[]): RecordedResource[] {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const placed = new Set<string>();
    const visiting = new Set<string>();
    const ordered: RecordedResource[] = [];
    const place = (resource: RecordedResource): void => {
        if (placed.has(resource.urn)) {
            return;
        }
        if (visiting.has(resource.urn)) {
            throw new Error(`the recording has a dependency cycle through ${resource.urn}`);
        }
        visiting.add(resource.urn);
        for (const urn of resource.dependencies) {
            const dependency = byUrn.get(urn);
            if (dependency !== undefined) {
                place(dependency);
            }
        }
        visiting.delete(resource.urn);
        placed.add(resource.urn);
        ordered.push(resource);
    };
    resources.forEach(place);
    return ordered;
}
