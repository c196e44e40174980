/**
 * The PowerShell the hosts run, as text with `{{NAME}}` slots. One frame serves every cloud and every kind of
 * connector: it logs to the Application event log, redacts secrets from everything it writes, and turns any failure
 * into a non-zero exit. Two slots vary: the secret-fetch step (per cloud) and the body (per kind of connector). A third,
 * the host preparation, is the same on every cloud and depends only on whether the script joins (or waits for) a
 * domain before the body runs.
 *
 * Kept ASCII-only: Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page. The texts
 * are `String.raw` so that PowerShell's backslashes stay as written; they contain no backtick and no dollar-brace
 * (the one `${...}` below is a TypeScript substitution, of a value quoted by psString).
 */
import { DEFAULT_CONNECTOR_INSTALLER_URL } from "./installer";
import { psString } from "./powershell";

/** The frame. Slots: TITLE, CLOUD, SECRET_FETCH, HOST_PREPARATION, BODY. */
export const BOOTSTRAP_FRAME = String.raw`# {{TITLE}}
# Rendered by connector-topology for {{CLOUD}}. This script holds no secret: secrets are read when it runs
# (Read-BootstrapSecrets), kept in memory, and redacted from everything it writes.
# Exit code 0: done. 11: not done yet, the host waits for the platform to join it to its domain and restart it (the
# script runs again after that restart). Any other code: failed, with the reason in the Application event log (source
# ConnectorTopology) and on standard output.
[CmdletBinding()]
param(
    # Base64 of a JSON object of secret values, on clouds whose launcher passes them in (Azure: protectedSettings).
    [string] $SecretsBase64 = ''
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

$EventSource = 'ConnectorTopology'
$WorkDir = Join-Path $env:ProgramData 'ConnectorTopology'
$script:SecretValues = @()

function Protect-Text([string] $Text) {
    foreach ($secret in $script:SecretValues) {
        if (-not [string]::IsNullOrEmpty($secret)) {
            $Text = $Text.Replace($secret, '[redacted]')
        }
    }
    return $Text
}

# Writes to standard output directly, so that log lines never mix with a function's return value.
function Write-BootstrapEvent([string] $EntryType, [int] $EventId, [string] $Message) {
    $safe = Protect-Text $Message
    try {
        if (-not [Diagnostics.EventLog]::SourceExists($EventSource)) {
            New-EventLog -LogName Application -Source $EventSource
        }
        Write-EventLog -LogName Application -Source $EventSource -EntryType $EntryType -EventId $EventId -Message $safe
    } catch {
        # The event log is best effort: the exit code and standard output still carry the outcome.
    }
    [Console]::Out.WriteLine(('{0} {1}: {2}' -f (Get-Date).ToUniversalTime().ToString('o'), $EntryType, $safe))
}

# Ends the bootstrap: an Error event with the reason, then the step's exit code.
function Stop-Bootstrap([int] $ExitCode, [string] $Reason) {
    Write-BootstrapEvent 'Error' (1000 + $ExitCode) ('Bootstrap failed: ' + $Reason)
    exit $ExitCode
}

{{SECRET_FETCH}}

function Get-BootstrapSecret($Secrets, [string] $Name) {
    $property = $Secrets.PSObject.Properties[$Name]
    if ($null -eq $property -or [string]::IsNullOrEmpty([string] $property.Value)) {
        Stop-Bootstrap 2 ('the secret ' + $Name + ' was not passed to the bootstrap')
    }
    $script:SecretValues += [string] $property.Value
    return [string] $property.Value
}

{{HOST_PREPARATION}}

{{BODY}}

try {
    $null = New-Item -ItemType Directory -Force -Path $WorkDir
    Initialize-BootstrapHost
    Invoke-Bootstrap
    exit 0
} catch {
    Stop-Bootstrap 1 ('unexpected error: ' + $_.Exception.Message)
}
`;

