/** Policy configuration: defaults, the pack's initial config and the file, reconciled and checked as the CLI does. */
import type { Policies } from "@pulumi/policy";
import { parsePolicyConfig, PlanError, reconcilePolicyConfig } from "connector-topology/plan";

const policies: Policies = [
    {
        name: "min-connectors",
        description: "d",
        enforcementLevel: "mandatory",
        configSchema: { properties: { minimum: { type: "integer", minimum: 1, default: 2 }, note: { type: "string" } } },
        validateResource: () => undefined,
    },
    { name: "no-default-group", description: "d", validateResource: () => undefined },
];

describe("policy config", () => {
    it("starts from each policy's level (or the pack's) and its schema defaults", () => {
        const configs = reconcilePolicyConfig(policies, { packEnforcementLevel: "mandatory" });
        expect(Object.fromEntries(configs)).toEqual({
            "min-connectors": { enforcementLevel: "mandatory", properties: { minimum: 2 } },
            "no-default-group": { enforcementLevel: "mandatory", properties: {} },
        });
        expect(reconcilePolicyConfig(policies).get("no-default-group")?.enforcementLevel).toBe("advisory");
    });

    it("applies the initial config, then the file; `all` sets every level before per-policy entries", () => {
        const configs = reconcilePolicyConfig(policies, {
            initialConfig: { "min-connectors": { minimum: 3, note: "initial" } },
            overrides: parsePolicyConfig({ all: "advisory", "min-connectors": { enforcementLevel: "disabled", minimum: 4 } }, "file.json"),
        });
        expect(Object.fromEntries(configs)).toEqual({
            "min-connectors": { enforcementLevel: "disabled", properties: { minimum: 4, note: "initial" } },
            "no-default-group": { enforcementLevel: "advisory", properties: {} },
        });
    });

    it("rejects values the schema does not allow, naming the policy and the property", () => {
        expect(() => reconcilePolicyConfig(policies, { overrides: parsePolicyConfig({ "min-connectors": { minimum: 0 } }, "f.json") })).toThrow(
            "the policy config is invalid:\n  - min-connectors: minimum must be >= 1",
        );
    });

    it("rejects a required property that nobody set, and a bad value from the pack's initial config", () => {
        const requiring: Policies = [
            { name: "tagged", description: "d", configSchema: { properties: { tag: { type: "string" } }, required: ["tag"] }, validateResource: () => undefined },
        ];
        expect(() => reconcilePolicyConfig(requiring)).toThrow("the policy config is invalid:\n  - tagged: must have required property 'tag'");
        expect(() => reconcilePolicyConfig(policies, { initialConfig: { "min-connectors": { note: 7 } } })).toThrow("min-connectors: note must be string");
    });

    it("rejects levels that do not exist and entries of the wrong shape", () => {
        expect(() => parsePolicyConfig({ "min-connectors": "strict" }, "f.json")).toThrow(PlanError);
        expect(() => parsePolicyConfig({ "min-connectors": "strict" }, "f.json")).toThrow('f.json: "min-connectors" = "strict" is not an enforcement level');
        expect(() => parsePolicyConfig({ "min-connectors": { enforcementLevel: 3 } }, "f.json")).toThrow("is not an enforcement level");
        expect(() => parsePolicyConfig({ "min-connectors": 3 }, "f.json")).toThrow("must be an enforcement level or an object");
        expect(() => parsePolicyConfig([], "f.json")).toThrow("must be a JSON object keyed by policy name");
    });
});
