/**
 * Renders the bootstrap that installs and registers the Microsoft Entra private network connector on a Windows host.
 * The rendered script holds no secret, so it can travel in plain user data; the secrets it needs are named in
 * {@link CONNECTOR_BOOTSTRAP_SECRETS} and reach it through the cloud's secret-fetch step.
 */
import { createHash } from "node:crypto";
import { fillPlaceholders, psHashtable, psInteger, psString } from "./powershell";
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

/** Where the AWS secret-fetch step reads the secrets: SSM Parameter Store SecureString parameters. */
export interface AwsSecretSource {
    /** The region of the parameters (the hosts' region), e.g. `eu-west-1`. */
    readonly region: string;
    /** The SSM parameter that holds each of {@link CONNECTOR_BOOTSTRAP_SECRETS}, by secret name. */
    readonly parameterNames: Readonly<Record<string, string>>;
}

/** Where a cloud's secret-fetch step reads the secrets, for clouds whose step needs to be told. */
export interface BootstrapSecretSource {
    /** Required when the cloud is `aws`. */
    readonly aws?: AwsSecretSource;
}

/** What the connector bootstrap is rendered from. */
export interface ConnectorBootstrapOptions extends BootstrapSecretSource {
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
    const step = SECRET_FETCH_STEPS[options.cloud];
    if (step === undefined) {
        throw new Error(`renderConnectorBootstrap: no secret-fetch step for cloud ${JSON.stringify(options.cloud)}`);
    }
    const secretFetch = fillPlaceholders(step, secretFetchValues(options));
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

/** The values of the cloud's secret-fetch slots. */
function secretFetchValues(options: ConnectorBootstrapOptions): Record<string, string> {
    if (options.cloud !== "aws") {
        return {};
    }
    const source = options.aws;
    if (source === undefined) {
        throw new Error("renderConnectorBootstrap: the aws bootstrap needs `aws`: the region and the SSM parameter of each secret");
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(source.region)) {
        throw new Error(`renderConnectorBootstrap: aws.region must be an AWS region, got ${JSON.stringify(source.region)}`);
    }
    const names = Object.values(CONNECTOR_BOOTSTRAP_SECRETS).sort();
    const given = Object.keys(source.parameterNames).sort();
    if (names.join() !== given.join()) {
        throw new Error(`renderConnectorBootstrap: aws.parameterNames must name a parameter for exactly ${names.join(", ")}`);
    }
    for (const parameter of Object.values(source.parameterNames)) {
        if (!/^\/[A-Za-z0-9_.\-/]+$/.test(parameter)) {
            throw new Error(`renderConnectorBootstrap: ${JSON.stringify(parameter)} is not an SSM parameter name (/...)`);
        }
    }
    return {
        AWS_REGION: psString(source.region),
        AWS_SECRET_PARAMETERS: psHashtable(names.map((name) => [name, source.parameterNames[name] as string])),
    };
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
