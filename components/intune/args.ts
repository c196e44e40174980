import type * as pulumi from "@pulumi/pulumi";
import { type AwsConnectorHostsArgs } from "../aws/args";
import { type AzureConnectorHostsArgs } from "../connectorGroup/args";
import { type GcpConnectorHostsArgs } from "../gcp/hostSetArgs";
import { type DomainJoinArgs } from "../host/args";

/**
 * Inputs of a {@link CertificateConnectorFleet}. Defaults are set once, in src/intune: `FLEET_LIMITS`,
 * `CERTIFICATE_CONNECTOR_FLEET_DEFAULTS`, `RENEWAL_SCHEDULE_DEFAULTS`; host defaults as for a ConnectorGroup
 * (`AZURE_HOST_SET_DEFAULTS`, `AZURE_HOST_DEFAULTS`, `AWS_HOST_SET_DEFAULTS`, `AWS_HOST_DEFAULTS`,
 * `GCP_HOST_SET_DEFAULTS`, `GCP_HOST_DEFAULTS`).
 *
 * Hosts go on Azure, AWS and GCP, in any mix, with the same args as a ConnectorGroup's hosts there, except the Entra
 * connector's marketplace `appliance` and the groups' `scaleOutAlert`, which a fleet refuses. The fleet lists its hosts
 * (and their calendar entries) Azure first, then AWS, then GCP.
 */
export interface CertificateConnectorFleetArgs {
    /**
     * The fleet's name: the `connector-group` tag of its hosts, and how events and messages name it. Default: the
     * resource name. Printable ASCII (it is written into the hosts' PowerShell).
     */
    displayName?: string;
    /**
     * The connector features every host serves, as the configuration wizard offers them: `pkcs`, `pkcsImported`,
     * `scep`, `revocation`. At least one. With `scep` the bootstrap also installs the IIS and NDES server roles the
     * prerequisites list (NDES itself still needs configuring against your CA).
     */
    features: string[];
    /**
     * The domain account the connector runs as. Default: none, and the connector runs as SYSTEM, which is acceptable
     * for SCEP but not for PKCS (the policy pack rejects PKCS as SYSTEM). A domain account needs `domainJoin`.
     */
    serviceAccount?: CertificateConnectorServiceAccountArgs;
    /** Where the hosts get the connector installer, and how they run it. */
    installer: CertificateConnectorInstallerArgs;
    /**
     * Join every host to the Active Directory domain before the bootstrap runs. Default: no domain join. PKCS, SCEP and
     * revocation need the servers in the CA's domain, and a domain service account needs every host joined: by this,
     * or, for AWS and GCP hosts, by their platform (`aws.directoryService`, `gcp.managedAd`).
     */
    domainJoin?: DomainJoinArgs;
    /** Hosts on Azure: Windows Server 2022 VMs (default 2), spread over zones, as for a ConnectorGroup. */
    azure?: AzureConnectorHostsArgs;
    /**
     * Hosts on AWS: Windows Server 2022 instances (default 2) spread over subnets in at least two zones, as for a
     * ConnectorGroup; computer names `<name>-aws-<n>` by default. Their secrets (the installer URL, the service
     * account's password) are SSM SecureString parameters only their role reads. The security group lets out HTTPS and
     * HTTP; list the Certification Authority's address in `domainControllerCidrs` (or `egress`) when it is not a domain
     * controller.
     */
    aws?: AwsConnectorHostsArgs;
    /**
     * Hosts on Google Cloud: Compute Engine Windows Server 2022 instances (default 2) over at least two zones, as for a
     * ConnectorGroup; instance (computer) names `<name>-<n>` by default, so set `computerNamePrefix` when the fleet
     * also has Azure hosts. Their secrets are Secret Manager secrets only their service account reads.
     */
    gcp?: GcpConnectorHostsArgs;
    /**
     * When each host's agent certificate was, or will be, enrolled (the connector configured or re-enrolled), as
     * `YYYY-MM-DD`, by machine name (e.g. `{ "pki-1": "2025-09-15" }`). A date in the future is a planned enrolment,
     * at most a year ahead. Default for a host not listed: its place in a spread across the year from `today` (the
     * first host today, the others 365/n days apart). Pin the dates once the hosts are configured: defaults move with
     * `today`.
     */
    enrolmentDates?: { [machineName: string]: string };
    /**
     * The day the schedule is computed for, `YYYY-MM-DD`. Default: the current date (UTC). Set it to make the calendar
     * reproducible (tests, reviews).
     */
    today?: string;
    /**
     * The least gap between two hosts' certificate expiries on the yearly cycle, in months. Default 3; 1 to 12, and
     * the hosts times the gap must fit in 12 months. A month counts as the shortest run of calendar months (3 months
     * = 89 days).
     */
    expiryGapMonths?: number;
    /**
     * How many days before an expiry the hosts' check raises its warning event; expiries this close are also due
     * for re-enrolment in the calendar. Default 30; 1 to 180.
     */
    expiryWarningDays?: number;
    /**
     * Alert through Azure Monitor on the connectors' failure events (2, 1003, 5001 in
     * `Microsoft-Intune-CertificateConnectors/Operational`) and on the hosts' agent-certificate warnings. Needs Azure
     * hosts; gives them a system-assigned identity and the Azure Monitor Agent. Default: no alerting.
     */
    azureMonitoring?: CertificateConnectorAzureMonitoringArgs;
    /**
     * Alert through Cloud Monitoring when the GCP hosts' daily check finds an agent certificate that expires soon or has
     * expired, a service account that cannot renew it, or fails (its Application-log events, which the Ops Agent sends
     * to Cloud Logging). Needs GCP hosts with the Ops Agent (`gcp.opsAgent`, on by default). The connector's own
     * failure events are not collected by the Ops Agent's default configuration: see docs/intune.md. Default: no
     * alerting.
     */
    gcpMonitoring?: CertificateConnectorGcpMonitoringArgs;
}

