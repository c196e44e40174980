import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import {
    AZURE_CUSTOM_SCRIPT_EXTENSION,
    azureUserData,
    encodeBootstrapSecrets,
    renderAzureLaunchCommand,
    sha256Hex,
} from "../../src/bootstrap";
import {
    type AzureImageReference,
    COMPONENT_TYPES,
    type DeclaredWindowsImage,
    formatIssue,
    planAzureConnectorHost,
    TAG_KEYS,
    type VmCapacity,
} from "../../src/model";
import { type AzureApplianceArgs } from "../connectorGroup/args";
import { type DomainJoinArgs, type HostBootstrapArgs } from "../host";

/** The domain-join extension: Microsoft's JsonADDomainExtension, version 1.3. */
const DOMAIN_JOIN_EXTENSION = { publisher: "Microsoft.Compute", type: "JsonADDomainExtension", typeHandlerVersion: "1.3" };

/**
 * `Options` of the domain-join extension: 3 = join the domain (1) and create the computer account (2). Restart is
 * needed for the join to take effect, before the bootstrap runs.
 */
const DOMAIN_JOIN_OPTIONS = "3";

/** The OS disk type: Standard SSD works with every VM size (Premium needs an `s` size) and suits a connector's light disk use. */
const OS_DISK_TYPE = "StandardSSD_LRS";

/** Inputs of an {@link AzureConnectorHost}. Defaults are in `AZURE_HOST_DEFAULTS` (src/model). */
export interface AzureConnectorHostArgs {
    /**
     * The Windows computer name, which is also the machine name the connector registers with in Entra. At most 15
     * characters: letters, digits and hyphens, not all digits. Changing it replaces the VM.
     */
    computerName: string;
    /** The Azure location, e.g. `westeurope`. */
    location: string;
    /** The resource group the NIC, VM and extensions go in. */
    resourceGroupName: pulumi.Input<string>;
    /**
     * The subnet's resource id. The host needs outbound HTTPS to Microsoft's connector endpoints (see
     * docs/components.md) and no inbound access: it gets no public IP.
     */
    subnetId: pulumi.Input<string>;
    /** The availability zone, `"1"`, `"2"` or `"3"`. Default: none (regional placement). */
    zone?: string;
    /** The VM size. Default `Standard_D4ls_v5` (4 vCPU, 8 GiB). Must have at least 4 vCPU and 8 GiB. */
    vmSize?: string;
    /**
     * The capacity of `vmSize` (`vcpus`, `memoryGiB`), for a size the catalogue does not know. The 4 vCPU / 8 GiB
     * minimum applies to what is stated. Default: the catalogue's figures.
     */
    sizeOverride?: VmCapacity;
    /**
     * The image: `{ publisher, offer, sku, version }`, or `{ id }` of a custom image. Default: Windows Server 2022
     * Datacenter: Azure Edition. Must be Windows Server 2022 or later with the Desktop Experience.
     */
    image?: AzureImageReference;
    /** What a custom image is (`windowsServerVersion`, `desktopExperience`), when the catalogue cannot tell. */
    imageOverride?: DeclaredWindowsImage;
    /**
     * Run the connector's Azure Marketplace appliance (preview): its image and purchase plan. Not with `image`.
     * Default: none. The marketplace terms must have been accepted in the subscription (docs/components.md).
     */
    appliance?: AzureApplianceArgs;
    /** The local administrator's user name. Default `connectoradmin`. Azure refuses names such as `admin`. */
    adminUsername?: string;
    /** The local administrator's password. Always handled as a Pulumi secret. Azure requires 12 to 123 characters. */
    adminPassword: pulumi.Input<string>;
    /**
     * Encrypt the VM's temporary disk and caches at the host. Default `true`. Needs the subscription feature
     * `Microsoft.Compute/EncryptionAtHost` registered.
     */
    encryptionAtHost?: boolean;
    /** What runs on the host: the `connector-kind` tag, `entra-private-network` or `intune-certificate`. */
    connectorKind: string;
    /** The group (or fleet) the host serves: the `connector-group` tag. */
    connectorGroupName: string;
    /** Join the host to an Active Directory domain (before the bootstrap runs). Default: no domain join. */
    domainJoin?: DomainJoinArgs;
    /** The script the host runs once up, with its secrets. Default: none. */
    bootstrap?: HostBootstrapArgs;
    /** More tags for the NIC and VM. `connector-group` and `connector-kind` are set by the component. */
    tags?: { [key: string]: string };
    /**
     * Give the VM a system-assigned managed identity, for agents that authenticate as the VM (the Azure Monitor Agent
     * requires one). Default `false`: the bootstrap needs none.
     */
    managedIdentity?: boolean;
}

/**
 * One Windows Server VM that runs a connector, on Azure: a NIC without public IP, the VM (encryption at host, tagged
 * so that policies recognise it as a connector host), an optional domain join, then an optional bootstrap. The VM
 * runs Windows Server, or the connector's marketplace appliance with its purchase plan. It knows
 * nothing about Entra: what runs on it comes in as the bootstrap and the `connector-kind` tag, so the Intune
 * Certificate Connector fleet reuses it as it is.
 *
 * No managed identity unless asked for (`managedIdentity`): the bootstrap's secrets arrive through the extension's
 * protected settings and its script through the instance metadata service, neither of which needs one.
 */
