import fc from "fast-check";
import { GraphRequestError, hintFor, permissionsFor, redactSecrets } from "connector-topology/graph";

const tokenChars = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);

describe("Graph errors", () => {
    it("removes bearer tokens, JWTs and secret assignments from any text", () => {
        fc.assert(
            fc.property(fc.string(), tokenChars, tokenChars, fc.string(), (before, payload, signature, after) => {
                const jwt = `eyJhbGciOiJSUzI1NiJ9.${payload}.${signature}`;
                for (const leak of [`Bearer ${jwt}`, jwt, `client_secret=${payload}`, `"access_token":"${payload}"`]) {
                    const text = redactSecrets(`${before} ${leak} ${after}`);
                    expect(text).not.toContain(leak);
                    expect(text).not.toContain(`.${payload}.`);
                }
            }),
        );
        expect(redactSecrets("password: hunter2, user alice")).toBe("password: [redacted], user alice");
    });

    it("names the permission a 403 needs, by kind of call", () => {
        expect(permissionsFor("GET", "/onPremisesPublishingProfiles/applicationProxy/connectorGroups")).toMatch(
            /OnPremisesPublishingProfiles.ReadWrite.All \(or Directory.ReadWrite.All\)/,
        );
        expect(permissionsFor("PUT", "/applications/x/connectorGroup/$ref")).toMatch(/^Application.ReadWrite.All and OnPremises/);
        expect(permissionsFor("GET", "/applications")).toMatch(/Application.Read.All/);
        expect(hintFor(403, "Authorization_RequestDenied", "POST", "/onPremisesPublishingProfiles/applicationProxy/connectorGroups")).toMatch(
            /lacks permission: grant it OnPremisesPublishingProfiles.ReadWrite.All .* delegated/,
        );
    });

    it("explains Application_NotFound as an app without on-premises publishing", () => {
        const error = new GraphRequestError(
            { action: "assign application 1 to connector group 2", method: "PUT", path: "/applications/1/connectorGroup/$ref" },
            { status: 404, code: "Application_NotFound", message: "Application not found." },
            1,
        );
        expect(error.message).toMatch(
            /^Could not assign application 1 to connector group 2: Microsoft Graph answered 404 to PUT \/applications\/1\/connectorGroup\/\$ref \(Application_NotFound: Application not found.\)\. The application has no on-premises publishing/,
        );
        expect(error.message).toMatch(/object id, not its app \(client\) id/);
    });

    it("keeps a secret echoed by Graph out of the message", () => {
        const error = new GraphRequestError(
            { action: "list connector groups", method: "GET", path: "/x" },
            { status: 400, code: "BadRequest", message: "Bad header Authorization: Bearer eyJabc.def.ghi" },
            1,
        );
        expect(error.message).not.toContain("eyJabc.def.ghi");
        expect(error.graphMessage).toBe("Bad header Authorization: Bearer [redacted]");
    });
});
