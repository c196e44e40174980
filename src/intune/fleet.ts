/**
 * Validation and planning of a fleet of Certificate Connectors for Microsoft Intune: its settings, its hosts on every
 * cloud (planned by the same functions as a connector group's), each host's enrolment date, the renewal calendar and
 * the steps that need a person. One call checks everything and either returns the plan or throws one
 * InputValidationError listing every problem, before any resource is registered.
 */
import { type AwsEgressRule, type AwsHostSetPlan, type AwsHostSetSettings, planAwsHosts } from "../model/awsHosts";
import { type AzureHostSetSettings, type PlannedAzureHost, planAzureHosts } from "../model/azureHosts";
import { validateUniqueMachineNames } from "../model/connectorGroup";
import { type HostSummary } from "../model/contract";
import { type DomainJoinSettings, isDomainAccountName, validateDomainJoin } from "../model/domainJoin";
import { IssueCollector, type ValidationIssue } from "../model/errors";
import { type GcpHostSetPlan, type GcpHostSetSettings, planGcpHosts } from "../model/gcpHosts";
import { validateNotificationChannels } from "../model/gcpScaleOutAlert";
import { isKnown, optionalBoolean, optionalHttpsUrl, optionalInteger, requireSecret } from "../model/validation";
import { DATE_YEAR_RANGE, type DayNumber, formatIsoDate, parseIsoDate } from "./dates";
import {
    CERTIFICATE_CONNECTOR_FEATURE_NAMES,
    CERTIFICATE_CONNECTOR_FEATURES,
    DOMAIN_FEATURES,
    NON_ADMIN_RENEWAL_FAILURE,
    PKCS_AS_SYSTEM_REASON,
} from "./facts";
import { gapFitProblem, planRenewalCalendar, RENEWAL_SCHEDULE_DEFAULTS, type RenewalCalendar, spreadEnrolmentDates } from "./schedule";
import { renewalModeOf, SERVICE_ACCOUNT_MODELS, serviceAccountModel, SYSTEM_ACCOUNT } from "./serviceAccount";
import { configurationInstructions, type InteractiveStep, interactiveSteps } from "./steps";
import { type CertificateConnectorFleetSummary } from "./summary";

/** A fleet needs at least two connectors: one is a single point of failure for certificate delivery. */
export const MINIMUM_CERTIFICATE_CONNECTORS = 2;

/** Bounds and defaults of the fleet's numeric settings. */
export const FLEET_LIMITS = {
    expiryGapMonths: { default: RENEWAL_SCHEDULE_DEFAULTS.expiryGapMonths, min: 1, max: 12 },
    expiryWarningDays: { default: RENEWAL_SCHEDULE_DEFAULTS.dueWithinDays, min: 1, max: 180 },
    installTimeoutSeconds: { default: 1800, min: 60, max: 7200 },
    alertSeverity: { default: 1, min: 0, max: 4 },
} as const;

/** Defaults of the fleet's other settings. */
export const CERTIFICATE_CONNECTOR_FLEET_DEFAULTS = {
    /** A domain service account is made a local administrator, so that its agent certificate renews. */
    serviceAccountLocalAdmin: true,
    /**
     * What the installer is run with. UNCONFIRMED: Microsoft documents no unattended switches for
     * IntuneCertificateConnector.exe; these are the usual ones of a setup bundle. Override `installer.arguments`.
     */
    installerArguments: "/quiet /norestart",
} as const;

/**
 * What a Certificate Connector host needs outbound on AWS, whose security groups cannot filter by name: HTTPS to
 * Intune, the connector's sign-in and updates (`autoupdate.msappproxy.net`), its installer and the SSM endpoints; HTTP
 * for certificate revocation checks. The Certification Authority and the domain controllers are reached on the Active
 * Directory ports (`aws.domainControllerCidrs`), or on rules added under `aws.egress`.
 */