/**
 * Reads one SSM Parameter Store SecureString with the instance role, through AWS Tools for PowerShell (installed on
 * every AWS Windows AMI; it signs with the instance profile's credentials from IMDSv2). Throws on failure. Shared by the
 * AWS secret-fetch step and the AWS launcher (src/bootstrap/aws.ts), which both define `$AwsRegion`.
 */
export const AWS_SSM_READ_FUNCTION = String.raw`# The instance profile's credentials can lag the first seconds after boot: transient failures are retried.
function Read-SsmSecureString([string] $ParameterName) {
    if ($null -eq (Get-Command -Name Get-SSMParameter -ErrorAction SilentlyContinue)) {
        throw 'AWS Tools for PowerShell (Get-SSMParameter) is not installed on this image'
    }
    $attempt = 0
    while ($true) {
        $attempt++
        try {
            return (Get-SSMParameter -Name $ParameterName -WithDecryption $true -Region $AwsRegion).Value
        } catch {
            if ($attempt -ge 5) {
                throw
            }
            Start-Sleep -Seconds (6 * $attempt)
        }
    }
}`;

/**
 * The secret-fetch step per cloud: defines `Read-BootstrapSecrets`, which returns an object whose properties are the
 * secret values. A cloud with a secret store (AWS SSM, GCP Secret Manager) reads it there with the instance's identity.
 * A step's own `{{NAME}}` slots are filled from the cloud's options (see `renderConnectorBootstrap`).
 */
