/**
 * Validation and planning of a fleet of Certificate Connectors for Microsoft Intune: its settings, its hosts on every
 * cloud (planned by the same functions as a connector group's), each host's enrolment date, the renewal calendar and
 * the steps that need a person. One call checks everything and either returns the plan or throws one
 * InputValidationError listing every problem, before any resource is registered.
 */
import { type AzureHostSetSettings, type PlannedAzureHost, planAzureHosts } from "../model/azureHosts";
import { validateUniqueMachineNames } from "../model/connectorGroup";
import { type HostSummary } from "../model/contract";
import { type DomainJoinSettings, isDomainAccountName, validateDomainJoin } from "../model/domainJoin";
import { IssueCollector, type ValidationIssue } from "../model/errors";
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
    readonly enrolmentDates?: Readonly<Record<string, string>>;
    readonly today?: string;
    readonly expiryGapMonths?: number;
    readonly expiryWarningDays?: number;
    readonly azureMonitoring?: {
        readonly workspaceResourceId?: unknown;
        readonly actionGroupId?: unknown;
        readonly severity?: number;
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
    readonly calendar: RenewalCalendar;
    /** The hosts whose enrolment date was not given: theirs is spread from today, and moves with it. */
    readonly defaultedEnrolments: readonly string[];
    readonly interactiveSteps: readonly InteractiveStep[];
    /** What the configuration wizard's pages should be set to. */
    readonly configurationInstructions: string;
    /** Azure Monitor alerting, when asked for. */
    readonly azureMonitoring?: { readonly severity: number };
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
    const domainJoined = settings.domainJoin !== undefined;
    if (domainJoined) {
        validateDomainJoin(settings.domainJoin, issues, "domainJoin");
    }
    const model = serviceAccountModel(serviceAccount);
    const renewal = renewalModeOf(model);
    judgeAccountModel(model, features, domainJoined, issues);

    const installer = validateInstaller(settings.installer, issues);
    const today = validateDate(settings.today ?? clockToday, "today", settings.today, issues);
    const expiryGapMonths = optionalInteger(issues, "expiryGapMonths", settings.expiryGapMonths, FLEET_LIMITS.expiryGapMonths, "months");
    const expiryWarningDays = optionalInteger(issues, "expiryWarningDays", settings.expiryWarningDays, FLEET_LIMITS.expiryWarningDays, "days");
    const azureMonitoring = validateAzureMonitoring(settings.azureMonitoring, settings.azure !== undefined, issues);

    const azureHosts =
        settings.azure === undefined ? [] : planAzureHosts(settings.azure, { resourceName, domainJoined }, issues, "azure");
    const hosts: HostSummary[] = azureHosts.map((host) => host.summary);
    if (settings.azure === undefined) {
        issues.error("azure", undefined, "a certificate connector fleet needs hosts: declare them under azure");
    } else if (hosts.length > 0) {
        validateFleetHosts(hosts, expiryGapMonths, issues);
    }
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
        calendar,
        defaultedEnrolments: hosts.filter((_, index) => enrolments[index]?.defaulted === true).map((host) => host.machineName),
        interactiveSteps: interactiveSteps(calendar, stepSettings),
        configurationInstructions: configurationInstructions(stepSettings),
        ...(azureMonitoring === undefined ? {} : { azureMonitoring }),
        summary: {
            displayName,
            features: [...features],
            serviceAccountModel: model,
            serviceAccount: serviceAccount?.username ?? SYSTEM_ACCOUNT,
            renewal,
            domainJoined,
            hosts,
            today: calendar.today,
            expiryGapMonths,
            expiryWarningDays,
            calendar,
            azureAlerting: azureMonitoring !== undefined,
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

/** The account model's consequences: PKCS as SYSTEM and a non-admin account are accepted with a warning. */
function judgeAccountModel(model: string, features: readonly string[], domainJoined: boolean, issues: IssueCollector): void {
    if (model !== SERVICE_ACCOUNT_MODELS.system && !domainJoined) {
        issues.error("serviceAccount", "(a domain account)", "a domain service account needs the hosts joined to its domain: set domainJoin");
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
