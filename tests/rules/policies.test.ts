import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as fc from "fast-check";
import { NOT_APPLICABLE, PolicyConfigError, policies, resolveConfig, type ResourceRule, type StackRule } from "../../src/rules";
import {
    AWS_INSTANCE,
    awsInstanceProps,
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    CONNECTOR_TAGS,
    ENTRA_RESOURCE_TYPES,
    GCP_INSTANCE,
    gcpInstanceProps,
    groupSummary,
    resource,
    runResourcePolicy,
    runStackPolicy,
    StackBuilder,
} from "./fixtures";

const isStackPolicy = (p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy => "validateStack" in p;

/** Runs every policy of the pack over a stack, as the engine would: resource policies per resource, then stack ones. */
async function evaluate(resources: ReturnType<StackBuilder["add"]>[], config: Record<string, Record<string, unknown>> = {}) {
    const found: { policy: string; urn: string | undefined; message: string }[] = [];
    for (const policy of policies) {
        const policyConfig = config[policy.name] ?? {};
        if (isStackPolicy(policy)) {
            const run = await runStackPolicy(policy, resources, policyConfig);
            found.push(...run.violations.map((v) => ({ policy: policy.name, urn: v.urn, message: v.message })));
        } else {
            for (const resource of resources) {
                const run = await runResourcePolicy(policy, resource, policyConfig);
                found.push(...run.violations.map((v) => ({ policy: policy.name, urn: resource.urn, message: v.message })));
            }
        }
    }
    return found;
}

function estate(): StackBuilder {
    const stack = new StackBuilder();
    // A ConnectorGroup with one undersized Server Core host, serving an SSO app, and an app on the default group.
    stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary({
        servesSso: true,
        allowSingleConnector: true,
        hosts: [{ machineName: "CONN-EU-1", platform: "azure", cloudRegion: "westeurope", zone: "1", size: "Standard_B2ms", image: "MicrosoftWindowsServer:WindowsServer:2022-datacenter-core:latest", domainJoined: false }],
    }));
    stack.add(COMPONENT_TYPES.AppAssignment, "wiki", { appKind: "enterprise", app: "Wiki", connectorGroupName: "Default" });
    // A hand-built group in Asia: two AWS hosts in Europe (one with a public IP and no encryption, one carrying a token)
    // and an existing server moved in by a membership (whose placement the stack cannot see, so zones are not judged).
    stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "apac", { displayName: "apac", region: "asia" });
    stack.add(AWS_INSTANCE, "apac-1", awsInstanceProps({ tags: CONNECTOR_TAGS("apac"), associatePublicIpAddress: true, rootBlockDevice: {} }));
    stack.add(AWS_INSTANCE, "apac-2", awsInstanceProps({ tags: CONNECTOR_TAGS("apac"), userData: "-Token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJwcm94eSJ9.c2lnbmF0dXJlLXh4eHh4" }));
    stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "srv", { machineName: "SRV-1", connectorGroupName: "apac" });
    return stack;
}

describe("the pack's policy list", () => {
    it("names every rule once, in kebab-case, and never 'all'", () => {
        const names = policies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        names.forEach((name) => expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/));
        expect(names).not.toContain("all");
    });

    it("has the enforcement levels the issue asks for", () => {
        const level = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
        expect(level).toEqual({
            "no-apps-on-default-group": "mandatory",
            "no-group-named-default": "mandatory",
            "min-connectors-per-group": "mandatory",
            "connector-host-min-size": "mandatory",
            "connector-host-windows-image": "mandatory",
            "domain-join-for-sso": "mandatory",
            "connector-host-no-public-ip": "mandatory",
            "connector-host-no-inbound-rules": "mandatory",
            "no-secrets-in-user-data": "mandatory",
            "connector-zone-spread": "advisory",
            "connector-region-near-group": "advisory",
            "connector-host-encryption": "advisory",
            "restart-connector-after-group-move": "advisory",
            "intune-min-certificate-connectors": "mandatory",
            "intune-no-pkcs-as-system": "mandatory",
            "intune-expiry-gap": "mandatory",
            "intune-expiry-not-due": "mandatory",
            "intune-service-account-local-admin": "advisory",
        });
    });

    it("describes every rule and documents and defaults every config property", () => {
        for (const policy of policies) {
            expect(policy.description.length).toBeGreaterThan(20);
            expect(policy.remediationSteps?.length).toBeGreaterThan(10);
            const properties = policy.configSchema?.properties ?? {};
            expect(Object.keys(properties)).not.toContain("enforcementLevel");
            for (const property of Object.values(properties)) {
                expect(property).toEqual(expect.objectContaining({ default: expect.anything(), description: expect.any(String) }));
            }
        }
    });

    it("applies in code exactly the defaults its schema declares", async () => {
        const resources = estate().resources as ReturnType<StackBuilder["add"]>[];
        const defaults = Object.fromEntries(
            policies.map((p) => [p.name, Object.fromEntries(Object.entries(p.configSchema?.properties ?? {}).map(([k, v]) => [k, (v as { default: unknown }).default]))]),
        );
        expect(await evaluate(resources)).toEqual(await evaluate(resources, defaults));
    });

    it("refuses config of the wrong type with an error naming policy, key, value and rule", () => {
        const schema = { minConnectors: { type: "integer" as const, minimum: 1, default: 2, description: "d" } };
        expect(() => resolveConfig("min-connectors-per-group", schema, { minConnectors: "three" })).toThrow(
            new PolicyConfigError("min-connectors-per-group", "minConnectors", "three", "must be of type integer"),
        );
        expect(resolveConfig("min-connectors-per-group", schema, { minConnectors: 3, unrelated: true })).toEqual({ minConnectors: 3 });
    });
});

