import fc from "fast-check";
import { createHash } from "node:crypto";
import {
    CONNECTOR_BOOTSTRAP_SECRETS,
    fillPlaceholders,
    psInteger,
    psString,
    renderConnectorBootstrap,
} from "connector-topology";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/** PowerShell text with strings and comments blanked out, so that brackets can be counted. */
function codeOnly(script: string): string {
    return script.replace(/'(?:[^']|'')*'|"(?:[^"`]|`.)*"|#[^\n]*/g, "");
}

describe("renderConnectorBootstrap", () => {
    const { script, sha256 } = renderConnectorBootstrap({ cloud: "azure", tenantId: TENANT_ID });

    test("matches the reviewed script", () => {
        expect(script).toMatchSnapshot();
    });

    test("is ASCII, fully rendered, and hashed as the launcher checks it", () => {
        expect([...script].filter((c) => c !== "\n" && (c < " " || c > "~"))).toEqual([]);
        expect(script).not.toMatch(/\{\{|\}\}/);
        expect(sha256).toBe(createHash("sha256").update(script, "utf8").digest("hex"));
    });

    test("has balanced brackets outside strings and comments", () => {
        const code = codeOnly(script);
        for (const [open, close] of [["{", "}"], ["(", ")"], ["[", "]"]]) {
            expect(code.split(open).length).toBe(code.split(close).length);
        }
    });

    test("installs silently, registers with a token, verifies the service, and runs the diagnostics tool where shipped", () => {
        expect(script).toContain(`'REGISTERCONNECTOR="false" /q'`);
        expect(script).toMatch(
            /& \$RegisterScript -modulePath \(Join-Path \$InstallDir 'Modules\\'\) -moduleName 'MicrosoftEntraPrivateNetworkConnectorPSModule' -Authenticationmode Token -Token \$secureToken -TenantId \$TenantId -Feature ApplicationProxy/,
        );
        expect(script).toContain("ConvertTo-SecureString -String $Token -AsPlainText -Force");
        expect(script).toContain("$ServiceName = 'WAPCSvc'");
        expect(script).toContain("$DiagnosticsMinimumVersion = [version] '1.5.4287.0'");
        expect(script).toContain("ConnectorDiagnosticsTool.exe");
        expect(script).toContain(`$TenantId = '${TENANT_ID}'`);
    });

    test("bounds every step in time, and fails early on an expired token", () => {
        expect(script).toMatch(/Wait-Job -Job \$job -Timeout \$RegistrationTimeoutSeconds/);
        expect(script).toMatch(/\$process\.WaitForExit\(\$InstallTimeoutSeconds \* 1000\)/);
        expect(script).toMatch(/\$process\.WaitForExit\(\$DiagnosticsTimeoutSeconds \* 1000\)/);
        expect(script).toMatch(/\(Get-Date\) -ge \$deadline/);
        expect(script).toMatch(/Stop-Bootstrap 4 \('the registration token expired at/);
        const custom = renderConnectorBootstrap({ cloud: "azure", tenantId: TENANT_ID, registrationTimeoutSeconds: 42 }).script;
        expect(custom).toContain("$RegistrationTimeoutSeconds = 42");
    });

    test("exits non-zero with an event-log entry on failure, and redacts secrets from what it writes", () => {
        expect(script).toMatch(/function Stop-Bootstrap\(\[int\] \$ExitCode, \[string\] \$Reason\) \{\n\s+Write-BootstrapEvent 'Error'/);
        expect(script).toMatch(/Write-EventLog -LogName Application -Source \$EventSource/);
        expect(script).toMatch(/\$safe = Protect-Text \$Message/);
        expect(script).toMatch(/\} catch \{\n\s+Stop-Bootstrap 1/);
        expect(script).not.toMatch(/Start-Transcript|Write-Output \$token|Write-Host \$token/i);
    });

    test("reads exactly the secrets the components pass", () => {
        for (const name of Object.values(CONNECTOR_BOOTSTRAP_SECRETS)) {
            expect(script).toContain(psString(name));
        }
        expect(script).toMatch(/function Read-BootstrapSecrets/);
    });

    test("refuses a tenant id that is not a GUID, and a cloud it has no secret-fetch step for", () => {
        expect(() => renderConnectorBootstrap({ cloud: "azure", tenantId: "contoso.onmicrosoft.com" })).toThrow(/tenantId must be a GUID/);
        expect(() => renderConnectorBootstrap({ cloud: "on-premises" as "azure", tenantId: TENANT_ID })).toThrow(/no secret-fetch step for cloud "on-premises"/);
    });
});

describe("PowerShell quoting", () => {
    test("any string survives as a single-quoted literal", () => {
        fc.assert(
            fc.property(fc.string({ unit: fc.constantFrom("a", "'", "\u2019", "\u2018", "$", "`", '"', ";", " ", "(", "\n") }), (value) => {
                const literal = psString(value);
                const inner = literal.slice(1, -1);
                expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
                // Every quote inside is doubled, so nothing can end the string early.
                expect(inner.replace(/(['\u2018\u2019\u201a\u201b])\1/g, "")).not.toMatch(/['\u2018\u2019\u201a\u201b]/);
                expect(inner.replace(/(['\u2018\u2019\u201a\u201b])\1/g, "$1")).toBe(value);
            }),
        );
    });

    test("integers are whole and non-negative", () => {
        expect(psInteger(300, "t")).toBe("300");
        expect(() => psInteger(-1, "t")).toThrow(/t must be a non-negative whole number/);
        expect(() => psInteger(1.5, "t")).toThrow(RangeError);
    });

    test("placeholders must all be filled, and every value used", () => {
        expect(fillPlaceholders("a {{X}} b", { X: "1" })).toBe("a 1 b");
        expect(() => fillPlaceholders("{{X}} {{Y}}", { X: "1" })).toThrow(/no value for placeholder \{\{Y\}\}/);
        expect(() => fillPlaceholders("{{X}}", { X: "1", Z: "2" })).toThrow(/values without a placeholder: Z/);
    });
});
