/**
 * Creates a connector group's Azure hosts. ConnectorGroup loads this module only when the group has Azure hosts, so
 * that `@pulumi/azure-native` is never loaded for groups on other clouds.
 */
import { type PlannedAzureHost } from "../../src/model";
import { type AzureConnectorHostsArgs } from "../connectorGroup/args";
import { type HostGroupContext, type ProvisionedHost } from "../host/provisioner";
import { AzureConnectorHost } from "./AzureConnectorHost";

/** Creates one AzureConnectorHost per planned host, as children of the group. */
export function provisionAzureHosts(
    group: HostGroupContext,
    planned: readonly PlannedAzureHost[],
    args: AzureConnectorHostsArgs,
): ProvisionedHost[] {
    const bootstrap = group.bootstrapFor("azure");
    return planned.map((host) => {
        const resourceName = `${group.resourceName}-azure-${host.index + 1}`;
        const vm = new AzureConnectorHost(
            resourceName,
            {
                computerName: host.computerName,
                location: host.settings.location,
                resourceGroupName: args.resourceGroupName,
                subnetId: args.subnetId,
                zone: host.zone,
                vmSize: host.settings.vmSize,
                sizeOverride: args.sizeOverride,
                image: host.settings.image,
                imageOverride: args.imageOverride,
                adminUsername: host.settings.adminUsername,
                adminPassword: args.adminPassword,
                encryptionAtHost: host.settings.encryptionAtHost,
                connectorKind: group.connectorKind,
                connectorGroupName: group.displayName,
                domainJoin: group.domainJoin,
                bootstrap,
                tags: args.tags,
                managedIdentity: group.managedIdentity,
            },
            { parent: group.parent },
        );
        return {
            resourceName,
            machineName: host.computerName,
            summary: host.summary,
            hostId: vm.vmId,
            privateIp: vm.privateIpAddress,
            ready: vm,
        };
    });
}
