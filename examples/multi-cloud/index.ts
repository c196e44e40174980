/**
 * A multi-cloud connector estate: connectors next to the apps they serve, in every location where apps live.
 *
 * - Europe on Azure: two Windows Server 2022 hosts in West Europe's zones, domain-joined for SSO, with scale-out
 *   alerts to the operations team's action group.
 * - North America on AWS, Asia on GCP: see the TODO blocks below.
 * - On premises: the Paris datacenter's servers, which this stack does not build. The group only moves their
 *   connectors into it. To set up a new server the same way the cloud hosts are, see docs/existing-hosts.md.
 *
 * Ids come from stack config (Pulumi.dev.yaml); secrets are `secure:` values.
 */
import * as pulumi from "@pulumi/pulumi";
import { AppAssignment, ConnectorGroup, type ExistingHostArgs } from "connector-topology";

interface EuropeConfig {
    resourceGroupName: string;
    subnetId: string;
    actionGroupId: string;
}

const config = new pulumi.Config();
const registration = { tenantId: config.require("tenantId"), token: config.requireSecret("registrationToken") };
const domainJoin = {
    ...config.requireObject<{ domainName: string; username: string; ouPath?: string }>("domainJoin"),
    password: config.requireSecret("domainJoinPassword"),
};
const europe = config.requireObject<EuropeConfig>("europe");
const apps = config.requireObject<{ fileShares: string; erpBackOffice: string }>("apps");

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

// TODO(lead, at merge of the aws branch): North America on AWS. A ConnectorGroup "nam-apps" in region "nam" with
// `aws` hosts in us-east-1, spread over two availability zones, its scale-out alert to an SNS topic, and the
// assignment of the North American apps to it. Add the AWS settings to Pulumi.dev.yaml next to `europe`.

// TODO(lead, at merge of the gcp branch): Asia on GCP. A ConnectorGroup "asia-apps" in region "asia" with `gcp`
// hosts in asia-southeast1, spread over its zones, its scale-out alert to a notification channel, and the assignment
// of the Asian apps to it. Add the GCP settings to Pulumi.dev.yaml next to `europe`.

const onPremises = new ConnectorGroup("onprem-paris", {
    region: "eur",
    registration: { tenantId: registration.tenantId },
    existingHosts: config.requireObject<ExistingHostArgs[]>("onPremisesServers"),
});

new AppAssignment("file-shares", { connectorGroup: eur, applicationObjectId: apps.fileShares });
new AppAssignment("erp-back-office", { connectorGroup: onPremises, applicationObjectId: apps.erpBackOffice });

/** Per group: the Entra group id and the connectors' machine names. */
export const connectorGroups = Object.fromEntries(
    [eur, onPremises].map((group) => [group.displayName, { id: group.groupId, machineNames: group.machineNames }]),
);
