/**
 * The PowerShell for Certificate Connector for Microsoft Intune hosts, as text with `{{NAME}}` slots: the body that
 * goes into the bootstrap frame (templates.ts), and the agent-certificate check the body installs as a scheduled task.
 * ASCII only, `String.raw`, no backtick and no dollar-brace, like the other templates.
 */

/**
 * The agent-certificate check: a standalone script (no secret) that runs as SYSTEM, daily and at startup. It reads
 * the expiry of the certificate issued by the ImportPFX Connector CA and writes one event to the Application log,
 * which Azure Monitor (or any log collector) can alert on; and it warns when the connector's service account cannot
 * renew the certificate. Slots: the event source and ids, the fleet's name, the issuer, the warning window, what the
 * fleet expects of the service account, the connector's install folder, the configure command and the renewal advice.
 */
export const AGENT_CERTIFICATE_CHECK = String.raw`# Certificate Connector for Microsoft Intune: agent certificate check. Rendered by connector-topology; holds no secret.
# Runs as SYSTEM from a scheduled task, daily and at startup. It finds the agent certificate issued by the ImportPFX
# Connector CA in the local computer store and writes one event to the Application log (source {{EVENT_SOURCE_NAME}}):
# {{EVENT_VALID}} valid, {{EVENT_EXPIRING}} expires within the warning window, {{EVENT_EXPIRED}} expired, {{EVENT_MISSING}} no agent certificate (the connector
# is not configured yet). It warns ({{EVENT_CANNOT_RENEW}}) when a connector service runs as an account that cannot renew the
# certificate, and reports its own failures as {{EVENT_CHECK_FAILED}}.
[CmdletBinding()]
param()

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$EventSource = {{EVENT_SOURCE}}
$FleetName = {{FLEET_NAME}}
$IssuerName = {{ISSUER_NAME}}
$WarningDays = {{WARNING_DAYS}}
$ExpectAutomaticRenewal = {{EXPECT_AUTOMATIC_RENEWAL}}
$InstallDir = {{INSTALL_DIR}}
$AdministratorsSid = {{ADMINISTRATORS_SID}}
$OperationalLog = {{OPERATIONAL_LOG}}
$ConfigureCommand = {{CONFIGURE_COMMAND}}
$RenewalAdvice = {{RENEWAL_ADVICE}}

function Write-CheckEvent([string] $EntryType, [int] $EventId, [string] $Message) {
    if (-not [Diagnostics.EventLog]::SourceExists($EventSource)) {
        New-EventLog -LogName Application -Source $EventSource
    }
    $text = 'Certificate connector fleet ' + $FleetName + ': ' + $Message
    Write-EventLog -LogName Application -Source $EventSource -EntryType $EntryType -EventId $EventId -Message $text
    [Console]::Out.WriteLine(('{0} {1}: {2}' -f (Get-Date).ToUniversalTime().ToString('o'), $EntryType, $text))
}

# The newest certificate the ImportPFX Connector CA issued to this computer, or $null.
function Get-AgentCertificate {
    $issued = @(Get-ChildItem -Path 'Cert:\LocalMachine\My' | Where-Object {
        $_.GetNameInfo([Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $true) -eq $IssuerName
    })
    if ($issued.Count -eq 0) {
        return $null
    }
    return ($issued | Sort-Object -Property NotAfter -Descending | Select-Object -First 1)
}

function Test-LocalAdministrator([string] $Account) {
    $sid = (New-Object Security.Principal.NTAccount($Account)).Translate([Security.Principal.SecurityIdentifier]).Value
    $members = @(Get-LocalGroupMember -SID $AdministratorsSid | ForEach-Object { $_.SID.Value })
    return ($members -contains $sid)
}

# Renewal fails (event 2, Access is denied) when the connector runs as an account that is not a local administrator.
# The connector's services are found by the folder they run from: their names are not documented.
function Test-ServiceAccount {
    if (-not $ExpectAutomaticRenewal) {
        return
    }
    $services = @(Get-CimInstance -ClassName Win32_Service | Where-Object {
        $null -ne $_.PathName -and $_.PathName.IndexOf($InstallDir, [StringComparison]::OrdinalIgnoreCase) -ge 0
    })
    foreach ($service in $services) {
        $account = [string] $service.StartName
        if ($account -eq 'LocalSystem') {
            continue
        }
        try {
            $isAdministrator = Test-LocalAdministrator $account
        } catch {
            Write-CheckEvent 'Warning' {{EVENT_CHECK_FAILED}} ('could not tell whether ' + $account + ' is a local administrator: ' + $_.Exception.Message)
            continue
        }
        if (-not $isAdministrator) {
            Write-CheckEvent 'Warning' {{EVENT_CANNOT_RENEW}} ('the connector service ' + $service.Name + ' runs as ' + $account + ', which is not a local administrator: the agent certificate will not renew (event 2, Access is denied, in ' + $OperationalLog + '). Add the account to the local Administrators group, or reinstall the connector before the certificate expires.')
        }
    }
}

try {
    $certificate = Get-AgentCertificate
    if ($null -eq $certificate) {
        Write-CheckEvent 'Warning' {{EVENT_MISSING}} ('no agent certificate issued by ' + $IssuerName + ' in the local computer store: the connector is not configured yet. Run ' + $ConfigureCommand + ' and sign in.')
    } else {
        $expiresAt = $certificate.NotAfter.ToUniversalTime()
        $daysLeft = [int] [Math]::Floor(($expiresAt - [DateTime]::UtcNow).TotalDays)
        $detail = 'the agent certificate ' + $certificate.Thumbprint + ' issued by ' + $IssuerName + ' expires on ' + $expiresAt.ToString('yyyy-MM-dd') + ' (in ' + $daysLeft + ' days)'
        if ($daysLeft -lt 0) {
            Write-CheckEvent 'Error' {{EVENT_EXPIRED}} ($detail + ': it has expired, so certificate requests fail on this connector (events 1003, 5001 and 2 in ' + $OperationalLog + '). ' + $RenewalAdvice)
        } elseif ($daysLeft -le $WarningDays) {
            Write-CheckEvent 'Warning' {{EVENT_EXPIRING}} ($detail + ', within the ' + $WarningDays + '-day warning window. ' + $RenewalAdvice)
        } else {
            Write-CheckEvent 'Information' {{EVENT_VALID}} $detail
        }
    }
    Test-ServiceAccount
    exit 0
} catch {
    Write-CheckEvent 'Error' {{EVENT_CHECK_FAILED}} ('the agent certificate check failed: ' + $_.Exception.Message)
    exit 1
}
`;