export const SECRET_FETCH_STEPS = {
    azure: String.raw`# Azure: the launcher passes the secrets in -SecretsBase64, taken from the Custom Script Extension's protectedSettings,
# which Azure keeps encrypted until they reach this VM. They are never written to disk.
function Read-BootstrapSecrets {
    if ([string]::IsNullOrEmpty($SecretsBase64)) {
        Stop-Bootstrap 2 'no secrets were passed to the bootstrap (-SecretsBase64 is empty)'
    }
    try {
        return ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($SecretsBase64)) | ConvertFrom-Json)
    } catch {
        Stop-Bootstrap 2 'the secrets passed to the bootstrap are not base64-encoded JSON'
    }
}`,
    existing: String.raw`# Existing servers (on premises, or built by other tooling): an administrator runs this script on the server, in an
# elevated Windows PowerShell session. The secrets come from -SecretsBase64 when the caller's own tooling passes them
# (base64 of a JSON object, as on Azure), or else are asked for at the console: the registration token and,
# optionally, the installer's URL. Nothing typed is echoed, logged or written to disk. The names are those the body
# reads ($TokenSecretName, $InstallerUrlSecretName).
function Read-SecretFromConsole([string] $Prompt) {
    try {
        $secure = Read-Host -Prompt $Prompt -AsSecureString
    } catch {
        Stop-Bootstrap 2 ('could not ask for the secrets at the console (' + $_.Exception.Message + '); run the script in an interactive session, or pass -SecretsBase64')
    }
    $pointer = [Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)
    try {
        return [Runtime.InteropServices.Marshal]::PtrToStringBSTR($pointer)
    } finally {
        [Runtime.InteropServices.Marshal]::ZeroFreeBSTR($pointer)
    }
}

function Read-BootstrapSecrets {
    $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        Stop-Bootstrap 2 'installing and registering the connector needs an elevated session: run the script as Administrator'
    }
    if (-not [string]::IsNullOrEmpty($SecretsBase64)) {
        try {
            return ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($SecretsBase64)) | ConvertFrom-Json)
        } catch {
            Stop-Bootstrap 2 'the secrets passed to the bootstrap are not base64-encoded JSON'
        }
    }
    if (-not [Environment]::UserInteractive) {
        Stop-Bootstrap 2 'no secrets were passed (-SecretsBase64 is empty) and there is no console to ask for them on'
    }
    $token = Read-SecretFromConsole 'Registration token (input hidden)'
    $installerUrl = Read-SecretFromConsole 'Installer URL (input hidden; press Enter for Microsoft''s download link)'
    if ([string]::IsNullOrWhiteSpace($installerUrl)) {
        $installerUrl = ${psString(DEFAULT_CONNECTOR_INSTALLER_URL)}
    }
    $secrets = @{}
    $secrets[$TokenSecretName] = $token.Trim()
    $secrets[$InstallerUrlSecretName] = $installerUrl.Trim()
    return [pscustomobject] $secrets
}`,
    gcp: String.raw`# GCP: the secrets are in Secret Manager. The instance metadata names each one (key connector-secret-<name>, value
# projects/<project>/secrets/<id>: where it is, not what it is), and the instance's service account, the only
# identity allowed to read them, fetches their latest versions with an access token from the metadata server.
# Nothing is written to disk.
$GcpMetadataUrl = 'http://metadata.google.internal/computeMetadata/v1/'
$GcpLocationKeyPrefix = 'connector-secret-'

# The metadata server can lag the first boot by a few seconds: retry for a minute.
function Get-GcpMetadata([string] $Path) {
    for ($attempt = 1; ; $attempt++) {
        try {
            return Invoke-RestMethod -Headers @{ 'Metadata-Flavor' = 'Google' } -Uri ($GcpMetadataUrl + $Path) -TimeoutSec 10
        } catch {
            if ($attempt -ge 10) {
                throw
            }
            Start-Sleep -Seconds 6
        }
    }
}

# A new IAM grant can take a few minutes to apply: retry for about three.
function Get-GcpSecretValue([string] $Location, [string] $AccessToken) {
    $uri = 'https://secretmanager.googleapis.com/v1/' + $Location + '/versions/latest:access'
    for ($attempt = 1; ; $attempt++) {
        try {
            $response = Invoke-RestMethod -Uri $uri -Headers @{ Authorization = ('Bearer ' + $AccessToken) } -TimeoutSec 30
            return [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String([string] $response.payload.data))
        } catch {
            if ($attempt -ge 12) {
                throw
            }
            Start-Sleep -Seconds 15
        }
    }
}

function Read-BootstrapSecrets {
    try {
        $attributes = Get-GcpMetadata 'instance/attributes/?recursive=true'
        $accessToken = [string] (Get-GcpMetadata 'instance/service-accounts/default/token').access_token
    } catch {
        Stop-Bootstrap 2 ('could not read the instance metadata or a token for the instance service account: ' + $_.Exception.Message)
    }
    $script:SecretValues += $accessToken
    $secrets = New-Object -TypeName PSObject
    foreach ($attribute in $attributes.PSObject.Properties) {
        if (-not $attribute.Name.StartsWith($GcpLocationKeyPrefix)) {
            continue
        }
        $name = $attribute.Name.Substring($GcpLocationKeyPrefix.Length)
        try {
            $value = Get-GcpSecretValue ([string] $attribute.Value) $accessToken
        } catch {
            Stop-Bootstrap 2 ('could not read the secret ' + $name + ' (' + $attribute.Value + ') from Secret Manager: ' + $_.Exception.Message + '; the instance service account needs roles/secretmanager.secretAccessor on it')
        }
        $script:SecretValues += $value
        $secrets | Add-Member -MemberType NoteProperty -Name $name -Value $value
    }
    return $secrets
}`,
    aws: [
        String.raw`# AWS: the secrets are SSM Parameter Store SecureString parameters that only this group's instance role may read. Slots:
# AWS_REGION, AWS_SECRET_PARAMETERS (secret name to parameter name). The values are kept in memory only.
$AwsRegion = {{AWS_REGION}}
$AwsSecretParameters = {{AWS_SECRET_PARAMETERS}}`,
        AWS_SSM_READ_FUNCTION,
        String.raw`function Read-BootstrapSecrets {
    $values = @{}
    foreach ($name in $AwsSecretParameters.Keys) {
        $parameterName = $AwsSecretParameters[$name]
        try {
            $values[$name] = Read-SsmSecureString $parameterName
        } catch {
            Stop-Bootstrap 2 ('could not read the secret ' + $name + ' from SSM parameter ' + $parameterName + ' in ' + $AwsRegion + ' (' + $_.Exception.Message + '); check that the instance profile may read it')
        }
    }
    return [pscustomobject] $values
}`,
    ].join("\n"),
} as const;

