/**
 * Where a synthetic estate's connectors run: the host mix, in one table. Group `i` takes the rows in turn, each row
 * as often as its weight says, and the row declares that group's connectors (three, unless asked otherwise) in
 * `ConnectorGroupArgs` terms.
 *
 * Half the groups run on Azure VMs, and the rest on AWS instances, on GCP instances, or split between Azure VMs and
 * an existing on-premises server, so that every host planner, bootstrap and launcher is in the measurement. A new
 * kind of host needs one row here: the estate, the plan, the floor and the report pick it up with no other change.
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

/** A group's Azure VMs: `count` of them, in the region near the group. */
function azureHosts(group: EstateGroup, secrets: EstateSecrets, count: number): Partial<ConnectorGroupArgs> {
    return {
        azure: {
            location: group.place.azure,
            resourceGroupName: `connectors-${group.place.region}`,
            subnetId: `${SUBSCRIPTION}/resourceGroups/network-${group.place.region}/providers/Microsoft.Network/virtualNetworks/hub/subnets/connectors`,
            count,
            computerNamePrefix: group.computerNamePrefix,
            adminPassword: secrets.adminPassword,
        },
    };
}

/** The host mix. */
export const HOST_MIX: readonly HostPlacement[] = [
    { name: "azure-vm", weight: 2, hosts: azureHosts },
    {
        name: "aws-instance",
        weight: 1,
        hosts: (group, _secrets, connectors) => ({
            aws: {
                vpcId: "vpc-0a1b2c3d4e5f60718",
                subnets: ["a", "b"].map((zone, n) => ({ id: `subnet-0a1b2c3d4e5f6071${n}`, availabilityZone: `${group.place.aws}${zone}` })),
                count: connectors,
                computerNamePrefix: group.computerNamePrefix,
                // The domain controllers the SSO groups' hosts join through.
                domainControllerCidrs: ["10.0.10.0/24"],
            },
        }),
    },
    {
        name: "gcp-instance",
        weight: 1,
        hosts: (group, _secrets, connectors) => ({
            gcp: {
                project: "connectors-prod",
                zones: [`${group.place.gcp}-a`, `${group.place.gcp}-b`],
                subnetwork: `projects/network-hub-prod/regions/${group.place.gcp}/subnetworks/connectors`,
                count: connectors,
                computerNamePrefix: group.computerNamePrefix,
            },
        }),
    },
    {
        name: "azure-vm + on-premises server",
        weight: 1,
        hosts: (group, secrets, connectors) => ({
            ...azureHosts(group, secrets, connectors - 1),
            existingHosts: [{ machineName: `${group.computerNamePrefix}-onprem`.toUpperCase(), domainJoined: true, location: "on-premises", inDefaultGroup: true }],
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
