/**
 * The resource tree: parents before children, siblings ordered by name then type. Registration order depends on
 * when each resource's inputs resolve, so it is not used: the order must be the same on every run.
 */
import { type PlanResource } from "../capture";
import { ROOT_STACK_TYPE } from "../urn";

/** The resources in tree order, with each one's depth. */
export interface ResourceTree {
    readonly ordered: PlanResource[];
    /** Each resource's depth (the stack is 0). */
    readonly depth: ReadonlyMap<string, number>;
    /** The resource each one is shown under. */
    readonly shownUnder: ReadonlyMap<string, string>;
    /** The resources that are the last of their siblings. */
    readonly lastChildren: ReadonlySet<string>;
}

function compareSiblings(a: PlanResource, b: PlanResource): number {
    if (a.name !== b.name) {
        return a.name < b.name ? -1 : 1;
    }
    return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/**
 * Orders the resources as a tree. Resources without a parent other than the stack (providers, above all) are shown
 * under the stack, as `pulumi preview` shows them.
 */
export function resourceTree(resources: readonly PlanResource[]): ResourceTree {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const stack = resources.find((resource) => resource.type === ROOT_STACK_TYPE && resource.parent === undefined);
    const children = new Map<string | undefined, PlanResource[]>();
    for (const resource of resources) {
        if (resource === stack) {
            continue;
        }
        const parent = resource.parent !== undefined && byUrn.has(resource.parent) ? resource.parent : stack?.urn;
        const siblings = children.get(parent) ?? [];
        siblings.push(resource);
        children.set(parent, siblings);
    }
    const ordered: PlanResource[] = [];
    const depth = new Map<string, number>();
    const shownUnder = new Map<string, string>();
    const lastChildren = new Set<string>();
    // Iterative, so that deep trees cannot overflow the call stack.
    const pending: { resource: PlanResource; level: number }[] = [];
    const pushChildren = (parent: string | undefined, level: number): void => {
        const siblings = (children.get(parent) ?? []).sort(compareSiblings);
        for (const sibling of siblings) {
            if (parent !== undefined) {
                shownUnder.set(sibling.urn, parent);
            }
        }
        const last = siblings[siblings.length - 1];
        if (last !== undefined) {
            lastChildren.add(last.urn);
        }
        for (let index = siblings.length - 1; index >= 0; index -= 1) {
            pending.push({ resource: siblings[index] as PlanResource, level });
        }
    };
    if (stack !== undefined) {
        pending.push({ resource: stack, level: 0 });
    } else {
        pushChildren(undefined, 0);
    }
    while (pending.length > 0) {
        const { resource, level } = pending.pop() as { resource: PlanResource; level: number };
        ordered.push(resource);
        depth.set(resource.urn, level);
        pushChildren(resource.urn, level + 1);
    }
    return { ordered, depth, shownUnder, lastChildren };
}
