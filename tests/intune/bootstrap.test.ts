import { createHash } from "node:crypto";
import {
    AGENT_CERTIFICATE_ALERT_EVENTS,
    AGENT_CERTIFICATE_CHECK_EVENTS,
    HOST_EVENT_SOURCE,
    type IntuneBootstrapOptions,
    renderAgentCertificateCheck,
    renderIntuneConnectorBootstrap,
    SCEP_WINDOWS_FEATURES,
} from "connector-topology";
import { findSecretsInText } from "connector-topology/rules";
import { BOOTSTRAP_FRAME } from "../../src/bootstrap/templates";

/** PowerShell text with strings and comments blanked out, so that brackets can be counted. */
function codeOnly(script: string): string {
    return script.replace(/'(?:[^']|'')*'|"(?:[^"`]|`.)*"|#[^\n]*/g, "");
}

function expectWellFormed(script: string): void {
    expect([...script].filter((c) => c !== "\n" && (c < " " || c > "~"))).toEqual([]);
    expect(script).not.toMatch(/\{\{|\}\}/);
    const code = codeOnly(script);
    for (const [open, close] of [["{", "}"], ["(", ")"], ["[", "]"]] as const) {
        expect(code.split(open).length).toBe(code.split(close).length);
    }
    expect(findSecretsInText(script)).toEqual([]);
}

const OPTIONS: IntuneBootstrapOptions = {
    cloud: "azure",
    fleetName: "pki-eur",
    features: ["pkcs", "revocation"],
    serviceAccount: { username: "CORP\\svc-intune", localAdmin: true },
    domainName: "corp.example.com",
    installerArguments: "/quiet /norestart",
    installTimeoutSeconds: 1800,
    warningDays: 30,
    renewal: "automatic",
};

/** The check script a bootstrap writes to disk, decoded. */
function embeddedCheck(script: string): string {
    const encoded = /\$CheckScriptBase64 = '([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
    return Buffer.from(encoded ?? "", "base64").toString("utf8");
}