/** The host preparation when the script joins no domain: nothing to do before the body. */
export const NO_HOST_PREPARATION = String.raw`# Host preparation: none. This script joins no domain (or the platform joins the host before the script runs).
function Initialize-BootstrapHost {
}`;

/**
 * The host preparation when the connector must run on a domain member: the body runs only once the host is in the
 * domain. Slots: DOMAIN_NAME, and DOMAIN_JOIN, which defines Join-BootstrapDomain: the script joins
 * ({@link DOMAIN_JOIN_BY_BOOTSTRAP}) or leaves it to the platform ({@link DOMAIN_JOIN_BY_PLATFORM}).
 */
export const DOMAIN_HOST_PREPARATION = String.raw`# Host preparation: the connector registers only once the host is a member of the domain, so that it can serve apps
# that use Kerberos constrained delegation.
$DomainName = {{DOMAIN_NAME}}

# True once the host is a member of the domain; a member of another domain stops the bootstrap.
function Test-DomainMember {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    if (-not $system.PartOfDomain) {
        return $false
    }
    if ($system.Domain -ne $DomainName) {
        Stop-Bootstrap 10 ('the host is a member of the domain ' + $system.Domain + ', not ' + $DomainName)
    }
    return $true
}

{{DOMAIN_JOIN}}

function Initialize-BootstrapHost {
    if (-not (Test-DomainMember)) {
        Join-BootstrapDomain
    }
    Write-BootstrapEvent 'Information' 112 ('the host is a member of the domain ' + $DomainName)
}`;

/**
 * The script joins the domain itself, with an account the stack names and a password it reads as a secret, then
 * restarts the host. For clouds that run the script again at the next boot (GCP startup scripts run at every boot).
 * Slots: DOMAIN_USERNAME, DOMAIN_OU_PATH, DOMAIN_PASSWORD_SECRET_NAME, DOMAIN_JOIN_TIMEOUT_SECONDS.
 */
export const DOMAIN_JOIN_BY_BOOTSTRAP = String.raw`# This script joins the host, then restarts it so that the join takes effect; it runs again after the restart and goes
# on. Domain controllers may not answer in the first minutes (DNS, routes): the join is retried until the time limit.
$DomainJoinUser = {{DOMAIN_USERNAME}}
$DomainOUPath = {{DOMAIN_OU_PATH}}
$DomainPasswordSecretName = {{DOMAIN_PASSWORD_SECRET_NAME}}
$DomainJoinTimeoutSeconds = {{DOMAIN_JOIN_TIMEOUT_SECONDS}}

function Join-BootstrapDomain {
    $secrets = Read-BootstrapSecrets
    $password = Get-BootstrapSecret $secrets $DomainPasswordSecretName
    $securePassword = ConvertTo-SecureString -String $password -AsPlainText -Force
    $join = @{
        DomainName = $DomainName
        Credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $DomainJoinUser, $securePassword
        Force = $true
    }
    if ($DomainOUPath -ne '') {
        $join.OUPath = $DomainOUPath
    }
    $deadline = (Get-Date).AddSeconds($DomainJoinTimeoutSeconds)
    for ($attempt = 1; ; $attempt++) {
        try {
            Add-Computer @join
            break
        } catch {
            if ((Get-Date) -ge $deadline) {
                Stop-Bootstrap 10 ('joining the domain ' + $DomainName + ' as ' + $DomainJoinUser + ' failed: ' + $_.Exception.Message)
            }
            Write-BootstrapEvent 'Warning' 110 ('joining the domain ' + $DomainName + ' failed (attempt ' + $attempt + '), retrying: ' + $_.Exception.Message)
            Start-Sleep -Seconds 30
        }
    }
    Write-BootstrapEvent 'Information' 111 ('joined the domain ' + $DomainName + '; restarting so that the join takes effect, after which the bootstrap goes on')
    Restart-Computer -Force
    exit 0
}`;

