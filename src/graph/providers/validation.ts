/**
 * Input rules of the Graph-backed resources. Pure: the resource constructors apply them to the values they already
 * know (so bad input fails before anything is registered), and the providers' `check` applies them again at deploy
 * time, when values computed by other resources are known.
 *
 * During a preview, inputs computed by other resources arrive as Pulumi's "unknown" placeholder: rules skip them.
 */
import { looksLikeDefaultGroupName } from "../../model/contract";
import { IssueCollector, type ValidationIssue, formatValue } from "../../model/errors";
import { CONNECTOR_GROUP_REGION_IDS, connectorGroupRegion } from "../../model/regions";
import { DEFAULT_GRAPH_ENDPOINT, graphEndpointProblem } from "../endpoint";

/** The placeholder Pulumi passes for a value not known yet (`@pulumi/pulumi/runtime/rpc`'s `unknownValue`). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value is Pulumi's "not known yet" placeholder. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN_VALUE;
}

/** Defaults of the resources' optional inputs. */
export const ENTRA_DEFAULTS = {
    graphEndpoint: DEFAULT_GRAPH_ENDPOINT,
    adoptExisting: false,
    /** 30 minutes: VM creation, domain join with its restart, install and registration. */
    waitTimeoutSeconds: 1800,
} as const;

/** The range of `waitTimeoutSeconds`. */
export const WAIT_TIMEOUT_RANGE = { min: 10, max: 7200 } as const;

/** The outcome of validating one resource's inputs. */
export interface CheckedInputs {
    /** The inputs with defaults applied and values normalised (unknown values passed through). */
    inputs: Record<string, unknown>;
    errors: readonly ValidationIssue[];
    warnings: readonly ValidationIssue[];
}

/** Inputs of `EntraConnectorGroup`. */
export function checkConnectorGroupInputs(raw: Record<string, unknown>): CheckedInputs {
    const issues = new IssueCollector("EntraConnectorGroup");
    const inputs = { ...raw };
    const displayName = raw.displayName;
    if (!isUnknown(displayName)) {
        if (requireName(issues, "displayName", displayName)) {
            issues.require(
                !looksLikeDefaultGroupName(displayName as string),
                "displayName",
                displayName,
                "reads as the tenant's default group, which is never created, renamed or deleted here; choose another name",
            );
        }
    }
    const region = raw.region;
    if (region !== undefined && region !== null && !isUnknown(region)) {
        const info = typeof region === "string" ? connectorGroupRegion(region.trim()) : undefined;
        if (info === undefined) {
            issues.error("region", region, `must be one of ${CONNECTOR_GROUP_REGION_IDS.join(", ")} (Graph region values)`);
        } else {
            inputs.region = info.id;
            if (!info.documentedInGraph) {
                issues.warn(
                    "region",
                    region,
                    `"${info.id}" is not in Graph's documented region enum (tenants report it, the admin center offers ` +
                        "it): Graph may refuse to create or move a group there",
                );
            }
        }
    }
    if (region === null) {
        delete inputs.region;
    }
    inputs.adoptExisting = checkBoolean(issues, "adoptExisting", raw.adoptExisting, ENTRA_DEFAULTS.adoptExisting);
    inputs.graphEndpoint = checkEndpoint(issues, raw.graphEndpoint);
    return { inputs, errors: issues.errors, warnings: issues.warnings };
}

/** Inputs of `ConnectorGroupMembership`. */
export function checkMembershipInputs(raw: Record<string, unknown>): CheckedInputs {
    const issues = new IssueCollector("ConnectorGroupMembership");
    const inputs = { ...raw };
    requireId(issues, "connectorGroupId", raw.connectorGroupId);
    requireName(issues, "connectorGroupName", raw.connectorGroupName);
    const machineName = raw.machineName;
    if (!isUnknown(machineName)) {
        const problem = machineNameProblem(machineName);
        if (problem !== undefined) {
            issues.error("machineName", machineName, problem);
        } else {
            inputs.machineName = (machineName as string).trim();
        }
    }
    const hostUniqueId = raw.hostUniqueId;
    if (hostUniqueId === null) {
        delete inputs.hostUniqueId;
    } else if (hostUniqueId !== undefined && !isUnknown(hostUniqueId)) {
        if (typeof hostUniqueId !== "string" || hostUniqueId.trim() === "") {
            issues.error(
                "hostUniqueId",
                hostUniqueId,
                "must be a non-empty string: the id the cloud gives the host VM alone (Azure vmId, EC2 instance id, GCE numeric instance id), or leave it out",
            );
        } else {
            inputs.hostUniqueId = hostUniqueId.trim();
        }
    }
    const timeout = raw.waitTimeoutSeconds;
    if (timeout === undefined || timeout === null) {
        inputs.waitTimeoutSeconds = ENTRA_DEFAULTS.waitTimeoutSeconds;
    } else if (!isUnknown(timeout)) {
        issues.require(
            typeof timeout === "number" &&
                Number.isFinite(timeout) &&
                timeout >= WAIT_TIMEOUT_RANGE.min &&
                timeout <= WAIT_TIMEOUT_RANGE.max,
            "waitTimeoutSeconds",
            timeout,
            `must be a number of seconds from ${WAIT_TIMEOUT_RANGE.min} to ${WAIT_TIMEOUT_RANGE.max}`,
        );
    }
    inputs.graphEndpoint = checkEndpoint(issues, raw.graphEndpoint);
    return { inputs, errors: issues.errors, warnings: issues.warnings };
}

