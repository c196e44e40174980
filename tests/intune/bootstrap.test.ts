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
import { renderAwsUserData } from "../../src/bootstrap";
import { INTUNE_CONNECTOR_BODY } from "../../src/bootstrap/intuneTemplates";
import { BOOTSTRAP_FRAME, DOMAIN_HOST_PREPARATION, DOMAIN_JOIN_BY_BOOTSTRAP, DOMAIN_JOIN_BY_PLATFORM } from "../../src/bootstrap/templates";

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

/** The check script a bootstrap writes to disk: the body of its literal here-string. */
function embeddedCheck(script: string): string {
    return /\$CheckScriptText = @'\n([\s\S]*?)\n'@\n/.exec(script)?.[1] ?? "";
}

/** The exit codes a PowerShell text stops with. */
function exitCodes(text: string): number[] {
    return [...text.matchAll(/(?:Stop-Bootstrap|exit) (\d+)/g), ...text.matchAll(/Install-SignedPackage [^\n]* (\d+) '/g)].map((match) => Number(match[1]));
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
        expect(check.script).toMatch(/elseif \(\$daysLeft -le \$WarningDays\) \{\n\s+Write-CheckEvent 'Warning' 401 /);
        expect(check.script).toMatch(/if \(\$daysLeft -lt 0\) \{\n\s+Write-CheckEvent 'Error' 402 /);
        expect(check.script).toContain(`$EventSource = '${HOST_EVENT_SOURCE}'`);
    });

    test("writes with the same event source as the bootstrap frame, and uses the ids alerting watches", () => {
        expect(BOOTSTRAP_FRAME).toContain(`$EventSource = '${HOST_EVENT_SOURCE}'`);
        for (const id of Object.values(AGENT_CERTIFICATE_CHECK_EVENTS)) {
            expect(check.script).toMatch(new RegExp(`Write-CheckEvent '(Information|Warning|Error)' ${id} `));
        }
        // Neither "valid" nor "not configured yet" (staggered hosts wait months for their first configuration) alerts.
        expect(AGENT_CERTIFICATE_ALERT_EVENTS).toEqual([401, 402, 404, 405]);
    });

    test("uses ids no launcher or bootstrap writes with the same source, so that an alert on them means the check", () => {
        const launcher = renderAwsUserData({
            region: "us-east-1",
            publishMemoryMetrics: true,
            domainJoin: { mode: "bootstrap", domainName: "corp.example.com", username: "CORP\\join", passwordParameterName: "/p/DomainJoinPassword" },
        });
        const bootstrap = renderIntuneConnectorBootstrap(OPTIONS).script;
        const others = bootstrap.replace(embeddedCheck(bootstrap), "") + launcher;
        const written = [...others.matchAll(/Write-(?:Bootstrap|Launcher)Event '\w+' (\d+)/g)].map((match) => Number(match[1]));
        expect(written.length).toBeGreaterThan(10);
        expect(written.filter((id) => (Object.values(AGENT_CERTIFICATE_CHECK_EVENTS) as number[]).includes(id))).toEqual([]);
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
            "Install-SignedPackage $InstallerUrl 'IntuneCertificateConnector.exe' $InstallerArguments $InstallTimeoutSeconds 20",
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
        // Literal text (not base64), which the AWS launcher's gzip packs small; the file lacks only the final newline.
        expect(`${embeddedCheck(script)}\n`).toBe(renderAgentCertificateCheck(OPTIONS).script);
        expect(script).toContain("[IO.File]::WriteAllText($CheckScript, $CheckScriptText, [Text.Encoding]::ASCII)");
        expect(script).toContain("New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest");
        expect(script).toContain("$triggers = @((New-ScheduledTaskTrigger -Daily -At $CheckTime), (New-ScheduledTaskTrigger -AtStartup))");
    });

    test("fails with exit codes of its own, never the frame's 11 (waiting for the platform's domain join, not a failure)", () => {
        const frame = exitCodes([BOOTSTRAP_FRAME, DOMAIN_HOST_PREPARATION, DOMAIN_JOIN_BY_BOOTSTRAP, DOMAIN_JOIN_BY_PLATFORM].join("\n"));
        expect(frame).toEqual(expect.arrayContaining([0, 1, 10, 11]));
        const body = exitCodes(INTUNE_CONNECTOR_BODY);
        expect(body.sort()).toEqual([20, 20, 21, 22, 23]);
        expect(body.filter((code) => frame.includes(code))).toEqual([]);
    });

    test("reads its secrets on AWS from the SSM parameters under the path it is given, one per secret it reads", () => {
        const aws = (serviceAccount: IntuneBootstrapOptions["serviceAccount"]) =>
            renderIntuneConnectorBootstrap({ ...OPTIONS, serviceAccount, cloud: "aws", aws: { region: "eu-west-1", parameterPath: "/connector-topology/p/s/pki/" } }).script;
        expect(aws(OPTIONS.serviceAccount)).toContain(
            "@{ 'InstallerUrl' = '/connector-topology/p/s/pki/InstallerUrl'; 'ServiceAccountPassword' = '/connector-topology/p/s/pki/ServiceAccountPassword' }",
        );
        expect(aws(undefined)).toContain("@{ 'InstallerUrl' = '/connector-topology/p/s/pki/InstallerUrl' }");
        expect(() =>
            renderIntuneConnectorBootstrap({ ...OPTIONS, cloud: "aws", aws: { region: "eu-west-1", parameterPath: "/p/", parameterNames: {} } }),
        ).toThrow(/exactly one of aws.parameterNames and aws.parameterPath/);
        expect(() => renderIntuneConnectorBootstrap({ ...OPTIONS, cloud: "aws", aws: { region: "eu-west-1", parameterPath: "/p" } })).toThrow(/must end with \//);
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
