/** What every Graph-backed provider shares: one client per Graph endpoint, and the shape of `check` results. */
import type * as pulumi from "@pulumi/pulumi";
import { GraphClient } from "../client";
import { type CheckedInputs, checkFailures } from "./validation";

// The registry lives on globalThis rather than in a module variable: Pulumi serialises the providers' code into the
// stack's state by value when the library is not installed from a registry (this repository's own stacks), and a
// module variable would be serialised with whatever clients it held. Keyed by endpoint, it lets every resource in a
// provider process share one token cache.
const REGISTRY = Symbol.for("connector-topology.graph-clients");

/**
 * The client for a Graph endpoint, shared by every resource in this process. It authenticates with
 * `DefaultAzureCredential` from the environment: credentials never pass through Pulumi inputs or state.
 */
export function sharedGraphClient(endpoint: string): GraphClient {
    const holder = globalThis as { [REGISTRY]?: Map<string, GraphClient> };
    const registry = (holder[REGISTRY] ??= new Map<string, GraphClient>());
    let client = registry.get(endpoint);
    if (client === undefined) {
        client = new GraphClient({ endpoint });
        registry.set(endpoint, client);
    }
    return client;
}

/** A `check` answer from validated inputs. */
export function checkResult(result: CheckedInputs): pulumi.dynamic.CheckResult {
    return { inputs: result.inputs, failures: checkFailures(result) };
}

/** Reads a string input that validation has already checked. */
export function str(value: unknown): string {
    return value as string;
}
