/**
 * Creates a connector group's (or a Certificate Connector fleet's) GCP hosts and what they share. Components load this
 * module only when they have GCP hosts, so that `@pulumi/gcp` is never loaded for those on other clouds.
 *
 * Per group, once: a service account the hosts run as; a Secret Manager secret (and its version) for each secret the
 * bootstrap reads; `roles/secretmanager.secretAccessor` for that account on exactly those secrets; with the Ops Agent,
 * `roles/logging.logWriter` and `roles/monitoring.metricWriter` on the project (the only project-wide roles); with
 * Managed Microsoft AD, `roles/managedidentities.domainJoin` on the domain's project; and the optional scale-out alert.
 */
import * as monitoring from "@pulumi/gcp/monitoring";
import * as projects from "@pulumi/gcp/projects";
import * as secretmanager from "@pulumi/gcp/secretmanager";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as pulumi from "@pulumi/pulumi";
import { type BootstrapDomainJoin, DOMAIN_JOIN_PASSWORD_SECRET } from "../../src/bootstrap";
import {
    GCP_HOST_ROLES,
    gcpLabelValue,
    gcpScaleOutAlertPolicy,
    gcpSecretId,
    type GcpHostSetPlan,
    TAG_KEYS,
} from "../../src/model";
import { bootstrapSecretValues, type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { GcpConnectorHost } from "./GcpConnectorHost";
import { type GcpConnectorHostsArgs } from "./hostSetArgs";

/** Creates the group's GCP resources and one GcpConnectorHost per planned host, as children of the group. */
export function provisionGcpHosts(group: HostGroupContext, plan: GcpHostSetPlan, args: GcpConnectorHostsArgs): ProvisionedHost[] {
    const parent = { parent: group.parent };
    const base = `${group.resourceName}-gcp`;
    const { project } = plan.settings;
    const labels = {
        ...args.labels,
        [TAG_KEYS.connectorGroup]: gcpLabelValue(group.displayName),
        [TAG_KEYS.connectorKind]: group.connectorKind,
    };

    const account = new serviceaccount.Account(
        `${base}-service-account`,
        {
            project,
            accountId: plan.serviceAccountId,
            displayName: `Connector hosts of ${group.displayName}`.slice(0, 100),
            description: "Runs the group's connector hosts; reads the group's bootstrap secrets and nothing else.",
        },
        parent,
    );
    const member = pulumi.interpolate`serviceAccount:${account.email}`;

    const bootstrap = group.bootstrapFor("gcp", { domainJoin: bootstrapDomainJoin(group, plan) });
    const secretValues = bootstrapSecretValues(bootstrap.secrets);
    if (plan.domainJoin?.joinedBy === "bootstrap" && group.domainJoin !== undefined) {
        secretValues[DOMAIN_JOIN_PASSWORD_SECRET] = group.domainJoin.password;
    }
    // What every instance waits for: its first boot reads the secrets, and may join Managed Microsoft AD.
    const prerequisites: pulumi.Resource[] = [];
    const secretIds: Record<string, pulumi.Output<string>> = {};
    for (const [name, value] of Object.entries(secretValues)) {
        const secretId = gcpSecretId(plan.namePrefix, name);
        const resourceName = `${base}-${secretId.slice(plan.namePrefix.length + 1)}`;
        const secret = new secretmanager.Secret(resourceName, { project, secretId, replication: { auto: {} }, labels }, parent);
        const version = new secretmanager.SecretVersion(
            `${resourceName}-version`,
            { secret: secret.id, secretData: pulumi.secret(value) },
            parent,
        );
        const access = new secretmanager.SecretIamMember(
            `${resourceName}-access`,
            { project, secretId: secret.id, role: GCP_HOST_ROLES.secretAccessor, member },
            parent,
        );
        prerequisites.push(version, access);
        secretIds[name] = secret.id;
    }
    if (plan.opsAgent) {
        for (const [suffix, role] of [
            ["log-writer", GCP_HOST_ROLES.logWriter],
            ["metric-writer", GCP_HOST_ROLES.metricWriter],
        ] as const) {
            new projects.IAMMember(`${base}-${suffix}`, { project, role, member }, parent);
        }
    }
    if (plan.domainJoin?.joinedBy === "managed-ad") {
        const domainProject = plan.domainJoin.managedAd.project;
        prerequisites.push(
            new projects.IAMMember(`${base}-domain-join`, { project: domainProject, role: GCP_HOST_ROLES.managedAdDomainJoin, member }, parent),
        );
    }
    if (plan.scaleOutAlert !== undefined) {
        const policy = gcpScaleOutAlertPolicy(group.displayName, group.connectorKind, plan.scaleOutAlert, plan.opsAgent);
        new monitoring.AlertPolicy(
            `${base}-scale-out`,
            {
                project,
                ...policy,
                conditions: policy.conditions.map((condition) => ({
                    ...condition,
                    conditionThreshold: { ...condition.conditionThreshold, aggregations: [...condition.conditionThreshold.aggregations] },
                })),
                notificationChannels: [...policy.notificationChannels],
                userLabels: labels,
            },
            parent,
        );
    }

    return plan.hosts.map((host) => {
        const resourceName = `${base}-${host.index + 1}`;
        const instance = new GcpConnectorHost(
            resourceName,
            {
                instanceName: host.instanceName,
                project,
                zone: host.zone,
                subnetwork: args.subnetwork,
                serviceAccountEmail: account.email,
                machineType: plan.settings.machineType,
                sizeOverride: args.sizeOverride,
                ...(plan.settings.appliance ? { appliance: { image: plan.settings.image } } : { image: plan.settings.image }),
                imageOverride: args.imageOverride,
                bootDiskSizeGb: plan.settings.bootDiskSizeGb,
                bootDiskType: plan.settings.bootDiskType,
                bootDiskKmsKey: args.bootDiskKmsKey,
                connectorKind: group.connectorKind,
                connectorGroupName: group.displayName,
                managedAd: plan.domainJoin?.joinedBy === "managed-ad" ? args.managedAd : undefined,
                domainJoined: plan.domainJoin !== undefined,
                opsAgent: plan.opsAgent,
                bootstrap: { script: bootstrap.script, secretIds },
                networkTags: args.networkTags,
                labels: args.labels,
            },
            { parent: group.parent, dependsOn: prerequisites },
        );
        return {
            resourceName,
            machineName: host.instanceName,
            summary: host.summary,
            hostId: instance.instanceId,
            uniqueId: instance.instance.instanceId,
            privateIp: instance.privateIpAddress,
            ready: instance,
        };
    });
}

/** The domain step the GCP bootstrap renders: wait for Managed Microsoft AD, or join with the group's account. */
function bootstrapDomainJoin(group: HostGroupContext, plan: GcpHostSetPlan): BootstrapDomainJoin | undefined {
    const domainJoin = plan.domainJoin;
    if (domainJoin === undefined) {
        return undefined;
    }
    if (domainJoin.joinedBy === "managed-ad") {
        return { domainName: domainJoin.managedAd.domainName, joinedBy: "platform" };
    }
    return {
        domainName: domainJoin.domainName,
        joinedBy: "bootstrap",
        username: group.domainJoin?.username,
        ouPath: group.domainJoin?.ouPath,
    };
}