export const CERTIFICATE_CONNECTOR_EGRESS: readonly AwsEgressRule[] = [
    {
        description: "HTTPS: Intune, the connector sign-in and updates (autoupdate.msappproxy.net), installer, SSM",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["0.0.0.0/0"],
    },
    {
        description: "HTTP: certificate revocation checks (CRL and OCSP)",
        protocol: "tcp",
        fromPort: 80,
        toPort: 80,
        cidrBlocks: ["0.0.0.0/0"],
    },
];

/** The clouds a fleet places hosts on; it lists its hosts (and their calendar entries) in this order. */
export const FLEET_CLOUDS = ["azure", "aws", "gcp"] as const;

/** An enrolment date may be planned at most this many days ahead: one year. */
const MAX_DAYS_AHEAD = 366;

/** The plain settings of a fleet that validation reads (a CertificateConnectorFleet's args). */
export interface CertificateConnectorFleetSettings {
    readonly displayName?: string;
    readonly features?: readonly string[];
    readonly serviceAccount?: {
        readonly username?: string;
        /** Checked for presence only. */
        readonly password?: unknown;
        readonly localAdmin?: boolean;
    };
    readonly installer?: {
        /** Checked for shape only when known. */
        readonly url?: unknown;
        readonly arguments?: string;
        readonly timeoutSeconds?: number;
    };
    readonly domainJoin?: DomainJoinSettings;
    readonly azure?: AzureHostSetSettings;
    readonly aws?: AwsHostSetSettings;
    readonly gcp?: GcpHostSetSettings;
    readonly enrolmentDates?: Readonly<Record<string, string>>;
    readonly today?: string;
    readonly expiryGapMonths?: number;
    readonly expiryWarningDays?: number;
    readonly azureMonitoring?: {
        readonly workspaceResourceId?: unknown;
        readonly actionGroupId?: unknown;
        readonly severity?: number;
    };
    readonly gcpMonitoring?: {
        readonly notificationChannels?: readonly string[];
    };
}

/** The fleet, checked, with defaults applied, every host decided and the calendar computed. */
export interface CertificateConnectorFleetPlan {
    readonly displayName: string;
    readonly features: readonly string[];
    /** The domain service account, or undefined for SYSTEM. */
    readonly serviceAccount?: { readonly username: string; readonly localAdmin: boolean };
    readonly serviceAccountModel: string;
    readonly renewal: string;
    readonly installerArguments: string;
    readonly installTimeoutSeconds: number;
    readonly expiryWarningDays: number;
    readonly azureHosts: readonly PlannedAzureHost[];
    /** The AWS hosts and what they share; undefined when the fleet has none. */
    readonly awsHosts?: AwsHostSetPlan;
    /** The GCP hosts and what they share; undefined when the fleet has none. */
    readonly gcpHosts?: GcpHostSetPlan;
    /**
     * The domain each cloud's hosts are members of (the service account's password is checked with it): the fleet's
     * `domainJoin`, or the directory AWS or GCP joins the hosts to. Undefined for a cloud whose hosts join none.
     */
    readonly hostDomains: { readonly [cloud: string]: string | undefined };
    readonly calendar: RenewalCalendar;
    /** The hosts whose enrolment date was not given: theirs is spread from today, and moves with it. */
    readonly defaultedEnrolments: readonly string[];
    readonly interactiveSteps: readonly InteractiveStep[];
    /** What the configuration wizard's pages should be set to. */
    readonly configurationInstructions: string;
    /** Azure Monitor alerting, when asked for. */
    readonly azureMonitoring?: { readonly severity: number };
    /** Cloud Monitoring alerting on the GCP hosts, when asked for. */
    readonly gcpMonitoring?: { readonly notificationChannels: readonly string[] };
    readonly summary: CertificateConnectorFleetSummary;
    /** Accepted but against best practice: the component logs them. */
    readonly warnings: readonly ValidationIssue[];
}

/**
 * Checks a fleet's settings and plans it. `clockToday` is today's date (`YYYY-MM-DD`) when `today` is not set: the
 * component reads it from the clock, everything here stays pure.
 */
