import { checkGroupMoves, restartConnectorAfterGroupMove } from "../../src/rules/groupMove";
import { azureVmProps, AZURE_VM, COMPONENT_TYPES, CONNECTOR_TAGS, ENTRA_RESOURCE_TYPES, groupSummary, runStackPolicy, StackBuilder } from "./fixtures";

describe("restart-connector-after-group-move", () => {
    it("reminds for existing servers a ConnectorGroup takes over, not for hosts it builds", () => {
        const stack = new StackBuilder();
        const group = stack.add(COMPONENT_TYPES.ConnectorGroup, "eu", groupSummary({
            hosts: [{ machineName: "CONN-1", platform: "azure" }, { machineName: "SRV-7", platform: "existing" }],
        }));
        expect(checkGroupMoves(stack.resources, { defaultGroupIds: [] }).violations).toEqual([
            {
                urn: group.urn,
                message:
                    'The connector on SRV-7 moves into connector group "eu-apps" from another group. Once it has moved, run ' +
                    "Restart-Service -Name WAPCSvc on SRV-7: connections from its earlier group persist until they age out.",
            },
        ]);
    });

    it("does not remind for an existing server declared still in the default group, nor while that is unknown", () => {
        const stack = new StackBuilder();
        const group = stack.add(COMPONENT_TYPES.ConnectorGroup, "eu", groupSummary({
            hosts: [
                { machineName: "SRV-NEW", platform: "existing", inDefaultGroup: true },
                { machineName: "SRV-OLD", platform: "existing", inDefaultGroup: false },
                { machineName: "SRV-UNSAID", platform: "existing" },
            ],
        }));
        const reminded = checkGroupMoves(stack.resources, { defaultGroupIds: [] }).violations;
        expect(reminded.map((v) => [v.urn, v.message.match(/^The connector on (\S+)/)?.[1]])).toEqual([
            [group.urn, "SRV-OLD"],
            [group.urn, "SRV-UNSAID"],
        ]);
    });

    it("reminds for memberships of machines the stack does not build, or that left a known custom group", async () => {
        const stack = new StackBuilder();
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "eu-apps" });
        const vm = stack.add(AZURE_VM, "vm", azureVmProps());
        const fresh = stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "fresh", { machineName: "CONN-AZ-1", connectorGroupName: "eu-apps", connectorGroupId: "g1", previousConnectorGroupId: "default-id" }, { dependsOn: [vm] });
        const moved = stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "moved", { machineName: "SRV-3", connectorGroupName: "eu-apps", connectorGroupId: "g1" });
        const run = await runStackPolicy(restartConnectorAfterGroupMove, stack.resources, { defaultGroupIds: ["default-id"] });
        expect(run.violations.map((v) => v.urn)).toEqual([moved.urn]);
        const unknownDefault = await runStackPolicy(restartConnectorAfterGroupMove, stack.resources);
        expect(unknownDefault.violations.map((v) => v.urn)).toEqual([moved.urn]);
        const fromCustom = await runStackPolicy(restartConnectorAfterGroupMove, stack.resources, { defaultGroupIds: ["another-id"] });
        expect(fromCustom.violations.map((v) => v.urn)).toEqual([fresh.urn, moved.urn]);
        expect(restartConnectorAfterGroupMove.enforcementLevel).toBe("advisory");
    });

    it("uses the tag to recognise hosts of a named group only", () => {
        const stack = new StackBuilder();
        stack.add(AZURE_VM, "vm", azureVmProps({ tags: CONNECTOR_TAGS("other") }));
        stack.add(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership, "m", { machineName: "CONN-AZ-1", connectorGroupName: "eu-apps" });
        expect(checkGroupMoves(stack.resources, { defaultGroupIds: [] }).violations).toHaveLength(1);
    });
});
