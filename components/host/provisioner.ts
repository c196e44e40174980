import * as pulumi from "@pulumi/pulumi";
import { type BootstrapCloud, type BootstrapHostOptions } from "../../src/bootstrap";
import { type HostSummary } from "../../src/model";
import { type DomainJoinArgs, type HostBootstrapArgs } from "./args";

/**
 * What a connector group hands to each cloud's host module. A module creates its cloud's hosts as children of the
 * group and returns them in this one shape, so that the group treats hosts on every cloud alike.
 */
export interface HostGroupContext {
    /** The group component's resource name: host resource names start with it. */
    readonly resourceName: string;
    /** The group's display name: the value of every host's `connector-group` tag. */
    readonly displayName: string;
    /** The value of every host's `connector-kind` tag. */
    readonly connectorKind: string;
    readonly domainJoin?: DomainJoinArgs;
    /**
     * Give each host the cloud's own machine identity (Azure: a system-assigned managed identity), for agents that
     * authenticate as the host, such as a monitoring agent. Default: none.
     */
    readonly managedIdentity?: boolean;
    /**
     * The bootstrap each host runs, rendered for its cloud. `options` carry what the cloud's host module decides: the
     * domain the script must join (or wait for the platform to join) before the connector registers, on clouds with
     * no ordered domain-join step (GCP), and where the cloud's secret-fetch step reads the secrets, on clouds whose
     * step needs to be told (AWS: the region and the SSM path of the secrets). The secrets returned are the ones the
     * script reads, by name: clouds with a secret store create one secret per name.
     */
    readonly bootstrapFor: (cloud: BootstrapCloud, options?: BootstrapHostOptions) => HostBootstrapArgs;
    /** The group component: parent of every host. */
    readonly parent: pulumi.Resource;
}

/** One host a cloud module created, as its group sees it. */
export interface ProvisionedHost {
    /** The host's resource name; the group names the host's membership after it. */
    readonly resourceName: string;
    /** The machine name the connector registers with: its membership looks the connector up by it. */
    readonly machineName: string;
    readonly summary: HostSummary;
    /** The cloud's id of the VM. */
    readonly hostId: pulumi.Output<string>;
    /**
     * The id the cloud gives this VM alone and never reuses: a replacement gets a new one even under the same name
     * (Azure: the VM's `vmId`; AWS: the instance id; GCP: the numeric instance id). The membership watches it to
     * notice that the host was replaced and that its new connector must join the group.
     */
    readonly uniqueId: pulumi.Output<string>;
    readonly privateIp: pulumi.Output<string>;
    /** What the membership waits for: the host with its whole provisioning chain (domain join, bootstrap). */
    readonly ready: pulumi.Resource;
}

/**
 * A bootstrap's secrets by name, for clouds that store each in a secret store of their own (AWS SSM, GCP Secret
 * Manager): one resource per name, so the names must be known while the program runs (the values may be outputs).
 * ConnectorGroup and CertificateConnectorFleet always pass them so.
 */
export function bootstrapSecretValues(secrets: HostBootstrapArgs["secrets"]): Record<string, pulumi.Input<string>> {
    if (typeof secrets !== "object" || secrets === null || pulumi.Output.isInstance(secrets) || secrets instanceof Promise) {
        throw new Error("the bootstrap's secret names must be known while the program runs: pass an object of secrets, not an output");
    }
    return { ...secrets };
}