export function planCertificateConnectorFleet(
    resourceName: string,
    settings: CertificateConnectorFleetSettings,
    clockToday: string,
): CertificateConnectorFleetPlan {
    const issues = new IssueCollector(`CertificateConnectorFleet "${resourceName}"`);
    const displayName = validateDisplayName(settings.displayName ?? resourceName, settings.displayName === undefined, issues);
    const features = validateFeatures(settings.features, issues);
    const serviceAccount = validateServiceAccount(settings.serviceAccount, issues);
    const domainJoin = settings.domainJoin;
    if (domainJoin !== undefined) {
        validateDomainJoin(domainJoin, issues, "domainJoin");
    }
    const model = serviceAccountModel(serviceAccount);
    const renewal = renewalModeOf(model);

    const installer = validateInstaller(settings.installer, issues);
    const today = validateDate(settings.today ?? clockToday, "today", settings.today, issues);
    const expiryGapMonths = optionalInteger(issues, "expiryGapMonths", settings.expiryGapMonths, FLEET_LIMITS.expiryGapMonths, "months");
    const expiryWarningDays = optionalInteger(issues, "expiryWarningDays", settings.expiryWarningDays, FLEET_LIMITS.expiryWarningDays, "days");
    const azureMonitoring = validateAzureMonitoring(settings.azureMonitoring, settings.azure !== undefined, issues);
    const gcpMonitoring = validateGcpMonitoring(settings.gcpMonitoring, settings.gcp, issues);

    refuseEntraOnlySettings(settings, issues);
    const azureHosts =
        settings.azure === undefined
            ? []
            : planAzureHosts(settings.azure, { resourceName, domainJoined: domainJoin !== undefined }, issues, "azure");
    const awsHosts =
        settings.aws === undefined
            ? undefined
            : planAwsHosts(settings.aws, { resourceName, domainJoin, connectorEgress: CERTIFICATE_CONNECTOR_EGRESS }, issues, "aws");
    const gcpHosts =
        settings.gcp === undefined ? undefined : planGcpHosts(settings.gcp, { resourceName, domainName: domainJoin?.domainName }, issues, "gcp");
    const hosts: HostSummary[] = [
        ...azureHosts.map((host) => host.summary),
        ...(awsHosts?.hosts ?? []).map((host) => host.summary),
        ...(gcpHosts?.hosts ?? []).map((host) => host.summary),
    ];
    // A cloud whose settings were reported as wrong plans fewer hosts (or none): judging the others would add
    // misleading errors to the real ones.
    const everyHostPlanned =
        (settings.azure === undefined || azureHosts.length > 0) &&
        (settings.aws === undefined || (awsHosts?.hosts.length ?? 0) > 0) &&
        (settings.gcp === undefined || gcpHosts !== undefined);
    if (settings.azure === undefined && settings.aws === undefined && settings.gcp === undefined) {
        issues.error("hosts", undefined, "a certificate connector fleet needs hosts: declare them under azure, aws or gcp");
    } else if (everyHostPlanned) {
        validateFleetHosts(hosts, expiryGapMonths, issues);
    }
    // Hosts may be joined by the fleet's domainJoin or by their platform (aws.directoryService, gcp.managedAd).
    const everyHostJoined = domainJoin !== undefined || (everyHostPlanned && hosts.length > 0 && hosts.every((host) => host.domainJoined));
    judgeAccountModel(model, features, everyHostJoined, issues);
    const enrolments = today === undefined ? [] : resolveEnrolmentDates(settings.enrolmentDates, hosts, today, issues);

    issues.throwIfErrors();
    const calendar = planRenewalCalendar(
        hosts.map((host, index) => ({ machineName: host.machineName, enrolmentDate: enrolments[index]?.day as DayNumber })),
        { today: today as DayNumber, expiryGapMonths, dueWithinDays: expiryWarningDays },
    );
    warnAboutExpiries(calendar, issues);
    const stepSettings = { features, serviceAccountName: serviceAccount?.username, renewal, expiryWarningDays };
    return {
        displayName,
        features,
        ...(serviceAccount === undefined ? {} : { serviceAccount }),
        serviceAccountModel: model,
        renewal,
        installerArguments: installer.arguments,
        installTimeoutSeconds: installer.timeoutSeconds,
        expiryWarningDays,
        azureHosts,
        ...(awsHosts === undefined ? {} : { awsHosts }),
        ...(gcpHosts === undefined ? {} : { gcpHosts }),
        hostDomains: {
            azure: domainJoin?.domainName,
            aws: awsHosts?.domainJoin === "directoryService" ? settings.aws?.directoryService?.directoryName : domainJoin?.domainName,
            gcp: gcpHosts?.domainJoin?.joinedBy === "managed-ad" ? gcpHosts.domainJoin.managedAd.domainName : domainJoin?.domainName,
        },
        calendar,
        defaultedEnrolments: hosts.filter((_, index) => enrolments[index]?.defaulted === true).map((host) => host.machineName),
        interactiveSteps: interactiveSteps(calendar, stepSettings),
        configurationInstructions: configurationInstructions(stepSettings),
        ...(azureMonitoring === undefined ? {} : { azureMonitoring }),
        ...(gcpMonitoring === undefined ? {} : { gcpMonitoring }),
        summary: {
            displayName,
            features: [...features],
            serviceAccountModel: model,
            serviceAccount: serviceAccount?.username ?? SYSTEM_ACCOUNT,
            renewal,
            domainJoined: hosts.every((host) => host.domainJoined),
            hosts,
            today: calendar.today,
            expiryGapMonths,
            expiryWarningDays,
            calendar,
            azureAlerting: azureMonitoring !== undefined,
            gcpAlerting: gcpMonitoring !== undefined,
        },
        warnings: issues.warnings,
    };
}

