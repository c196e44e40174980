/**
 * Validation and planning of a connector group as a whole: its own settings, then its hosts on every cloud, then the
 * rules that span clouds (at least two connectors, unique machine names). One call checks everything and either
 * returns the plan or throws one {@link InputValidationError} listing every problem.
 */
import { type AwsHostSetPlan, type AwsHostSetSettings, planAwsHosts } from "./awsHosts";
import { type AzureHostSetSettings, type PlannedAzureHost, planAzureHosts, planAzureScaleOutAlert } from "./azureHosts";
import { type ConnectorGroupSummary, type HostSummary, looksLikeDefaultGroupName } from "./contract";
import { type DomainJoinSettings, validateDomainJoin } from "./domainJoin";
import { IssueCollector, type ValidationIssue } from "./errors";
import { type ExistingHostSettings, type PlannedExistingHost, planExistingHosts } from "./existingHosts";
import { type GcpHostSetPlan, type GcpHostSetSettings, planGcpHosts } from "./gcpHosts";
import { CONNECTOR_GROUP_REGION_IDS, connectorGroupRegion } from "./regions";
import { type ScaleOutAlertPlan } from "./scaleOutAlert";
import {
    isGuid,
    optionalBoolean,
    optionalHttpsUrl,
    optionalInteger,
    requireSecret,
    requireString,
} from "./validation";

/** Best practice: at least two connectors per group, for availability and load balancing. */
export const MINIMUM_CONNECTORS_PER_GROUP = 2;

/** Defaults of a connector group's own settings. */
export const CONNECTOR_GROUP_DEFAULTS = {
    servesSso: false,
    allowSingleConnector: false,
    adoptExisting: false,
} as const;

/**
 * How long each membership waits for its connector to register, in seconds: VM creation, the domain join with its
 * restart, install and registration. Bounds as the membership resource accepts them.
 */
export const MEMBERSHIP_TIMEOUT_SECONDS = { default: 1800, min: 10, max: 7200 } as const;

/** The plain settings of a connector group that validation reads (a ConnectorGroup's args). */
export interface ConnectorGroupSettings {
    readonly displayName?: string;
    readonly region?: string;
    readonly servesSso?: boolean;
    readonly allowSingleConnector?: boolean;
    readonly adoptExisting?: boolean;
    readonly membershipTimeoutSeconds?: number;
    readonly graphEndpoint?: unknown;
    readonly registration?: {
        readonly tenantId?: string;
        /** Checked for presence only, and only when the group creates hosts. */
        readonly token?: unknown;
        readonly installerUrl?: unknown;
    };
    readonly domainJoin?: DomainJoinSettings;
    readonly azure?: AzureHostSetSettings;
    readonly aws?: AwsHostSetSettings;
    readonly gcp?: GcpHostSetSettings;
    readonly existingHosts?: readonly ExistingHostSettings[];
}

/** A connector group, checked, with defaults applied and every host decided. */
export interface ConnectorGroupPlan {
    readonly displayName: string;
    /** The Graph region value, lower-case. */
    readonly region: string;
    readonly servesSso: boolean;
    readonly allowSingleConnector: boolean;
    readonly adoptExisting: boolean;
    readonly membershipTimeoutSeconds: number;
    readonly tenantId: string;
    readonly azureHosts: readonly PlannedAzureHost[];
    /** The group's GCP hosts and what they share; undefined when it has none. */
    readonly gcpHosts?: GcpHostSetPlan;
    /** The Azure hosts' scale-out alert; undefined when the group has none. */
    readonly azureScaleOutAlert?: ScaleOutAlertPlan;
    /** The group's AWS hosts and what they share (their scale-out alert included); undefined when it has none. */
    readonly awsHosts?: AwsHostSetPlan;
    /** Servers the stack does not build: the group manages only their membership. */
    readonly existingHosts: readonly PlannedExistingHost[];
    /** What the component registers as its inputs: non-secret. */
    readonly summary: ConnectorGroupSummary;
    /** Accepted but against best practice: the component logs them. */
    readonly warnings: readonly ValidationIssue[];
}

/**
 * Checks a connector group's settings and plans its hosts. Throws an InputValidationError naming every bad field,
 * its value and the rule, so that nothing is registered when anything is wrong.
 */
