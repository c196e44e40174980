/**
 * Renders the bootstrap that installs and registers the Microsoft Entra private network connector on a Windows host.
 * The rendered script holds no secret, so it can travel in plain user data; the secrets it needs are named in
 * {@link CONNECTOR_BOOTSTRAP_SECRETS} and reach it through the cloud's secret-fetch step.
 */
import { createHash } from "node:crypto";
import { isDomainName } from "../model/domainJoin";
import { fillPlaceholders, psHashtable, psInteger, psString } from "./powershell";
import { rememberLast } from "./rememberLast";
import {
    BOOTSTRAP_FRAME,
    DOMAIN_HOST_PREPARATION,
    DOMAIN_JOIN_BY_BOOTSTRAP,
    DOMAIN_JOIN_BY_PLATFORM,
    ENTRA_CONNECTOR_BODY,
    NO_HOST_PREPARATION,
    SECRET_FETCH_STEPS,
} from "./templates";

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

/** The name of the secret a bootstrap that joins the domain itself reads the joining account's password from. */
export const DOMAIN_JOIN_PASSWORD_SECRET = "DomainJoinPassword";

/** Time limits of the bootstrap's steps, in seconds. Every step is bounded, so a bootstrap never hangs. */
export const CONNECTOR_BOOTSTRAP_DEFAULTS = {
    installTimeoutSeconds: 900,
    registrationTimeoutSeconds: 300,
    serviceStartTimeoutSeconds: 300,
    diagnosticsTimeoutSeconds: 300,
    /** How long the bootstrap retries its own domain join (domain controllers may not answer at first boot). */
    domainJoinTimeoutSeconds: 900,
    /** A token that expires within this margin is treated as expired: registration must not race its expiry. */
    tokenExpiryMarginSeconds: 120,
} as const;

/**
 * A domain the host must be a member of before the connector registers. `bootstrap`: the script joins it with
 * `Add-Computer` (as `username`, with the {@link DOMAIN_JOIN_PASSWORD_SECRET} secret), restarts the host and goes on
 * when it runs again at the next boot, so only for clouds that run the script at every boot (GCP). `platform`: the
 * cloud joins and restarts the host (GCP Managed Microsoft AD); until then the script stops with exit code 11, and it
 * goes on when it runs again after that restart.
 */
export interface BootstrapDomainJoin {
    /** The domain's DNS name, e.g. `corp.example.com`. */
    readonly domainName: string;
    readonly joinedBy: "bootstrap" | "platform";
    /** The joining account, `CORP\joiner` or `joiner@corp.example.com`; required when the bootstrap joins. */
    readonly username?: string;
    /** The OU's distinguished name; default the domain's Computers container. Used when the bootstrap joins. */
    readonly ouPath?: string;
}

/**
 * Where the AWS secret-fetch step reads the secrets: SSM Parameter Store SecureString parameters, named one by one
 * (`parameterNames`) or all under one path (`parameterPath`). Give exactly one of the two.
 */
export interface AwsSecretSource {
    /** The region of the parameters (the hosts' region), e.g. `eu-west-1`. */
    readonly region: string;
    /** The SSM parameter that holds each secret the bootstrap reads (e.g. {@link CONNECTOR_BOOTSTRAP_SECRETS}), by secret name. */
    readonly parameterNames?: Readonly<Record<string, string>>;
    /**
     * The SSM path (ending in `/`) under which each secret the bootstrap reads is the parameter `<path><secret name>`:
     * for a host set, which stores whatever secrets the bootstrap of its kind of connector reads.
     */
    readonly parameterPath?: string;
}

/** What a cloud's host module decides about a host's bootstrap, whatever connector it installs. */
export interface BootstrapHostOptions {
    /** The domain the host must be a member of before the connector installs or registers. Default: none. */
    readonly domainJoin?: BootstrapDomainJoin;
    /** Where the AWS secret-fetch step reads the secrets. Required when the cloud is `aws`. */
    readonly aws?: AwsSecretSource;
}

/** What the connector bootstrap is rendered from. */
export interface ConnectorBootstrapOptions extends BootstrapHostOptions {
    readonly cloud: BootstrapCloud;
    /** The tenant the connector registers with (a GUID). */
    readonly tenantId: string;
    readonly installTimeoutSeconds?: number;
    readonly registrationTimeoutSeconds?: number;
    readonly serviceStartTimeoutSeconds?: number;
    readonly diagnosticsTimeoutSeconds?: number;
    readonly tokenExpiryMarginSeconds?: number;
    readonly domainJoinTimeoutSeconds?: number;
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
    return renderBootstrapScript({
        title: "Microsoft Entra private network connector bootstrap: silent install, registration, health check.",
        cloud: options.cloud,
        domainJoin: options.domainJoin,
        aws: options.aws,
        domainJoinTimeoutSeconds: limits.domainJoinTimeoutSeconds,
        secretNames: Object.values(CONNECTOR_BOOTSTRAP_SECRETS),
        body,
    });
}

