/**
 * A multi-cloud connector estate: connectors next to the apps they serve, in every location where apps live.
 *
 * - Europe on Azure: two Windows Server 2022 hosts in West Europe's zones, domain-joined for SSO, with scale-out
 *   alerts to the operations team's action group.
 * - North America on AWS: two Windows Server 2022 instances in two us-east-1 zones, with scale-out alarms to the
 *   operations team's SNS topic. (The stack's AWS provider must be for us-east-1: `aws:region` in Pulumi.dev.yaml.)
 * - Asia on GCP: two Windows Server 2022 instances in two asia-southeast1 zones, as Shielded VMs without an external
 *   IP, with a scale-out alert to the operations team's notification channel.
 * - On premises: the Paris datacenter's servers, which this stack does not build. The group only moves their
 *   connectors into it. To set up a new server the same way the cloud hosts are, see docs/existing-hosts.md.
 *
 * Ids come from config (Pulumi.yaml, shared by every stack); secrets are `secure:` values in the stack files.
 */
import * as pulumi from "@pulumi/pulumi";
import { type AwsSubnetArgs, AppAssignment, ConnectorGroup, type ExistingHostArgs } from "connector-topology";

interface EuropeConfig {
    resourceGroupName: string;
    subnetId: string;
    actionGroupId: string;
}

interface AsiaConfig {
    project: string;
    subnetwork: string;
    notificationChannel: string;
}

interface NorthAmericaConfig {
    vpcId: string;
    subnets: AwsSubnetArgs[];
    topicArn: string;
}

const config = new pulumi.Config();
const registration = { tenantId: config.require("tenantId"), token: config.requireSecret("registrationToken") };
const domainJoin = {
    ...config.requireObject<{ domainName: string; username: string; ouPath?: string }>("domainJoin"),
    password: config.requireSecret("domainJoinPassword"),
};
const europe = config.requireObject<EuropeConfig>("europe");
const northAmerica = config.requireObject<NorthAmericaConfig>("northAmerica");
const asia = config.requireObject<AsiaConfig>("asia");
const apps = config.requireObject<{ fileShares: string; erpBackOffice: string; salesCrm: string; plantFloor: string }>("apps");

const eur = new ConnectorGroup("eur-apps", {
    region: "eur",
    servesSso: true,
    registration,
    domainJoin,
    azure: {
        location: "westeurope",
        resourceGroupName: europe.resourceGroupName,
        subnetId: europe.subnetId,
        adminPassword: config.requireSecret("adminPassword"),
        computerNamePrefix: "ctc-eur",
        scaleOutAlert: { actionGroupId: europe.actionGroupId },
    },
});

const nam = new ConnectorGroup("nam-apps", {
    region: "nam",
    registration,
    aws: {
        vpcId: northAmerica.vpcId,
        subnets: northAmerica.subnets,
        scaleOutAlert: { topicArn: northAmerica.topicArn },
    },
});

const asiaApps = new ConnectorGroup("asia-apps", {
    region: "asia",
    registration,
    gcp: {
        project: asia.project,
        zones: ["asia-southeast1-a", "asia-southeast1-b"],
        subnetwork: asia.subnetwork,
        scaleOutAlert: { notificationChannels: [asia.notificationChannel] },
    },
});

const onPremises = new ConnectorGroup("onprem-paris", {
    region: "eur",
    registration: { tenantId: registration.tenantId },
    existingHosts: config.requireObject<ExistingHostArgs[]>("onPremisesServers"),
});

new AppAssignment("file-shares", { connectorGroup: eur, applicationObjectId: apps.fileShares });
new AppAssignment("erp-back-office", { connectorGroup: onPremises, applicationObjectId: apps.erpBackOffice });
new AppAssignment("sales-crm", { connectorGroup: nam, applicationObjectId: apps.salesCrm });
new AppAssignment("plant-floor", { connectorGroup: asiaApps, applicationObjectId: apps.plantFloor });

/** Per group: the Entra group id and the connectors' machine names. */
export const connectorGroups = Object.fromEntries(
    [eur, nam, asiaApps, onPremises].map((group) => [group.displayName, { id: group.groupId, machineNames: group.machineNames }]),
);
