/** The resources section: what `pulumi up` would create (or read), as a tree. */
import { redactSecrets } from "../properties";
import { columns, type ReportSection } from "./section";
import { type ResourceTree } from "./tree";

/** One resource in the JSON document. */
export interface ResourceEntry {
    urn: string;
    type: string;
    name: string;
    /** The parent's URN; null for the stack and for providers. */
    parent: string | null;
    custom: boolean;
    operation: "create" | "read";
    /** The provider's URN (custom resources). */
    provider?: string;
    dependencies: string[];
    /** The inputs the program registered, secrets shown as "[secret]". */
    inputs: unknown;
}

const SYMBOL = { create: "+", read: ">" } as const;

/** The tree drawing before a resource's type: `│  ├─ `. Linear in the resource's depth. */
function treePrefix(tree: ResourceTree, urn: string): string {
    const chain: string[] = [];
    for (let current: string | undefined = urn; current !== undefined && tree.shownUnder.has(current); current = tree.shownUnder.get(current)) {
        chain.push(current);
    }
    if (chain.length === 0) {
        return "";
    }
    const [self, ...ancestors] = chain as [string, ...string[]];
    // The outermost ancestor below the root draws first.
    const rails = ancestors.reverse().map((ancestor) => (tree.lastChildren.has(ancestor) ? "   " : "│  "));
    return rails.join("") + (tree.lastChildren.has(self) ? "└─ " : "├─ ");
}

export const resourcesSection: ReportSection<ResourceEntry[]> = {
    key: "resources",
    build(context) {
        return context.resources.map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            parent: resource.parent ?? null,
            custom: resource.custom,
            operation: resource.operation,
            ...(resource.provider !== undefined ? { provider: resource.provider } : {}),
            dependencies: resource.dependencies,
            inputs: redactSecrets(resource.inputs),
        }));
    },
    render(data, context) {
        const rows = [["", "Type", "Name", "Plan"]];
        data.forEach((entry) => {
            rows.push([SYMBOL[entry.operation], treePrefix(context.tree, entry.urn) + entry.type, entry.name, entry.operation]);
        });
        const creates = data.filter((entry) => entry.operation === "create").length;
        const reads = data.length - creates;
        const counts = [`${creates} to create`, ...(reads > 0 ? [`${reads} to read`] : [])].join(", ");
        return ["Resources:", ...columns(rows), "", `  ${counts}`];
    },
};
