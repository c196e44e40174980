/**
 * How a host is prepared and its bootstrap delivered on AWS, and why this way.
 *
 * An EC2 Windows instance takes its Windows computer name from EC2Launch (`EC2AMAZ-...`), not from anything the stack
 * names, yet the connector registers under the computer name and its membership waits for exactly that name. So the
 * instance's user data is a launcher that EC2Launch v2 runs at every boot (`<persist>true</persist>`), before it
 * starts the SSM agent, and that makes the host what the stack planned, one step per boot where a step restarts it:
 *
 * 1. take the planned computer name, the instance's `Name` tag read from the instance metadata service (and restart),
 *    before any domain join, so that the computer account gets it;
 * 2. join the domain: either wait for the `AWS-JoinDirectoryServiceDomain` association (the SSM agent starts once this
 *    run ends, joins, and restarts the host), or join with `Add-Computer`, reading the password from SSM (and restart);
 * 3. start the CloudWatch agent for the memory metric of the scale-out alarm (a failure here only warns);
 * 4. run the connector bootstrap, which reads its own secrets from SSM.
 *
 * User data holds at most 16 KB and is readable by anyone with `ec2:DescribeInstanceAttribute`, so it holds no secret,
 * and the bootstrap travels in it gzip-compressed (its SHA-256 checked on the host). It names no host either: the same
 * user data serves every host of a group, and a host is never stopped to change it (see AwsConnectorHost).
 */
import { gzipSync } from "node:zlib";
import { AWS_MEMORY_METRIC } from "../model/awsHosts";
import { sha256Hex } from "./connectorBootstrap";
import { fillPlaceholders, psString } from "./powershell";
import { AWS_SSM_READ_FUNCTION } from "./templates";
import { rememberLast } from "./rememberLast";

/** EC2 accepts at most 16 KB of user data, counted before base64 encoding. */
export const AWS_USER_DATA_LIMIT_BYTES = 16384;

/** How the launcher joins the host to a domain. */
export interface AwsLauncherDomainJoin {
    /**
     * `directoryService`: an `AWS-JoinDirectoryServiceDomain` association joins the host, and the launcher waits for
     * it; `bootstrap`: the launcher joins with `Add-Computer`.
     */
    readonly mode: "directoryService" | "bootstrap";
    /** The domain's DNS name. */
    readonly domainName: string;
    /** `bootstrap` only: the OU's distinguished name, when not the default Computers container. */
    readonly ouPath?: string;
    /** `bootstrap` only: the joining account, `CORP\joiner` or a UPN. */
    readonly username?: string;
    /** `bootstrap` only: the SSM SecureString parameter that holds the account's password. */
    readonly passwordParameterName?: string;
}

/** The instance tag that holds the Windows computer name the host takes: the connector's machine name. */
export const AWS_COMPUTER_NAME_TAG = "Name";

/** What a host's launcher is rendered from. */
export interface AwsLauncherOptions {
    /** The host's region, for SSM and the CloudWatch agent's download. */
    readonly region: string;
    readonly domainJoin?: AwsLauncherDomainJoin;
    /** Install and start the CloudWatch agent, publishing memory use for the scale-out alarm. */
    readonly publishMemoryMetrics?: boolean;
    /** The bootstrap to run once the host is ready (ASCII, no secret), e.g. from `renderConnectorBootstrap`. */
    readonly script?: string;
}

/**
 * The CloudWatch agent's configuration: Windows' `Memory % Committed Bytes In Use` each minute, published as
 * `mem_used_percent` with the instance id as its only dimension (what the alarm names).
 */
export const CLOUDWATCH_AGENT_CONFIG = {
    metrics: {
        namespace: AWS_MEMORY_METRIC.namespace,
        append_dimensions: { InstanceId: "${aws:InstanceId}" },
        aggregation_dimensions: [["InstanceId"]],
        metrics_collected: {
            Memory: {
                measurement: [{ name: "% Committed Bytes In Use", rename: AWS_MEMORY_METRIC.name, unit: "Percent" }],
                metrics_collection_interval: 60,
            },
        },
    },
} as const;

/** Where the CloudWatch agent's Windows installer is published for a region. */
export function cloudWatchAgentInstallerUrl(region: string): string {
    const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return `https://amazoncloudwatch-agent-${region}.s3.${region}.${domain}/windows/amd64/latest/amazon-cloudwatch-agent.msi`;
}

