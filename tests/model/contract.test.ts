import fc from "fast-check";
import { gcpLabelValue, looksLikeDefaultGroupName } from "connector-topology";

describe("contract", () => {
    test.each(["Default", "default", " Default group ", "DEFAULT CONNECTOR GROUP"])("%j reads as the default group", (name) => {
        expect(looksLikeDefaultGroupName(name)).toBe(true);
    });

    test.each(["eur-apps", "Default-EU", "not default", "Defaults"])("%j does not", (name) => {
        expect(looksLikeDefaultGroupName(name)).toBe(false);
    });

    test("GCP label values always fit GCP's alphabet and length", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 200 }), (name) => {
                expect(gcpLabelValue(name)).toMatch(/^[a-z0-9_-]{0,63}$/);
            }),
        );
        expect(gcpLabelValue("EU Apps (prod)")).toBe("eu-apps-prod-");
    });
});
