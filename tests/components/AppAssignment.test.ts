import { AppAssignment, APP_KINDS, COMPONENT_TYPES, ConnectorGroup, ENTRA_RESOURCE_TYPES, InputValidationError } from "connector-topology";
import { groupArgs } from "./fixtures";
import { type MockEngine, startMockEngine } from "./harness";

const APP_OBJECT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const GROUP_ID = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";

function refusal(create: () => unknown): InputValidationError {
    try {
        create();
    } catch (error) {
        if (error instanceof InputValidationError) {
            return error;
        }
        throw error;
    }
    throw new Error("expected an InputValidationError");
}

describe("AppAssignment", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("assigns an Enterprise app by object id to a ConnectorGroup, once the group's connectors have joined", async () => {
        const group = new ConnectorGroup("eur-apps", groupArgs());
        new AppAssignment("hr-portal", { connectorGroup: group, applicationObjectId: APP_OBJECT_ID });
        await engine.settle();
        const assignment = engine.find(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "hr-portal");
        const entraGroup = engine.find(ENTRA_RESOURCE_TYPES.ConnectorGroup, "eur-apps");
        expect(assignment.inputs).toMatchObject({ applicationObjectId: APP_OBJECT_ID, connectorGroupName: "eur-apps" });
        expect(assignment.inputs.connectorGroupId).toMatch(/^[0-9a-f-]{36}$/);
        const memberships = engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership);
        expect(memberships).toHaveLength(2);
        expect(assignment.dependencies).toEqual(expect.arrayContaining([entraGroup.urn, ...memberships.map((m) => m.urn)]));
        expect(engine.find(COMPONENT_TYPES.AppAssignment, "hr-portal").inputs).toEqual({
            appKind: APP_KINDS.enterprise,
            app: APP_OBJECT_ID,
            connectorGroupName: "eur-apps",
        });
    });

    test("assigns the Quick Access app by its object id to a group managed elsewhere", async () => {
        new AppAssignment("quick-access", {
            connectorGroupId: GROUP_ID,
            connectorGroupName: "nam-apps",
            quickAccess: true,
            applicationObjectId: APP_OBJECT_ID,
        });
        await engine.settle();
        expect(engine.find(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "quick-access").inputs).toMatchObject({
            applicationObjectId: APP_OBJECT_ID,
            connectorGroupId: GROUP_ID,
            connectorGroupName: "nam-apps",
        });
        expect(engine.find(COMPONENT_TYPES.AppAssignment, "quick-access").inputs).toMatchObject({ appKind: APP_KINDS.quickAccess });
    });

    test("refuses the default group, explaining why, before registering anything", async () => {
        const error = refusal(
            () => new AppAssignment("bad", { connectorGroupId: GROUP_ID, connectorGroupName: "Default", applicationObjectId: APP_OBJECT_ID }),
        );
        expect(error.message).toMatch(
            /connectorGroupName = "Default": apps must not be assigned to the Default connector group: every newly installed connector lands there, so it would serve this app's production traffic as soon as it is installed/,
        );
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });

    test("refuses an app named two ways, or not at all, and a group named two ways", async () => {
        expect(
            refusal(() => new AppAssignment("x", { connectorGroupId: GROUP_ID, connectorGroupName: "g", applicationObjectId: APP_OBJECT_ID, applicationId: APP_OBJECT_ID }))
                .message,
        ).toMatch(/app = \["applicationObjectId","applicationId"\]: name the app one way only/);
        expect(refusal(() => new AppAssignment("x", { connectorGroupId: GROUP_ID, connectorGroupName: "g" })).message).toMatch(
            /quickAccess = \(not set\): no app given/,
        );
        expect(refusal(() => new AppAssignment("x", { applicationObjectId: APP_OBJECT_ID })).message).toMatch(/connectorGroup = \(not set\): no target group/);
        expect(refusal(() => new AppAssignment("x", { connectorGroupId: GROUP_ID, applicationObjectId: APP_OBJECT_ID })).message).toMatch(
            /connectorGroupName = \(not set\): is required with connectorGroupId/,
        );
        expect(refusal(() => new AppAssignment("x", { connectorGroupId: GROUP_ID, connectorGroupName: "g", applicationObjectId: "not-a-guid" })).message).toMatch(
            /applicationObjectId = "not-a-guid": must be the application object's id/,
        );
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });

    test("looks the app up in Graph when it is named by Quick Access, app id or display name", async () => {
        const target = { connectorGroupId: GROUP_ID, connectorGroupName: "nam-apps" };
        new AppAssignment("qa", { ...target, quickAccess: true });
        new AppAssignment("by-app-id", { ...target, applicationId: "6ba7b810-9dad-41d1-80b4-00c04fd430c8" });
        new AppAssignment("by-name", { ...target, applicationDisplayName: "HR portal" });
        await engine.settle();

        const quickAccess = engine.find(ENTRA_RESOURCE_TYPES.QuickAccessApplicationLookup, "qa-app");
        expect(quickAccess.parent).toBe(engine.find(COMPONENT_TYPES.AppAssignment, "qa").urn);
        expect(engine.find(ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup, "by-app-id-app").inputs).toMatchObject({
            appId: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
        });
        expect(engine.find(ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup, "by-name-app").inputs).toMatchObject({
            displayName: "HR portal",
        });
        // Each assignment takes its app's object id from its lookup.
        for (const name of ["qa", "by-app-id", "by-name"]) {
            const assignment = engine.find(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, name);
            const lookup = engine.registrations.find((r) => r.name === `${name}-app`);
            expect(assignment.dependencies).toContain(lookup?.urn);
        }
    });
});
