/**
 * The dev stack: an example estate with connector groups in two regions, each with two Azure hosts, and app
 * assignments, including Quick Access. Everything comes from stack config (Pulumi.dev.yaml); secrets are `secure:`
 * values set with `pulumi config set --secret` (see docs/components.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { AppAssignment, type AzureConnectorHostsArgs, ConnectorGroup } from "connector-topology";

/** One connector group, as `groups` in config lists it. */
interface GroupConfig {
    name: string;
    region: string;
    displayName?: string;
    /** The group serves SSO apps: its hosts join the domain in `domainJoin`. */
    servesSso?: boolean;
    azure: Omit<AzureConnectorHostsArgs, "adminPassword">;
}

/** One app assignment, as `appAssignments` in config lists it. `group` is a group's `name`. */
interface AssignmentConfig {
    name: string;
    group: string;
    quickAccess?: boolean;
    applicationObjectId?: string;
    applicationId?: string;
    applicationDisplayName?: string;
}

interface DomainJoinConfig {
    domainName: string;
    username: string;
    ouPath?: string;
}

const config = new pulumi.Config();
const groups = config.requireObject<GroupConfig[]>("groups");
const assignments = config.getObject<AssignmentConfig[]>("appAssignments") ?? [];

// Check references between config entries before anything is registered.
const groupNames = groups.map((group) => group.name);
for (const assignment of assignments) {
    if (!groupNames.includes(assignment.group)) {
        throw new Error(
            `config appAssignments: "${assignment.name}" names group "${assignment.group}", which is not in groups ` +
                `(${groupNames.join(", ")})`,
        );
    }
}

const registration = { tenantId: config.require("tenantId"), token: config.requireSecret("registrationToken") };
const adminPassword = config.requireSecret("adminPassword");
const domainJoinConfig = config.getObject<DomainJoinConfig>("domainJoin");
const domainJoin =
    domainJoinConfig === undefined ? undefined : { ...domainJoinConfig, password: config.requireSecret("domainJoinPassword") };

const connectorGroups = new Map<string, ConnectorGroup>();
for (const group of groups) {
    connectorGroups.set(
        group.name,
        new ConnectorGroup(group.name, {
            displayName: group.displayName,
            region: group.region,
            servesSso: group.servesSso,
            registration,
            domainJoin: group.servesSso ? domainJoin : undefined,
            azure: { ...group.azure, adminPassword },
        }),
    );
}

for (const assignment of assignments) {
    const { name, group, ...app } = assignment;
    new AppAssignment(name, { connectorGroup: connectorGroups.get(group), ...app });
}

/** Per group: the Entra group id, the hosts' private IPs and the connectors' ids. */
export const connectorGroupIds = Object.fromEntries([...connectorGroups].map(([name, group]) => [name, group.groupId]));
export const hostPrivateIps = Object.fromEntries([...connectorGroups].map(([name, group]) => [name, group.privateIps]));
export const connectorIds = Object.fromEntries([...connectorGroups].map(([name, group]) => [name, group.connectorIds]));
