import {
    azureUserData,
    encodeBootstrapSecrets,
    renderAzureLaunchCommand,
    renderConnectorBootstrap,
    WINDOWS_COMMAND_LINE_LIMIT,
} from "connector-topology";

const { script, sha256 } = renderConnectorBootstrap({ cloud: "azure", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
/** About the size of a real registration token (a JWT with a few KB of claims). */
const TOKEN = `eyJ0eXAiOiJKV1QifQ.${"x".repeat(2400)}.SECRET-TAIL-${"y".repeat(340)}`;

describe("Azure delivery", () => {
    test("user data is the script, base64-encoded, within Azure's 64 KB limit", () => {
        const userData = azureUserData(script);
        expect(Buffer.from(userData, "base64").toString("utf8")).toBe(script);
        expect(userData.length).toBeLessThan(64 * 1024);
    });

    test("the launcher checks the script's hash and passes the secrets as base64 JSON", () => {
        const secrets = encodeBootstrapSecrets({ RegistrationToken: TOKEN, InstallerUrl: "https://store.example/i.exe?sig=abc" });
        const command = renderAzureLaunchCommand(sha256, secrets);
        expect(command).toMatch(/^powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "[^"%]+"$/);
        expect(command).toContain(`if($h -ne '${sha256}')`);
        expect(command).toContain(`-SecretsBase64 '${secrets}'`);
        expect(command).not.toContain(TOKEN);
        expect(JSON.parse(Buffer.from(secrets, "base64").toString("utf8"))).toEqual({
            RegistrationToken: TOKEN,
            InstallerUrl: "https://store.example/i.exe?sig=abc",
        });
        expect(command.length).toBeLessThan(WINDOWS_COMMAND_LINE_LIMIT);
    });

    test("a command that would not fit in a command line is refused without quoting the secret", () => {
        const huge = encodeBootstrapSecrets({ RegistrationToken: `SECRET-${"z".repeat(8000)}` });
        let message = "";
        try {
            renderAzureLaunchCommand(sha256, huge);
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toMatch(/over the Windows command-line limit of 8191/);
        expect(message).not.toMatch(/SECRET|zzzz/);
        expect(message).not.toContain(huge.slice(0, 20));
    });

    test("refuses a malformed hash or secret bundle", () => {
        expect(() => renderAzureLaunchCommand("abc", "")).toThrow(/64 lower-case hex/);
        expect(() => renderAzureLaunchCommand(sha256, "not base64!")).toThrow(/must be base64/);
    });
});
