import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type * as graph from "../../graph";
import { PACKAGE_NAME } from "../../model/contract";

/**
 * Where the serialised providers load their implementation from at run time:
 * - `package`: the library is installed; `require("connector-topology/graph")` by name resolves in the program's
 *   node_modules on whatever machine runs the provider (state written on a laptop works in CI).
 * - `file`: the library runs from its sources (this repository's own stacks and tests): a path relative to the
 *   program's directory, loaded through tsx when it is TypeScript.
 */
export type ImplementationLocation =
    | { readonly kind: "package"; readonly specifier: string }
    | { readonly kind: "file"; readonly relativePath: string; readonly typescript: boolean };

/** Works out {@link ImplementationLocation} from the graph entry point's file and the program's directory. */
export function implementationLocation(graphEntryFile: string, programDirectory: string): ImplementationLocation {
    const file = graphEntryFile.split(path.sep).join("/");
    if (file.includes(`/node_modules/${PACKAGE_NAME}/`)) {
        return { kind: "package", specifier: `${PACKAGE_NAME}/graph` };
    }
    return {
        kind: "file",
        relativePath: path.relative(programDirectory, graphEntryFile).split(path.sep).join("/"),
        typescript: /\.[cm]?tsx?$/.test(file),
    };
}

const LOCATION = implementationLocation(require.resolve("../../graph"), process.cwd());

/**
 * A provider that forwards every call to the implementation `name` of `connector-topology/graph`, loaded when the
 * provider first runs.
 *
 * Why: Pulumi serialises a dynamic resource's provider object into the stack's state and runs it later in another
 * process (the dynamic-provider host), copying its functions as source text together with everything they
 * reference. Referencing the implementation directly would copy the whole Graph layer into every stack's state (about
 * 140 KB, and seconds of serialisation per resource type, even under the mock engine). These functions reference
 * only {@link loadImplementation} and a location, so the serialised provider is a few lines long and the program
 * itself never loads the Graph client or `@azure/identity`.
 */
export function delegatingProvider(name: graph.DynamicProviderName): pulumi.dynamic.ResourceProvider {
    const location = LOCATION;
    const implementation = (): pulumi.dynamic.ResourceProvider => loadImplementation(location, name);
    return {
        check: (olds, news) => implementation().check!(olds, news),
        diff: (id, olds, news) => implementation().diff!(id, olds, news),
        create: (inputs) => implementation().create(inputs),
        read: (id, props) => implementation().read!(id, props),
        update: (id, olds, news) => implementation().update!(id, olds, news),
        delete: (id, props) => implementation().delete!(id, props),
    };
}

/** Runs in the provider host: requires the implementations (Node caches the module after the first call). */
function loadImplementation(location: ImplementationLocation, name: graph.DynamicProviderName): pulumi.dynamic.ResourceProvider {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, in the provider host */
    if (location.kind === "package") {
        return (require(location.specifier) as typeof graph).dynamicProviderImplementations[name];
    }
    const file = require("node:path").resolve(process.cwd(), location.relativePath) as string;
    if (location.typescript) {
        const registered = Symbol.for("connector-topology.tsx-registered");
        const flags = globalThis as { [key: symbol]: unknown };
        flags[registered] ??= require("tsx/cjs/api").register();
    }
    return (require(file) as typeof graph).dynamicProviderImplementations[name];
    /* eslint-enable @typescript-eslint/no-require-imports */
}