const LAUNCHER = String.raw`<powershell>
# connector-topology launcher for connector hosts on AWS. EC2Launch runs it at every boot (persist), before it starts
# the SSM agent. It holds no secret. Its steps are skipped once done; a step that restarts the host ends this run, and
# the next boot continues. Failures go to the Application event log (source ConnectorTopology) and to EC2Launch's log.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
$EventSource = 'ConnectorTopology'
$WorkDir = Join-Path $env:ProgramData 'ConnectorTopology'
$ComputerNameTag = {{COMPUTER_NAME_TAG}}
$AwsRegion = {{AWS_REGION}}

function Write-LauncherEvent([string] $EntryType, [int] $EventId, [string] $Message) {
    try {
        if (-not [Diagnostics.EventLog]::SourceExists($EventSource)) {
            New-EventLog -LogName Application -Source $EventSource
        }
        Write-EventLog -LogName Application -Source $EventSource -EntryType $EntryType -EventId $EventId -Message $Message
    } catch {
        # The event log is best effort: EC2Launch's log still carries the message.
    }
    [Console]::Out.WriteLine(('{0} {1}: {2}' -f (Get-Date).ToUniversalTime().ToString('o'), $EntryType, $Message))
}

function Stop-Launcher([int] $ExitCode, [string] $Reason) {
    Write-LauncherEvent 'Error' (1300 + $ExitCode) ('Launcher failed: ' + $Reason)
    exit $ExitCode
}

# Waits for the restart rather than returning: EC2Launch would go on to start the SSM agent, whose association could
# join the domain before the host is down.
function Restart-Host([string] $Reason) {
    Write-LauncherEvent 'Information' 301 ($Reason + '; restarting, the launcher continues at the next boot')
    Restart-Computer -Force
    Start-Sleep -Seconds 3600
    exit 0
}

# The planned computer name is the instance's tag, read through IMDSv2 (the instance has metadata tags on).
function Get-PlannedComputerName {
    for ($attempt = 1; $attempt -le 10; $attempt++) {
        try {
            $token = Invoke-RestMethod -Method Put -Uri 'http://169.254.169.254/latest/api/token' -Headers @{ 'X-aws-ec2-metadata-token-ttl-seconds' = '300' } -UseBasicParsing -TimeoutSec 5
            return [string] (Invoke-RestMethod -Uri ('http://169.254.169.254/latest/meta-data/tags/instance/' + $ComputerNameTag) -Headers @{ 'X-aws-ec2-metadata-token' = $token } -UseBasicParsing -TimeoutSec 5)
        } catch {
            Start-Sleep -Seconds 3
        }
    }
    Stop-Launcher 11 ('could not read the instance tag ' + $ComputerNameTag + ' from the instance metadata service; the instance needs metadata tags on')
}

# The connector registers under the computer name, and its membership waits for exactly this name.
function Set-PlannedComputerName {
    if ($env:COMPUTERNAME -eq $ComputerName) {
        return
    }
    if ((Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain) {
        Stop-Launcher 20 ('the host joined a domain as ' + $env:COMPUTERNAME + ' before it took the name ' + $ComputerName + ', so its connector would register under the wrong name; replace the instance')
    }
    Rename-Computer -NewName $ComputerName -Force
    Restart-Host ('renamed the host to ' + $ComputerName)
}
{{STEPS}}
try {
    $null = New-Item -ItemType Directory -Force -Path $WorkDir
    $ComputerName = Get-PlannedComputerName
    Set-PlannedComputerName{{CALLS}}
    Write-LauncherEvent 'Information' 399 ('the host ' + $ComputerName + ' is ready')
    exit 0
} catch {
    Stop-Launcher 10 ('unexpected error: ' + $_.Exception.Message)
}
</powershell>
<persist>true</persist>
`;

/** Checks that a joined host is in the planned domain. Shared by both join steps. */
const ASSERT_DOMAIN = String.raw`function Assert-PlannedDomain($System) {
    if ($System.Domain -ne $DomainName) {
        Stop-Launcher 21 ('the host is in the domain ' + $System.Domain + ', not ' + $DomainName)
    }
}`;