/** A domain account the connector runs as. */
export interface CertificateConnectorServiceAccountArgs {
    /** The account with its domain: `CORP\svc-intune` or `svc-intune@corp.example.com`. */
    username: string;
    /**
     * Its password. Always handled as a Pulumi secret; it reaches the hosts only through the bootstrap's secret
     * channel, which checks it with the domain. The configuration wizard asks for it again.
     */
    password: pulumi.Input<string>;
    /**
     * Make the account a member of each host's local Administrators group, so that the agent certificate renews
     * itself. Default `true`. With `false` renewal fails every year (event 2, "Access is denied") and each connector
     * must be reinstalled before its certificate expires: the fleet's calendar and outputs list those reinstalls.
     */
    localAdmin?: boolean;
}

/** How the hosts install the connector. */
export interface CertificateConnectorInstallerArgs {
    /**
     * Where to download `IntuneCertificateConnector.exe`: Microsoft publishes it only behind the Intune admin center
     * (Tenant administration > Connectors and tokens > Certificate connectors > Add), so put a copy where the hosts
     * can read it (e.g. a blob with a SAS). Always handled as a Pulumi secret. The bootstrap refuses a file that
     * Microsoft did not sign.
     */
    url: pulumi.Input<string>;
    /**
     * The installer's command-line arguments. Default `/quiet /norestart`. UNCONFIRMED: Microsoft documents no
     * unattended switches for the installer; the bootstrap fails, saying so, if the connector is not installed after.
     */
    arguments?: string;
    /** How long the installer may run, in seconds. Default 1800; 60 to 7200. */
    timeoutSeconds?: number;
}

/** Azure Monitor alerting on the fleet's hosts. */
export interface CertificateConnectorAzureMonitoringArgs {
    /** The Log Analytics workspace the hosts' events are collected into (its resource id). */
    workspaceResourceId: pulumi.Input<string>;
    /** The action group the alerts notify (its resource id). */
    actionGroupId: pulumi.Input<string>;
    /** The alerts' severity, 0 (critical) to 4 (verbose). Default 1 (error). */
    severity?: number;
    /** The resource group for the data collection rule and the alert rules. Default: `azure.resourceGroupName`. */
    resourceGroupName?: pulumi.Input<string>;
}

/** Cloud Monitoring alerting on the fleet's GCP hosts. */
export interface CertificateConnectorGcpMonitoringArgs {
    /** The notification channels to alert, `projects/<project>/notificationChannels/<id>`. At least one. */
    notificationChannels: string[];
}
