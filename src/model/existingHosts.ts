/**
 * Existing hosts: connectors that run on servers this stack does not build (on premises, or managed by other tooling),
 * listed by machine name. A group manages only their membership; they count towards the group's connectors like any
 * other host, and a group that serves SSO apps needs them declared domain-joined.
 */
import { machineNameProblem } from "../graph/providers/validation";
import { type HostSummary } from "./contract";
import { type IssueCollector } from "./errors";
import { MAXIMUM_HOSTS_PER_CLOUD } from "./azureHosts";
import { optionalBoolean } from "./validation";

/** Defaults of an existing host. */
export const EXISTING_HOST_DEFAULTS = {
    domainJoined: false,
    /** An existing server's connector is taken to be registered already, so possibly serving another group. */
    inDefaultGroup: false,
} as const;

/** The longest `location` accepted: a note, not a document. */
export const EXISTING_HOST_LOCATION_MAX_LENGTH = 200;

/** The plain settings of one existing host that validation reads (an entry of a ConnectorGroup's `existingHosts`). */
export interface ExistingHostSettings {
    readonly machineName?: string;
    readonly domainJoined?: boolean;
    readonly location?: string;
    readonly inDefaultGroup?: boolean;
}

/** One existing host, checked. */
export interface PlannedExistingHost {
    /** The machine name the connector registers with, as given (short or fully qualified), trimmed. */
    readonly machineName: string;
    /**
     * What the host's resources are named by: the machine name in lower case. Reordering `existingHosts` then renames
     * nothing, so no membership is replaced for nothing.
     */
    readonly resourceKey: string;
    readonly summary: HostSummary;
}

/** What the existing-host plan needs to know about the group. */
export interface ExistingHostGroupContext {
    readonly servesSso: boolean;
}

/**
 * Checks a group's `existingHosts`. Errors go to `issues`; the result is meaningful only when there are none.
 * Machine names unique across every kind of host are checked by the group (validateGroupHosts).
 */
export function planExistingHosts(
    settings: unknown,
    group: ExistingHostGroupContext,
    issues: IssueCollector,
    prefix = "existingHosts",
): PlannedExistingHost[] {
    if (!Array.isArray(settings)) {
        issues.error(prefix, settings, "must be a list of { machineName, domainJoined?, location?, inDefaultGroup? }");
        return [];
    }
    if (settings.length > MAXIMUM_HOSTS_PER_CLOUD) {
        issues.error(prefix, settings.length, `lists ${settings.length} servers; a group takes at most ${MAXIMUM_HOSTS_PER_CLOUD} existing hosts`);
        return [];
    }
    const planned: PlannedExistingHost[] = [];
    settings.forEach((entry: unknown, index) => {
        const field = `${prefix}[${index}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            issues.error(field, entry, "must be { machineName, domainJoined?, location?, inDefaultGroup? }");
            return;
        }
        const host = entry as ExistingHostSettings;
        const problem = machineNameProblem(host.machineName);
        if (problem !== undefined) {
            issues.error(`${field}.machineName`, host.machineName, problem);
        }
        const domainJoined = optionalBoolean(issues, `${field}.domainJoined`, host.domainJoined, EXISTING_HOST_DEFAULTS.domainJoined);
        if (group.servesSso && !domainJoined) {
            issues.error(
                `${field}.domainJoined`,
                host.domainJoined,
                "the group serves SSO apps (Kerberos constrained delegation), so this server must be joined to the " +
                    "domain; join it and declare domainJoined: true, or leave it out of this group",
            );
        }
        const inDefaultGroup = optionalBoolean(
            issues,
            `${field}.inDefaultGroup`,
            host.inDefaultGroup,
            EXISTING_HOST_DEFAULTS.inDefaultGroup,
        );
        const location = host.location;
        if (location !== undefined && (typeof location !== "string" || location.length > EXISTING_HOST_LOCATION_MAX_LENGTH)) {
            issues.error(`${field}.location`, location, `must be a short note of at most ${EXISTING_HOST_LOCATION_MAX_LENGTH} characters`);
        }
        if (problem === undefined) {
            const machineName = (host.machineName as string).trim();
            planned.push({
                machineName,
                resourceKey: machineName.toLowerCase(),
                summary: existingHostSummary(machineName, domainJoined, location, inDefaultGroup),
            });
        }
    });
    return planned;
}

/** The non-secret summary of an existing host, as its group registers it. */
export function existingHostSummary(
    machineName: string,
    domainJoined: boolean,
    location: string | undefined,
    inDefaultGroup: boolean,
): HostSummary {
    return {
        machineName,
        platform: "existing",
        domainJoined,
        ...(typeof location === "string" && location.trim() !== "" ? { location: location.trim() } : {}),
        ...(inDefaultGroup ? { inDefaultGroup: true } : {}),
    };
}