const WAIT_FOR_DIRECTORY_JOIN = String.raw`# The AWS-JoinDirectoryServiceDomain association joins the host once the SSM agent runs, which is after this run
# ends, and then restarts it.
function Wait-DirectoryJoin {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    if ($system.PartOfDomain) {
        Assert-PlannedDomain $system
        return
    }
    Write-LauncherEvent 'Information' 310 ('waiting for the AWS-JoinDirectoryServiceDomain association to join ' + $DomainName + ' and restart the host')
    exit 0
}`;

const JOIN_WITH_BOOTSTRAP = String.raw`function Join-PlannedDomain {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    if ($system.PartOfDomain) {
        Assert-PlannedDomain $system
        return
    }
    try {
        $password = Read-SsmSecureString $JoinPasswordParameterName
    } catch {
        Stop-Launcher 22 ('could not read the domain-join password from SSM parameter ' + $JoinPasswordParameterName + ' (' + $_.Exception.Message + '); check that the instance profile may read it')
    }
    $credential = New-Object System.Management.Automation.PSCredential -ArgumentList $JoinUsername, (ConvertTo-SecureString -String $password -AsPlainText -Force)
    $password = $null
    $join = @{ DomainName = $DomainName; Credential = $credential; Force = $true }
    if ($JoinOuPath -ne '') {
        $join['OUPath'] = $JoinOuPath
    }
    try {
        Add-Computer @join
    } catch {
        Stop-Launcher 23 ('could not join ' + $DomainName + ' as ' + $JoinUsername + ': ' + $_.Exception.Message + '; the host must resolve the domain in DNS and reach its domain controllers')
    }
    Restart-Host ('joined the domain ' + $DomainName)
}`;

const START_MEMORY_METRICS = String.raw`# Monitoring must not keep the connector from serving: a failure here is a warning.
function Start-MemoryMetrics {
    $control = Join-Path $env:ProgramFiles 'Amazon\AmazonCloudWatchAgent\amazon-cloudwatch-agent-ctl.ps1'
    try {
        if (-not (Test-Path -LiteralPath $control)) {
            $installer = Join-Path $WorkDir 'amazon-cloudwatch-agent.msi'
            Invoke-WebRequest -Uri $CloudWatchAgentUrl -OutFile $installer -UseBasicParsing -TimeoutSec 300
            $signature = Get-AuthenticodeSignature -FilePath $installer
            if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'O=Amazon') {
                throw ('the CloudWatch agent installer is not signed by Amazon (signature ' + $signature.Status + ')')
            }
            $process = Start-Process -FilePath 'msiexec.exe' -ArgumentList ('/i "' + $installer + '" /qn /norestart') -Wait -PassThru
            if ($process.ExitCode -ne 0) {
                throw ('its installer exited with code ' + $process.ExitCode)
            }
        }
        $config = Join-Path $WorkDir 'cloudwatch-agent.json'
        Set-Content -LiteralPath $config -Value $CloudWatchAgentConfig -Encoding ASCII
        $null = & $control -a fetch-config -m ec2 -c ('file:' + $config) -s
        Write-LauncherEvent 'Information' 320 'the CloudWatch agent publishes memory use for the scale-out alarm'
    } catch {
        Write-LauncherEvent 'Warning' 321 ('the CloudWatch agent could not be set up, so the memory alarm gets no data: ' + $_.Exception.Message)
    }
}`;

const RUN_BOOTSTRAP = String.raw`# The bootstrap travels gzip-compressed: user data holds at most 16 KB.
function Invoke-HostBootstrap {
    $packed = [Convert]::FromBase64String($BootstrapGzipBase64)
    $source = New-Object IO.MemoryStream(, $packed)
    $gzip = New-Object IO.Compression.GZipStream($source, [IO.Compression.CompressionMode]::Decompress)
    $unpacked = New-Object IO.MemoryStream
    $gzip.CopyTo($unpacked)
    $gzip.Dispose()
    $bytes = $unpacked.ToArray()
    $hash = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($bytes)).Replace('-', '').ToLower()
    if ($hash -ne $BootstrapSha256) {
        Stop-Launcher 30 ('the bootstrap unpacked from user data has SHA-256 ' + $hash + ', expected ' + $BootstrapSha256)
    }
    $file = Join-Path $WorkDir 'bootstrap.ps1'
    [IO.File]::WriteAllBytes($file, $bytes)
    & powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $file
    if ($LASTEXITCODE -ne 0) {
        Stop-Launcher 31 ('the bootstrap failed with exit code ' + $LASTEXITCODE + '; its own events say why')
    }
}`;

