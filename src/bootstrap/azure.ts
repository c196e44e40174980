/**
 * How a bootstrap reaches an Azure VM, and why this way.
 *
 * The Custom Script Extension runs one command line (`commandToExecute`). Windows caps a command line at 8,191
 * characters when it goes through cmd.exe, and a bootstrap of several KB does not fit once encoded for
 * `-EncodedCommand` (UTF-16, then base64: about 2.7 times its size). So the two parts travel separately:
 *
 * - the script, which holds no secret, goes in the VM's `userData` (updatable in place, up to 64 KB, readable on the VM
 *   through the instance metadata service);
 * - a short launcher goes in the extension's `protectedSettings`, which Azure keeps encrypted until they reach the VM.
 *   It fetches the script from the metadata service, checks its SHA-256 against the one it was rendered for, and runs
 *   it with the secrets as base64 JSON. No secret is ever in user data, plain settings, or a file on disk.
 */
import { psString } from "./powershell";
import { rememberLast } from "./rememberLast";

/** The instance metadata endpoint that returns the VM's user data (base64). */
export const AZURE_IMDS_USER_DATA_URL =
    "http://169.254.169.254/metadata/instance/compute/userData?api-version=2021-01-01&format=text";

/** The longest command line cmd.exe runs. */
export const WINDOWS_COMMAND_LINE_LIMIT = 8191;

/** The Custom Script Extension for Windows that runs the launcher. */
export const AZURE_CUSTOM_SCRIPT_EXTENSION = {
    publisher: "Microsoft.Compute",
    type: "CustomScriptExtension",
    typeHandlerVersion: "1.10",
} as const;

/** The VM's `userData`: the bootstrap script, base64-encoded as Azure requires. */
export const azureUserData: (script: string) => string = rememberLast((script) => Buffer.from(script, "utf8").toString("base64"));

/**
 * Secret values as the launcher passes them to the script: base64 of a JSON object, names to values (the script's
 * Read-BootstrapSecrets reads them back). Base64 keeps quotes and other shell characters out of the command line.
 */
export function encodeBootstrapSecrets(secrets: Readonly<Record<string, string>>): string {
    return Buffer.from(JSON.stringify(secrets), "utf8").toString("base64");
}

/**
 * The launcher's command line, for the extension's `protectedSettings.commandToExecute`. It contains the secrets, so
 * it must only ever be handled as a Pulumi secret. It uses no double quote and no percent sign, so cmd.exe passes it
 * through unchanged. Throws, without quoting any secret, when it would not fit in a command line.
 */
export function renderAzureLaunchCommand(scriptSha256: string, secretsBase64: string): string {
    if (!/^[0-9a-f]{64}$/.test(scriptSha256)) {
        throw new Error("renderAzureLaunchCommand: scriptSha256 must be 64 lower-case hex digits");
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(secretsBase64)) {
        throw new Error("renderAzureLaunchCommand: the secrets must be base64");
    }
    const launcher = [
        "$ErrorActionPreference='Stop'",
        "$d=Join-Path $env:ProgramData 'ConnectorTopology'",
        "$null=New-Item -ItemType Directory -Force -Path $d",
        "$f=Join-Path $d 'bootstrap.ps1'",
        "$u=$null",
        // The metadata service can lag the VM's first boot by a few seconds: retry for a minute.
        `for($i=1;$i -le 10;$i++){try{$u=Invoke-RestMethod -Headers @{Metadata='true'} -Uri ${psString(AZURE_IMDS_USER_DATA_URL)};break}catch{Start-Sleep -Seconds 6}}`,
        "if(-not $u){[Console]::Out.WriteLine('bootstrap: could not read the script from the instance metadata service');exit 3}",
        "$b=[Convert]::FromBase64String($u)",
        "$h=[BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($b)).Replace('-','').ToLower()",
        `if($h -ne '${scriptSha256}'){[Console]::Out.WriteLine('bootstrap: the script in user data has SHA-256 '+$h+', expected ${scriptSha256}');exit 3}`,
        "[IO.File]::WriteAllBytes($f,$b)",
        `& $f -SecretsBase64 '${secretsBase64}'`,
        "exit $LASTEXITCODE",
    ].join(";");
    const command = `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "${launcher}"`;
    if (command.length > WINDOWS_COMMAND_LINE_LIMIT) {
        throw new Error(
            `the Azure bootstrap command would be ${command.length} characters, over the Windows command-line limit ` +
                `of ${WINDOWS_COMMAND_LINE_LIMIT}: the secrets passed to the bootstrap (${secretsBase64.length} ` +
                "characters encoded) are unexpectedly long; check that registration.token holds one access token",
        );
    }
    return command;
}