export function planConnectorGroup(resourceName: string, settings: ConnectorGroupSettings): ConnectorGroupPlan {
    const issues = new IssueCollector(`ConnectorGroup "${resourceName}"`);
    const displayName = validateDisplayName(settings.displayName ?? resourceName, settings.displayName, issues);
    const region = validateRegion(settings.region, issues);
    const servesSso = optionalBoolean(issues, "servesSso", settings.servesSso, CONNECTOR_GROUP_DEFAULTS.servesSso);
    const allowSingleConnector = optionalBoolean(
        issues,
        "allowSingleConnector",
        settings.allowSingleConnector,
        CONNECTOR_GROUP_DEFAULTS.allowSingleConnector,
    );
    const adoptExisting = optionalBoolean(
        issues,
        "adoptExisting",
        settings.adoptExisting,
        CONNECTOR_GROUP_DEFAULTS.adoptExisting,
    );
    const membershipTimeoutSeconds = optionalInteger(
        issues,
        "membershipTimeoutSeconds",
        settings.membershipTimeoutSeconds,
        MEMBERSHIP_TIMEOUT_SECONDS,
        "seconds",
    );
    optionalHttpsUrl(issues, "graphEndpoint", settings.graphEndpoint);
    // The hosts the stack builds: they need the registration token, and the domain join when the group serves SSO.
    const createsHosts = settings.azure !== undefined || settings.aws !== undefined || settings.gcp !== undefined;
    const tenantId = validateRegistration(settings.registration, createsHosts, issues);

    const domainJoined = settings.domainJoin !== undefined;
    if (domainJoined) {
        validateDomainJoin(settings.domainJoin, issues, "domainJoin");
    }

    const azureHosts =
        settings.azure === undefined
            ? []
            : planAzureHosts(settings.azure, { resourceName, region, domainJoined }, issues, "azure");
    const azureScaleOutAlert = planAzureScaleOutAlert(settings.azure?.scaleOutAlert, issues);
    const awsHosts =
        settings.aws === undefined
            ? undefined
            : planAwsHosts(settings.aws, { resourceName, region, domainJoin: settings.domainJoin }, issues, "aws");
    const domainName = domainJoined ? settings.domainJoin?.domainName : undefined;
    const gcpHosts =
        settings.gcp === undefined ? undefined : planGcpHosts(settings.gcp, { resourceName, region, domainName }, issues, "gcp");
    const existingHosts =
        settings.existingHosts === undefined ? [] : planExistingHosts(settings.existingHosts, { servesSso }, issues);
    const createdHosts: HostSummary[] = [
        ...azureHosts.map((host) => host.summary),
        ...(awsHosts?.hosts ?? []).map((host) => host.summary),
        ...(gcpHosts?.hosts ?? []).map((host) => host.summary),
    ];
    const hosts: HostSummary[] = [...createdHosts, ...existingHosts.map((host) => host.summary)];
    const existingDeclared = Array.isArray(settings.existingHosts) ? settings.existingHosts.length : 0;
    // A kind of host whose settings were reported as wrong plans fewer hosts (or none): counting them would add a
    // misleading error to the real one.
    const everyHostPlanned =
        (settings.azure === undefined || azureHosts.length > 0) &&
        (settings.aws === undefined || (awsHosts?.hosts.length ?? 0) > 0) &&
        (settings.gcp === undefined || gcpHosts !== undefined) &&
        existingHosts.length === existingDeclared;
    if (!createsHosts && existingDeclared === 0) {
        issues.error(
            "hosts",
            undefined,
            "a connector group needs hosts: declare them under azure, aws or gcp, or list the servers that already run " +
                "its connectors under existingHosts",
        );
    } else if (everyHostPlanned) {
        validateGroupHosts(hosts, allowSingleConnector, issues);
    }
    // Hosts the group creates can be joined by their platform (AWS: aws.directoryService; GCP: Managed Microsoft AD)
    // without the group's domainJoin; existing hosts are checked by planExistingHosts.
    const everyCreatedHostJoined = createdHosts.length > 0 && createdHosts.every((host) => host.domainJoined === true);
    if (servesSso && createsHosts && !domainJoined && !everyCreatedHostJoined) {
        issues.error(
            "servesSso",
            true,
            "a group that serves SSO apps (Kerberos constrained delegation) needs its connectors joined to the " +
                "domain; set domainJoin (AWS hosts can join through aws.directoryService, GCP hosts through " +
                "gcp.managedAd), or set servesSso to false",
        );
    }

    issues.throwIfErrors();
    return {
        displayName,
        region: region ?? "",
        servesSso,
        allowSingleConnector,
        adoptExisting,
        membershipTimeoutSeconds,
        tenantId: tenantId ?? "",
        azureHosts,
        azureScaleOutAlert,
        awsHosts,
        existingHosts,
        ...(gcpHosts === undefined ? {} : { gcpHosts }),
        summary: { displayName, region: region ?? "", servesSso, allowSingleConnector, hosts },
        warnings: issues.warnings,
    };
}

