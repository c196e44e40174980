/** Stack configuration, resolved as the Pulumi CLI resolves it, with secure values standing in as secrets. */
import * as fc from "fast-check";
import { resolveStackConfig, secretPlaceholder } from "connector-topology/plan";

const resolve = (projectConfig: unknown, stackConfig: unknown) =>
    resolveStackConfig({ projectName: "proj", stackName: "dev", projectConfig, stackConfig });

describe("resolveStackConfig", () => {
    it("namespaces bare keys with the project, lets the stack override project values, and encodes values as strings", () => {
        const config = resolve(
            { count: 2, region: { type: "string", default: "eur" }, "aws:region": "us-east-1" },
            { count: 3, "aws:region": "eu-west-1", tags: { team: "net" }, enabled: true },
        );
        expect(config.values).toEqual({
            "aws:region": "eu-west-1",
            "proj:count": "3",
            "proj:enabled": "true",
            "proj:region": "eur",
            "proj:tags": '{"team":"net"}',
        });
        expect(config.secretKeys).toEqual([]);
    });

    it("replaces secure values by placeholders and marks their keys secret, including objects holding one", () => {
        const config = resolve(undefined, {
            token: { secure: "v1:Y2lwaGVydGV4dA==" },
            "proj:join": { user: "svc-join", password: { secure: "v1:cGFzc3dvcmQ=" } },
        });
        expect(config.values["proj:token"]).toBe(secretPlaceholder("proj:token"));
        expect(JSON.parse(config.values["proj:join"] as string)).toEqual({ user: "svc-join", password: secretPlaceholder("proj:join.password") });
        expect(config.secretKeys).toEqual(["proj:join", "proj:token"]);
        expect(JSON.stringify(config)).not.toContain("v1:");
    });

    it("reports every missing, mistyped or plaintext-secret value at once, without printing secure values", () => {
        let message = "";
        try {
            resolve(
                { count: { type: "integer" }, size: { type: "integer" }, apiKey: { type: "string", secret: true } },
                { size: "large", apiKey: "plain-text-key" },
            );
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toContain('The configuration of stack "dev" has invalid input');
        expect(message).toContain('proj:count = (not set): stack "dev" is missing this configuration value');
        expect(message).toContain('proj:size = "large": must be of type integer');
        expect(message).toContain("proj:apiKey = \"(plaintext)\": Pulumi.yaml declares it secret");
        expect(message).not.toContain("plain-text-key");
    });

    it("never lets a secure value's ciphertext reach the program, and gives each key its own placeholder", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,11}$/), fc.base64String({ minLength: 4 }), { minKeys: 1 }), (secrets) => {
                const stackConfig = Object.fromEntries(Object.entries(secrets).map(([key, cipher]) => [key, { secure: `v1:${cipher}` }]));
                const config = resolve(undefined, stackConfig);
                const values = Object.values(config.values);
                expect(new Set(values).size).toBe(values.length);
                expect(config.secretKeys).toHaveLength(values.length);
                for (const cipher of Object.values(secrets)) {
                    expect(values.some((value) => value.includes(`v1:${cipher}`))).toBe(false);
                }
            }),
        );
    });
});
