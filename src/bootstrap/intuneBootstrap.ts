/**
 * Renders what a Certificate Connector for Microsoft Intune host runs: the bootstrap (the shared frame with the
 * signed-installer step and the Intune body) and the agent-certificate check it installs. Neither holds a secret; the
 * secrets the bootstrap reads are named in {@link INTUNE_BOOTSTRAP_SECRETS} and arrive through the cloud's secret-fetch
 * step.
 */
import {
    AGENT_CERTIFICATE_ISSUER,
    CERTIFICATE_CONNECTOR_FEATURES,
    CONFIGURE_COMMAND,
    CONNECTOR_CONFIGURATION_WIZARD,
    CONNECTOR_INSTALL_DIR,
    CONNECTOR_OPERATIONAL_LOG,
    LOCAL_ADMINISTRATORS_SID,
    SCEP_WINDOWS_FEATURES,
} from "../intune/facts";
import { AGENT_CERTIFICATE_CHECK_EVENTS, HOST_EVENT_SOURCE } from "../intune/monitoring";
import { RENEWAL_MODES } from "../intune/serviceAccount";
import {
    type BootstrapCloud,
    type BootstrapHostOptions,
    CONNECTOR_BOOTSTRAP_DEFAULTS,
    type RenderedBootstrap,
    renderBootstrapScript,
    sha256Hex,
} from "./connectorBootstrap";
import { SIGNED_INSTALLER_STEP } from "./installer";
import { INTUNE_CONNECTOR_BODY, AGENT_CERTIFICATE_CHECK } from "./intuneTemplates";
import { fillPlaceholders, psInteger, psString } from "./powershell";

/** The names of the secret values the Intune bootstrap reads. */
export const INTUNE_BOOTSTRAP_SECRETS = {
    /** Where to download IntuneCertificateConnector.exe: a secret, because a URL into your storage may carry a SAS. */
    installerUrl: "InstallerUrl",
    /** The domain service account's password (domain-account fleets only). */
    serviceAccountPassword: "ServiceAccountPassword",
} as const;

/** The scheduled task that runs the check. */
export const AGENT_CERTIFICATE_CHECK_TASK = {
    path: "\\ConnectorTopology\\",
    name: "Intune agent certificate check",
    /** Local time of the daily run. */
    dailyAt: "06:00",
} as const;

/** What the check is rendered from. */
export interface AgentCertificateCheckOptions {
    /** The fleet's name, quoted in every event. Printable ASCII. */
    readonly fleetName: string;
    /** Warn this many days (or fewer) before the expiry. */
    readonly warningDays: number;
    /** `automatic` or `yearlyReinstall` (RENEWAL_MODES): what the events advise. */
    readonly renewal: string;
}

/** What the Intune bootstrap is rendered from. */
export interface IntuneBootstrapOptions extends AgentCertificateCheckOptions, BootstrapHostOptions {
    readonly cloud: BootstrapCloud;
    /** The connector features the fleet serves (`CERTIFICATE_CONNECTOR_FEATURES`). */
    readonly features: readonly string[];
    /** The domain service account, or undefined when the connector runs as SYSTEM. */
    readonly serviceAccount?: { readonly username: string; readonly localAdmin: boolean };
    /** The domain the hosts join: its password check needs it. Required with a service account. */
    readonly domainName?: string;
    /** What IntuneCertificateConnector.exe is run with. */
    readonly installerArguments: string;
    readonly installTimeoutSeconds: number;
}

function psBoolean(value: boolean): string {
    return value ? "$true" : "$false";
}

function printableAscii(value: string, what: string): string {
    if (!/^[\x20-\x7e]*$/.test(value)) {
        throw new Error(`${what} must be printable ASCII (it is written into PowerShell)`);
    }
    return value;
}

function renewalAdvice(renewal: string): string {
    if (renewal === RENEWAL_MODES.yearlyReinstall) {
        return (
            "This connector's service account is not a local administrator, so the certificate cannot renew by " +
            `itself: rerun ${CONFIGURE_COMMAND} (or reinstall the connector) now; that enrols a new certificate.`
        );
    }
    return (
        `The certificate normally renews by itself; if it has not, look for event 2 in ${CONNECTOR_OPERATIONAL_LOG}, ` +
        `then rerun ${CONFIGURE_COMMAND} (or reinstall the connector), which enrols a new certificate.`
    );
}

