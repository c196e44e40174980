/**
 * The cloud SDKs' version aliases, handled without the SDK's dead work.
 *
 * Every azure-native resource class lists its type under each older API version as an alias (`{ type:
 * "azure-native:network/v20180601:NetworkInterface" }`, 60 of them for a NIC). The Pulumi Node.js SDK turns every
 * alias into an Output of its URN in the resource's constructor, then, with an engine that takes alias specs (the mock
 * engine and today's CLI), sends the specs and never reads those Outputs (pulumi/pulumi#10010). Under the mock engine,
 * where a program's resources are all constructed before any registration completes, those Outputs are most of a
 * plan's memory and time: about 450 KiB and 40 ms of a NIC's 660 KiB and 45 ms.
 *
 * A stack transformation sets such aliases aside before the constructor sees them, and the capture adds them back to
 * what it records, as the URNs the engine would derive from the same specs. The plan records exactly the aliases it
 * recorded before; only the SDK's unused Outputs are gone.
 */
import * as pulumi from "@pulumi/pulumi";
import { makeUrn } from "./urn";

/** Whether an alias is a plain `{ type }` spec: known now, naming another type and nothing else. */
function versionAliasType(alias: unknown): string | undefined {
    if (typeof alias !== "object" || alias === null || pulumi.Output.isInstance(alias) || alias instanceof Promise) {
        return undefined;
    }
    const keys = Object.keys(alias);
    const type = (alias as { type?: unknown }).type;
    return keys.length === 1 && keys[0] === "type" && typeof type === "string" && type !== "" ? type : undefined;
}

/** The aliases set aside in one plan run. */
export class VersionAliases {
    /** The engine URN of every resource the transformation saw, for its children's URNs. */
    private readonly urns = new WeakMap<pulumi.Resource, string>();
    private readonly setAside = new Map<string, string[]>();

    constructor(
        private readonly project: string,
        private readonly stack: string,
    ) {}

    /** The stack transformation that sets aliases aside. Register it in the stack, before the program runs. */
    readonly transformation: pulumi.ResourceTransformation = (args) => {
        const parent = args.opts.parent;
        const topLevel = parent === undefined || parent === pulumi.runtime.getStackResource();
        const parentUrn = topLevel ? undefined : this.urns.get(parent);
        if (!topLevel && parentUrn === undefined) {
            return undefined; // A parent the transformation never saw: its URN is not known here, so nothing is set aside.
        }
        const urn = makeUrn(this.stack, this.project, parentUrn, args.type, args.name);
        this.urns.set(args.resource, urn);
        const aliases = args.opts.aliases ?? [];
        const types = aliases.map(versionAliasType);
        if (!types.some((type) => type !== undefined)) {
            return undefined;
        }
        this.setAside.set(urn, types.filter((type): type is string => type !== undefined));
        return { props: args.props, opts: { ...args.opts, aliases: aliases.filter((_, index) => types[index] === undefined) } };
    };

    /** The alias types set aside for the resource with this engine URN (once: the record takes them). */
    take(urn: string): readonly string[] {
        const types = this.setAside.get(urn) ?? [];
        this.setAside.delete(urn);
        return types;
    }
}
