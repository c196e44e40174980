/**
 * An example fleet of Certificate Connectors for Microsoft Intune: hosts that install the connector unattended, run as
 * a domain service account that can renew its agent certificate, check that certificate daily, and alert. Everything
 * comes from config (Pulumi.yaml and the stack files):
 *
 * - `dev`: three Azure hosts, alerting through Azure Monitor;
 * - `same-month`: the same fleet with two certificates that expire together, which the plan rejects;
 * - `multi-cloud`: two hosts on Azure, one on AWS and one on GCP, alerting through Azure Monitor and Cloud Monitoring.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    type AwsConnectorHostsArgs,
    type AzureConnectorHostsArgs,
    CertificateConnectorFleet,
    type CertificateConnectorGcpMonitoringArgs,
    type GcpConnectorHostsArgs,
} from "connector-topology";

/** The fleet, as `fleet` in config describes it. */
interface FleetConfig {
    name: string;
    features: string[];
    serviceAccount?: { username: string; localAdmin?: boolean };
    expiryGapMonths?: number;
    expiryWarningDays?: number;
    /** Azure hosts; their administrator password is the `adminPassword` secret. */
    azure?: Omit<AzureConnectorHostsArgs, "adminPassword">;
    /** AWS hosts, in the region of the stack's AWS provider (`aws:region`). */
    aws?: AwsConnectorHostsArgs;
    gcp?: GcpConnectorHostsArgs;
}

interface DomainJoinConfig {
    domainName: string;
    username: string;
    ouPath?: string;
}

const config = new pulumi.Config();
const fleetConfig = config.requireObject<FleetConfig>("fleet");
const domainJoin = config.getObject<DomainJoinConfig>("domainJoin");
const { serviceAccount } = fleetConfig;

const fleet = new CertificateConnectorFleet(fleetConfig.name, {
    features: fleetConfig.features,
    serviceAccount:
        serviceAccount === undefined ? undefined : { ...serviceAccount, password: config.requireSecret("serviceAccountPassword") },
    installer: { url: config.requireSecret("installerUrl") },
    domainJoin: domainJoin === undefined ? undefined : { ...domainJoin, password: config.requireSecret("domainJoinPassword") },
    azure: fleetConfig.azure === undefined ? undefined : { ...fleetConfig.azure, adminPassword: config.requireSecret("adminPassword") },
    aws: fleetConfig.aws,
    gcp: fleetConfig.gcp,
    enrolmentDates: config.getObject<Record<string, string>>("enrolmentDates"),
    today: config.get("today"),
    expiryGapMonths: fleetConfig.expiryGapMonths,
    expiryWarningDays: fleetConfig.expiryWarningDays,
    azureMonitoring: config.getObject("azureMonitoring"),
    gcpMonitoring: config.getObject<CertificateConnectorGcpMonitoringArgs>("gcpMonitoring"),
});

/** Each host's enrolment, expiry and planned re-enrolments. */
export const renewalCalendar = fleet.calendar.entries;
/** The soonest agent-certificate expiry. */
export const nextExpiry = fleet.nextExpiry;
/** What still needs a person at a host: when, and the command to run. */
export const interactiveSteps = fleet.interactiveSteps;
export const configurationInstructions = fleet.configurationInstructions;
export const hosts = fleet.machineNames;
export const hostPrivateIps = fleet.privateIps;
export const alertRuleIds = fleet.alertRuleIds;
