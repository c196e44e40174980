import * as compute from "@pulumi/gcp/compute";
import * as pulumi from "@pulumi/pulumi";
import { GCP_BOOTSTRAP_METADATA_KEYS, GCP_OPS_AGENT_STARTUP_SCRIPT, gcpBootstrapMetadata } from "../../src/bootstrap";
import {
    COMPONENT_TYPES,
    type DeclaredWindowsImage,
    formatIssue,
    GCP_INSTANCE_SCOPES,
    gcpLabelValue,
    gcpManagedAdMetadata,
    planGcpConnectorHost,
    TAG_KEYS,
    type VmCapacity,
} from "../../src/model";
import { type GcpApplianceArgs, type GcpManagedAdArgs } from "./hostSetArgs";

/** Inputs of a {@link GcpConnectorHost}. Defaults are in `GCP_HOST_DEFAULTS` and `GCP_BOOT_DISK_SIZE_GB` (src/model). */
export interface GcpConnectorHostArgs {
    /**
     * The instance name. Compute Engine's Windows setup makes it the computer name, which is the machine name the
     * connector registers with: at most 15 characters, lower-case letters, digits and hyphens, starting with a letter.
     * Changing it replaces the instance.
     */
    instanceName: string;
    /** The project id the instance goes in. */
    project: string;
    /** The zone, e.g. `asia-southeast1-a`. */
    zone: string;
    /**
     * The subnetwork, `projects/<project>/regions/<region>/subnetworks/<name>`, in the zone's region. The instance gets
     * no external IP: outbound HTTPS to Microsoft's endpoints goes through the VPC's Cloud NAT.
     */
    subnetwork: pulumi.Input<string>;
    /**
     * The service account the instance runs as: one of its own (never the Compute Engine default account), allowed to
     * read the bootstrap's secrets and nothing more. Its scope is `cloud-platform`; IAM limits what it may do.
     */
    serviceAccountEmail: pulumi.Input<string>;
    /** The machine type. Default `c2d-highcpu-4` (4 vCPU, 8 GiB). Must have at least 4 vCPU and 8 GiB. */
    machineType?: string;
    /** The capacity of `machineType` (`vcpus`, `memoryGiB`), for a type the catalogue does not know. */
    sizeOverride?: VmCapacity;
    /** The boot image. Default `windows-cloud/windows-2022`. Core images are refused. Not with `appliance`. */
    image?: string;
    /** What a custom image is (`windowsServerVersion`, `desktopExperience`), when the catalogue cannot tell. */
    imageOverride?: DeclaredWindowsImage;
    /** Run the connector's marketplace appliance (see `GcpApplianceArgs`). Default: not the appliance. */
    appliance?: GcpApplianceArgs;
    /** The boot disk's size, in GB. Default 64; 50 to 65536. */
    bootDiskSizeGb?: number;
    /** The boot disk's type. Default `pd-balanced`, or `hyperdisk-balanced` on Hyperdisk-only series. */
    bootDiskType?: string;
    /** The Cloud KMS key that encrypts the boot disk. Default: Google-managed encryption. */
    bootDiskKmsKey?: pulumi.Input<string>;
    /** What runs on the host: the `connector-kind` label, `entra-private-network` or `intune-certificate`. */
    connectorKind: string;
    /** The group (or fleet) the host serves: the `connector-group` label (as a GCP label value). */
    connectorGroupName: string;
    /** Join a Managed Microsoft AD domain through instance metadata. Default: no Managed AD join. */
    managedAd?: GcpManagedAdArgs;
    /**
     * Whether the host joins an Active Directory domain, as recorded in its summary (policies check that hosts of SSO
     * groups are joined): set it when the bootstrap joins the domain. Default: `true` with `managedAd`, else `false`.
     */
    domainJoined?: boolean;
    /** Install the Ops Agent (memory metrics) with a second startup script. Default `true`. */
    opsAgent?: boolean;
    /** The script the host runs at every boot, and where its secrets are. Default: none. */
    bootstrap?: GcpHostBootstrapArgs;
    /** Network tags, for firewall rules you manage. Default: none. */
    networkTags?: string[];
    /** More labels for the instance and its disk. `connector-group` and `connector-kind` are set by the component. */
    labels?: { [key: string]: string };
}

