import { APP_KINDS, planAppAssignment } from "connector-topology";

const ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

describe("planAppAssignment", () => {
    test("picks how the app is named, and summarises it", () => {
        const group = { displayName: "eur-apps" };
        expect(planAppAssignment("a", { connectorGroup: group, applicationObjectId: ID })).toEqual({
            selector: "objectId",
            summary: { appKind: APP_KINDS.enterprise, app: ID, connectorGroupName: "eur-apps" },
        });
        expect(planAppAssignment("a", { connectorGroup: group, applicationId: ID }).selector).toBe("applicationId");
        expect(planAppAssignment("a", { connectorGroup: group, applicationDisplayName: "HR" }).selector).toBe("displayName");
        expect(planAppAssignment("a", { connectorGroup: group, quickAccess: true })).toEqual({
            selector: "quickAccess",
            summary: { appKind: APP_KINDS.quickAccess, app: "Quick Access", connectorGroupName: "eur-apps" },
        });
    });

    test.each(["Default", "default group", " DEFAULT "])("refuses the default group named %j", (name) => {
        expect(() => planAppAssignment("a", { connectorGroup: { displayName: name }, applicationObjectId: ID })).toThrow(
            /connectorGroup = ".*": apps must not be assigned to the Default connector group/,
        );
    });

    test("refuses a connectorGroupName that contradicts the connectorGroup", () => {
        expect(() =>
            planAppAssignment("a", { connectorGroup: { displayName: "eur-apps" }, connectorGroupName: "other", applicationObjectId: ID }),
        ).toThrow(/connectorGroupName = "other": differs from the display name of connectorGroup \("eur-apps"\)/);
    });
});
