import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { COMPONENT_TYPES, type ConnectorGroupSummary, ENTRA_RESOURCE_TYPES } from "connector-topology";
import { type MockEngine, startMockEngine, whereMentioned } from "./harness";

const ROOT = path.resolve(__dirname, "../..");

/** The committed stack config, with each `secure:` placeholder replaced by a distinct test secret. */
function devStackConfig(): { config: Record<string, string>; secrets: Record<string, string> } {
    const stack = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(stack.config)) {
        if (typeof value === "object" && value !== null && "secure" in value) {
            secrets[key] = `dev-secret-${key.split(":")[1]}-0b7e`;
            config[key] = secrets[key]!;
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secrets };
}

describe("the dev stack (Pulumi.yaml, Pulumi.dev.yaml, examples/dev)", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("Pulumi.yaml runs examples/dev as project connector-topology on Node.js", () => {
        const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { main: string };
        expect(project).toMatchObject({ name: "connector-topology", runtime: { name: "nodejs", options: { tsconfig: "tsconfig.pulumi.json" } }, main: "examples/dev/" });
        expect(fs.existsSync(path.join(ROOT, project.main, "index.ts"))).toBe(true);
    });

    test("builds groups in two regions with two hosts each, and assigns Quick Access and two Enterprise apps", async () => {
        const { config, secrets } = devStackConfig();
        pulumi.runtime.setAllConfig(config, Object.keys(secrets));
        await jest.isolateModulesAsync(async () => {
            await import("../../examples/dev");
        });
        await engine.settle();

        const groups = engine.ofType(COMPONENT_TYPES.ConnectorGroup).map((r) => r.inputs as unknown as ConnectorGroupSummary);
        expect(groups.map((g) => [g.displayName, g.region, g.hosts.length])).toEqual([
            ["eur-apps", "eur", 2],
            ["nam-apps", "nam", 2],
        ]);
        expect(new Set(groups.flatMap((g) => g.hosts.map((h) => h.zone))).size).toBeGreaterThan(1);
        expect(engine.ofType("azure-native:compute:VirtualMachine")).toHaveLength(4);
        expect(engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership)).toHaveLength(4);
        const assignments = engine.ofType(COMPONENT_TYPES.AppAssignment).map((r) => r.inputs);
        expect(assignments).toEqual([
            { appKind: "quickAccess", app: "Quick Access", connectorGroupName: "eur-apps" },
            { appKind: "enterprise", app: "HR portal", connectorGroupName: "nam-apps" },
            { appKind: "enterprise", app: "22222222-2222-4222-8222-222222222222", connectorGroupName: "eur-apps" },
        ]);
        // Quick Access and the app named by display name are looked up in Graph; the one named by object id is not.
        expect(engine.ofType(ENTRA_RESOURCE_TYPES.QuickAccessApplicationLookup).map((r) => r.name)).toEqual(["quick-access-app"]);
        expect(engine.ofType(ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup).map((r) => r.name)).toEqual(["hr-portal-app"]);
        for (const secret of Object.values(secrets)) {
            const plain = engine.registrations.flatMap((r) => whereMentioned(r.inputs, secret).plain.map((p) => `${r.name}.${p}`));
            expect(plain).toEqual([]);
        }
    });
});
