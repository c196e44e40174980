/**
 * The critical path of `pulumi up`, from a plan's dependency graph: the chain of dependent resources whose typical
 * create durations add up to the longest time. `pulumi up` runs every operation whose dependencies are done, with no
 * limit by default (`--parallel` defaults to unbounded), so that chain is the expected wall-clock of a first
 * deployment. Pure: the graph comes from a plan (bench/children/plan.ts `--graph`).
 */
import { COMPONENT_TYPES } from "../../src/model/contract";
import { type GraphResource } from "./types";

/** How long creating one kind of resource typically takes, and where the figure comes from. */
export interface TypicalDuration {
    /** What it applies to, as the report names it. */
    readonly kind: string;
    readonly seconds: number;
    readonly basis: string;
}

/** The basis of a Graph resource's duration: its calls (as the emulator counts them), each well under a second. */
function graphCalls(count: number): string {
    return `${count} Microsoft Graph call${count === 1 ? "" : "s"} (the emulator's count), each well under a second`;
}

/**
 * The durations the critical path is weighed with. These are estimates, not measurements (no cloud is reachable
 * here): Azure documents no create times. Change them here; the report prints them with the result.
 */
export const TYPICAL_DURATIONS: Readonly<Record<string, TypicalDuration>> = {
    nic: { kind: "Azure NIC", seconds: 10, basis: "estimate: a network interface is an ARM write of a few seconds" },
    vm: { kind: "Azure Windows Server VM", seconds: 180, basis: "estimate: Windows Server VMs usually take 2-4 minutes to provision" },
    domainJoin: {
        kind: "domain-join extension",
        seconds: 150,
        basis: "estimate: JsonADDomainExtension joins, then restarts the VM (about 2-3 minutes)",
    },
    bootstrap: {
        kind: "bootstrap extension",
        seconds: 240,
        basis: "estimate: Custom Script Extension downloads and installs the connector, then registers it (3-5 minutes)",
    },
    entraGroup: { kind: "Entra connector group", seconds: 2, basis: graphCalls(2) },
    membership: { kind: "connector membership", seconds: 3, basis: `${graphCalls(3)}; the connector has registered by then` },
    assignment: { kind: "app assignment", seconds: 3, basis: graphCalls(3) },
    lookup: { kind: "app lookup", seconds: 1, basis: graphCalls(1) },
    other: { kind: "anything else (components, providers)", seconds: 0, basis: "no provider operation" },
};

/** The typical duration of a resource. */
export function typicalDuration(resource: GraphResource): TypicalDuration {
    const type = resource.type;
    if (!resource.custom || type.startsWith("pulumi:providers:")) {
        return TYPICAL_DURATIONS["other"] as TypicalDuration;
    }
    const key =
        type === "azure-native:network:NetworkInterface"
            ? "nic"
            : type === "azure-native:compute:VirtualMachine"
              ? "vm"
              : type === "azure-native:compute:VirtualMachineExtension"
                ? resource.extensionType === "JsonADDomainExtension"
                    ? "domainJoin"
                    : "bootstrap"
                : type.endsWith(":EntraConnectorGroup")
                  ? "entraGroup"
                  : type.endsWith(":ConnectorGroupMembership")
                    ? "membership"
                    : type.endsWith(":ApplicationConnectorGroupAssignment")
                      ? "assignment"
                      : type.endsWith("ApplicationLookup")
                        ? "lookup"
                        : "other";
    return TYPICAL_DURATIONS[key] as TypicalDuration;
}

/** The critical path of a graph. */
export interface CriticalPath {
    /** The resources of the longest chain, first to last. */
    readonly chain: readonly GraphResource[];
    /** Their typical durations added up: the expected wall-clock of `pulumi up`, in seconds. */
    readonly seconds: number;
    /** The most resources any chain of dependent resources holds (whatever their durations). */
    readonly longestChainLength: number;
}

