/**
 * Where a synthetic estate's connectors run: the host mix, in one table. Group `i` takes the rows in turn, each row
 * as often as its weight says, and the row declares that group's connectors (three, unless asked otherwise) in
 * `ConnectorGroupArgs` terms.
 *
 * Only Azure VMs are on this branch. When AWS, GCP, existing (on-premises) hosts and the Azure appliance land on
 * ConnectorGroup, add one row each here (for example `{ name: "aws-vm", weight: 1, hosts: (group, secrets, n) => ({ aws: {...} }) }`,
 * or a row that splits the connectors over two clouds): the estate, the plan, the floor and the report pick
 * the rows up with no other change.
 */
import { type ConnectorGroupArgs } from "connector-topology";
import type * as pulumi from "@pulumi/pulumi";

/** How many connectors every group of the estate has. */
export const CONNECTORS_PER_GROUP = 3;

/** One group of the estate, as a mix row sees it. */
export interface EstateGroup {
    /** 0-based position in the estate. */
    readonly index: number;
    /** The resource name (also the display name). */
    readonly name: string;
    /** A short prefix that makes the group's computer names unique in the tenant (`g123`). */
    readonly computerNamePrefix: string;
    /** The connector-group region and a cloud region near it, per cloud. */
    readonly place: EstatePlace;
}

/** A connector-group region with a nearby cloud region per cloud. */
export interface EstatePlace {
    readonly region: string;
    readonly azure: string;
    readonly aws: string;
    readonly gcp: string;
}

/** The connector-group regions the estate cycles through, with a cloud region near each. */
export const ESTATE_PLACES: readonly EstatePlace[] = [
    { region: "eur", azure: "westeurope", aws: "eu-west-1", gcp: "europe-west1" },
    { region: "nam", azure: "eastus", aws: "us-east-1", gcp: "us-central1" },
    { region: "asia", azure: "southeastasia", aws: "ap-southeast-1", gcp: "asia-southeast1" },
    { region: "aus", azure: "australiaeast", aws: "ap-southeast-2", gcp: "australia-southeast1" },
    { region: "ind", azure: "centralindia", aws: "ap-south-1", gcp: "asia-south1" },
];

/** The secrets every group's hosts need. */
export interface EstateSecrets {
    readonly adminPassword: pulumi.Output<string>;
}

/** One row of the host mix. */
export interface HostPlacement {
    /** How the report names the row. */
    readonly name: string;
    /** How many groups in a turn take this row. */
    readonly weight: number;
    /** The group's hosts: `connectors` of them in all. */
    readonly hosts: (group: EstateGroup, secrets: EstateSecrets, connectors: number) => Partial<ConnectorGroupArgs>;
}

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-0000000000be";

/** The host mix. */
export const HOST_MIX: readonly HostPlacement[] = [
    {
        name: "azure-vm",
        weight: 1,
        hosts: (group, secrets, connectors) => ({
            azure: {
                location: group.place.azure,
                resourceGroupName: `connectors-${group.place.region}`,
                subnetId: `${SUBSCRIPTION}/resourceGroups/network-${group.place.region}/providers/Microsoft.Network/virtualNetworks/hub/subnets/connectors`,
                count: connectors,
                computerNamePrefix: group.computerNamePrefix,
                adminPassword: secrets.adminPassword,
            },
        }),
    },
];

/** The mix row group `index` takes. */
export function placementOf(index: number, mix: readonly HostPlacement[] = HOST_MIX): HostPlacement {
    const turn = mix.reduce((sum, row) => sum + row.weight, 0);
    let position = index % turn;
    for (const row of mix) {
        if (position < row.weight) {
            return row;
        }
        position -= row.weight;
    }
    throw new Error("the host mix is empty");
}
