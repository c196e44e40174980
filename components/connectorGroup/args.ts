import type * as pulumi from "@pulumi/pulumi";
import { type AzureImageReference, type DeclaredWindowsImage, type VmCapacity } from "../../src/model";
import { type AwsConnectorHostsArgs } from "../aws/args";
import { type GcpConnectorHostsArgs } from "../gcp/hostSetArgs";
import { type DomainJoinArgs, type ScaleOutAlertArgs } from "../host/args";

export type { GcpApplianceArgs, GcpConnectorHostsArgs, GcpManagedAdArgs, GcpScaleOutAlertArgs } from "../gcp/hostSetArgs";

/**
 * Inputs of a {@link ConnectorGroup}. Defaults are set once, in src/model: `CONNECTOR_GROUP_DEFAULTS`,
 * `MEMBERSHIP_TIMEOUT_SECONDS`, `AZURE_HOST_SET_DEFAULTS`, `AZURE_HOST_DEFAULTS`, `AZURE_APPLIANCE_DEFAULTS`,
 * `AWS_HOST_SET_DEFAULTS`, `AWS_HOST_DEFAULTS`, `GCP_HOST_SET_DEFAULTS`, `GCP_HOST_DEFAULTS`, `SCALE_OUT_ALERT_DEFAULTS`
 * and `EXISTING_HOST_DEFAULTS`.
 *
 * A group needs hosts: on Azure (`azure`), on AWS (`aws`), on Google Cloud (`gcp`), and/or servers that already run its
 * connectors (`existingHosts`). Every kind counts towards the two connectors a group needs, and machine names are
 * unique across all of them.
 */
export interface ConnectorGroupArgs {
    /**
     * The group's display name in Entra. Default: the resource name. Must not read as the tenant's default group
     * ("Default"). Renaming updates the group in place.
     */
    displayName?: string;
    /**
     * The connector-group region (Graph value): `nam`, `eur`, `aus`, `asia` or `ind`; `japan` is accepted with a
     * warning. Put the group in the region nearest to its connectors and the apps they serve.
     */
    region: string;
    /**
     * Whether the group serves apps that use SSO (Kerberos constrained delegation). Then `domainJoin` is required for
     * the hosts the group creates, and every existing host must be declared `domainJoined`. Default `false`.
     */
    servesSso?: boolean;
    /** How each host registers its connector with the tenant. */
    registration: ConnectorRegistrationArgs;
    /**
     * Join every host to an Active Directory domain before the connector registers. Default: no domain join. (GCP hosts
     * can join Managed Microsoft AD instead: `gcp.managedAd`.)
     */
    domainJoin?: DomainJoinArgs;
    /** Hosts on Azure. */
    azure?: AzureConnectorHostsArgs;
    /** Hosts on AWS (types in `connector-topology/aws`; the AWS SDK is loaded only for groups that have them). */
    aws?: AwsConnectorHostsArgs;
    /** Hosts on Google Cloud (loads `@pulumi/gcp` only when set). */
    gcp?: GcpConnectorHostsArgs;
    /**
     * Servers that run the group's connectors but that this stack does not build (on premises, or managed by other
     * tooling), by machine name. The group only moves each one's connector into the group (a
     * `ConnectorGroupMembership` per server), and counts them towards its connectors. Default: none. At most 50.
     * `existingHostBootstrap` installs and registers a connector on such a server the way the group's own hosts do.
     */
    existingHosts?: ExistingHostArgs[];
    /**
     * Accept a group with a single connector (no redundancy). Default `false`: fewer than two connectors is an error.
     * When set, the component warns and the policy pack still flags the group.
     */
    allowSingleConnector?: boolean;
    /** Adopt an existing Entra group with the same display name instead of failing on the name clash. Default `false`. */
    adoptExisting?: boolean;
    /** Microsoft Graph's base URL, for sovereign clouds (e.g. `https://graph.microsoft.us`). Default `https://graph.microsoft.com`. */
    graphEndpoint?: pulumi.Input<string>;
    /**
     * How long each membership waits for its host's connector to register, in seconds. Default 1800; 10 to 7200.
     */
    membershipTimeoutSeconds?: number;
}

/** How connectors register with the tenant. */
export interface ConnectorRegistrationArgs {
    /** The tenant's id (a GUID). */
    tenantId: string;
    /**
     * The connector registration token: an access token for the public client `55747057-9b5d-4bd4-b387-abf52a8bd489`
     * with scope `https://proxy.cloudwebappproxy.net/registerapp/user_impersonation`, acquired by an Application
     * Administrator (see docs/components.md). Short-lived: it must be fresh when hosts are created. Always handled as
     * a Pulumi secret; on Azure it reaches a host only through the bootstrap extension's protected settings, on AWS only
     * through an SSM SecureString parameter that the hosts' role reads, on GCP only through a Secret Manager secret that
     * the hosts' service account alone can read. Required when the group creates hosts; a group of existing hosts only
     * needs none.
     */
    token?: pulumi.Input<string>;
    /**
     * Where hosts download the connector installer. Default: Microsoft's download link
     * (`DEFAULT_CONNECTOR_INSTALLER_URL`, not confirmed as a stable public URL). Handled as a secret, so a URL into
     * your own storage may carry a SAS token. The bootstrap refuses a file that is not signed by Microsoft.
     */
    installerUrl?: pulumi.Input<string>;
}