interface LauncherStep {
    /** Variables and functions the step defines. */
    readonly definition: string;
    /** How the main sequence calls it. */
    readonly call: string;
}

function domainJoinStep(join: AwsLauncherDomainJoin): LauncherStep {
    const domain = `$DomainName = ${psString(join.domainName)}`;
    if (join.mode === "directoryService") {
        return { definition: [domain, ASSERT_DOMAIN, WAIT_FOR_DIRECTORY_JOIN].join("\n"), call: "Wait-DirectoryJoin" };
    }
    if (join.username === undefined || join.passwordParameterName === undefined) {
        throw new Error("renderAwsUserData: a bootstrap domain join needs username and passwordParameterName");
    }
    const variables = [
        domain,
        `$JoinUsername = ${psString(join.username)}`,
        `$JoinOuPath = ${psString(join.ouPath ?? "")}`,
        `$JoinPasswordParameterName = ${psString(join.passwordParameterName)}`,
    ];
    return { definition: [...variables, AWS_SSM_READ_FUNCTION, ASSERT_DOMAIN, JOIN_WITH_BOOTSTRAP].join("\n"), call: "Join-PlannedDomain" };
}

function memoryMetricsStep(region: string): LauncherStep {
    const variables = [
        `$CloudWatchAgentUrl = ${psString(cloudWatchAgentInstallerUrl(region))}`,
        `$CloudWatchAgentConfig = ${psString(JSON.stringify(CLOUDWATCH_AGENT_CONFIG))}`,
    ];
    return { definition: [...variables, START_MEMORY_METRICS].join("\n"), call: "Start-MemoryMetrics" };
}

// A host set renders each host's user data twice (to check the 16 KB limit before anything registers, then for the
// instance), and its hosts share one bootstrap: packed once.
const bootstrapStep = rememberLast((script): LauncherStep => {
    const packed = gzipSync(Buffer.from(script, "utf8"), { level: 9 }).toString("base64");
    const variables = [`$BootstrapSha256 = ${psString(sha256Hex(script))}`, `$BootstrapGzipBase64 = ${psString(packed)}`];
    return { definition: [...variables, RUN_BOOTSTRAP].join("\n"), call: "Invoke-HostBootstrap" };
});

/**
 * Renders a host's user data: the launcher, with the bootstrap inside it. Throws when a value would not survive the
 * trip (non-ASCII text, a name that would end the launcher early) or the result would not fit in EC2's 16 KB.
 */
export function renderAwsUserData(options: AwsLauncherOptions): string {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) {
        throw new Error(`renderAwsUserData: region must be an AWS region, got ${JSON.stringify(options.region)}`);
    }
    const steps: LauncherStep[] = [];
    if (options.domainJoin !== undefined) {
        steps.push(domainJoinStep(options.domainJoin));
    }
    if (options.publishMemoryMetrics === true) {
        steps.push(memoryMetricsStep(options.region));
    }
    if (options.script !== undefined) {
        steps.push(bootstrapStep(options.script));
    }
    const userData = fillPlaceholders(LAUNCHER, {
        COMPUTER_NAME_TAG: psString(AWS_COMPUTER_NAME_TAG),
        AWS_REGION: psString(options.region),
        STEPS: steps.map((step) => `\n${step.definition}\n`).join(""),
        CALLS: steps.map((step) => `\n    ${step.call}`).join(""),
    });
    if (/[^\n\x20-\x7e]/.test(userData)) {
        throw new Error(
            "renderAwsUserData: the launcher must be ASCII (Windows PowerShell 5.1 reads it in the ANSI code page); " +
                "check the domain, the OU and the joining account",
        );
    }
    if (userData.indexOf("</powershell>") !== userData.lastIndexOf("</powershell>")) {
        throw new Error("renderAwsUserData: a value contains </powershell>, which would end the launcher early");
    }
    const size = Buffer.byteLength(userData, "utf8");
    if (size > AWS_USER_DATA_LIMIT_BYTES) {
        throw new Error(
            `renderAwsUserData: the user data would be ${size} bytes, over EC2's limit of ${AWS_USER_DATA_LIMIT_BYTES}; ` +
                "the bootstrap script is unexpectedly large",
        );
    }
    return userData;
}
