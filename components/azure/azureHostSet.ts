/**
 * Creates a connector group's Azure hosts. ConnectorGroup loads this module only when the group has Azure hosts, so
 * that `@pulumi/azure-native` is never loaded for groups on other clouds.
 */
import { type PlannedAzureHost, type ScaleOutAlertPlan } from "../../src/model";
import { type AzureConnectorHostsArgs } from "../connectorGroup/args";
import { type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { AzureConnectorHost } from "./AzureConnectorHost";
import type * as ScaleOutAlerts from "./scaleOutAlerts";

/**
 * Creates one AzureConnectorHost per planned host, as children of the group, and the group's scale-out alerts over
 * them when `scaleOutAlert` is planned.
 */
export function provisionAzureHosts(
    group: HostGroupContext,
    planned: readonly PlannedAzureHost[],
    args: AzureConnectorHostsArgs,
    scaleOutAlert?: ScaleOutAlertPlan,
): ProvisionedHost[] {
    const bootstrap = group.bootstrapFor("azure");
    const vms = planned.map(
        (host) =>
            new AzureConnectorHost(
                hostResourceName(group, host),
                {
                    computerName: host.computerName,
                    location: host.settings.location,
                    resourceGroupName: args.resourceGroupName,
                    subnetId: args.subnetId,
                    zone: host.zone,
                    vmSize: host.settings.vmSize,
                    sizeOverride: args.sizeOverride,
                    image: args.image,
                    imageOverride: args.imageOverride,
                    appliance: args.appliance,
                    adminUsername: host.settings.adminUsername,
                    adminPassword: args.adminPassword,
                    encryptionAtHost: host.settings.encryptionAtHost,
                    connectorKind: group.connectorKind,
                    connectorGroupName: group.displayName,
                    domainJoin: group.domainJoin,
                    // The appliance comes with the connector installed: the bootstrap finds WAPCSvc, skips the install
                    // and registers the connector with the group's token, as on any other host.
                    bootstrap,
                    tags: args.tags,
                    managedIdentity: group.managedIdentity,
                },
                { parent: group.parent },
            ),
    );
    const alertTarget = args.scaleOutAlert;
    if (scaleOutAlert !== undefined && alertTarget !== undefined && planned.length > 0) {
        loadScaleOutAlerts().createAzureScaleOutAlerts(group, scaleOutAlert, {
            vmIds: vms.map((vm) => vm.vmId),
            location: planned[0]!.settings.location,
            resourceGroupName: args.resourceGroupName,
            actionGroupId: alertTarget.actionGroupId,
            tags: args.tags,
        });
    }
    return planned.map((host, i) => ({
        resourceName: hostResourceName(group, host),
        machineName: host.computerName,
        summary: host.summary,
        hostId: vms[i]!.vmId,
        uniqueId: vms[i]!.virtualMachine.vmId,
        privateIp: vms[i]!.privateIpAddress,
        ready: vms[i]!,
    }));
}

function hostResourceName(group: HostGroupContext, host: PlannedAzureHost): string {
    return `${group.resourceName}-azure-${host.index + 1}`;
}

/** Loaded on first use, so that groups without alerts never load `@pulumi/azure-native/monitor`. */
function loadScaleOutAlerts(): typeof ScaleOutAlerts {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./scaleOutAlerts") as typeof ScaleOutAlerts;
}
