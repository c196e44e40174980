import { checkNoAppsOnDefaultGroup, checkNoGroupNamedDefault, noAppsOnDefaultGroup } from "../../src/rules/defaultGroup";
import { NOT_APPLICABLE } from "../../src/rules/policy";
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES, previewProps, resource, runResourcePolicy, UNKNOWN_STRING } from "./fixtures";

const noIds = { defaultGroupIds: [] };

describe("no-apps-on-default-group", () => {
    it("refuses an AppAssignment component that targets the default group, accepts a custom group", () => {
        const onDefault = resource(COMPONENT_TYPES.AppAssignment, "hr", { appKind: "enterprise", app: "HR portal", connectorGroupName: "Default" });
        expect(checkNoAppsOnDefaultGroup(onDefault, noIds)).toEqual({
            violations: [{ message: expect.stringContaining('App "HR portal" is assigned to the tenant\'s default connector group ("Default")') }],
            undetermined: [],
        });
        const onCustom = resource(COMPONENT_TYPES.AppAssignment, "hr", { appKind: "enterprise", app: "HR portal", connectorGroupName: "eu-apps" });
        expect(checkNoAppsOnDefaultGroup(onCustom, noIds)).toEqual({ violations: [], undetermined: [] });
    });

    it("checks hand-made Graph assignments by recorded name, and by group id when the default group's id is configured", () => {
        const byName = resource(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "a", {
            applicationObjectId: "00000000-0000-0000-0000-000000000001",
            connectorGroupId: "g-1",
            connectorGroupName: "default group",
        });
        expect(checkNoAppsOnDefaultGroup(byName, noIds)).toMatchObject({ violations: [{}] });
        const byId = resource(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "b", {
            applicationObjectId: "00000000-0000-0000-0000-000000000001",
            applicationDisplayName: "Wiki",
            connectorGroupId: "DEF-ID",
            connectorGroupName: "renamed",
        });
        expect(checkNoAppsOnDefaultGroup(byId, noIds)).toMatchObject({ violations: [] });
        expect(checkNoAppsOnDefaultGroup(byId, { defaultGroupIds: ["def-id"] })).toMatchObject({
            violations: [{ message: expect.stringContaining('App "Wiki" is assigned to the tenant\'s default connector group (id DEF-ID)') }],
        });
    });

    it("judges the Graph assignment an AppAssignment component makes once, on the component", () => {
        const inner = resource(
            ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment,
            "hr-assignment",
            { applicationObjectId: "x", connectorGroupId: "g", connectorGroupName: "Default" },
            { parents: [COMPONENT_TYPES.AppAssignment] },
        );
        expect(checkNoAppsOnDefaultGroup(inner, noIds)).toBe(NOT_APPLICABLE);
    });

    it("cannot tell a group name unknown during preview", () => {
        const unknown = resource(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "a", previewProps({ connectorGroupName: UNKNOWN_STRING }));
        expect(checkNoAppsOnDefaultGroup(unknown, noIds)).toMatchObject({ violations: [], undetermined: [{ path: "connectorGroupName" }] });
    });

    it("takes defaultGroupIds from the policy config", async () => {
        const byId = resource(ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment, "b", { connectorGroupId: "def-id", connectorGroupName: "x" });
        expect((await runResourcePolicy(noAppsOnDefaultGroup, byId)).violations).toEqual([]);
        expect((await runResourcePolicy(noAppsOnDefaultGroup, byId, { defaultGroupIds: ["def-id"] })).violations).toHaveLength(1);
    });
});

describe("no-group-named-default", () => {
    it.each(["Default", " default ", "Default Group", "default connector group"])("refuses a custom group named %j", (name) => {
        const group = resource(COMPONENT_TYPES.ConnectorGroup, "g", { displayName: name, region: "eur", hosts: [] });
        expect(checkNoGroupNamedDefault(group)).toMatchObject({ violations: [{ message: expect.stringContaining("reads as the tenant's default connector group") }] });
    });

    it("accepts other names, checks hand-made Entra groups, and judges a ConnectorGroup's own Graph group once", () => {
        expect(checkNoGroupNamedDefault(resource(COMPONENT_TYPES.ConnectorGroup, "g", { displayName: "default-eu-apps" }))).toMatchObject({ violations: [] });
        expect(checkNoGroupNamedDefault(resource(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "Default" }))).toMatchObject({
            violations: [{ message: expect.stringContaining('Entra connector group "g" is named "Default"') }],
        });
        const inner = resource(ENTRA_RESOURCE_TYPES.ConnectorGroup, "g", { displayName: "Default" }, { parents: [COMPONENT_TYPES.ConnectorGroup] });
        expect(checkNoGroupNamedDefault(inner)).toBe(NOT_APPLICABLE);
        expect(checkNoGroupNamedDefault(resource("aws:s3/bucket:Bucket", "b", {}))).toBe(NOT_APPLICABLE);
    });
});
