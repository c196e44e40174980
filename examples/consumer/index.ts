/**
 * A consumer stack: the payroll team adds one connector group next to its app, and assigns the app to it. Two
 * Windows Server 2022 hosts in West Europe's zones 1 and 2, the Entra group in `eur`, each connector registered and
 * moved into the group: everything else is the package's defaults. (`hostCount` and `allowSingleConnector` exist for
 * the `single-connector` stack, which shows what the policy pack rejects.)
 */
import * as pulumi from "@pulumi/pulumi";
import { AppAssignment, ConnectorGroup } from "connector-topology";

const config = new pulumi.Config();

const payroll = new ConnectorGroup("payroll-eur", {
    region: "eur",
    registration: { tenantId: config.require("tenantId"), token: config.requireSecret("registrationToken") },
    azure: {
        location: "westeurope",
        resourceGroupName: config.require("resourceGroupName"),
        subnetId: config.require("subnetId"),
        adminPassword: config.requireSecret("adminPassword"),
        count: config.getNumber("hostCount"),
    },
    allowSingleConnector: config.getBoolean("allowSingleConnector"),
});

new AppAssignment("payroll", { connectorGroup: payroll, applicationObjectId: config.require("payrollAppObjectId") });

export const connectorGroupId = payroll.groupId;
export const connectorHostIps = payroll.privateIps;
