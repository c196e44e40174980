/**
 * Where installers come from, and the step that installs one. Its own module because both the renderer and the
 * templates use it: the on-premises secret-fetch step offers the default URL when an administrator gives none, and
 * connector bodies install through `Install-SignedPackage`.
 */

/**
 * Where the connector installer is downloaded from by default: the link the Entra admin center's "Download connector
 * service" has historically pointed at. UNCONFIRMED as a stable public URL: the bootstrap checks the download is a
 * Microsoft-signed file, and `registration.installerUrl` replaces it (for example with a copy in your own storage).
 */
export const DEFAULT_CONNECTOR_INSTALLER_URL =
    "https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/DownloadConnectorInstaller";

/**
 * A bootstrap step any connector body can use: download an installer, refuse it unless Microsoft signed it, and run it
 * under a time limit. PowerShell text for a body's slot; it uses the frame's Write-BootstrapEvent and Stop-Bootstrap
 * and `$WorkDir`. Kept ASCII, without backtick or dollar-brace (see templates.ts).
 */
/**
 * Defines `Install-SignedPackage`. Only the URL's host is ever logged: the URL may carry a SAS token. Exit codes 0 and
 * 3010 (success, restart needed) are success. `$FailureCode` is the bootstrap exit code for every failure of the step.
 */
export const SIGNED_INSTALLER_STEP = String.raw`function Install-SignedPackage([string] $Url, [string] $FileName, [string] $Arguments, [int] $TimeoutSeconds, [int] $FailureCode, [string] $What) {
    $file = Join-Path $WorkDir $FileName
    $source = ([Uri] $Url).Host
    $downloaded = $false
    for ($attempt = 1; $attempt -le 3 -and -not $downloaded; $attempt++) {
        try {
            Invoke-WebRequest -Uri $Url -OutFile $file -UseBasicParsing -TimeoutSec 300
            $downloaded = $true
        } catch {
            Write-BootstrapEvent 'Warning' 105 ('download of ' + $What + ' from ' + $source + ' failed (attempt ' + $attempt + '): ' + $_.Exception.Message)
            Start-Sleep -Seconds (10 * $attempt)
        }
    }
    if (-not $downloaded) {
        Stop-Bootstrap $FailureCode ('could not download ' + $What + ' from ' + $source)
    }
    $signature = Get-AuthenticodeSignature -FilePath $file
    if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation') {
        Stop-Bootstrap $FailureCode ('the file downloaded from ' + $source + ' is not a Microsoft-signed ' + $What + ' (signature ' + $signature.Status + ')')
    }
    if ([string]::IsNullOrWhiteSpace($Arguments)) {
        $process = Start-Process -FilePath $file -PassThru
    } else {
        $process = Start-Process -FilePath $file -ArgumentList $Arguments -PassThru
    }
    $null = $process.Handle
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        Stop-Bootstrap $FailureCode ($What + ' did not finish within ' + $TimeoutSeconds + ' s')
    }
    if ($process.ExitCode -ne 0 -and $process.ExitCode -ne 3010) {
        Stop-Bootstrap $FailureCode ($What + ' failed with exit code ' + $process.ExitCode)
    }
    Write-BootstrapEvent 'Information' 106 ($What + ' is installed')
}`;
