import fc from "fast-check";
import {
    UNKNOWN_VALUE,
    checkAssignmentInputs,
    checkConnectorGroupInputs,
    checkMembershipInputs,
    machineNameProblem,
} from "connector-topology/graph";

const computerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,13}[A-Za-z0-9]$/);
const domainLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);

describe("Entra input rules", () => {
    it("accept every Windows computer name, short or fully qualified", () => {
        fc.assert(
            fc.property(computerName, fc.array(domainLabel, { maxLength: 3 }), (host, domain) => {
                expect(machineNameProblem([host, ...domain].join("."))).toBeUndefined();
            }),
        );
    });

    it("refuse names Windows or DNS would not allow", () => {
        expect(machineNameProblem("sixteen-chars-xx")).toMatch(/has 16 characters; Windows computer names have at most 15/);
        expect(machineNameProblem("-lead.corp")).toMatch(/must be a host name/);
        expect(machineNameProblem("1234.corp")).toMatch(/must not be all digits/);
        expect(machineNameProblem("   ")).toMatch(/is required/);
    });

    it("normalise the region case-insensitively, warn about japan and refuse the rest", () => {
        expect(checkConnectorGroupInputs({ displayName: "g", region: "EUR" }).inputs.region).toBe("eur");
        const japan = checkConnectorGroupInputs({ displayName: "g", region: "Japan" });
        expect(japan.errors).toEqual([]);
        expect(japan.warnings).toEqual([expect.objectContaining({ field: "region", rule: expect.stringMatching(/not in Graph's documented region enum/) })]);
        expect(checkConnectorGroupInputs({ displayName: "g", region: "emea" }).errors).toEqual([
            { field: "region", value: "emea", rule: "must be one of nam, eur, aus, asia, ind, japan (Graph region values)" },
        ]);
    });

    it("apply the defaults written next to the args", () => {
        expect(checkConnectorGroupInputs({ displayName: "g" }).inputs).toEqual({
            displayName: "g",
            adoptExisting: false,
            graphEndpoint: "https://graph.microsoft.com",
        });
        expect(checkMembershipInputs({ connectorGroupId: "g", connectorGroupName: "g", machineName: " conn-1 " }).inputs).toEqual(
            expect.objectContaining({ machineName: "conn-1", waitTimeoutSeconds: 1800 }),
        );
    });

    it("skip values that are not known yet during a preview, and check everything else", () => {
        const result = checkAssignmentInputs({
            applicationObjectId: UNKNOWN_VALUE,
            connectorGroupId: UNKNOWN_VALUE,
            connectorGroupName: UNKNOWN_VALUE,
            graphEndpoint: "https://graph.microsoft.com/beta",
        });
        expect(result.errors).toEqual([
            { field: "graphEndpoint", value: "https://graph.microsoft.com/beta", rule: expect.stringMatching(/service root only/) },
        ]);
        expect(checkConnectorGroupInputs({ displayName: " padded" }).errors).toEqual([
            { field: "displayName", value: " padded", rule: "must not start or end with whitespace" },
        ]);
    });

    it("take a host's unique id as an optional non-empty string, trimmed, and leave an unknown one to deploy time", () => {
        const membership = { connectorGroupId: "g", connectorGroupName: "g", machineName: "conn-1" };
        expect(checkMembershipInputs({ ...membership, hostUniqueId: " 6152389740135790123 " }).inputs.hostUniqueId).toBe("6152389740135790123");
        expect(checkMembershipInputs({ ...membership, hostUniqueId: UNKNOWN_VALUE }).inputs.hostUniqueId).toBe(UNKNOWN_VALUE);
        expect(checkMembershipInputs({ ...membership, hostUniqueId: null }).inputs).not.toHaveProperty("hostUniqueId");
        expect(checkMembershipInputs(membership).errors).toEqual([]);
        for (const bad of ["", 42]) {
            expect(checkMembershipInputs({ ...membership, hostUniqueId: bad }).errors).toEqual([
                { field: "hostUniqueId", value: bad, rule: expect.stringMatching(/^must be a non-empty string/) },
            ]);
        }
    });
});