describe("renderAgentCertificateCheck", () => {
    const check = renderAgentCertificateCheck({ fleetName: "pki-eur", warningDays: 30, renewal: "automatic" });

    test("matches the reviewed script", () => {
        expect(check.script).toMatchSnapshot();
    });

    test("is ASCII, fully rendered, balanced, free of secrets, and hashed", () => {
        expectWellFormed(check.script);
        expect(check.sha256).toBe(createHash("sha256").update(check.script, "utf8").digest("hex"));
    });

    test("reads the agent certificate issued by the ImportPFX Connector CA and raises an event before it lapses", () => {
        expect(check.script).toContain("$IssuerName = 'Microsoft Intune ImportPFX Connector CA'");
        expect(check.script).toContain("Get-ChildItem -Path 'Cert:\\LocalMachine\\My'");
        expect(check.script).toContain("$WarningDays = 30");
        expect(check.script).toMatch(/elseif \(\$daysLeft -le \$WarningDays\) \{\n\s+Write-CheckEvent 'Warning' 301 /);
        expect(check.script).toMatch(/if \(\$daysLeft -lt 0\) \{\n\s+Write-CheckEvent 'Error' 302 /);
        expect(check.script).toContain(`$EventSource = '${HOST_EVENT_SOURCE}'`);
    });

    test("writes with the same event source as the bootstrap frame, and uses the ids alerting watches", () => {
        expect(BOOTSTRAP_FRAME).toContain(`$EventSource = '${HOST_EVENT_SOURCE}'`);
        for (const id of Object.values(AGENT_CERTIFICATE_CHECK_EVENTS)) {
            expect(check.script).toMatch(new RegExp(`Write-CheckEvent '(Information|Warning|Error)' ${id} `));
        }
        // Neither "valid" nor "not configured yet" (staggered hosts wait months for their first configuration) alerts.
        expect(AGENT_CERTIFICATE_ALERT_EVENTS).toEqual([301, 302, 304, 305]);
    });

    test("advises by the fleet's renewal model, and checks the service account only where renewal is expected", () => {
        const reinstall = renderAgentCertificateCheck({ fleetName: "pki-eur", warningDays: 45, renewal: "yearlyReinstall" }).script;
        expect(reinstall).toContain("$ExpectAutomaticRenewal = $false");
        expect(reinstall).toContain("so the certificate cannot renew by itself");
        expect(reinstall).toContain("$WarningDays = 45");
        expect(check.script).toContain("$ExpectAutomaticRenewal = $true");
        expect(check.script).toContain("The certificate normally renews by itself");
    });
});

describe("renderIntuneConnectorBootstrap", () => {
    const { script, sha256 } = renderIntuneConnectorBootstrap(OPTIONS);

    test("is ASCII, fully rendered, balanced, free of secrets, and hashed as the launcher checks it", () => {
        expectWellFormed(script);
        expect(sha256).toBe(createHash("sha256").update(script, "utf8").digest("hex"));
    });

    test("installs the connector unattended from a Microsoft-signed download, then checks it installed", () => {
        expect(script).toContain("$InstallerArguments = '/quiet /norestart'");
        expect(script).toContain(
            "Install-SignedPackage $InstallerUrl 'IntuneCertificateConnector.exe' $InstallerArguments $InstallTimeoutSeconds 10",
        );
        expect(script).toContain("$signature.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation'");
        expect(script).toContain(
            "$ConfigurationWizard = 'C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\ConnectorUI\\PFXCertificateConnectorUI.exe'",
        );
        expect(script).toMatch(/if \(Test-Path -LiteralPath \$ConfigurationWizard\) \{\n\s+Write-BootstrapEvent 'Information' 206 'the connector is installed already/);
    });

    test("prepares the domain service account: password checked with the domain, log on as a service, local administrator", () => {
        expect(script).toContain("$ServiceAccount = 'CORP\\svc-intune'");
        expect(script).toContain("$DomainName = 'corp.example.com'");
        expect(script).toContain("$context.ValidateCredentials($user, $Password)");
        expect(script).toContain("SeServiceLogonRight");
        expect(script).toContain("Add-LocalGroupMember -SID $AdministratorsSid -Member $sid -ErrorAction Stop");
        expect(script).toContain("$AdministratorsSid = 'S-1-5-32-544'");
        expect(script).toContain("Confirm-ServiceAccount (Get-BootstrapSecret $secrets $ServiceAccountPasswordSecretName)");
        expect(script).toContain("$ServiceAccountPasswordSecretName = 'ServiceAccountPassword'");
        expect(script).toContain("$InstallerUrlSecretName = 'InstallerUrl'");
    });

    test("installs the check it embeds, as a daily and startup task running as SYSTEM", () => {
        expect(embeddedCheck(script)).toBe(renderAgentCertificateCheck(OPTIONS).script);
        expect(script).toContain("New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest");
        expect(script).toContain("$triggers = @((New-ScheduledTaskTrigger -Daily -At $CheckTime), (New-ScheduledTaskTrigger -AtStartup))");
    });

    test("says in its log when the connector still needs its interactive sign-in", () => {
        expect(script).toMatch(/Write-BootstrapEvent 'Warning' 208 \('the connector is installed, but its configuration needs an interactive sign-in: run ' \+ \$ConfigureCommand/);
    });

    test("installs the SCEP server roles only for fleets that serve SCEP", () => {
        expect(script).toContain("$ScepWindowsFeatures = @()");
        const scep = renderIntuneConnectorBootstrap({ ...OPTIONS, features: ["scep"] }).script;
        expect(scep).toContain(`$ScepWindowsFeatures = @(${SCEP_WINDOWS_FEATURES.map((feature) => `'${feature}'`).join(", ")})`);
        expect(SCEP_WINDOWS_FEATURES).toEqual(expect.arrayContaining(["Web-Server", "ADCS-Device-Enrollment", "NET-WCF-HTTP-Activation45"]));
    });

    test("runs as SYSTEM without a service account, and refuses a service account without its domain", () => {
        const system = renderIntuneConnectorBootstrap({ ...OPTIONS, serviceAccount: undefined, domainName: undefined }).script;
        expect(system).toContain("$ServiceAccount = ''");
        expect(() => renderIntuneConnectorBootstrap({ ...OPTIONS, domainName: undefined })).toThrow(/needs the domain's name/);
        expect(() => renderIntuneConnectorBootstrap({ ...OPTIONS, installerArguments: "/quiet \u00a0" })).toThrow(/installer arguments must be printable ASCII/);
    });

    test("quotes every value so that none can end a string early", () => {
        const quoted = renderIntuneConnectorBootstrap({ ...OPTIONS, installerArguments: "/log 'C:\\it''s.log'" }).script;
        expect(quoted).toContain("$InstallerArguments = '/log ''C:\\it''''s.log'''");
    });
});