function validateDisplayName(name: unknown, defaulted: boolean, issues: IssueCollector): string {
    if (typeof name !== "string" || name.trim() === "") {
        issues.error(defaulted ? "name" : "displayName", name, "the fleet's name must be a non-empty string");
        return "";
    }
    if (!/^[\x20-\x7e]+$/.test(name)) {
        issues.error(defaulted ? "name" : "displayName", name, "the fleet's name must be printable ASCII: it is written into the hosts' PowerShell");
    }
    return name;
}

function validateFeatures(features: unknown, issues: IssueCollector): string[] {
    const known = CERTIFICATE_CONNECTOR_FEATURE_NAMES.join(", ");
    if (!Array.isArray(features) || features.length === 0) {
        issues.error("features", features, `must list the connector features the fleet serves, one or more of ${known}`);
        return [];
    }
    const valid: string[] = [];
    features.forEach((feature: unknown, index) => {
        if (typeof feature !== "string" || !CERTIFICATE_CONNECTOR_FEATURE_NAMES.includes(feature)) {
            issues.error(`features[${index}]`, feature, `is not a connector feature; use one of ${known}`);
        } else if (valid.includes(feature)) {
            issues.error(`features[${index}]`, feature, "is listed twice");
        } else {
            valid.push(feature);
        }
    });
    return valid;
}

function validateServiceAccount(
    account: CertificateConnectorFleetSettings["serviceAccount"],
    issues: IssueCollector,
): { username: string; localAdmin: boolean } | undefined {
    if (account === undefined) {
        return undefined;
    }
    if (typeof account !== "object" || account === null) {
        issues.error("serviceAccount", account, "must be { username, password, localAdmin? }, or left out to run the connector as SYSTEM");
        return undefined;
    }
    const username = account.username;
    if (typeof username !== "string" || !isDomainAccountName(username)) {
        issues.error("serviceAccount.username", username, "must name the domain account with its domain, as CORP\\svc-intune or svc-intune@corp.example.com");
    }
    requireSecret(issues, "serviceAccount.password", account.password, "give the service account's password as a secret (`pulumi config set --secret`)");
    const localAdmin = optionalBoolean(issues, "serviceAccount.localAdmin", account.localAdmin, CERTIFICATE_CONNECTOR_FLEET_DEFAULTS.serviceAccountLocalAdmin);
    return { username: typeof username === "string" ? username : "", localAdmin };
}

