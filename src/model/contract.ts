/**
 * What the library's resources look like from the outside: type tokens, the tags every connector host carries, and
 * the non-secret summaries that components register as their inputs. The policy rules and the offline plan read
 * resources through these names only, so hosts built by hand are recognised the same way as the library's own.
 */
import { type DeclaredWindowsImage } from "./images";
import { type VmCapacity } from "./sizes";

/** The Pulumi package name used in component type tokens (`connector-topology:index:<Class>`). */
export const PACKAGE_NAME = "connector-topology";

/** Type tokens of the component resources. */
export const COMPONENT_TYPES = {
    ConnectorGroup: "connector-topology:index:ConnectorGroup",
    AppAssignment: "connector-topology:index:AppAssignment",
    AzureConnectorHost: "connector-topology:index:AzureConnectorHost",
    AwsConnectorHost: "connector-topology:index:AwsConnectorHost",
    GcpConnectorHost: "connector-topology:index:GcpConnectorHost",
    CertificateConnectorFleet: "connector-topology:index:CertificateConnectorFleet",
} as const;

/** The module that the Graph-backed dynamic resources register under. */
export const DYNAMIC_MODULE = "connector-topology";

/** Type tokens of the Graph-backed dynamic resources (`pulumi-nodejs:dynamic/<module>:<type>`). */
export const ENTRA_RESOURCE_TYPES = {
    ConnectorGroup: `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:EntraConnectorGroup`,
    ConnectorGroupMembership: `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:ConnectorGroupMembership`,
    ApplicationConnectorGroupAssignment: `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:ApplicationConnectorGroupAssignment`,
    /** Read-only: looks up the tenant's Quick Access app. */
    QuickAccessApplicationLookup: `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:QuickAccessApplicationLookup`,
    /** Read-only: looks up an Enterprise app by display name or app id. */
    EnterpriseApplicationLookup: `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:EnterpriseApplicationLookup`,
} as const;

/**
 * Tag (Azure, AWS) or label (GCP) keys on every connector host. Policies recognise a connector host by
 * `connector-kind`, whatever built it, and group hosts by `connector-group`.
 */
export const TAG_KEYS = {
    /** The display name of the connector group the host serves (GCP: {@link gcpLabelValue} of it). */
    connectorGroup: "connector-group",
    /** What kind of connector runs on the host: one of {@link CONNECTOR_KINDS}. */
    connectorKind: "connector-kind",
} as const;

/** Values of the `connector-kind` tag. */
export const CONNECTOR_KINDS = {
    /** A Microsoft Entra private network connector (formerly Application Proxy connector). */
    entraPrivateNetwork: "entra-private-network",
    /** A Certificate Connector for Microsoft Intune. */
    intuneCertificate: "intune-certificate",
} as const;

/** The name every tenant's default connector group has. Custom groups must not take it. */
export const DEFAULT_CONNECTOR_GROUP_NAME = "Default";

/** Whether a group name would read as the tenant's default group (`Default`, `default`, ` Default group`). */
export function looksLikeDefaultGroupName(name: string): boolean {
    return /^\s*default(\s+(connector\s+)?group)?\s*$/i.test(name);
}

/**
 * GCP label values allow only lower-case letters, digits, `_` and `-`, at most 63 characters. Group names are mapped
 * into that alphabet; the plan and the policies compare groups by this value on GCP.
 */
export function gcpLabelValue(value: string): string {
    return value
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, "-")
        .slice(0, 63);
}

/** Where a connector runs. */
export type HostPlatform = "azure" | "aws" | "gcp" | "existing";

/**
 * What the user declared about a host where the catalogues cannot tell: the capacity of a size (`sizeOverride`) and the
 * OS of an image (`imageOverride`). A host's summary records each one given (and well formed), so that the policy pack
 * judges the host as the component did; a declaration not made is absent, not undefined.
 */
export interface HostDeclarations {
    /**
     * The capacity the user declared for the size (the host's `sizeOverride`); absent when none was declared. The
     * `connector-host-min-size` policy judges the host by it.
     */
    declaredCapacity?: VmCapacity;
    /**
     * The OS the user declared for an image the catalogue cannot read (the host's `imageOverride`); absent when none
     * was declared. The `connector-host-windows-image` policy judges the host by it.
     */
    declaredImage?: DeclaredWindowsImage;
}

/** The declarations that were made, and only those, for a host's resolved settings and its summary. */
export function madeDeclarations(declarations: HostDeclarations): HostDeclarations {
    const { declaredCapacity, declaredImage } = declarations;
    return {
        ...(declaredCapacity === undefined ? {} : { declaredCapacity }),
        ...(declaredImage === undefined ? {} : { declaredImage }),
    };
}

/**
 * One connector host, as a component registers it (non-secret). ConnectorGroup lists every host it plans in its
 * summary, including existing servers it only manages the membership of.
 */
export interface HostSummary extends HostDeclarations {
    /** The Windows computer name the connector registers with (what Graph reports as `machineName`). */
    machineName: string;
    platform: HostPlatform;
    /** The cloud region (Azure location, AWS region, GCP region); absent for existing hosts. */
    cloudRegion?: string;
    /** The availability zone (Azure zone number, AWS AZ name, GCP zone); absent when none. */
    zone?: string;
    /** The VM size or machine type. */
    size?: string;
    /** The image, as named to the cloud (Azure URN, SSM parameter or AMI name, GCP image). */
    image?: string;
    /** True for the marketplace appliance. */
    appliance?: boolean;
    /** True when the stack joins the host to a domain. Existing hosts: as the user declared. */
    domainJoined?: boolean;
    /** Where an existing host runs, as the user described it (e.g. `on-premises, Paris`); absent for cloud hosts. */
    location?: string;
    /**
     * Existing hosts only: true when the user declared that the server's connector is still in the tenant's default
     * group (newly registered, never moved), so that moving it into the group drops no connections. Absent otherwise.
     */
    inDefaultGroup?: boolean;
}

/** The non-secret summary a ConnectorGroup registers as its inputs. */
export interface ConnectorGroupSummary {
    /** The Entra connector group's display name. */
    displayName: string;
    /** The connector-group region (Graph value). */
    region: string;
    /** Whether the group serves apps that use SSO (Kerberos constrained delegation). */
    servesSso: boolean;
    /** Whether the user explicitly allowed fewer than two connectors. */
    allowSingleConnector: boolean;
    /** Every connector the group will have. */
    hosts: HostSummary[];
}

/** The non-secret summary an AppAssignment registers as its inputs. */
export interface AppAssignmentSummary {
    /** `quickAccess` or `enterprise`. */
    appKind: string;
    /** How the app was named by the user: object id, app id or display name (whichever was given). */
    app: string;
    /** The target connector group's display name. */
    connectorGroupName: string;
}
