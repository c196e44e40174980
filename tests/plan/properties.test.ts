/** Finding secure config values that reach a resource as plain text. */
import { SECRET_PLACEHOLDER_PREFIX } from "../../src/plan/config";
import { findPlaintextSecrets, type PlanObject, SecretValue } from "../../src/plan/properties";

describe("findPlaintextSecrets", () => {
    it("names the path of every plain stand-in, at any depth, and none inside a secret", () => {
        const token = `${SECRET_PLACEHOLDER_PREFIX}00ff`;
        const inputs: PlanObject = {
            userData: `#!token=${token}`,
            osProfile: { adminPassword: new SecretValue(token), secrets: [{ sourceVault: "v" }, { certificates: [`x ${token}`] }] },
            tags: { "connector-group": "eu" },
        };
        expect(findPlaintextSecrets(inputs)).toEqual(["userData", "osProfile.secrets[1].certificates[0]"]);
        expect(findPlaintextSecrets({ size: "large", nested: [[1, { a: null }]] })).toEqual([]);
    });
});
