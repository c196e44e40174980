import {
    BOOTSTRAP_CLOUDS,
    DOMAIN_JOIN_PASSWORD_SECRET,
    GCP_BOOTSTRAP_METADATA_KEYS,
    GCP_OPS_AGENT_STARTUP_SCRIPT,
    gcpBootstrapMetadata,
    gcpSecretMetadataKey,
    renderConnectorBootstrap,
} from "connector-topology";
import { findSecretsInText } from "connector-topology/rules";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const BOOTSTRAP_JOIN = { domainName: "corp.example.com", joinedBy: "bootstrap", username: "CORP\\svc-join", ouPath: "OU=Connectors,DC=corp,DC=example,DC=com" } as const;
const PLATFORM_JOIN = { domainName: "corp.example.com", joinedBy: "platform" } as const;

/** PowerShell text with strings and comments blanked out, so that brackets can be counted. */
function codeOnly(script: string): string {
    return script.replace(/'(?:[^']|'')*'|"(?:[^"`]|`.)*"|#[^\n]*/g, "");
}

/** The text of one PowerShell function, from its `function` line to the closing brace at the start of a line. */
function functionText(script: string, name: string): string {
    const start = script.indexOf(`function ${name}`);
    expect(start).toBeGreaterThanOrEqual(0);
    return script.slice(start, script.indexOf("\n}", start) + 2);
}

describe("the GCP bootstrap", () => {
    const renderings = {
        plain: renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID }).script,
        "joining the domain itself": renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID, domainJoin: BOOTSTRAP_JOIN }).script,
        "waiting for Managed Microsoft AD": renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID, domainJoin: PLATFORM_JOIN }).script,
    };

    test.each(Object.entries(renderings))("matches the reviewed script (%s)", (_label, script) => {
        expect(script).toMatchSnapshot();
    });

    test.each(Object.entries(renderings))("is ASCII, fully rendered, bracket-balanced, and holds nothing that reads as a secret (%s)", (_label, script) => {
        expect([...script].filter((c) => c !== "\n" && (c < " " || c > "~"))).toEqual([]);
        expect(script).not.toMatch(/\{\{|\}\}/);
        const code = codeOnly(script);
        for (const [open, close] of [["{", "}"], ["(", ")"], ["[", "]"]]) {
            expect(code.split(open).length).toBe(code.split(close).length);
        }
        // The policy pack's detector: JWTs, literal passwords, ConvertTo-SecureString on a literal.
        expect(findSecretsInText(script)).toEqual([]);
    });

    test("differs from the Azure script only in the secret-fetch step", () => {
        const azure = renderConnectorBootstrap({ cloud: "azure", tenantId: TENANT_ID }).script;
        // The slot runs from the cloud's comment to the frame's Get-BootstrapSecret.
        const withoutFetch = (script: string, cloud: string) =>
            script.replace(`for ${cloud}.`, "").replace(/^# (GCP|Azure):[\s\S]*?(?=\nfunction Get-BootstrapSecret\()/m, "");
        expect(withoutFetch(renderings.plain, "gcp")).toBe(withoutFetch(azure, "azure"));
        expect(withoutFetch(renderings.plain, "gcp")).not.toContain("Read-BootstrapSecrets {");
        expect(BOOTSTRAP_CLOUDS).toEqual(expect.arrayContaining(["azure", "gcp"]));
    });

    test("reads the secrets the metadata names from Secret Manager with the instance's token, keeping them in memory and redacted", () => {
        const script = renderings.plain;
        expect(script).toContain("$GcpLocationKeyPrefix = 'connector-secret-'");
        expect(script).toContain("Get-GcpMetadata 'instance/attributes/?recursive=true'");
        expect(script).toContain("Get-GcpMetadata 'instance/service-accounts/default/token'");
        expect(script).toContain("-Headers @{ 'Metadata-Flavor' = 'Google' }");
        expect(script).toContain("$uri = 'https://secretmanager.googleapis.com/v1/' + $Location + '/versions/latest:access'");
        expect(script).toContain("-Headers @{ Authorization = ('Bearer ' + $AccessToken) }");
        const fetch = script.slice(script.indexOf("# GCP:"), script.indexOf("function Get-BootstrapSecret("));
        // The token and every value are added to the redaction list; nothing is written to disk.
        expect(fetch).toContain("$script:SecretValues += $accessToken");
        expect(fetch).toContain("$script:SecretValues += $value");
        expect(fetch).not.toMatch(/Set-Content|Out-File|WriteAll|Export-|-OutFile/);
        // A grant that has not yet applied is retried; a secret that stays unreadable stops the bootstrap with the fix.
        expect(fetch).toMatch(/if \(\$attempt -ge 12\) \{\n\s+throw/);
        expect(fetch).toMatch(/Stop-Bootstrap 2 \('could not read the secret ' \+ \$name .*roles\/secretmanager\.secretAccessor on it'\)/);
    });

    test("with no domain to join, prepares nothing before the body", () => {
        expect(functionText(renderings.plain, "Initialize-BootstrapHost")).toBe("function Initialize-BootstrapHost {\n}");
        expect(renderings.plain).toMatch(/\n {4}Initialize-BootstrapHost\n {4}Invoke-Bootstrap\n/);
        expect(renderings.plain).not.toMatch(/Add-Computer|PartOfDomain/);
    });

    test("joins the domain itself, with the password read as a secret, then restarts and goes on at the next boot", () => {
        const script = renderings["joining the domain itself"];
        expect(script).toContain("$DomainName = 'corp.example.com'");
        expect(script).toContain("$DomainJoinUser = 'CORP\\svc-join'");
        expect(script).toContain("$DomainOUPath = 'OU=Connectors,DC=corp,DC=example,DC=com'");
        expect(script).toContain(`$DomainPasswordSecretName = '${DOMAIN_JOIN_PASSWORD_SECRET}'`);
        const join = functionText(script, "Join-BootstrapDomain");
        expect(join).toContain("$password = Get-BootstrapSecret $secrets $DomainPasswordSecretName");
        expect(join).toContain("Add-Computer @join");
        expect(join).toMatch(/Restart-Computer -Force\n\s+exit 0/);
        expect(join).toMatch(/Stop-Bootstrap 10 \('joining the domain '/);
        // Membership first; a member of another domain stops the bootstrap rather than registering there.
        expect(functionText(script, "Initialize-BootstrapHost")).toMatch(/if \(-not \(Test-DomainMember\)\) \{\n\s+Join-BootstrapDomain/);
        expect(functionText(script, "Test-DomainMember")).toMatch(/Stop-Bootstrap 10 \('the host is a member of the domain ' \+ \$system\.Domain \+ ', not ' \+ \$DomainName\)/);
    });

    test("leaves the join to the platform: stops without registering, and goes on after the platform's restart", () => {
        const script = renderings["waiting for Managed Microsoft AD"];
        const join = functionText(script, "Join-BootstrapDomain");
        expect(join).not.toMatch(/Add-Computer|Read-BootstrapSecrets|Start-Sleep/);
        expect(join).toMatch(/Write-BootstrapEvent 'Warning' 110 .*managed-ad\/domain-join-status guest attribute\)'\)\n\s+exit 11\n/);
        expect(script).toMatch(/^# Exit code 0: done\. 11: not done yet, the host waits for the platform to join it/m);
        expect(script).not.toContain("$DomainJoinTimeoutSeconds");
        const joining = renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID, domainJoin: BOOTSTRAP_JOIN, domainJoinTimeoutSeconds: 60 }).script;
        expect(joining).toContain("$DomainJoinTimeoutSeconds = 60");
        expect(renderings["joining the domain itself"]).toContain("$DomainJoinTimeoutSeconds = 900");
    });

    test("refuses a domain join it cannot render", () => {
        expect(() => renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID, domainJoin: { domainName: "corp", joinedBy: "platform" } })).toThrow(
            /domainJoin\.domainName must be a DNS name, got "corp"/,
        );
        expect(() => renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID, domainJoin: { domainName: "corp.example.com", joinedBy: "bootstrap" } })).toThrow(
            /domainJoin\.username is required when the bootstrap joins the domain/,
        );
    });
});