export class AzureConnectorHost extends pulumi.ComponentResource {
    /** The Windows computer name (the connector's machine name). */
    public readonly computerName: string;
    /** The VM's Azure resource id. */
    public readonly vmId: pulumi.Output<string>;
    /** The NIC's private IP address. */
    public readonly privateIpAddress: pulumi.Output<string>;
    public readonly virtualMachine: compute.VirtualMachine;
    public readonly networkInterface: network.NetworkInterface;
    /** The domain-join extension, when the host joins a domain. */
    public readonly domainJoinExtension?: compute.VirtualMachineExtension;
    /** The bootstrap's Custom Script Extension, when the host has a bootstrap. */
    public readonly bootstrapExtension?: compute.VirtualMachineExtension;

    constructor(name: string, args: AzureConnectorHostArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planAzureConnectorHost(name, args);
        super(
            COMPONENT_TYPES.AzureConnectorHost,
            name,
            { ...plan.summary, connectorKind: args.connectorKind, connectorGroupName: args.connectorGroupName },
            opts,
        );
        for (const warning of plan.warnings) {
            pulumi.log.warn(`AzureConnectorHost "${name}": ${formatIssue(warning)}`, this);
        }
        const { location, vmSize, image, plan: purchasePlan, adminUsername, encryptionAtHost } = plan.settings;
        this.computerName = args.computerName;
        const tags = {
            ...args.tags,
            [TAG_KEYS.connectorGroup]: args.connectorGroupName,
            [TAG_KEYS.connectorKind]: args.connectorKind,
        };

        this.networkInterface = new network.NetworkInterface(
            `${name}-nic`,
            {
                resourceGroupName: args.resourceGroupName,
                location,
                // Outbound-only: no public IP, and no NSG here that could open an inbound port.
                ipConfigurations: [
                    { name: "primary", primary: true, privateIPAllocationMethod: "Dynamic", subnet: { id: args.subnetId } },
                ],
                tags,
            },
            { parent: this },
        );

        this.virtualMachine = new compute.VirtualMachine(
            `${name}-vm`,
            {
                resourceGroupName: args.resourceGroupName,
                location,
                zones: args.zone === undefined ? undefined : [args.zone],
                hardwareProfile: { vmSize },
                // A marketplace image is deployed with its purchase plan, or Azure refuses it.
                plan: purchasePlan,
                storageProfile: {
                    imageReference: image,
                    osDisk: {
                        createOption: "FromImage",
                        deleteOption: "Delete",
                        managedDisk: { storageAccountType: OS_DISK_TYPE },
                    },
                },
                osProfile: {
                    computerName: args.computerName,
                    adminUsername,
                    adminPassword: pulumi.secret(args.adminPassword),
                    windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true },
                },
                networkProfile: {
                    networkInterfaces: [{ id: this.networkInterface.id, primary: true, deleteOption: "Delete" }],
                },
                securityProfile: { encryptionAtHost },
                identity: args.managedIdentity === true ? { type: "SystemAssigned" } : undefined,
                diagnosticsProfile: { bootDiagnostics: { enabled: true } },
                // The bootstrap script holds no secret (see src/bootstrap/azure.ts); the launcher reads it from here.
                userData: args.bootstrap === undefined ? undefined : azureUserData(args.bootstrap.script),
                tags,
            },
            { parent: this },
        );

        if (args.domainJoin !== undefined) {
            this.domainJoinExtension = new compute.VirtualMachineExtension(
                `${name}-domain-join`,
                {
                    resourceGroupName: args.resourceGroupName,
                    vmName: this.virtualMachine.name,
                    location,
                    ...DOMAIN_JOIN_EXTENSION,
                    autoUpgradeMinorVersion: true,
                    settings: {
                        Name: args.domainJoin.domainName,
                        OUPath: args.domainJoin.ouPath ?? "",
                        User: args.domainJoin.username,
                        Restart: "true",
                        Options: DOMAIN_JOIN_OPTIONS,
                    },
                    protectedSettings: pulumi.secret({ Password: args.domainJoin.password }),
                },
                { parent: this },
            );
        }

        if (args.bootstrap !== undefined) {
            const scriptSha256 = sha256Hex(args.bootstrap.script);
            const commandToExecute = pulumi
                .output(args.bootstrap.secrets)
                .apply((secrets) => renderAzureLaunchCommand(scriptSha256, encodeBootstrapSecrets(secrets)));
            this.bootstrapExtension = new compute.VirtualMachineExtension(
                `${name}-bootstrap`,
                {
                    resourceGroupName: args.resourceGroupName,
                    vmName: this.virtualMachine.name,
                    location,
                    ...AZURE_CUSTOM_SCRIPT_EXTENSION,
                    autoUpgradeMinorVersion: true,
                    protectedSettings: pulumi.secret({ commandToExecute }),
                },
                // After the domain join and its restart: registration must run on the joined machine.
                { parent: this, dependsOn: this.domainJoinExtension === undefined ? [] : [this.domainJoinExtension] },
            );
        }

        this.vmId = this.virtualMachine.id;
        this.privateIpAddress = this.networkInterface.ipConfigurations.apply(
            (configurations) => configurations?.[0]?.privateIPAddress ?? "",
        );
        this.registerOutputs({
            computerName: this.computerName,
            vmId: this.vmId,
            privateIpAddress: this.privateIpAddress,
        });
    }
}
