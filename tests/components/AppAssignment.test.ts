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

    test("says so, before registering anything, when an app must be looked up and no lookup is available", async () => {
        const error = refusal(() => new AppAssignment("qa", { connectorGroupId: GROUP_ID, connectorGroupName: "g", quickAccess: true }));
        expect(error.message).toMatch(/quickAccess = "Quick Access": finding the application in Graph this way is not available.*applicationObjectId/);
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });
});
