import fc from "fast-check";
import { formatIssue, formatValue, InputValidationError, IssueCollector } from "connector-topology";

describe("errors", () => {
    test("an issue reads field = value: rule", () => {
        expect(formatIssue({ field: "azure.count", value: 1, rule: "must be 2 or more" })).toBe("azure.count = 1: must be 2 or more");
        expect(formatValue(undefined)).toBe("(not set)");
        expect(formatValue("x")).toBe('"x"');
    });

    test("values are cut short in messages", () => {
        fc.assert(fc.property(fc.anything(), (value) => expect(formatValue(value).length).toBeLessThanOrEqual(120)));
    });

    test("the collector throws once, with every error, and keeps warnings apart", () => {
        const issues = new IssueCollector('ConnectorGroup "g"');
        issues.warn("region", "japan", "not documented");
        issues.throwIfErrors();
        issues.error("a", 1, "rule a");
        expect(issues.require(false, "b", 2, "rule b")).toBe(false);
        expect(issues.require(true, "c", 3, "rule c")).toBe(true);
        expect(() => issues.throwIfErrors()).toThrow(InputValidationError);
        try {
            issues.throwIfErrors();
        } catch (error) {
            expect((error as InputValidationError).issues.map((i) => i.field)).toEqual(["a", "b"]);
            expect((error as Error).message).toBe('ConnectorGroup "g" has invalid input:\n  - a = 1: rule a\n  - b = 2: rule b');
        }
        expect(issues.warnings).toHaveLength(1);
    });
});