/**
 * The account model's consequences: a domain account needs every host in the domain; PKCS as SYSTEM and a non-admin
 * account are accepted with a warning. `domainJoined`: every host joins a domain.
 */
function judgeAccountModel(model: string, features: readonly string[], domainJoined: boolean, issues: IssueCollector): void {
    if (model !== SERVICE_ACCOUNT_MODELS.system && !domainJoined) {
        issues.error(
            "serviceAccount",
            "(a domain account)",
            "a domain service account needs the hosts joined to its domain: set domainJoin (or join AWS hosts through " +
                "aws.directoryService and GCP hosts through gcp.managedAd)",
        );
    }
    if (model === SERVICE_ACCOUNT_MODELS.system && features.includes(CERTIFICATE_CONNECTOR_FEATURES.pkcs)) {
        issues.warn(
            "serviceAccount",
            undefined,
            `the connector runs as SYSTEM and serves PKCS: ${PKCS_AS_SYSTEM_REASON}; set serviceAccount to a domain ` +
                "account (the policy pack rejects PKCS as SYSTEM)",
        );
    }
    if (model === SERVICE_ACCOUNT_MODELS.domainAccountNoLocalAdmin) {
        issues.warn("serviceAccount.localAdmin", false, `${NON_ADMIN_RENEWAL_FAILURE}; the calendar lists each host's reinstall`);
    }
    const needDomain = features.filter((feature) => DOMAIN_FEATURES.includes(feature));
    if (needDomain.length > 0 && !domainJoined) {
        issues.warn(
            "domainJoin",
            undefined,
            `${needDomain.join(", ")} need the connector servers in the Certification Authority's Active Directory ` +
                "domain; join the hosts (domainJoin) unless something else does",
        );
    }
}

function validateInstaller(
    installer: CertificateConnectorFleetSettings["installer"],
    issues: IssueCollector,
): { arguments: string; timeoutSeconds: number } {
    const defaults = {
        arguments: CERTIFICATE_CONNECTOR_FLEET_DEFAULTS.installerArguments,
        timeoutSeconds: FLEET_LIMITS.installTimeoutSeconds.default,
    };
    if (typeof installer !== "object" || installer === null) {
        issues.error(
            "installer",
            installer,
            "is required: { url } of IntuneCertificateConnector.exe, as downloaded from the Intune admin center " +
                "(Tenant administration > Connectors and tokens > Certificate connectors > Add) into storage the hosts can read",
        );
        return defaults;
    }
    requireSecret(issues, "installer.url", installer.url, "give the installer's download URL (it may carry a SAS token, so it is handled as a secret)");
    optionalHttpsUrl(issues, "installer.url", installer.url);
    const args = installer.arguments ?? defaults.arguments;
    if (typeof args !== "string" || !/^[\x20-\x7e]{0,512}$/.test(args)) {
        issues.error("installer.arguments", args, "must be printable ASCII, at most 512 characters");
    }
    const timeoutSeconds = optionalInteger(issues, "installer.timeoutSeconds", installer.timeoutSeconds, FLEET_LIMITS.installTimeoutSeconds, "seconds");
    return { arguments: typeof args === "string" ? args : defaults.arguments, timeoutSeconds };
}

function validateDate(text: unknown, field: string, given: unknown, issues: IssueCollector): DayNumber | undefined {
    const day = parseIsoDate(text);
    if (day === undefined) {
        issues.error(
            field,
            given ?? text,
            `must be a calendar date written YYYY-MM-DD, from ${DATE_YEAR_RANGE.min} to ${DATE_YEAR_RANGE.max}`,
        );
    }
    return day;
}

const WORKSPACE_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.operationalinsights\/workspaces\/[^/]+$/i;
const ACTION_GROUP_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.insights\/actiongroups\/[^/]+$/i;

