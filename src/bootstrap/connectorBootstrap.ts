/**
 * Renders the bootstrap that installs and registers the Microsoft Entra private network connector on a Windows host.
 * The rendered script holds no secret, so it can travel in plain user data; the secrets it needs are named in
 * {@link CONNECTOR_BOOTSTRAP_SECRETS} and reach it through the cloud's secret-fetch step.
 */
import { createHash } from "node:crypto";
import { fillPlaceholders, psInteger, psString } from "./powershell";
import { BOOTSTRAP_FRAME, ENTRA_CONNECTOR_BODY, SECRET_FETCH_STEPS } from "./templates";

/** A cloud the bootstrap has a secret-fetch step for. */
export type BootstrapCloud = keyof typeof SECRET_FETCH_STEPS;

/** The clouds the bootstrap can be rendered for. */
export const BOOTSTRAP_CLOUDS = Object.keys(SECRET_FETCH_STEPS) as readonly BootstrapCloud[];

/** The names of the secret values the connector bootstrap reads. */
export const CONNECTOR_BOOTSTRAP_SECRETS = {
    /** The registration token (an access token; see docs/components.md). */
    registrationToken: "RegistrationToken",
    /** The installer's download URL: passed as a secret because a URL into the user's storage may carry a SAS. */
    installerUrl: "InstallerUrl",
} as const;

export { DEFAULT_CONNECTOR_INSTALLER_URL } from "./installer";

/** Time limits of the bootstrap's steps, in seconds. Every step is bounded, so a bootstrap never hangs. */
export const CONNECTOR_BOOTSTRAP_DEFAULTS = {
    installTimeoutSeconds: 900,
    registrationTimeoutSeconds: 300,
    serviceStartTimeoutSeconds: 300,
    diagnosticsTimeoutSeconds: 300,
    /** A token that expires within this margin is treated as expired: registration must not race its expiry. */
    tokenExpiryMarginSeconds: 120,
} as const;

/** What the connector bootstrap is rendered from. */
export interface ConnectorBootstrapOptions {
    readonly cloud: BootstrapCloud;
    /** The tenant the connector registers with (a GUID). */
    readonly tenantId: string;
    readonly installTimeoutSeconds?: number;
    readonly registrationTimeoutSeconds?: number;
    readonly serviceStartTimeoutSeconds?: number;
    readonly diagnosticsTimeoutSeconds?: number;
    readonly tokenExpiryMarginSeconds?: number;
}

/** A rendered bootstrap script. */
export interface RenderedBootstrap {
    /** The PowerShell text (ASCII, no secret). */
    readonly script: string;
    /** SHA-256 of the script's bytes, lower-case hex: launchers check they run exactly this script. */
    readonly sha256: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Renders the Entra private network connector bootstrap for one cloud. */
export function renderConnectorBootstrap(options: ConnectorBootstrapOptions): RenderedBootstrap {
    if (!GUID.test(options.tenantId)) {
        throw new Error(`renderConnectorBootstrap: tenantId must be a GUID, got ${JSON.stringify(options.tenantId)}`);
    }
    const secretFetch = SECRET_FETCH_STEPS[options.cloud];
    if (secretFetch === undefined) {
        throw new Error(`renderConnectorBootstrap: no secret-fetch step for cloud ${JSON.stringify(options.cloud)}`);
    }
    const limits = { ...CONNECTOR_BOOTSTRAP_DEFAULTS, ...definedOnly(options) };
    const body = fillPlaceholders(ENTRA_CONNECTOR_BODY, {
        TENANT_ID: psString(options.tenantId.toLowerCase()),
        TOKEN_SECRET_NAME: psString(CONNECTOR_BOOTSTRAP_SECRETS.registrationToken),
        INSTALLER_URL_SECRET_NAME: psString(CONNECTOR_BOOTSTRAP_SECRETS.installerUrl),
        TOKEN_EXPIRY_MARGIN_SECONDS: psInteger(limits.tokenExpiryMarginSeconds, "tokenExpiryMarginSeconds"),
        INSTALL_TIMEOUT_SECONDS: psInteger(limits.installTimeoutSeconds, "installTimeoutSeconds"),
        REGISTRATION_TIMEOUT_SECONDS: psInteger(limits.registrationTimeoutSeconds, "registrationTimeoutSeconds"),
        SERVICE_START_TIMEOUT_SECONDS: psInteger(limits.serviceStartTimeoutSeconds, "serviceStartTimeoutSeconds"),
        DIAGNOSTICS_TIMEOUT_SECONDS: psInteger(limits.diagnosticsTimeoutSeconds, "diagnosticsTimeoutSeconds"),
    });
    const script = fillPlaceholders(BOOTSTRAP_FRAME, {
        TITLE: "Microsoft Entra private network connector bootstrap: silent install, registration, health check.",
        CLOUD: options.cloud,
        SECRET_FETCH: secretFetch,
        BODY: body,
    });
    return { script, sha256: sha256Hex(script) };
}

/** SHA-256 of a text's UTF-8 bytes, lower-case hex. */
export function sha256Hex(text: string): string {
    return createHash("sha256").update(text, "utf8").digest("hex");
}

function definedOnly(options: ConnectorBootstrapOptions): Partial<typeof CONNECTOR_BOOTSTRAP_DEFAULTS> {
    const limits: Record<string, number> = {};
    for (const key of Object.keys(CONNECTOR_BOOTSTRAP_DEFAULTS) as (keyof typeof CONNECTOR_BOOTSTRAP_DEFAULTS)[]) {
        const value = options[key];
        if (value !== undefined) {
            limits[key] = value;
        }
    }
    return limits;
}