/**
 * The platform joins the host and restarts it (GCP: Managed Microsoft AD, from the `managed-ad-domain` metadata). Its
 * join may run after this script in the same boot (GCP runs the PowerShell startup script before the others), so the
 * script does not wait: it stops with exit code 11, without registering, and goes on when it runs again after the
 * platform's restart.
 */
export const DOMAIN_JOIN_BY_PLATFORM = String.raw`# The platform joins the host and restarts it (for example Managed Microsoft AD on GCP). Until then this script stops
# without registering, leaving the way free; it runs again after that restart and goes on.
function Join-BootstrapDomain {
    Write-BootstrapEvent 'Warning' 110 ('the host is not yet a member of the domain ' + $DomainName + '; the platform joins it and restarts it, and the bootstrap goes on after that restart. If no restart comes, check the platform domain join (GCP: the managed-ad/domain-join-status guest attribute)')
    exit 11
}`;

/**
 * The body for the Microsoft Entra private network connector: install silently, register with the token, check the
 * service and, where the installed version ships it, the diagnostics tool. Idempotent: a host that registered before
 * (marker file) is checked, not registered again, so re-running the extension after a token change is harmless.
 * Slots: TENANT_ID, the names of the two secrets, and the time limits.
 */
export const ENTRA_CONNECTOR_BODY = String.raw`$TenantId = {{TENANT_ID}}
$TokenSecretName = {{TOKEN_SECRET_NAME}}
$InstallerUrlSecretName = {{INSTALLER_URL_SECRET_NAME}}
$InstallDir = Join-Path $env:ProgramFiles 'Microsoft Entra private network connector'
$ServiceName = 'WAPCSvc'
$InstallerFile = Join-Path $WorkDir 'MicrosoftEntraPrivateNetworkConnectorInstaller.exe'
$RegisteredMarker = Join-Path $WorkDir 'registered.json'
$DiagnosticsMinimumVersion = [version] '1.5.4287.0'
$TokenExpiryMarginSeconds = {{TOKEN_EXPIRY_MARGIN_SECONDS}}
$InstallTimeoutSeconds = {{INSTALL_TIMEOUT_SECONDS}}
$RegistrationTimeoutSeconds = {{REGISTRATION_TIMEOUT_SECONDS}}
$ServiceStartTimeoutSeconds = {{SERVICE_START_TIMEOUT_SECONDS}}
$DiagnosticsTimeoutSeconds = {{DIAGNOSTICS_TIMEOUT_SECONDS}}

# The registration token is a short-lived access token. An expired one must stop the bootstrap here, with the reason,
# rather than hang or fail obscurely inside RegisterConnector.ps1.
function Assert-RegistrationTokenFresh([string] $Token) {
    $parts = $Token.Split('.')
    if ($parts.Count -ne 3) {
        Stop-Bootstrap 4 'the registration token is not an access token (a JWT); get a new one as docs/components.md describes'
    }
    $payload = $parts[1].Replace('-', '+').Replace('_', '/')
    switch ($payload.Length % 4) {
        2 { $payload += '==' }
        3 { $payload += '=' }
    }
    try {
        $claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json
        $expiresAt = [DateTimeOffset]::FromUnixTimeSeconds([int64] $claims.exp)
    } catch {
        Stop-Bootstrap 4 'the registration token has no readable expiry; get a new one as docs/components.md describes'
    }
    if ($expiresAt -le [DateTimeOffset]::UtcNow.AddSeconds($TokenExpiryMarginSeconds)) {
        Stop-Bootstrap 4 ('the registration token expired at {0:u} (or expires within {1} s); get a fresh one, store it with pulumi config set --secret, and run pulumi up again' -f $expiresAt.UtcDateTime, $TokenExpiryMarginSeconds)
    }
}

function Install-Connector([string] $InstallerUrl) {
    # Only the host is ever logged: the URL may carry a SAS token.
    $source = ([Uri] $InstallerUrl).Host
    $downloaded = $false
    for ($attempt = 1; $attempt -le 3 -and -not $downloaded; $attempt++) {
        try {
            Invoke-WebRequest -Uri $InstallerUrl -OutFile $InstallerFile -UseBasicParsing -TimeoutSec 300
            $downloaded = $true
        } catch {
            Write-BootstrapEvent 'Warning' 105 ('download of the connector installer from ' + $source + ' failed (attempt ' + $attempt + '): ' + $_.Exception.Message)
            Start-Sleep -Seconds (10 * $attempt)
        }
    }
    if (-not $downloaded) {
        Stop-Bootstrap 5 ('could not download the connector installer from ' + $source)
    }
    $signature = Get-AuthenticodeSignature -FilePath $InstallerFile
    if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation') {
        Stop-Bootstrap 5 ('the file downloaded from ' + $source + ' is not a Microsoft-signed installer (signature ' + $signature.Status + '); check registration.installerUrl')
    }
    $process = Start-Process -FilePath $InstallerFile -ArgumentList 'REGISTERCONNECTOR="false" /q' -PassThru
    $null = $process.Handle
    if (-not $process.WaitForExit($InstallTimeoutSeconds * 1000)) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        Stop-Bootstrap 6 ('the connector installer did not finish within ' + $InstallTimeoutSeconds + ' s')
    }
    if ($process.ExitCode -ne 0 -and $process.ExitCode -ne 3010) {
        Stop-Bootstrap 6 ('the connector installer failed with exit code ' + $process.ExitCode)
    }
    Write-BootstrapEvent 'Information' 106 'the connector is installed'
}

function Register-Connector([string] $Token) {
    $registerScript = Join-Path $InstallDir 'RegisterConnector.ps1'
    if (-not (Test-Path -LiteralPath $registerScript)) {
        Stop-Bootstrap 7 ('RegisterConnector.ps1 is missing from ' + $InstallDir + '; the install did not complete')
    }
    # A background job, so that a registration that never returns can be stopped. The token reaches the job through
    # its input stream, never a command line.
    $job = Start-Job -ArgumentList $registerScript, $InstallDir, $Token, $TenantId -ScriptBlock {
        param($RegisterScript, $InstallDir, $Token, $TenantId)
        $ErrorActionPreference = 'Stop'
        $secureToken = ConvertTo-SecureString -String $Token -AsPlainText -Force
        & $RegisterScript -modulePath (Join-Path $InstallDir 'Modules\') -moduleName 'MicrosoftEntraPrivateNetworkConnectorPSModule' -Authenticationmode Token -Token $secureToken -TenantId $TenantId -Feature ApplicationProxy
    }
    if ($null -eq (Wait-Job -Job $job -Timeout $RegistrationTimeoutSeconds)) {
        Stop-Job -Job $job
        Remove-Job -Job $job -Force
        Stop-Bootstrap 7 ('registration did not finish within ' + $RegistrationTimeoutSeconds + ' s; check outbound HTTPS to *.msappproxy.net, *.servicebus.windows.net and login.microsoftonline.com')
    }
    $state = [string] $job.State
    $output = Receive-Job -Job $job -ErrorAction SilentlyContinue -ErrorVariable registrationErrors | Out-String
    Remove-Job -Job $job -Force
    if ($state -ne 'Completed' -or $registrationErrors.Count -gt 0) {
        $reason = 'job ' + $state
        if ($registrationErrors.Count -gt 0) {
            $reason = [string] $registrationErrors[0]
        }
        Stop-Bootstrap 7 ('RegisterConnector.ps1 failed: ' + $reason)
    }
    Write-BootstrapEvent 'Information' 107 ('the connector is registered: ' + $output.Trim())
    $marker = @{ registeredAt = (Get-Date).ToUniversalTime().ToString('o'); tenantId = $TenantId } | ConvertTo-Json
    Set-Content -LiteralPath $RegisteredMarker -Value $marker -Encoding ASCII
}

function Wait-ConnectorService {
    $deadline = (Get-Date).AddSeconds($ServiceStartTimeoutSeconds)
    while ($true) {
        $service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
        if ($null -ne $service -and $service.Status -eq 'Running') {
            return
        }
        if ($null -ne $service -and $service.Status -eq 'Stopped') {
            Start-Service -Name $ServiceName -ErrorAction SilentlyContinue
        }
        if ((Get-Date) -ge $deadline) {
            $status = 'not installed'
            if ($null -ne $service) {
                $status = [string] $service.Status
            }
            Stop-Bootstrap 8 ('the connector service ' + $ServiceName + ' is not running after ' + $ServiceStartTimeoutSeconds + ' s (' + $status + ')')
        }
        Start-Sleep -Seconds 5
    }
}

function Get-ConnectorVersion {
    $service = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + $ServiceName + "'")
    if ($null -eq $service -or $service.PathName -notmatch '^\s*"?([^"]+?\.exe)') {
        return $null
    }
    $info = (Get-Item -LiteralPath $Matches[1]).VersionInfo
    return [version] ('{0}.{1}.{2}.{3}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart, $info.FilePrivatePart)
}

# ConnectorDiagnosticsTool.exe ships with connector 1.5.4287.0 and later. It runs under a time limit: from 1.5.4522.0
# it shows a graphical report, and whether that finishes unattended is not documented. A run that does not finish is
# a warning; a run that reports a failure fails the bootstrap.
function Invoke-ConnectorDiagnostics {
    $tool = Join-Path $InstallDir 'ConnectorDiagnosticsTool.exe'
    $version = Get-ConnectorVersion
    if ($null -eq $version -or $version -lt $DiagnosticsMinimumVersion -or -not (Test-Path -LiteralPath $tool)) {
        Write-BootstrapEvent 'Information' 120 ('ConnectorDiagnosticsTool.exe not run: connector version ' + $version + ' does not ship it')
        return
    }
    $report = Join-Path $WorkDir 'diagnostics.txt'
    $process = Start-Process -FilePath $tool -PassThru -NoNewWindow -RedirectStandardOutput $report -RedirectStandardError (Join-Path $WorkDir 'diagnostics-errors.txt')
    $null = $process.Handle
    if (-not $process.WaitForExit($DiagnosticsTimeoutSeconds * 1000)) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        Write-BootstrapEvent 'Warning' 121 ('ConnectorDiagnosticsTool.exe did not finish within ' + $DiagnosticsTimeoutSeconds + ' s and was stopped; its verdict is unknown')
        return
    }
    if ($process.ExitCode -ne 0) {
        Stop-Bootstrap 9 ('ConnectorDiagnosticsTool.exe reported an unhealthy connector (exit code ' + $process.ExitCode + '); see ' + $report)
    }
    Write-BootstrapEvent 'Information' 122 ('ConnectorDiagnosticsTool.exe found connector ' + $version + ' healthy')
}

function Invoke-Bootstrap {
    Write-BootstrapEvent 'Information' 100 'Entra private network connector bootstrap started'
    if (Test-Path -LiteralPath $RegisteredMarker) {
        Write-BootstrapEvent 'Information' 101 'the connector registered on this host before; checking it only'
    } else {
        $secrets = Read-BootstrapSecrets
        $token = Get-BootstrapSecret $secrets $TokenSecretName
        $installerUrl = Get-BootstrapSecret $secrets $InstallerUrlSecretName
        Assert-RegistrationTokenFresh $token
        if ($null -eq (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) {
            Install-Connector $installerUrl
        }
        Register-Connector $token
    }
    Wait-ConnectorService
    Invoke-ConnectorDiagnostics
    Write-BootstrapEvent 'Information' 199 'the connector is installed, registered and running'
}`;