function validateDisplayName(name: unknown, given: unknown, issues: IssueCollector): string {
    const field = given === undefined ? "name" : "displayName";
    if (typeof name !== "string" || name.trim() === "") {
        issues.error(field, name, "the group's display name must be a non-empty string");
        return "";
    }
    if (looksLikeDefaultGroupName(name)) {
        issues.error(
            field,
            name,
            "reads as the tenant's default connector group; newly installed connectors land in Default, so a custom " +
                "group must have a name of its own (e.g. the region and purpose: \"eur-apps\")",
        );
    }
    return name;
}

function validateRegion(region: unknown, issues: IssueCollector): string | undefined {
    const given = requireString(issues, "region", region, "the connector-group region");
    if (given === undefined) {
        return undefined;
    }
    const info = connectorGroupRegion(given);
    if (info === undefined) {
        issues.error(
            "region",
            given,
            `is not a connector-group region; use one of ${CONNECTOR_GROUP_REGION_IDS.join(", ")}`,
        );
        return undefined;
    }
    if (!info.documentedInGraph) {
        issues.warn(
            "region",
            given,
            `${info.displayName} is offered by the Entra admin center but is not in Graph's documented region values; ` +
                "creating the group through Graph may be refused",
        );
    }
    return info.id;
}

function validateRegistration(
    registration: ConnectorGroupSettings["registration"],
    createsHosts: boolean,
    issues: IssueCollector,
): string | undefined {
    if (typeof registration !== "object" || registration === null) {
        issues.error(
            "registration",
            registration,
            "is required: { tenantId, token } so that each host can register its connector",
        );
        return undefined;
    }
    if (!isGuid(registration.tenantId)) {
        issues.error("registration.tenantId", registration.tenantId, "must be the tenant's id, a GUID");
    }
    if (createsHosts) {
        requireSecret(
            issues,
            "registration.token",
            registration.token,
            "give the connector registration token as a secret (see docs/components.md for how to get one)",
        );
    }
    optionalHttpsUrl(issues, "registration.installerUrl", registration.installerUrl);
    return isGuid(registration.tenantId) ? registration.tenantId : undefined;
}

/**
 * The rules over all of a group's hosts, whatever cloud they are on: at least two connectors (one only when the user
 * explicitly allows it, and then with a warning), and machine names unique, because memberships find each connector
 * in Graph by its machine name.
 */
export function validateGroupHosts(hosts: readonly HostSummary[], allowSingleConnector: boolean, issues: IssueCollector): void {
    if (hosts.length < MINIMUM_CONNECTORS_PER_GROUP) {
        const rule =
            `a connector group needs at least ${MINIMUM_CONNECTORS_PER_GROUP} connectors for high availability; ` +
            `this one would have ${hosts.length}`;
        if (allowSingleConnector) {
            issues.warn("hosts", hosts.length, `${rule} (allowed by allowSingleConnector; the policy pack still flags it)`);
        } else {
            issues.error("hosts", hosts.length, `${rule}; add a host, or set allowSingleConnector to accept the risk`);
        }
    }
    validateUniqueMachineNames(hosts, issues);
}

/**
 * Records an error for every machine name used twice (case-insensitively): connectors are matched to hosts by machine
 * name, in Graph and in the Intune admin center alike.
 */
export function validateUniqueMachineNames(hosts: readonly HostSummary[], issues: IssueCollector): void {
    const seen = new Map<string, string>();
    for (const host of hosts) {
        // The computer name (first label): a membership finds `conn-1` and `conn-1.corp.example` as one connector.
        const key = host.machineName.toLowerCase().split(".")[0] ?? "";
        const first = seen.get(key);
        if (first !== undefined) {
            issues.error(
                "hosts",
                host.machineName,
                `two hosts have the machine name "${first}"; connectors are matched to hosts by machine name, so ` +
                    "each must be unique",
            );
        }
        seen.set(key, host.machineName);
    }
}