/** What one kind of connector puts in the shared frame. */
export interface BootstrapScriptParts extends BootstrapHostOptions {
    /** The script's first line. */
    readonly title: string;
    readonly cloud: BootstrapCloud;
    /** The names of the secrets the body reads: on AWS, each needs an SSM parameter. */
    readonly secretNames: readonly string[];
    /** How long the host preparation waits for the domain join, in seconds. */
    readonly domainJoinTimeoutSeconds: number;
    /** The connector's own steps: must define `Invoke-Bootstrap`. */
    readonly body: string;
}

/**
 * Renders a bootstrap in the shared frame: the cloud's secret-fetch step, the host preparation (domain join or wait)
 * and a connector's body. Every kind of connector renders through here, so that every host logs, redacts and fails
 * the same way.
 */
export function renderBootstrapScript(parts: BootstrapScriptParts): RenderedBootstrap {
    const step = SECRET_FETCH_STEPS[parts.cloud];
    if (step === undefined) {
        throw new Error(`renderBootstrapScript: no secret-fetch step for cloud ${JSON.stringify(parts.cloud)}`);
    }
    const secretFetch = fillPlaceholders(step, secretFetchValues(parts));
    const script = fillPlaceholders(BOOTSTRAP_FRAME, {
        TITLE: parts.title,
        CLOUD: parts.cloud,
        SECRET_FETCH: secretFetch,
        HOST_PREPARATION: renderHostPreparation(parts.domainJoin, parts.domainJoinTimeoutSeconds),
        BODY: parts.body,
    });
    return { script, sha256: sha256Hex(script) };
}

function renderHostPreparation(domainJoin: BootstrapDomainJoin | undefined, timeoutSeconds: number): string {
    if (domainJoin === undefined) {
        return NO_HOST_PREPARATION;
    }
    if (!isDomainName(domainJoin.domainName)) {
        throw new Error(`renderBootstrapScript: domainJoin.domainName must be a DNS name, got ${JSON.stringify(domainJoin.domainName)}`);
    }
    let join: string;
    if (domainJoin.joinedBy === "bootstrap") {
        if (domainJoin.username === undefined || domainJoin.username.trim() === "") {
            throw new Error("renderBootstrapScript: domainJoin.username is required when the bootstrap joins the domain");
        }
        join = fillPlaceholders(DOMAIN_JOIN_BY_BOOTSTRAP, {
            DOMAIN_USERNAME: psString(domainJoin.username),
            DOMAIN_OU_PATH: psString(domainJoin.ouPath ?? ""),
            DOMAIN_PASSWORD_SECRET_NAME: psString(DOMAIN_JOIN_PASSWORD_SECRET),
            DOMAIN_JOIN_TIMEOUT_SECONDS: psInteger(timeoutSeconds, "domainJoinTimeoutSeconds"),
        });
    } else {
        join = DOMAIN_JOIN_BY_PLATFORM;
    }
    return fillPlaceholders(DOMAIN_HOST_PREPARATION, {
        DOMAIN_NAME: psString(domainJoin.domainName),
        DOMAIN_JOIN: join,
    });
}

/** The values of the cloud's secret-fetch slots. */
function secretFetchValues(parts: BootstrapScriptParts): Record<string, string> {
    if (parts.cloud !== "aws") {
        return {};
    }
    const source = parts.aws;
    if (source === undefined) {
        throw new Error("renderBootstrapScript: the aws bootstrap needs `aws`: the region and the SSM parameter of each secret");
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(source.region)) {
        throw new Error(`renderBootstrapScript: aws.region must be an AWS region, got ${JSON.stringify(source.region)}`);
    }
    const names = [...parts.secretNames].sort();
    const parameterNames = awsParameterNames(source, names);
    const given = Object.keys(parameterNames).sort();
    if (names.join() !== given.join()) {
        throw new Error(`renderBootstrapScript: aws.parameterNames must name a parameter for exactly ${names.join(", ")}`);
    }
    for (const parameter of Object.values(parameterNames)) {
        if (!/^\/[A-Za-z0-9_.\-/]+$/.test(parameter)) {
            throw new Error(`renderBootstrapScript: ${JSON.stringify(parameter)} is not an SSM parameter name (/...)`);
        }
    }
    return {
        AWS_REGION: psString(source.region),
        AWS_SECRET_PARAMETERS: psHashtable(names.map((name) => [name, parameterNames[name] as string])),
    };
}

/** The SSM parameter of each secret: as named, or `<parameterPath><secret name>`. */
function awsParameterNames(source: AwsSecretSource, secretNames: readonly string[]): Readonly<Record<string, string>> {
    if ((source.parameterNames === undefined) === (source.parameterPath === undefined)) {
        throw new Error("renderBootstrapScript: the aws bootstrap needs exactly one of aws.parameterNames and aws.parameterPath");
    }
    if (source.parameterPath === undefined) {
        return source.parameterNames ?? {};
    }
    if (!source.parameterPath.endsWith("/")) {
        throw new Error(`renderBootstrapScript: aws.parameterPath must end with /, got ${JSON.stringify(source.parameterPath)}`);
    }
    return Object.fromEntries(secretNames.map((name) => [name, `${source.parameterPath}${name}`]));
}

/** SHA-256 of a text's UTF-8 bytes, lower-case hex. */
export const sha256Hex: (text: string) => string = rememberLast((text) => createHash("sha256").update(text, "utf8").digest("hex"));

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
