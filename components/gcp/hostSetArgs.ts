import type * as pulumi from "@pulumi/pulumi";
import { type DeclaredWindowsImage, type VmCapacity } from "../../src/model";
import { type ScaleOutAlertArgs } from "../host/args";

/**
 * A connector group's hosts on Google Cloud: `count` Compute Engine Windows instances spread over zones, with no
 * external IP, as Shielded VMs, running as a service account of their own that can read the group's Secret Manager
 * secrets and nothing else. Defaults are set once, in src/model: `GCP_HOST_DEFAULTS`, `GCP_HOST_SET_DEFAULTS`,
 * `GCP_BOOT_DISK_SIZE_GB`, `DEFAULT_GCP_APPLIANCE_IMAGE`, `SCALE_OUT_ALERT_DEFAULTS`, `GCP_SCALE_OUT_WINDOW_MINUTES`.
 */
export interface GcpConnectorHostsArgs {
    /**
     * The project id the instances, their service account, the secrets and the alert policy go in (not the project's
     * name or number).
     */
    project: string;
    /**
     * The zones, hosts placed round-robin: at least two distinct zones of one region (e.g.
     * `["asia-southeast1-a", "asia-southeast1-b"]`), so that a zone outage leaves the group serving. A region far from
     * the group's region is accepted with a warning.
     */
    zones: string[];
    /**
     * The subnetwork, `projects/<project>/regions/<region>/subnetworks/<name>` (or its self link), in the zones'
     * region. The hosts get no external IP: the subnetwork's VPC needs Cloud NAT (or another egress path) for outbound
     * HTTPS to Microsoft's connector endpoints, and the library creates no firewall rule.
     */
    subnetwork: pulumi.Input<string>;
    /** How many hosts. Default 2; 1 to 50. The group as a whole needs at least 2 unless `allowSingleConnector`. */
    count?: number;
    /**
     * The machine type. Default `c2d-highcpu-4` (4 vCPU, 8 GiB). Custom types such as `n2-custom-4-8192` are read
     * from their name. Must have at least 4 vCPU and 8 GiB.
     */
    machineType?: string;
    /** The capacity of `machineType` (`vcpus`, `memoryGiB`), for a type the catalogue does not know. */
    sizeOverride?: VmCapacity;
    /**
     * The boot image: a family (`<project>/<family>`), an image name or a self link. Default
     * `windows-cloud/windows-2022` (Windows Server 2022 Datacenter with the Desktop Experience). Core images are
     * refused. Not with `appliance`.
     */
    image?: string;
    /** What a custom image is (`windowsServerVersion`, `desktopExperience`), when the catalogue cannot tell. */
    imageOverride?: DeclaredWindowsImage;
    /**
     * Run the connector's marketplace appliance instead of installing the connector on Windows Server. Size, zones, no
     * external IP, Shielded VM, service account and membership stay as for other hosts. Default: not the appliance.
     */
    appliance?: GcpApplianceArgs;
    /** The boot disk's size, in GB. Default 64; 50 to 65536. */
    bootDiskSizeGb?: number;
    /**
     * The boot disk's type. Default `pd-balanced`, or `hyperdisk-balanced` on machine series that boot only from
     * Hyperdisk (C4, N4, ...).
     */
    bootDiskType?: string;
    /**
     * The Cloud KMS key that encrypts the boot disks (`projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`).
     * Default: Google-managed encryption (every disk is encrypted at rest). The Compute Engine service agent needs
     * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.
     */
    bootDiskKmsKey?: pulumi.Input<string>;
    /**
     * The instance names are `<prefix>-1`, `<prefix>-2`, ...; Windows takes them as computer names, and connectors
     * register with them, so they must be unique in the tenant: at most 15 characters in all, lower-case letters,
     * digits and hyphens, starting with a letter. The service account (`<prefix>-connector`) and the secrets
     * (`<prefix>-registration-token`, ...) are named after it too. Default: the resource name, lower-cased and cut to fit.
     */
    computerNamePrefix?: string;
    /**
     * Join the hosts to a Managed Microsoft AD domain, as Google Cloud does it: the `managed-ad-domain` instance
     * metadata. The service account gets `roles/managedidentities.domainJoin` on the domain's project. Without it, the
     * hosts join the group's `domainJoin` domain through their bootstrap (`Add-Computer`), if the group has one.
     */
    managedAd?: GcpManagedAdArgs;
    /**
     * Install the Ops Agent, which reports memory use (the scale-out alert's memory condition reads it), and let the
     * service account write logs and metrics (`roles/logging.logWriter`, `roles/monitoring.metricWriter` on the
     * project: the only project-wide roles the library grants). Default `true`.
     */
    opsAgent?: boolean;
    /** Alert when a host stays busy at peak: the signal to add connectors. Default: no alert. */
    scaleOutAlert?: GcpScaleOutAlertArgs;
    /** Network tags for the instances, for firewall rules you manage (e.g. an egress policy). Default: none. */
    networkTags?: string[];
    /** More labels for the instances, disks, secrets and alert. `connector-group` and `connector-kind` are set by the component. */
    labels?: { [key: string]: string };
}

/** The connector's marketplace appliance on Google Cloud. */
export interface GcpApplianceArgs {
    /**
     * The appliance image. Default `ciem-entra/entraprivatenetworkconnector`, the name Microsoft's article gives; whether
     * it is an image family or an image name is not publicly confirmed (Compute Engine resolves `<project>/<name>` as
     * either). Check the Marketplace listing, and accept its terms in the project, before the first deployment.
     */
    image?: string;
}

/** A Managed Microsoft AD domain the hosts join through instance metadata. */
export interface GcpManagedAdArgs {
    /** The domain's resource name: `projects/<project>/locations/global/domains/<domain name>`. */
    domain: string;
    /**
     * The OU to put the hosts in: the name of an OU under `OU=GCE Instances,OU=Cloud` (the `managed-ad-ou-name`
     * metadata), not a distinguished name. Default: `OU=GCE Instances,OU=Cloud` itself.
     */
    ouName?: string;
}

/**
 * A Cloud Monitoring alert for when a connector host's CPU or memory stays above a threshold at peak: Microsoft's advice
 * is then to add connectors (scale out) rather than make them bigger (scale up), and the alert's text says so.
 */
export interface GcpScaleOutAlertArgs extends ScaleOutAlertArgs {
    /** The notification channels to alert, `projects/<project>/notificationChannels/<id>`. At least one. */
    notificationChannels: string[];
}