describe("GCP delivery", () => {
    test("puts the script in the startup-script key and, per secret, where it is: never a value", () => {
        const script = renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID }).script;
        const metadata = gcpBootstrapMetadata(script, {
            RegistrationToken: "projects/p/secrets/g-registration-token",
            InstallerUrl: "projects/p/secrets/g-installer-url",
        });
        expect(metadata).toEqual({
            "windows-startup-script-ps1": script,
            "connector-secret-RegistrationToken": "projects/p/secrets/g-registration-token",
            "connector-secret-InstallerUrl": "projects/p/secrets/g-installer-url",
        });
        expect(gcpSecretMetadataKey(DOMAIN_JOIN_PASSWORD_SECRET)).toBe("connector-secret-DomainJoinPassword");
        expect(() => gcpSecretMetadataKey("Registration Token")).toThrow(/a secret name holds only letters, digits, _ and -/);
    });

    test("installs the Ops Agent once, from Google's installer, after the bootstrap", () => {
        expect(GCP_BOOTSTRAP_METADATA_KEYS.opsAgentScript).toBe("windows-startup-script-cmd");
        const lines = GCP_OPS_AGENT_STARTUP_SCRIPT.split("\r\n");
        expect(lines[0]).toBe("@echo off");
        expect(lines).toContain("sc.exe query google-cloud-ops-agent >nul 2>&1 && exit /b 0");
        const command = lines.find((l) => l.startsWith("powershell.exe"))!;
        expect(command).toMatch(/^powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "[^"%]+"$/);
        expect(command).toContain("-Uri 'https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.ps1'");
        expect(command).toContain("& $f -AlsoInstall");
        expect(findSecretsInText(GCP_OPS_AGENT_STARTUP_SCRIPT)).toEqual([]);
    });
});
