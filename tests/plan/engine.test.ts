/**
 * The plan's engine settings remove work whose result the plan never reads: with them (the default) and without them
 * (`verbose`), a plan is the same document; and the process gets its own settings back afterwards.
 */
import { AppAssignment, ConnectorGroup } from "connector-topology";
import { runPlan, withEngineSettings } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { DOMAIN_JOIN, groupArgs } from "../components/fixtures";

/** Groups with Azure hosts (alias-heavy types), domain join, secrets, app lookups and assignments. */
function program(): unknown {
    const eur = new ConnectorGroup("eur-apps", groupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }));
    const nam = new ConnectorGroup("nam-apps", groupArgs({ region: "nam", azure: { ...groupArgs().azure!, location: "eastus", count: 3 } }));
    new AppAssignment("hr", { connectorGroup: eur, applicationDisplayName: "HR portal" });
    new AppAssignment("files", { connectorGroup: nam, applicationObjectId: "22222222-2222-4222-8222-222222222222" });
    return { ips: nam.privateIps };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal leak-tracking module, untyped
const leakTracking = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };

describe("engine settings", () => {
    it("leave the plan unchanged", async () => {
        const plan = (verbose: boolean) => runPlan({ inline: { projectName: "engine", program }, policies, verbose });
        const tuned = await plan(false);
        const untuned = await plan(true);
        expect(tuned.document).toEqual(untuned.document);
        expect(tuned.text).toBe(untuned.text);
        expect(tuned.resources.length).toBeGreaterThan(10);
    });

    it("are restored afterwards, even when the body fails", async () => {
        const stackTraceLimit = Error.stackTraceLimit;
        const prepareStackTrace = Error.prepareStackTrace;
        const trackPromise = leakTracking.debuggablePromise;
        let inside: unknown[] = [];
        await expect(
            withEngineSettings(false, async () => {
                inside = [Error.stackTraceLimit, new Error("kept").stack, leakTracking.debuggablePromise === trackPromise];
                throw new Error("body failed");
            }),
        ).rejects.toThrow("body failed");
        expect(inside).toEqual([0, "Error: kept", false]);
        expect([Error.stackTraceLimit, Error.prepareStackTrace, leakTracking.debuggablePromise]).toEqual([stackTraceLimit, prepareStackTrace, trackPromise]);
    });
});