/**
 * The body for the Certificate Connector for Microsoft Intune, after the signed-installer step (installer.ts). It
 * does what can be done unattended: turns off IE Enhanced Security Configuration (a prerequisite of the wizard's
 * sign-in), installs the SCEP server roles when the fleet serves SCEP, checks the domain service account's password
 * with the domain and grants it what the connector needs (Log on as a service; local Administrators when the fleet
 * says so), installs the connector, and installs the agent-certificate check. The configuration wizard's interactive
 * sign-in stays for a person; the bootstrap says so in its log when the connector is not configured yet. Idempotent,
 * so that clouds may run it at every boot (AWS, GCP): an installed connector is not installed again.
 *
 * Its own exit codes (event 10xx): 20 the installer, 21 the SCEP roles, 22 the service account's password, 23 its
 * logon right. They stay clear of the frame's: 1, 2, 10 (domain join) and 11 (waiting for the platform's domain join,
 * which is not a failure).
 */
export const INTUNE_CONNECTOR_BODY = String.raw`$InstallerUrlSecretName = {{INSTALLER_URL_SECRET_NAME}}
$ServiceAccountPasswordSecretName = {{SERVICE_ACCOUNT_PASSWORD_SECRET_NAME}}
# The domain service account ('' when the connector runs as SYSTEM), and whether it is made a local administrator.
$ServiceAccount = {{SERVICE_ACCOUNT}}
$ServiceAccountLocalAdmin = {{SERVICE_ACCOUNT_LOCAL_ADMIN}}
$DomainName = {{DOMAIN_NAME}}
$InstallerArguments = {{INSTALLER_ARGUMENTS}}
$InstallTimeoutSeconds = {{INSTALL_TIMEOUT_SECONDS}}
$ScepWindowsFeatures = @({{SCEP_WINDOWS_FEATURES}})
$ConfigurationWizard = {{CONFIGURATION_WIZARD}}
$ConfigureCommand = {{CONFIGURE_COMMAND}}
$IssuerName = {{ISSUER_NAME}}
$AdministratorsSid = {{ADMINISTRATORS_SID}}
# The check, as the file it writes: literal text (a here-string), which compresses where the bootstrap travels packed.
$CheckScriptText = @'
{{CHECK_SCRIPT}}
'@
$CheckScript = Join-Path $WorkDir 'Test-IntuneAgentCertificate.ps1'
$CheckTaskPath = {{CHECK_TASK_PATH}}
$CheckTaskName = {{CHECK_TASK_NAME}}
$CheckTime = {{CHECK_TIME}}

# The configuration wizard signs in to Entra ID through a browser, which IE Enhanced Security Configuration blocks.
function Disable-EnhancedSecurityConfiguration {
    $components = @(
        'HKLM:\SOFTWARE\Microsoft\Active Setup\Installed Components\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}',
        'HKLM:\SOFTWARE\Microsoft\Active Setup\Installed Components\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}'
    )
    foreach ($component in $components) {
        if (Test-Path -LiteralPath $component) {
            Set-ItemProperty -LiteralPath $component -Name 'IsInstalled' -Value 0
        }
    }
    Write-BootstrapEvent 'Information' 201 'Internet Explorer Enhanced Security Configuration is off'
}

function Install-ScepPrerequisites {
    $result = Install-WindowsFeature -Name $ScepWindowsFeatures -IncludeManagementTools
    if (-not $result.Success) {
        Stop-Bootstrap 21 ('the SCEP server roles and features (' + ($ScepWindowsFeatures -join ', ') + ') could not be installed: ' + $result.ExitCode)
    }
    Write-BootstrapEvent 'Information' 202 ('the SCEP server roles and features are installed (' + ($ScepWindowsFeatures -join ', ') + '); NDES still needs configuring against the Certification Authority')
}

function Test-LocalAdministrator([string] $Sid) {
    $members = @(Get-LocalGroupMember -SID $AdministratorsSid | ForEach-Object { $_.SID.Value })
    return ($members -contains $Sid)
}

# Adds the account to the SeServiceLogonRight user right (Log on as a service), keeping the accounts that hold it.
function Grant-ServiceLogonRight([string] $Sid) {
    $policy = Join-Path $WorkDir 'user-rights.inf'
    $database = Join-Path $WorkDir 'user-rights.sdb'
    $null = & secedit.exe /export /cfg $policy /areas USER_RIGHTS
    $holders = ''
    $line = Get-Content -LiteralPath $policy | Where-Object { $_ -like 'SeServiceLogonRight*' } | Select-Object -First 1
    if ($null -ne $line) {
        $holders = ($line -split '=', 2)[1].Trim()
    }
    if (($holders -split ',') -contains ('*' + $Sid)) {
        return
    }
    $value = '*' + $Sid
    if ($holders -ne '') {
        $value = $holders + ',' + $value
    }
    Set-Content -LiteralPath $policy -Encoding Unicode -Value @('[Unicode]', 'Unicode=yes', '[Version]', 'signature="$CHICAGO$"', 'Revision=1', '[Privilege Rights]', ('SeServiceLogonRight = ' + $value))
    $null = & secedit.exe /configure /db $database /cfg $policy /areas USER_RIGHTS
    if ($LASTEXITCODE -ne 0) {
        Stop-Bootstrap 23 ('could not grant ' + $ServiceAccount + ' the right to log on as a service (secedit exit code ' + $LASTEXITCODE + ')')
    }
}

# The connector's domain service account: its password is checked with the domain now, so that a wrong one fails here
# rather than in the configuration wizard; then it gets the rights the connector needs.
function Confirm-ServiceAccount([string] $Password) {
    Add-Type -AssemblyName System.DirectoryServices.AccountManagement
    $user = $ServiceAccount
    if ($user.Contains('\')) {
        $user = $user.Split('\')[1]
    }
    $context = New-Object System.DirectoryServices.AccountManagement.PrincipalContext([System.DirectoryServices.AccountManagement.ContextType]::Domain, $DomainName)
    try {
        $valid = $context.ValidateCredentials($user, $Password)
    } finally {
        $context.Dispose()
    }
    if (-not $valid) {
        Stop-Bootstrap 22 ('the domain ' + $DomainName + ' refused the password of the service account ' + $ServiceAccount + '; check serviceAccount.password')
    }
    $sid = (New-Object Security.Principal.NTAccount($ServiceAccount)).Translate([Security.Principal.SecurityIdentifier]).Value
    Grant-ServiceLogonRight $sid
    if ($ServiceAccountLocalAdmin) {
        # Adding is idempotent: an account that is a member already is left as it is.
        try {
            Add-LocalGroupMember -SID $AdministratorsSid -Member $sid -ErrorAction Stop
            Write-BootstrapEvent 'Information' 203 ($ServiceAccount + ' is now a local administrator, so that the agent certificate renews')
        } catch {
            if ($_.FullyQualifiedErrorId -notlike 'MemberExists*') {
                throw
            }
        }
    } else {
        # Listing members can fail on stale entries; the warning is then left out rather than failing the bootstrap.
        try {
            if (Test-LocalAdministrator $sid) {
                Write-BootstrapEvent 'Warning' 203 ($ServiceAccount + ' is a local administrator, although the fleet declares it is not: the certificate will renew, but the fleet plans yearly reinstalls')
            }
        } catch {
            Write-BootstrapEvent 'Warning' 203 ('could not tell whether ' + $ServiceAccount + ' is a local administrator: ' + $_.Exception.Message)
        }
    }
    Write-BootstrapEvent 'Information' 204 ('the service account ' + $ServiceAccount + ' is checked and may log on as a service')
}

function Install-CertificateConnector([string] $InstallerUrl) {
    Install-SignedPackage $InstallerUrl 'IntuneCertificateConnector.exe' $InstallerArguments $InstallTimeoutSeconds 20 'the Certificate Connector for Microsoft Intune installer'
    if (-not (Test-Path -LiteralPath $ConfigurationWizard)) {
        Stop-Bootstrap 20 ('the installer finished, but ' + $ConfigurationWizard + ' is missing: the installer may not have run unattended; check installer.arguments')
    }
}

function Register-AgentCertificateCheck {
    [IO.File]::WriteAllText($CheckScript, $CheckScriptText, [Text.Encoding]::ASCII)
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument ('-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $CheckScript + '"')
    $triggers = @((New-ScheduledTaskTrigger -Daily -At $CheckTime), (New-ScheduledTaskTrigger -AtStartup))
    $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -ExecutionTimeLimit (New-TimeSpan -Minutes 10)
    $null = Register-ScheduledTask -TaskPath $CheckTaskPath -TaskName $CheckTaskName -Action $action -Trigger $triggers -Principal $principal -Settings $settings -Force
    Start-ScheduledTask -TaskPath $CheckTaskPath -TaskName $CheckTaskName
    Write-BootstrapEvent 'Information' 205 ('the agent certificate check runs daily at ' + $CheckTime + ' and at startup (task ' + $CheckTaskPath + $CheckTaskName + ')')
}

function Test-AgentCertificate {
    $issued = @(Get-ChildItem -Path 'Cert:\LocalMachine\My' | Where-Object {
        $_.GetNameInfo([Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $true) -eq $IssuerName
    })
    return ($issued.Count -gt 0)
}

function Invoke-Bootstrap {
    Write-BootstrapEvent 'Information' 200 'Certificate Connector for Microsoft Intune bootstrap started'
    $secrets = Read-BootstrapSecrets
    Disable-EnhancedSecurityConfiguration
    if ($ScepWindowsFeatures.Count -gt 0) {
        Install-ScepPrerequisites
    }
    if ($ServiceAccount -ne '') {
        Confirm-ServiceAccount (Get-BootstrapSecret $secrets $ServiceAccountPasswordSecretName)
    }
    if (Test-Path -LiteralPath $ConfigurationWizard) {
        Write-BootstrapEvent 'Information' 206 'the connector is installed already; not installing it again'
    } else {
        Install-CertificateConnector (Get-BootstrapSecret $secrets $InstallerUrlSecretName)
    }
    Register-AgentCertificateCheck
    if (Test-AgentCertificate) {
        Write-BootstrapEvent 'Information' 207 ('the connector has an agent certificate issued by ' + $IssuerName + ': it is configured')
    } else {
        Write-BootstrapEvent 'Warning' 208 ('the connector is installed, but its configuration needs an interactive sign-in: run ' + $ConfigureCommand + ' on this host (the fleet output interactiveSteps lists when)')
    }
    Write-BootstrapEvent 'Information' 299 'the Certificate Connector for Microsoft Intune bootstrap finished'
}`;