/**
 * A bootstrap on GCP: the script, delivered in plain instance metadata (it holds no secret), and the Secret Manager
 * secrets it reads at boot with the instance's service account.
 */
export interface GcpHostBootstrapArgs {
    /** The PowerShell script, e.g. from `renderConnectorBootstrap` for `gcp`. ASCII, no secret, at most 256 KB. */
    script: string;
    /**
     * For each secret the script reads (its `Read-BootstrapSecrets` step), the Secret Manager secret that holds it:
     * `projects/<project>/secrets/<id>`. Names hold letters, digits, `_` and `-`.
     */
    secretIds: { [name: string]: pulumi.Input<string> };
}

/**
 * One Compute Engine Windows instance that runs a connector: no external IP, a Shielded VM (secure boot, vTPM,
 * integrity monitoring), its own service account, labelled so that policies recognise it as a connector host, an
 * optional Managed Microsoft AD join and an optional bootstrap. It knows nothing about Entra: what runs on it comes in
 * as the bootstrap and the `connector-kind` label, so the Intune Certificate Connector fleet reuses it as it is.
 *
 * The instance waits for whatever the host depends on (`dependsOn`): the bootstrap reads its secrets at first boot,
 * so they and their access grants must exist by then.
 */
export class GcpConnectorHost extends pulumi.ComponentResource {
    /** The instance name, which is the Windows computer name (the connector's machine name). */
    public readonly instanceName: string;
    /** The instance's id, `projects/<project>/zones/<zone>/instances/<name>`. */
    public readonly instanceId: pulumi.Output<string>;
    /** The instance's internal IP address. */
    public readonly privateIpAddress: pulumi.Output<string>;
    public readonly instance: compute.Instance;

    constructor(name: string, args: GcpConnectorHostArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planGcpConnectorHost(name, args);
        super(
            COMPONENT_TYPES.GcpConnectorHost,
            name,
            { ...plan.summary, connectorKind: args.connectorKind, connectorGroupName: args.connectorGroupName },
            opts,
        );
        for (const warning of plan.warnings) {
            pulumi.log.warn(`GcpConnectorHost "${name}": ${formatIssue(warning)}`, this);
        }
        const { project, machineType, image, bootDiskSizeGb, bootDiskType } = plan.settings;
        this.instanceName = args.instanceName;
        const labels = {
            ...args.labels,
            [TAG_KEYS.connectorGroup]: gcpLabelValue(args.connectorGroupName),
            [TAG_KEYS.connectorKind]: args.connectorKind,
        };
        const metadata = {
            ...(args.bootstrap === undefined ? {} : gcpBootstrapMetadata(args.bootstrap.script, args.bootstrap.secretIds)),
            ...(plan.opsAgent ? { [GCP_BOOTSTRAP_METADATA_KEYS.opsAgentScript]: GCP_OPS_AGENT_STARTUP_SCRIPT } : {}),
            ...(plan.managedAd === undefined ? {} : gcpManagedAdMetadata(plan.managedAd)),
        };

        this.instance = new compute.Instance(
            `${name}-instance`,
            {
                name: args.instanceName,
                project,
                zone: args.zone,
                machineType,
                bootDisk: {
                    autoDelete: true,
                    initializeParams: { image, size: bootDiskSizeGb, type: bootDiskType, labels },
                    kmsKeySelfLink: args.bootDiskKmsKey,
                },
                // Outbound-only: no access config, so no external IP (egress goes through Cloud NAT).
                networkInterfaces: [{ subnetwork: args.subnetwork }],
                serviceAccount: { email: args.serviceAccountEmail, scopes: [...GCP_INSTANCE_SCOPES] },
                shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
                // Plain: the script holds no secret, and the secret-* keys name where secrets are, not what they are.
                metadata,
                labels,
                tags: args.networkTags,
                // allowStoppingForUpdate stays off: Pulumi updates a group's hosts in parallel, so stopping them for a
                // machine-type change would stop every connector of the group at once. Such a change fails instead.
            },
            { parent: this, dependsOn: opts?.dependsOn },
        );

        this.instanceId = this.instance.id;
        this.privateIpAddress = this.instance.networkInterfaces.apply((interfaces) => interfaces[0]?.networkIp ?? "");
        this.registerOutputs({
            instanceName: this.instanceName,
            instanceId: this.instanceId,
            privateIpAddress: this.privateIpAddress,
        });
    }
}
