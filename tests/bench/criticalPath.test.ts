/** The critical path and the host-isolation check, on small graphs. */
import * as fc from "fast-check";
import { criticalPath, hostsChained, typicalDuration } from "../../bench/measure/criticalPath";
import { type GraphResource } from "../../bench/measure/types";

const HOST = "connector-topology:index:AzureConnectorHost";

function resource(name: string, dependencies: string[] = [], fields: Partial<GraphResource> = {}): GraphResource {
    return { urn: name, type: "x:index:Thing", name, custom: true, dependencies, ...fields };
}

/** A group: an Entra group, per host a NIC → VM → bootstrap chain inside a host component, a membership per host. */
function group(hosts: number): GraphResource[] {
    const resources: GraphResource[] = [resource("group", [], { type: "pulumi-nodejs:dynamic/connector-topology:EntraConnectorGroup" })];
    for (let i = 1; i <= hosts; i++) {
        resources.push(
            resource(`host-${i}`, [], { type: HOST, custom: false }),
            resource(`nic-${i}`, [], { type: "azure-native:network:NetworkInterface", parent: `host-${i}` }),
            resource(`vm-${i}`, [`nic-${i}`], { type: "azure-native:compute:VirtualMachine", parent: `host-${i}` }),
            resource(`bootstrap-${i}`, [`vm-${i}`], {
                type: "azure-native:compute:VirtualMachineExtension",
                extensionType: "CustomScriptExtension",
                parent: `host-${i}`,
            }),
            resource(`membership-${i}`, [`nic-${i}`, `vm-${i}`, `bootstrap-${i}`, "group"], {
                type: "pulumi-nodejs:dynamic/connector-topology:ConnectorGroupMembership",
            }),
        );
    }
    const memberships = resources.filter((r) => r.name.startsWith("membership-")).map((r) => r.urn);
    resources.push(resource("assignment", ["group", ...memberships], { type: "pulumi-nodejs:dynamic/connector-topology:ApplicationConnectorGroupAssignment" }));
    return resources;
}

describe("critical path", () => {
    it("follows the longest chain of typical durations, and does not grow with the number of hosts", () => {
        const two = criticalPath(group(2));
        expect(two.chain.map((r) => r.name)).toEqual(["nic-1", "vm-1", "bootstrap-1", "membership-1", "assignment"]);
        expect(two.seconds).toBe(10 + 180 + 240 + 3 + 3);
        expect(two.longestChainLength).toBe(5);
        const ten = criticalPath(group(10));
        expect([ten.seconds, ten.longestChainLength]).toEqual([two.seconds, two.longestChainLength]);
    });

    it("weighs extensions by what they run, and components and providers as nothing", () => {
        const join = resource("join", [], { type: "azure-native:compute:VirtualMachineExtension", extensionType: "JsonADDomainExtension" });
        expect(typicalDuration(join).kind).toBe("domain-join extension");
        expect(typicalDuration(resource("c", [], { custom: false })).seconds).toBe(0);
        expect(typicalDuration(resource("p", [], { type: "pulumi:providers:azure-native" })).seconds).toBe(0);
    });

    it("is never shorter than any chain in the graph (property)", () => {
        fc.assert(
            fc.property(fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat({ max: 50 }), { minLength: 12, maxLength: 12 }), (edges, weights) => {
                // Resource i may depend only on resources before it: a DAG.
                const graph = edges.map((targets, i) => resource(`r${i}`, i === 0 ? [] : targets.map((t) => `r${t % i}`)));
                const weight = (r: GraphResource): number => weights[Number(r.name.slice(1))] ?? 0;
                const path = criticalPath(graph, weight);
                expect(path.chain.reduce((sum, r) => sum + weight(r), 0)).toBe(path.seconds);
                for (let i = 1; i < path.chain.length; i++) {
                    expect(path.chain[i]?.dependencies).toContain(path.chain[i - 1]?.urn);
                }
                // Any single resource's chain to a root is no longer.
                for (const start of graph) {
                    let total = weight(start);
                    let current = start;
                    while (current.dependencies.length > 0) {
                        current = graph.find((r) => r.urn === current.dependencies[0]) as GraphResource;
                        total += weight(current);
                    }
                    expect(total).toBeLessThanOrEqual(path.seconds);
                }
            }),
        );
    });
});

describe("hosts chained across hosts", () => {
    it("finds none when each host and its membership wait only for their own resources", () => {
        expect(hostsChained(group(3))).toEqual([]);
    });

    it("finds a host whose VM waits for another host's bootstrap, and a membership that waits for another host", () => {
        const chained = group(2).map((r) => (r.name === "vm-2" ? { ...r, dependencies: ["nic-2", "bootstrap-1"] } : r));
        expect(hostsChained(chained)).toEqual(["host-2 waits for host-1"]);
        const viaMembership = group(2).map((r) => (r.name === "nic-2" ? { ...r, dependencies: ["membership-1"] } : r));
        expect(hostsChained(viaMembership)).toEqual(["host-2 waits for host-1"]);
    });
});
