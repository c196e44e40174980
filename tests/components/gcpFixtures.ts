/** Args that make a valid connector group on GCP, and the GCP resource types tests look for. */
import { type ConnectorGroupArgs, type GcpConnectorHostsArgs } from "connector-topology";
import { REGISTRATION_TOKEN, TENANT_ID } from "./fixtures";

export const GCP_TYPES = {
    instance: "gcp:compute/instance:Instance",
    serviceAccount: "gcp:serviceaccount/account:Account",
    secret: "gcp:secretmanager/secret:Secret",
    secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
    secretAccess: "gcp:secretmanager/secretIamMember:SecretIamMember",
    projectMember: "gcp:projects/iAMMember:IAMMember",
    alertPolicy: "gcp:monitoring/alertPolicy:AlertPolicy",
} as const;

export const GCP_PROJECT = "apps-prod-123";
export const GCP_SUBNETWORK = "projects/net-host-1/regions/asia-southeast1/subnetworks/connectors";
export const INSTALLER_URL = "https://store.example/connector.exe?sig=INSTALLER-SAS-SECRET-93d1";

export function gcpHosts(overrides: Partial<GcpConnectorHostsArgs> = {}): GcpConnectorHostsArgs {
    return {
        project: GCP_PROJECT,
        zones: ["asia-southeast1-a", "asia-southeast1-b"],
        subnetwork: GCP_SUBNETWORK,
        ...overrides,
    };
}

export function gcpGroupArgs(overrides: Partial<ConnectorGroupArgs> = {}): ConnectorGroupArgs {
    return {
        region: "asia",
        registration: { tenantId: TENANT_ID, token: REGISTRATION_TOKEN, installerUrl: INSTALLER_URL },
        gcp: gcpHosts(),
        ...overrides,
    };
}

/** An instance's inputs as tests read them. */
export interface InstanceInputs {
    name: string;
    project: string;
    zone: string;
    machineType: string;
    bootDisk: { autoDelete: boolean; initializeParams: { image: string; size: number; type: string; labels: Record<string, string> }; kmsKeySelfLink?: string };
    networkInterfaces: Record<string, unknown>[];
    serviceAccount: { email: string; scopes: string[] };
    shieldedInstanceConfig: Record<string, boolean>;
    metadata: Record<string, string>;
    labels: Record<string, string>;
    tags?: string[];
    allowStoppingForUpdate?: boolean;
}