/** The longest chain, by typical duration, through the dependency graph; also the longest by count. */
export function criticalPath(resources: readonly GraphResource[], durationOf: (resource: GraphResource) => number = (r) => typicalDuration(r).seconds): CriticalPath {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const finish = new Map<string, { seconds: number; length: number; previous?: string }>();
    const visit = (resource: GraphResource, visiting: Set<string>): { seconds: number; length: number } => {
        const known = finish.get(resource.urn);
        if (known !== undefined) {
            return known;
        }
        if (visiting.has(resource.urn)) {
            throw new Error(`dependency cycle through ${resource.urn}`);
        }
        visiting.add(resource.urn);
        let start = { seconds: 0, length: 0 };
        let previous: string | undefined;
        for (const urn of resource.dependencies) {
            const dependency = byUrn.get(urn);
            if (dependency === undefined) {
                continue;
            }
            const done = visit(dependency, visiting);
            if (done.seconds > start.seconds || (done.seconds === start.seconds && done.length > start.length)) {
                previous = urn;
            }
            start = { seconds: Math.max(start.seconds, done.seconds), length: Math.max(start.length, done.length) };
        }
        visiting.delete(resource.urn);
        const result = { seconds: start.seconds + durationOf(resource), length: start.length + 1, ...(previous !== undefined ? { previous } : {}) };
        finish.set(resource.urn, result);
        return result;
    };
    let last: GraphResource | undefined;
    let longestChainLength = 0;
    for (const resource of resources.filter((candidate) => candidate.custom)) {
        const done = visit(resource, new Set());
        longestChainLength = Math.max(longestChainLength, done.length);
        if (last === undefined || done.seconds > (finish.get(last.urn)?.seconds ?? 0)) {
            last = resource;
        }
    }
    const chain: GraphResource[] = [];
    for (let urn = last?.urn; urn !== undefined; urn = finish.get(urn)?.previous) {
        chain.unshift(byUrn.get(urn) as GraphResource);
    }
    return { chain, seconds: last === undefined ? 0 : (finish.get(last.urn)?.seconds ?? 0), longestChainLength };
}

const HOST_TYPES: ReadonlySet<string> = new Set([COMPONENT_TYPES.AzureConnectorHost, COMPONENT_TYPES.AwsConnectorHost, COMPONENT_TYPES.GcpConnectorHost]);

/**
 * Pairs of hosts chained to each other: a resource of one host (inside its host component, or waiting for one, like
 * its membership) that waits, directly or not, for a resource of another. Empty when hosts deploy in parallel.
 */
export function hostsChained(resources: readonly GraphResource[]): string[] {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const hostOf = (resource: GraphResource): string | undefined => {
        for (let parent = resource.parent; parent !== undefined; parent = byUrn.get(parent)?.parent) {
            if (HOST_TYPES.has(byUrn.get(parent)?.type ?? "")) {
                return parent;
            }
        }
        return undefined;
    };
    // A resource outside every host that waits for exactly one host's resources belongs to that host (its membership).
    const owner = new Map<string, string>();
    for (const resource of resources) {
        const host = hostOf(resource);
        if (host !== undefined) {
            owner.set(resource.urn, host);
        }
    }
    for (const resource of resources) {
        if (owner.has(resource.urn)) {
            continue;
        }
        const hosts = new Set(resource.dependencies.map((urn) => owner.get(urn)).filter((host): host is string => host !== undefined));
        if (hosts.size === 1) {
            owner.set(resource.urn, [...hosts][0] as string);
        }
    }
    const chained = new Set<string>();
    for (const resource of resources) {
        const host = owner.get(resource.urn);
        if (host === undefined) {
            continue;
        }
        const seen = new Set<string>();
        const pending = [...resource.dependencies];
        while (pending.length > 0) {
            const urn = pending.pop() as string;
            if (seen.has(urn)) {
                continue;
            }
            seen.add(urn);
            const other = owner.get(urn);
            if (other !== undefined && other !== host) {
                chained.add(`${host} waits for ${other}`);
            }
            pending.push(...(byUrn.get(urn)?.dependencies ?? []));
        }
    }
    return [...chained].sort();
}
