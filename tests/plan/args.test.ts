import { parseArgs, UsageError } from "../../src/cli/args";

describe("parseArgs", () => {
    it("parses the plan command with its options in any order and either value form", () => {
        expect(parseArgs(["plan", "examples/dev", "--json", "--stack", "prod", "--policy-config=cfg.json", "--verbose"])).toEqual({
            command: "plan",
            programDir: "examples/dev",
            stack: "prod",
            json: true,
            policyConfigFile: "cfg.json",
            verbose: true,
        });
        expect(parseArgs(["plan"])).toEqual({ command: "plan", json: false, verbose: false });
        expect(parseArgs(["plan", "--policies", "rules.ts"])).toMatchObject({ policiesModule: "rules.ts" });
    });

    it("asks for help with no arguments or -h", () => {
        expect(parseArgs([])).toEqual({ command: "help" });
        expect(parseArgs(["plan", "-h"])).toEqual({ command: "help" });
    });

    it("refuses unknown commands and options, missing values and extra directories", () => {
        expect(() => parseArgs(["apply"])).toThrow(new UsageError('unknown command "apply": the command is `plan`'));
        expect(() => parseArgs(["plan", "--yes"])).toThrow("unknown option --yes");
        expect(() => parseArgs(["plan", "--stack"])).toThrow("--stack needs a value");
        expect(() => parseArgs(["plan", "--stack", "--json"])).toThrow("--stack needs a value");
        expect(() => parseArgs(["plan", "--json=yes"])).toThrow("--json takes no value");
        expect(() => parseArgs(["plan", "a", "b"])).toThrow("one program directory at most");
    });
});
