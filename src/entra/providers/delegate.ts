import type * as pulumi from "@pulumi/pulumi";
import * as graph from "../../graph";

/**
 * A provider that forwards every call to the implementation `name` exported by `connector-topology/graph`.
 *
 * Why the indirection: Pulumi serialises a dynamic resource's provider object into the stack's state and runs it
 * later in another process (the dynamic-provider host). Its functions are copied as source text, and the modules they
 * use are copied by value, except modules of installed packages, which become a `require` by package name; and only
 * a package's exported entry points can be required. These functions use nothing but the `connector-topology/graph`
 * entry point, so the serialised provider stays a few lines long and loads the real code, with its dependencies, from
 * the program's node_modules when it runs. Keep it that way: an import of any other module of this package here
 * would make serialisation fail for every user who installed the package.
 */
export function delegatingProvider(name: graph.DynamicProviderName): pulumi.dynamic.ResourceProvider {
    return {
        check: (olds, news) => graph.dynamicProviderImplementations[name].check!(olds, news),
        diff: (id, olds, news) => graph.dynamicProviderImplementations[name].diff!(id, olds, news),
        create: (inputs) => graph.dynamicProviderImplementations[name].create(inputs),
        read: (id, props) => graph.dynamicProviderImplementations[name].read!(id, props),
        update: (id, olds, news) => graph.dynamicProviderImplementations[name].update!(id, olds, news),
        delete: (id, props) => graph.dynamicProviderImplementations[name].delete!(id, props),
    };
}
