import * as pulumi from "@pulumi/pulumi";
import {
    ApplicationConnectorGroupAssignment,
    ConnectorGroupMembership,
    ENTRA_RESOURCE_TYPES,
    EnterpriseApplicationLookup,
    EntraConnectorGroup,
    InputValidationError,
    QuickAccessApplicationLookup,
} from "connector-topology";

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push(args);
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: (args) => args.inputs,
        },
        "project",
        "stack",
        false,
    );
});

function settled<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("Entra resources under the mock engine", () => {
    it("register under the contract's type tokens, with a small serialised provider that copies no Graph code", async () => {
        const group = new EntraConnectorGroup("eu", { displayName: "eu-apps", region: "eur" });
        const membership = new ConnectorGroupMembership("eu-conn-1", {
            connectorGroupId: group.id,
            connectorGroupName: group.displayName,
            machineName: "conn-1",
        });
        const assignment = new ApplicationConnectorGroupAssignment("hr", {
            applicationObjectId: "3f2b8a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
            connectorGroupId: group.id,
            connectorGroupName: "eu-apps",
        });
        const quickAccess = new QuickAccessApplicationLookup("qa");
        const enterprise = new EnterpriseApplicationLookup("finance", { displayName: "Finance share" });
        await Promise.all([group, membership, assignment, quickAccess, enterprise].map((r) => settled(r.id)));

        const types = Object.fromEntries(registered.map((r) => [r.name, r.type]));
        expect(types).toEqual({
            eu: ENTRA_RESOURCE_TYPES.ConnectorGroup,
            "eu-conn-1": ENTRA_RESOURCE_TYPES.ConnectorGroupMembership,
            hr: ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment,
            qa: ENTRA_RESOURCE_TYPES.QuickAccessApplicationLookup,
            finance: ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup,
        });
        for (const resource of registered) {
            const provider = resource.inputs.__provider as string;
            expect(provider.length).toBeLessThan(6000);
            expect(provider).toContain("dynamicProviderImplementations");
            for (const copied of ["createConnectorGroup", "DefaultAzureCredential", "microsoft-graph-client", "Bearer"]) {
                expect(provider).not.toContain(copied);
            }
        }
        expect(registered.find((r) => r.name === "eu-conn-1")?.inputs).toEqual(
            expect.objectContaining({ connectorGroupId: "eu-id", connectorGroupName: "eu-apps", machineName: "conn-1" }),
        );
    });

    it("refuse bad input before anything is registered, naming every field, value and rule", () => {
        const before = registered.length;
        expect(() => new EntraConnectorGroup("bad", { displayName: "Default group", region: "mars", graphEndpoint: "http://graph.example.com" })).toThrow(
            InputValidationError,
        );
        let error: unknown;
        try {
            new ConnectorGroupMembership("bad", { connectorGroupId: "g", connectorGroupName: "g", machineName: "host_with_underscore", waitTimeoutSeconds: 99999 });
        } catch (caught) {
            error = caught;
        }
        expect((error as Error).message).toBe(
            'ConnectorGroupMembership "bad" has invalid input:\n' +
                '  - machineName = "host_with_underscore": must be a host name: letters, digits and hyphens, in dot-separated labels that neither start nor end with a hyphen\n' +
                "  - waitTimeoutSeconds = 99999: must be a number of seconds from 10 to 7200",
        );
        expect(() => new ApplicationConnectorGroupAssignment("bad", { applicationObjectId: "not-a-guid", connectorGroupId: "g", connectorGroupName: "Default" })).toThrow(
            /applicationObjectId = "not-a-guid": must be the application's object id[\s\S]*connectorGroupName = "Default": is the tenant's default group/,
        );
        expect(() => new EnterpriseApplicationLookup("bad", {})).toThrow(/set exactly one of displayName and appId/);
        expect(registered.length).toBe(before);
    });

    it("offer every documented output, also when the matching arg is not given", () => {
        const group = new EntraConnectorGroup("no-region", { displayName: "no-region" });
        const lookup = new EnterpriseApplicationLookup("by-name", { displayName: "Finance share" });
        const membership = new ConnectorGroupMembership("m", { connectorGroupId: "g", connectorGroupName: "g", machineName: "conn-9" });
        const outputs = [
            group.displayName, group.region, group.isDefault, group.connectorGroupType, group.adopted,
            lookup.objectId, lookup.appId, lookup.displayName, lookup.applicationType,
            membership.connectorId, membership.connectorMachineName, membership.previousConnectorGroupId,
        ];
        expect(outputs.every((output) => pulumi.Output.isInstance(output))).toBe(true);
        return Promise.all([group.id, lookup.id, membership.id].map(settled));
    });

    it("leave values that other resources compute to the provider's check", async () => {
        const name = pulumi.output("Default");
        const group = new EntraConnectorGroup("computed", { displayName: name });
        await settled(group.id);
        expect(registered.some((r) => r.name === "computed")).toBe(true);
    });
});
