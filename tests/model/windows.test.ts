import fc from "fast-check";
import { azureAdminUsernameProblem, computerNamePrefixFrom, computerNameProblem, numberedComputerName } from "connector-topology";

describe("Windows names", () => {
    test.each([
        ["conn-eur-1", undefined],
        ["", /cannot be empty/],
        ["a-name-longer-than-15", /at most 15 characters; this one has 21/],
        ["conn_1", /only letters, digits and hyphens/],
        ["-conn", /cannot start or end with a hyphen/],
        ["12345", /cannot be all digits/],
    ])("computer name %j", (name, problem) => {
        if (problem === undefined) {
            expect(computerNameProblem(name)).toBeUndefined();
        } else {
            expect(computerNameProblem(name)).toMatch(problem);
        }
    });

    test("a prefix derived from any resource name gives valid computer names, or is empty", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 1, max: 50 }), (name, count) => {
                const prefix = computerNamePrefixFrom(name, count);
                if (prefix !== "" && !/^\d+$/.test(prefix)) {
                    for (let index = 0; index < count; index++) {
                        expect(computerNameProblem(numberedComputerName(prefix, index))).toBeUndefined();
                    }
                }
            }),
        );
        expect(computerNamePrefixFrom("eur apps/prod", 2)).toBe("eur-apps-prod");
    });

    test.each([
        ["connectoradmin", undefined],
        ["Administrator", /reserved/],
        ["a-very-long-user-name-x", /at most 20 characters/],
        ["bad name", /cannot contain/],
    ])("admin user name %j", (name, problem) => {
        if (problem === undefined) {
            expect(azureAdminUsernameProblem(name)).toBeUndefined();
        } else {
            expect(azureAdminUsernameProblem(name)).toMatch(problem);
        }
    });
});