/** A connector group's hosts on Azure: `count` Windows Server VMs spread over availability zones. */
export interface AzureConnectorHostsArgs {
    /** The Azure location, e.g. `westeurope`. A location far from the group's region is accepted with a warning. */
    location: string;
    /** The resource group the hosts go in. */
    resourceGroupName: pulumi.Input<string>;
    /** The subnet's resource id. Hosts need outbound HTTPS only; they get no public IP. */
    subnetId: pulumi.Input<string>;
    /** How many hosts. Default 2; 1 to 50. The group as a whole needs at least 2 unless `allowSingleConnector`. */
    count?: number;
    /**
     * The availability zones, hosts placed round-robin. Default `["1", "2", "3"]`. `[]` for a region without zones
     * (accepted with a warning).
     */
    zones?: string[];
    /** The VM size. Default `Standard_D4ls_v5` (4 vCPU, 8 GiB). Must have at least 4 vCPU and 8 GiB. */
    vmSize?: string;
    /** The capacity of `vmSize` (`vcpus`, `memoryGiB`), for a size the catalogue does not know. */
    sizeOverride?: VmCapacity;
    /**
     * The image: `{ publisher, offer, sku, version }`, or `{ id }` of a custom image. Default: Windows Server 2022
     * Datacenter: Azure Edition. Must be Windows Server 2022 or later with the Desktop Experience.
     */
    image?: AzureImageReference;
    /** What a custom image is (`windowsServerVersion`, `desktopExperience`), when the catalogue cannot tell. */
    imageOverride?: DeclaredWindowsImage;
    /**
     * Run the connector's Azure Marketplace appliance (preview) instead of Windows Server with the connector
     * installed by the bootstrap. Not with `image`. Default: none. Size, zones, the absence of inbound access, tags,
     * the bootstrap's registration and the membership are the same as for Windows Server hosts.
     */
    appliance?: AzureApplianceArgs;
    /** The local administrator's user name. Default `connectoradmin`. */
    adminUsername?: string;
    /** The local administrator's password. Always handled as a Pulumi secret. */
    adminPassword: pulumi.Input<string>;
    /** Encrypt temporary disks and caches at the host. Default `true`. */
    encryptionAtHost?: boolean;
    /**
     * The hosts' computer names are `<prefix>-1`, `<prefix>-2`, ...: at most 15 characters in all. Default: the
     * resource name, cut to fit. Connectors are matched to hosts by these names, so they must be unique in the tenant.
     */
    computerNamePrefix?: string;
    /**
     * More tags for the hosts' NICs and VMs, and the scale-out alerts. `connector-group` and `connector-kind` are set
     * by the component.
     */
    tags?: { [key: string]: string };
    /** Alert an Azure Monitor action group when a host's CPU or memory stays busy. Default: no alert. */
    scaleOutAlert?: AzureScaleOutAlertArgs;
}

/**
 * The connector's Azure Marketplace appliance (preview): a Windows VM image from publisher
 * `microsoftcorporation1687208452115`, offer `entraprivatenetworkconnector`, with the connector installed. The VM
 * carries the offer's purchase plan, whose terms must have been accepted once in the subscription (see
 * docs/components.md).
 */
export interface AzureApplianceArgs {
    /**
     * The offer's plan (SKU). Required: Microsoft does not document it. List the plans with
     * `az vm image list --publisher microsoftcorporation1687208452115 --offer entraprivatenetworkconnector --all`.
     */
    sku: string;
    /** The image version: `latest` or a version such as `1.0.0`. Default `latest`. */
    version?: string;
}

/**
 * Azure Monitor metric alerts on the group's Azure hosts: one on `Percentage CPU`, one on `Available Memory
 * Percentage` (both platform metrics: no agent on the VM). Each host is evaluated on its own.
 */
export interface AzureScaleOutAlertArgs extends ScaleOutAlertArgs {
    /**
     * The resource id of the Azure Monitor action group to notify
     * (`/subscriptions/<id>/resourceGroups/<group>/providers/microsoft.insights/actionGroups/<name>`).
     */
    actionGroupId: pulumi.Input<string>;
}

/** A server that runs one of the group's connectors but that this stack does not build. */
export interface ExistingHostArgs {
    /**
     * The machine name the connector registered with: the server's computer name (`CONN-PAR-1`, at most 15
     * characters) or its fully qualified name (`conn-par-1.corp.example.com`). Matched case-insensitively; unique
     * among the group's hosts. Changing it replaces the membership (another server).
     */
    machineName: string;
    /** Whether the server is joined to the Active Directory domain. Default `false`; must be `true` in an SSO group. */
    domainJoined?: boolean;
    /** Where the server runs, as a note for people and the plan's summary, e.g. `on-premises, Paris`. Default: none. */
    location?: string;
    /**
     * Whether the server's connector is still in the tenant's default group: newly installed and registered (e.g.
     * with the group's `existingHostBootstrap`) and never moved since. Moving it into this group then drops no
     * connections, and the policy pack does not remind you to restart it. Default `false`: a connector that is
     * already registered may serve another group, and keeps that group's connections until `WAPCSvc` restarts. Set
     * it back to `false` (or leave it out) before you move the server on to another group.
     */
    inDefaultGroup?: boolean;
}