describe("the pack over a stack that breaks the rules", () => {
    it("reports each broken rule on the resource at fault", async () => {
        const found = await evaluate(estate().resources as ReturnType<StackBuilder["add"]>[]);
        const summary = found.map((f) => `${f.policy} @ ${f.urn?.split("::").pop()}`);
        expect(summary).toEqual([
            "no-apps-on-default-group @ wiki",
            "min-connectors-per-group @ eu-apps",
            "connector-host-min-size @ eu-apps",
            "connector-host-windows-image @ eu-apps",
            "domain-join-for-sso @ eu-apps",
            "connector-host-no-public-ip @ apac-1",
            "no-secrets-in-user-data @ apac-2",
            "connector-region-near-group @ apac-1",
            "connector-region-near-group @ apac-2",
            "connector-host-encryption @ apac-1",
            "restart-connector-after-group-move @ srv",
        ]);
    });

    it("reports nothing on a compliant estate of every cloud", async () => {
        const stack = new StackBuilder();
        stack.add(COMPONENT_TYPES.ConnectorGroup, "eu-apps", groupSummary({ servesSso: true }));
        stack.add(COMPONENT_TYPES.AppAssignment, "wiki", { appKind: "enterprise", app: "Wiki", connectorGroupName: "eu-apps" });
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "multi", { displayName: "multi", region: "eur" });
        stack.add(AZURE_VM, "az", azureVmProps({ tags: CONNECTOR_TAGS("multi") }));
        stack.add(AWS_INSTANCE, "aws", awsInstanceProps({ tags: CONNECTOR_TAGS("multi") }));
        stack.add(GCP_INSTANCE, "gcp", gcpInstanceProps({ labels: CONNECTOR_TAGS("multi") }));
        expect(await evaluate(stack.resources as ReturnType<StackBuilder["add"]>[])).toEqual([]);
    });
});

describe("the resource types each resource rule says it applies to", () => {
    const rules = policies.flatMap((policy) => {
        const { rule } = policy as { rule?: ResourceRule<unknown> | StackRule<unknown> };
        return rule !== undefined && "resourceTypes" in rule ? [rule] : [];
    });
    const defaults = (rule: ResourceRule<unknown>) => resolveConfig(rule.name, rule.config, {});
    // Props of every kind the rules read, each breaking some rule, so that a rule that applied would have a verdict.
    const samples: Record<string, unknown>[] = [
        azureVmProps({ hardwareProfile: { vmSize: "Standard_B2ms" }, securityProfile: {}, userData: "-Token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJwcm94eSJ9.c2lnbmF0dXJl" }),
        awsInstanceProps({ instanceType: "t3.small", associatePublicIpAddress: true, rootBlockDevice: {} }),
        gcpInstanceProps({ machineType: "e2-small" }),
        groupSummary({ displayName: "Default", hosts: [{ machineName: "CONN-1", platform: "azure", cloudRegion: "westeurope", zone: "1", size: "Standard_B2ms", image: "x:y:2016-datacenter:latest", domainJoined: false }] }),
        { appKind: "enterprise", app: "Wiki", connectorGroupName: "Default", connectorGroupId: "0" },
        { displayName: "Default", region: "asia" },
        { type: "CustomScriptExtension", protectedSettings: {}, settings: { commandToExecute: "install.ps1 -Token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJwcm94eSJ9.c2lnbmF0dXJl" } },
    ];
    const knownTypes = [...new Set([...rules.flatMap((rule) => rule.resourceTypes), ...Object.values(COMPONENT_TYPES), ...Object.values(ENTRA_RESOURCE_TYPES), AZURE_VM, AWS_INSTANCE, GCP_INSTANCE])];

    it("are the only types on which a rule has a verdict, whatever the props", () => {
        for (const rule of rules) {
            for (const type of knownTypes.filter((known) => !rule.resourceTypes.includes(known))) {
                for (const props of samples) {
                    expect([rule.name, type, rule.check(resource(type, "subject", props), defaults(rule))]).toEqual([rule.name, type, NOT_APPLICABLE]);
                }
            }
        }
        fc.assert(
            fc.property(fc.constantFrom(...rules), fc.string(), fc.constantFrom(...samples), (rule, type, props) => {
                fc.pre(!rule.resourceTypes.includes(type));
                expect(rule.check(resource(type, "subject", props), defaults(rule))).toBe(NOT_APPLICABLE);
            }),
        );
    });

    it("include a type on which each rule does judge", () => {
        for (const rule of rules.filter((candidate) => !candidate.name.startsWith("intune-"))) {
            const judged = rule.resourceTypes.some((type) => samples.some((props) => rule.check(resource(type, "subject", props), defaults(rule)) !== NOT_APPLICABLE));
            expect([rule.name, judged]).toEqual([rule.name, true]);
        }
    });
});