/** Renders the agent-certificate check: one template, filled per fleet. */
export function renderAgentCertificateCheck(options: AgentCertificateCheckOptions): RenderedBootstrap {
    const events = AGENT_CERTIFICATE_CHECK_EVENTS;
    const script = fillPlaceholders(AGENT_CERTIFICATE_CHECK, {
        EVENT_SOURCE_NAME: HOST_EVENT_SOURCE,
        EVENT_SOURCE: psString(HOST_EVENT_SOURCE),
        EVENT_VALID: psInteger(events.valid, "event id"),
        EVENT_EXPIRING: psInteger(events.expiring, "event id"),
        EVENT_EXPIRED: psInteger(events.expired, "event id"),
        EVENT_MISSING: psInteger(events.missing, "event id"),
        EVENT_CANNOT_RENEW: psInteger(events.cannotRenew, "event id"),
        EVENT_CHECK_FAILED: psInteger(events.checkFailed, "event id"),
        FLEET_NAME: psString(printableAscii(options.fleetName, "the fleet's name")),
        ISSUER_NAME: psString(AGENT_CERTIFICATE_ISSUER),
        WARNING_DAYS: psInteger(options.warningDays, "warningDays"),
        EXPECT_AUTOMATIC_RENEWAL: psBoolean(options.renewal !== RENEWAL_MODES.yearlyReinstall),
        INSTALL_DIR: psString(CONNECTOR_INSTALL_DIR),
        ADMINISTRATORS_SID: psString(LOCAL_ADMINISTRATORS_SID),
        OPERATIONAL_LOG: psString(CONNECTOR_OPERATIONAL_LOG),
        CONFIGURE_COMMAND: psString(CONFIGURE_COMMAND),
        RENEWAL_ADVICE: psString(renewalAdvice(options.renewal)),
    });
    return { script, sha256: sha256Hex(script) };
}

/**
 * A text as the body of a PowerShell single-quoted here-string (`@'` ... `'@`), which takes it literally: no line
 * may start with `'@`, which would end it early. The check is rendered from a fixed template, so this guards the
 * template's edits.
 */
function hereStringBody(text: string): string {
    const body = text.replace(/\n$/, "");
    if (/^'@/m.test(body)) {
        throw new Error("renderIntuneConnectorBootstrap: a line of the agent-certificate check starts with '@, which would end its here-string");
    }
    return body;
}

/** Renders the Certificate Connector for Microsoft Intune bootstrap for one cloud. */
export function renderIntuneConnectorBootstrap(options: IntuneBootstrapOptions): RenderedBootstrap {
    const account = options.serviceAccount;
    if (account !== undefined && (options.domainName === undefined || options.domainName === "")) {
        throw new Error("renderIntuneConnectorBootstrap: a domain service account needs the domain's name (domainName)");
    }
    const check = renderAgentCertificateCheck(options);
    const scepFeatures = options.features.includes(CERTIFICATE_CONNECTOR_FEATURES.scep) ? SCEP_WINDOWS_FEATURES : [];
    const body = fillPlaceholders(INTUNE_CONNECTOR_BODY, {
        INSTALLER_URL_SECRET_NAME: psString(INTUNE_BOOTSTRAP_SECRETS.installerUrl),
        SERVICE_ACCOUNT_PASSWORD_SECRET_NAME: psString(INTUNE_BOOTSTRAP_SECRETS.serviceAccountPassword),
        SERVICE_ACCOUNT: psString(printableAscii(account?.username ?? "", "the service account's name")),
        SERVICE_ACCOUNT_LOCAL_ADMIN: psBoolean(account?.localAdmin ?? false),
        DOMAIN_NAME: psString(printableAscii(options.domainName ?? "", "the domain name")),
        INSTALLER_ARGUMENTS: psString(printableAscii(options.installerArguments, "the installer arguments")),
        INSTALL_TIMEOUT_SECONDS: psInteger(options.installTimeoutSeconds, "installTimeoutSeconds"),
        SCEP_WINDOWS_FEATURES: scepFeatures.map(psString).join(", "),
        CONFIGURATION_WIZARD: psString(CONNECTOR_CONFIGURATION_WIZARD),
        CONFIGURE_COMMAND: psString(CONFIGURE_COMMAND),
        ISSUER_NAME: psString(AGENT_CERTIFICATE_ISSUER),
        ADMINISTRATORS_SID: psString(LOCAL_ADMINISTRATORS_SID),
        CHECK_SCRIPT: hereStringBody(check.script),
        CHECK_TASK_PATH: psString(AGENT_CERTIFICATE_CHECK_TASK.path),
        CHECK_TASK_NAME: psString(AGENT_CERTIFICATE_CHECK_TASK.name),
        CHECK_TIME: psString(AGENT_CERTIFICATE_CHECK_TASK.dailyAt),
    });
    return renderBootstrapScript({
        title: "Certificate Connector for Microsoft Intune bootstrap: unattended install, service account, agent certificate check.",
        cloud: options.cloud,
        domainJoin: options.domainJoin,
        aws: options.aws,
        domainJoinTimeoutSeconds: CONNECTOR_BOOTSTRAP_DEFAULTS.domainJoinTimeoutSeconds,
        secretNames:
            account === undefined
                ? [INTUNE_BOOTSTRAP_SECRETS.installerUrl]
                : [INTUNE_BOOTSTRAP_SECRETS.installerUrl, INTUNE_BOOTSTRAP_SECRETS.serviceAccountPassword],
        body: `${SIGNED_INSTALLER_STEP}\n\n${body}`,
    });
}
