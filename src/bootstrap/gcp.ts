/**
 * How a bootstrap reaches a GCP Windows instance, and why this way.
 *
 * Compute Engine's Windows guest environment runs the `windows-startup-script-ps1` metadata value at every boot. The
 * bootstrap goes there as it is: it holds no secret, and instance metadata is readable by anyone who can view the
 * project. Its secrets stay in Secret Manager; the metadata only says where each one is (`connector-secret-<name>`:
 * `projects/<project>/secrets/<id>`), and the script reads them at boot with the instance's service account, which is
 * the only identity allowed to. Running at every boot is what the bootstrap is built for: once registered it only
 * checks the connector, and a join that needs a restart goes on at the next boot.
 *
 * The Ops Agent (memory metrics for the scale-out alert) is installed by a second startup script,
 * `windows-startup-script-cmd`, which the guest environment runs after the PowerShell one: a failed or restarting
 * bootstrap does not stop it, and it does nothing once the agent is there.
 */

/** The metadata keys a GCP connector host's bootstrap travels in. */
export const GCP_BOOTSTRAP_METADATA_KEYS = {
    /** The bootstrap script, run at every boot. */
    startupScript: "windows-startup-script-ps1",
    /** The Ops Agent installer, run at every boot after the bootstrap. */
    opsAgentScript: "windows-startup-script-cmd",
    /** Prefix of the keys that name the bootstrap's secrets (the GCP secret-fetch step reads them). */
    secretPrefix: "connector-secret-",
} as const;

/** Where the Ops Agent's installer comes from (Google's documented way to install it on Windows). */
export const GCP_OPS_AGENT_INSTALLER_URL = "https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.ps1";

/** The Ops Agent's Windows service: once it exists, the install script does nothing. */
export const GCP_OPS_AGENT_SERVICE = "google-cloud-ops-agent";

/**
 * The `windows-startup-script-cmd` value that installs the Ops Agent when it is missing. Plain text, no secret; no
 * double quote or percent sign inside the PowerShell command, so cmd.exe passes it through unchanged.
 */
export const GCP_OPS_AGENT_STARTUP_SCRIPT = [
    "@echo off",
    "rem connector-topology: installs the Google Cloud Ops Agent, which reports memory use (the scale-out alert reads it).",
    "rem Runs at every boot and does nothing once the agent is installed.",
    `sc.exe query ${GCP_OPS_AGENT_SERVICE} >nul 2>&1 && exit /b 0`,
    "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command " +
        `"$ErrorActionPreference='Stop'; $f=Join-Path $env:TEMP 'add-google-cloud-ops-agent-repo.ps1'; ` +
        `Invoke-WebRequest -UseBasicParsing -Uri '${GCP_OPS_AGENT_INSTALLER_URL}' -OutFile $f; & $f -AlsoInstall"`,
    "",
].join("\r\n");

/** The metadata key that names one bootstrap secret: `connector-secret-<name>`. */
export function gcpSecretMetadataKey(name: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
        throw new Error(`gcpSecretMetadataKey: a secret name holds only letters, digits, _ and -, got ${JSON.stringify(name)}`);
    }
    return `${GCP_BOOTSTRAP_METADATA_KEYS.secretPrefix}${name}`;
}

/**
 * The metadata that delivers a bootstrap: the script, and for each secret it reads the Secret Manager secret that
 * holds it (its resource name, never its value).
 */
export function gcpBootstrapMetadata<T>(script: string, secretIds: Readonly<Record<string, T>>): Record<string, string | T> {
    const metadata: Record<string, string | T> = { [GCP_BOOTSTRAP_METADATA_KEYS.startupScript]: script };
    for (const [name, secretId] of Object.entries(secretIds)) {
        metadata[gcpSecretMetadataKey(name)] = secretId;
    }
    return metadata;
}