function validateAzureMonitoring(
    monitoring: CertificateConnectorFleetSettings["azureMonitoring"],
    hasAzureHosts: boolean,
    issues: IssueCollector,
): { severity: number } | undefined {
    if (monitoring === undefined) {
        return undefined;
    }
    if (typeof monitoring !== "object" || monitoring === null) {
        issues.error("azureMonitoring", monitoring, "must be { workspaceResourceId, actionGroupId, severity? }");
        return undefined;
    }
    if (!hasAzureHosts) {
        issues.error("azureMonitoring", "(set)", "Azure Monitor alerting watches Azure hosts: declare them under azure");
    }
    const checkId = (field: string, value: unknown, pattern: RegExp, what: string): void => {
        if (value === undefined || value === null || (isKnown(value) && !(typeof value === "string" && pattern.test(value)))) {
            issues.error(`azureMonitoring.${field}`, value, `must be the resource id of ${what}`);
        }
    };
    checkId(
        "workspaceResourceId",
        monitoring.workspaceResourceId,
        WORKSPACE_ID,
        "the Log Analytics workspace the hosts' events go to (/subscriptions/.../providers/Microsoft.OperationalInsights/workspaces/...)",
    );
    checkId(
        "actionGroupId",
        monitoring.actionGroupId,
        ACTION_GROUP_ID,
        "the action group to notify (/subscriptions/.../providers/Microsoft.Insights/actionGroups/...)",
    );
    const severity = optionalInteger(issues, "azureMonitoring.severity", monitoring.severity, FLEET_LIMITS.alertSeverity, "severity levels (0 is critical)");
    return { severity };
}

/** Cloud Monitoring alerting: the GCP hosts' Ops Agent sends their Application log, where the check writes. */
function validateGcpMonitoring(
    monitoring: CertificateConnectorFleetSettings["gcpMonitoring"],
    gcp: GcpHostSetSettings | undefined,
    issues: IssueCollector,
): { notificationChannels: readonly string[] } | undefined {
    if (monitoring === undefined) {
        return undefined;
    }
    if (typeof monitoring !== "object" || monitoring === null) {
        issues.error("gcpMonitoring", monitoring, "must be { notificationChannels }");
        return undefined;
    }
    if (gcp === undefined) {
        issues.error("gcpMonitoring", "(set)", "Cloud Monitoring alerting watches GCP hosts: declare them under gcp");
    } else if (gcp.opsAgent === false) {
        issues.error(
            "gcp.opsAgent",
            false,
            "gcpMonitoring alerts on the hosts' Application log, which only the Ops Agent sends to Cloud Logging: leave opsAgent on",
        );
    }
    return { notificationChannels: validateNotificationChannels(monitoring.notificationChannels, issues, "gcpMonitoring.notificationChannels") };
}

/**
 * What a connector group offers that a Certificate Connector fleet must not take: the marketplace appliance, which is
 * the Entra private network connector's, and scale-out alerts, whose advice is to add a connector to the group.
 */
function refuseEntraOnlySettings(settings: CertificateConnectorFleetSettings, issues: IssueCollector): void {
    for (const cloud of FLEET_CLOUDS) {
        const hosts = settings[cloud] as { appliance?: unknown; scaleOutAlert?: unknown } | undefined;
        if (typeof hosts !== "object" || hosts === null) {
            continue;
        }
        if (hosts.appliance !== undefined) {
            issues.error(
                `${cloud}.appliance`,
                hosts.appliance,
                "is the Entra private network connector's marketplace appliance; Certificate Connector hosts run Windows " +
                    "Server 2022 or later with the Desktop Experience: remove it",
            );
        }
        if (hosts.scaleOutAlert !== undefined) {
            issues.error(
                `${cloud}.scaleOutAlert`,
                "(set)",
                "scale-out alerts are for Entra connector groups (they advise adding a connector to the group); a " +
                    "certificate connector fleet alerts on its connectors' events instead: azureMonitoring on Azure, " +
                    "gcpMonitoring on GCP (docs/intune.md)",
            );
        }
    }
}

