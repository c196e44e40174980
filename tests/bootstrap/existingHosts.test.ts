import { DEFAULT_CONNECTOR_INSTALLER_URL, psString, renderConnectorBootstrap } from "connector-topology";
import { SECRET_FETCH_STEPS } from "../../src/bootstrap/templates";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/** PowerShell text with strings and comments blanked out, so that brackets can be counted. */
function codeOnly(script: string): string {
    return script.replace(/'(?:[^']|'')*'|"(?:[^"`]|`.)*"|#[^\n]*/g, "");
}

describe("the bootstrap for existing hosts", () => {
    const { script } = renderConnectorBootstrap({ cloud: "existing", tenantId: TENANT_ID });
    const azure = renderConnectorBootstrap({ cloud: "azure", tenantId: TENANT_ID }).script;

    test("matches the reviewed script", () => {
        expect(script).toMatchSnapshot();
    });

    test("is the Azure script with only the secret-fetch step changed", () => {
        const withoutStep = (text: string, cloud: keyof typeof SECRET_FETCH_STEPS) =>
            text.replace(SECRET_FETCH_STEPS[cloud], "<secret fetch>").replace(`connector-topology for ${cloud}.`, "connector-topology for <cloud>.");
        expect(withoutStep(script, "existing")).toBe(withoutStep(azure, "azure"));
        expect(script).not.toBe(azure);
    });

    test("is ASCII, fully rendered, with balanced brackets outside strings and comments", () => {
        expect([...script].filter((c) => c !== "\n" && (c < " " || c > "~"))).toEqual([]);
        expect(script).not.toMatch(/\{\{|\}\}|\$\{/);
        const code = codeOnly(script);
        for (const [open, close] of [["{", "}"], ["(", ")"], ["[", "]"]]) {
            expect(code.split(open).length).toBe(code.split(close).length);
        }
    });

    test("takes secrets from -SecretsBase64, or else asks at the console without echoing them", () => {
        const step = SECRET_FETCH_STEPS.existing;
        expect(step).toMatch(/if \(-not \[string\]::IsNullOrEmpty\(\$SecretsBase64\)\) \{\n\s+try \{\n\s+return \(\[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\(\$SecretsBase64\)\)/);
        expect(step).toMatch(/Read-Host -Prompt \$Prompt -AsSecureString/);
        expect(step).toMatch(/ZeroFreeBSTR\(\$pointer\)/);
        expect(step).toContain("$secrets[$TokenSecretName] = $token.Trim()");
        expect(step).toContain("$secrets[$InstallerUrlSecretName] = $installerUrl.Trim()");
        expect(step).not.toMatch(/Read-Host(?![^\n]*-AsSecureString)/);
        expect(step).not.toMatch(/Set-Content|Out-File|Export-Clixml|Start-Transcript/);
    });

    test("offers Microsoft's download link when the administrator gives no installer URL", () => {
        expect(script).toContain(`$installerUrl = ${psString(DEFAULT_CONNECTOR_INSTALLER_URL)}`);
    });

    test("stops with a clear reason when not elevated, or with no console and no secrets passed", () => {
        expect(script).toMatch(/Stop-Bootstrap 2 'installing and registering the connector needs an elevated session: run the script as Administrator'/);
        expect(script).toMatch(/if \(-not \[Environment\]::UserInteractive\) \{\n\s+Stop-Bootstrap 2 'no secrets were passed/);
        expect(script).toMatch(/Stop-Bootstrap 2 \('could not ask for the secrets at the console/);
    });
});