/** Inputs of `ApplicationConnectorGroupAssignment`. */
export function checkAssignmentInputs(raw: Record<string, unknown>): CheckedInputs {
    const issues = new IssueCollector("ApplicationConnectorGroupAssignment");
    const inputs = { ...raw };
    const objectId = raw.applicationObjectId;
    if (!isUnknown(objectId)) {
        issues.require(
            isGuid(objectId),
            "applicationObjectId",
            objectId,
            "must be the application's object id (a GUID), as Graph's /applications/{id} takes it",
        );
    }
    requireId(issues, "connectorGroupId", raw.connectorGroupId);
    const groupName = raw.connectorGroupName;
    if (!isUnknown(groupName) && requireName(issues, "connectorGroupName", groupName)) {
        issues.require(
            !looksLikeDefaultGroupName(groupName as string),
            "connectorGroupName",
            groupName,
            "is the tenant's default group: never assign apps to it (a freshly installed connector lands there and " +
                "would serve them); assign the app to a custom group",
        );
    }
    const appName = raw.applicationDisplayName;
    if (appName !== undefined && appName !== null && !isUnknown(appName)) {
        issues.require(typeof appName === "string", "applicationDisplayName", appName, "must be a string");
    }
    inputs.graphEndpoint = checkEndpoint(issues, raw.graphEndpoint);
    return { inputs, errors: issues.errors, warnings: issues.warnings };
}

/** Inputs of `QuickAccessApplicationLookup`. */
export function checkQuickAccessLookupInputs(raw: Record<string, unknown>): CheckedInputs {
    const issues = new IssueCollector("QuickAccessApplicationLookup");
    const inputs = { ...raw, graphEndpoint: checkEndpoint(issues, raw.graphEndpoint) };
    return { inputs, errors: issues.errors, warnings: issues.warnings };
}

/** Inputs of `EnterpriseApplicationLookup`: exactly one of `displayName` and `appId`. */
export function checkEnterpriseLookupInputs(raw: Record<string, unknown>): CheckedInputs {
    const issues = new IssueCollector("EnterpriseApplicationLookup");
    const inputs = { ...raw };
    const given = (value: unknown): boolean => value !== undefined && value !== null;
    const { displayName, appId } = raw;
    if (given(displayName) === given(appId)) {
        issues.error(
            given(displayName) ? "displayName, appId" : "displayName",
            given(displayName) ? { displayName, appId } : undefined,
            "set exactly one of displayName and appId",
        );
    }
    if (given(displayName) && !isUnknown(displayName)) {
        requireName(issues, "displayName", displayName);
    }
    if (given(appId) && !isUnknown(appId)) {
        issues.require(isGuid(appId), "appId", appId, "must be the application (client) id, a GUID");
    }
    inputs.graphEndpoint = checkEndpoint(issues, raw.graphEndpoint);
    return { inputs, errors: issues.errors, warnings: issues.warnings };
}

/**
 * What is wrong with a host name given as `machineName`, or undefined. A DNS name (letters, digits, hyphens, dots)
 * whose first label, the Windows computer name, has at most 15 characters: Windows refuses longer computer names
 * (NetBIOS), so a longer one can never match what a connector registers.
 */
export function machineNameProblem(value: unknown): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        return "is required: the host's computer name, short (CONN-1) or fully qualified (conn-1.corp.example)";
    }
    const name = value.trim().replace(/\.$/, "");
    const labels = name.split(".");
    if (!labels.every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label))) {
        return "must be a host name: letters, digits and hyphens, in dot-separated labels that neither start nor end with a hyphen";
    }
    if (labels[0].length > 15) {
        return `its computer name "${labels[0]}" has ${labels[0].length} characters; Windows computer names have at most 15`;
    }
    if (/^\d+$/.test(labels[0])) {
        return "the computer name must not be all digits";
    }
    return undefined;
}

/** Validation errors as Pulumi check failures: the property, then the value and the rule. */
export function checkFailures(result: CheckedInputs): { property: string; reason: string }[] {
    return result.errors.map((issue) => ({ property: issue.field, reason: `${formatValue(issue.value)}: ${issue.rule}` }));
}

function requireName(issues: IssueCollector, field: string, value: unknown): boolean {
    if (typeof value !== "string" || value.trim() === "") {
        issues.error(field, value, "is required and must be a non-empty string");
        return false;
    }
    return issues.require(value === value.trim(), field, value, "must not start or end with whitespace");
}

function requireId(issues: IssueCollector, field: string, value: unknown): void {
    if (!isUnknown(value)) {
        issues.require(
            typeof value === "string" && value.trim() !== "" && value === value.trim(),
            field,
            value,
            "is required: the Graph id of the connector group",
        );
    }
}

function checkBoolean(issues: IssueCollector, field: string, value: unknown, fallback: boolean): unknown {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (!isUnknown(value)) {
        issues.require(typeof value === "boolean", field, value, "must be true or false");
    }
    return value;
}

function checkEndpoint(issues: IssueCollector, value: unknown): unknown {
    if (value === undefined || value === null || value === "") {
        return ENTRA_DEFAULTS.graphEndpoint;
    }
    if (isUnknown(value)) {
        return value;
    }
    const problem = typeof value === "string" ? graphEndpointProblem(value.trim()) : "must be a URL string";
    if (problem !== undefined) {
        issues.error("graphEndpoint", value, problem);
        return value;
    }
    return new URL((value as string).trim()).origin;
}

function isGuid(value: unknown): boolean {
    return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