function validateFleetHosts(hosts: readonly HostSummary[], expiryGapMonths: number, issues: IssueCollector): void {
    if (hosts.length < MINIMUM_CERTIFICATE_CONNECTORS) {
        issues.error(
            "hosts",
            hosts.length,
            `a fleet needs at least ${MINIMUM_CERTIFICATE_CONNECTORS} certificate connectors, so that certificate ` +
                "delivery survives one connector's failure or expired agent certificate",
        );
    }
    validateUniqueMachineNames(hosts, issues);
    const problem = gapFitProblem(hosts.length, expiryGapMonths);
    if (problem !== undefined) {
        issues.error("expiryGapMonths", expiryGapMonths, problem);
    }
}

/**
 * Each host's enrolment date: the one given for its machine name, or its place in a spread across the year from
 * today. Names that match no host and dates too far ahead are errors.
 */
function resolveEnrolmentDates(
    given: CertificateConnectorFleetSettings["enrolmentDates"],
    hosts: readonly HostSummary[],
    today: DayNumber,
    issues: IssueCollector,
): { day: DayNumber; defaulted: boolean }[] {
    const spread = spreadEnrolmentDates(today, hosts.length).map((day) => ({ day, defaulted: true }));
    if (given === undefined) {
        return spread;
    }
    if (typeof given !== "object" || given === null || Array.isArray(given)) {
        issues.error("enrolmentDates", given, 'must map machine names to dates, e.g. { "pki-1": "2025-09-15" }');
        return spread;
    }
    const byName = new Map(Object.entries(given).map(([name, date]) => [name.toLowerCase(), { name, date }]));
    const names = hosts.map((host) => host.machineName.toLowerCase());
    for (const { name, date } of byName.values()) {
        if (!names.includes(name.toLowerCase())) {
            issues.error(`enrolmentDates.${name}`, date, `names no host of the fleet; its hosts are ${hosts.map((host) => host.machineName).join(", ")}`);
        }
    }
    return hosts.map((host, index) => {
        const entry = byName.get(host.machineName.toLowerCase());
        const fallback = spread[index] as { day: DayNumber; defaulted: boolean };
        if (entry === undefined) {
            return fallback;
        }
        const field = `enrolmentDates.${entry.name}`;
        const day = validateDate(entry.date, field, entry.date, issues);
        if (day !== undefined && day - today > MAX_DAYS_AHEAD) {
            issues.error(field, entry.date, `is more than a year after today (${formatIsoDate(today)}); plan enrolments within the coming year`);
        }
        return day === undefined ? fallback : { day, defaulted: false };
    });
}

/** Expiries that clash or are due are accepted (they describe what is deployed), with the calendar's remedy. */
function warnAboutExpiries(calendar: RenewalCalendar, issues: IssueCollector): void {
    const enrolment = (machineName: string): string | undefined =>
        calendar.entries.find((entry) => entry.machineName === machineName)?.enrolmentDate;
    const remedy = (machineName: string): string => {
        const first = calendar.entries.find((entry) => entry.machineName === machineName)?.reEnrolments[0];
        return first === undefined ? "" : `; the calendar re-enrols ${machineName} on ${first.date}`;
    };
    for (const clash of calendar.tooClose) {
        const [a, b] = clash.machineNames;
        issues.warn(
            `enrolmentDates.${b}`,
            enrolment(b),
            `the agent certificates of ${a} (${clash.expiryDates[0]}) and ${b} (${clash.expiryDates[1]}) expire ` +
                `${clash.daysApart} days apart, closer than ${calendar.expiryGapMonths} months${remedy(b) || remedy(a)}`,
        );
    }
    for (const due of calendar.due) {
        const when = due.daysLeft < 0 ? `expired on ${due.expiryDate}` : `expires on ${due.expiryDate}, in ${due.daysLeft} days`;
        issues.warn(`enrolmentDates.${due.machineName}`, enrolment(due.machineName), `the agent certificate of ${due.machineName} ${when}: re-enrol it now`);
    }
}
