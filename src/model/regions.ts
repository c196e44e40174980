/**
 * Connector-group regions, and which cloud regions sit near each.
 *
 * A connector group can be placed in a region (Graph `connectorGroup.region`). Connectors should run close to the
 * apps they serve, and the group's region should be the one nearest to its connectors, so every cloud region here maps
 * to the group regions it is near, nearest first.
 */

/** A cloud that can host connectors. */
export type Cloud = "azure" | "aws" | "gcp";

/** All clouds, in the order the library documents them. */
export const CLOUDS: readonly Cloud[] = ["azure", "aws", "gcp"];

/** Facts about one connector-group region. */
export interface ConnectorGroupRegionInfo {
    /** The Graph value. */
    readonly id: string;
    /** What the Entra admin center calls it. */
    readonly displayName: string;
    /**
     * Whether Graph documents the value in the `connectorGroupRegion` enum and accepts it on create. `japan` is not in
     * the enum, but tenants have been seen returning it, and the admin center offers Japan: it is accepted, with a
     * warning that creating a group there through Graph may be refused.
     */
    readonly documentedInGraph: boolean;
}

/** The connector-group regions, keyed by Graph value. */
export const CONNECTOR_GROUP_REGIONS: Readonly<Record<string, ConnectorGroupRegionInfo>> = {
    nam: { id: "nam", displayName: "North America", documentedInGraph: true },
    eur: { id: "eur", displayName: "Europe", documentedInGraph: true },
    aus: { id: "aus", displayName: "Australia", documentedInGraph: true },
    asia: { id: "asia", displayName: "Asia", documentedInGraph: true },
    ind: { id: "ind", displayName: "India", documentedInGraph: true },
    japan: { id: "japan", displayName: "Japan", documentedInGraph: false },
};

/** The accepted values, for messages. */
export const CONNECTOR_GROUP_REGION_IDS: readonly string[] = Object.keys(CONNECTOR_GROUP_REGIONS);

/** Looks up a connector-group region by its Graph value (case-insensitive). Undefined when unknown. */
export function connectorGroupRegion(id: string): ConnectorGroupRegionInfo | undefined {
    return CONNECTOR_GROUP_REGIONS[id.toLowerCase()];
}

// The proximity catalogue. Each row: group regions nearest first, then the cloud regions near them. Regions in South
// America are nearest to `nam`, and those in the Middle East and Africa to `eur`: neither has a group region of its own.
type ProximityRow = readonly [groupRegions: readonly string[], cloudRegions: readonly string[]];

const AZURE_PROXIMITY: readonly ProximityRow[] = [
    [
        ["nam"],
        [
            "eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus", "westus", "westus2",
            "westus3", "canadacentral", "canadaeast", "mexicocentral", "brazilsouth", "brazilsoutheast", "chilecentral",
        ],
    ],
    [
        ["eur"],
        [
            "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "francesouth", "germanywestcentral",
            "germanynorth", "switzerlandnorth", "switzerlandwest", "norwayeast", "norwaywest", "swedencentral",
            "swedensouth", "polandcentral", "italynorth", "spaincentral", "austriaeast", "belgiumcentral",
            "denmarkeast", "uaenorth", "uaecentral", "qatarcentral", "israelcentral", "southafricanorth",
            "southafricawest",
        ],
    ],
    [["aus"], ["australiaeast", "australiasoutheast", "australiacentral", "australiacentral2", "newzealandnorth"]],
    [["ind"], ["centralindia", "southindia", "westindia", "jioindiawest", "jioindiacentral"]],
    [["japan", "asia"], ["japaneast", "japanwest"]],
    [["asia"], ["eastasia", "southeastasia", "koreacentral", "koreasouth", "indonesiacentral", "malaysiawest", "taiwannorth"]],
];

const AWS_PROXIMITY: readonly ProximityRow[] = [
    [
        ["nam"],
        [
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1", "us-gov-west-1", "ca-central-1",
            "ca-west-1", "mx-central-1", "sa-east-1",
        ],
    ],
    [
        ["eur"],
        [
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
            "eu-south-2", "il-central-1", "me-south-1", "me-central-1", "af-south-1",
        ],
    ],
    [["aus"], ["ap-southeast-2", "ap-southeast-4", "ap-southeast-6"]],
    [["ind"], ["ap-south-1", "ap-south-2"]],
    [["japan", "asia"], ["ap-northeast-1", "ap-northeast-3"]],
    [["asia"], ["ap-east-1", "ap-east-2", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-7"]],
];

const GCP_PROXIMITY: readonly ProximityRow[] = [
    [
        ["nam"],
        [
            "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3",
            "us-west4", "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1",
            "southamerica-east1", "southamerica-west1",
        ],
    ],
    [
        ["eur"],
        [
            "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west2",
            "europe-west3", "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10",
            "europe-west12", "me-central1", "me-central2", "me-west1", "africa-south1",
        ],
    ],
    [["aus"], ["australia-southeast1", "australia-southeast2"]],
    [["ind"], ["asia-south1", "asia-south2"]],
    [["japan", "asia"], ["asia-northeast1", "asia-northeast2"]],
    [["asia"], ["asia-east1", "asia-east2", "asia-northeast3", "asia-southeast1", "asia-southeast2"]],
];

function index(rows: readonly ProximityRow[]): ReadonlyMap<string, readonly string[]> {
    const map = new Map<string, readonly string[]>();
    for (const [groupRegions, cloudRegions] of rows) {
        for (const cloudRegion of cloudRegions) {
            map.set(cloudRegion, groupRegions);
        }
    }
    return map;
}

const PROXIMITY: Readonly<Record<Cloud, ReadonlyMap<string, readonly string[]>>> = {
    azure: index(AZURE_PROXIMITY),
    aws: index(AWS_PROXIMITY),
    gcp: index(GCP_PROXIMITY),
};

/** Normalises a cloud region name: Azure accepts display names ("West Europe"), AWS and GCP are lower-case already. */
export function normaliseCloudRegion(cloud: Cloud, region: string): string {
    const lower = region.trim().toLowerCase();
    return cloud === "azure" ? lower.replace(/\s+/g, "") : lower;
}

/** The cloud regions the catalogue knows, for one cloud. */
export function knownCloudRegions(cloud: Cloud): readonly string[] {
    return [...PROXIMITY[cloud].keys()];
}

/**
 * The connector-group regions near a cloud region, nearest first; undefined when the catalogue does not know the
 * cloud region.
 */
export function groupRegionsNear(cloud: Cloud, cloudRegion: string): readonly string[] | undefined {
    return PROXIMITY[cloud].get(normaliseCloudRegion(cloud, cloudRegion));
}

/** The connector-group region nearest to a cloud region; undefined when the catalogue does not know it. */
export function nearestGroupRegion(cloud: Cloud, cloudRegion: string): string | undefined {
    return groupRegionsNear(cloud, cloudRegion)?.[0];
}

/** The verdict on one host's placement relative to its group's region. */
export type Proximity = "near" | "far" | "unknown";

/** Whether a host in `cloudRegion` is near a group in `groupRegion`. */
export function proximity(cloud: Cloud, cloudRegion: string, groupRegion: string): Proximity {
    const near = groupRegionsNear(cloud, cloudRegion);
    if (near === undefined) {
        return "unknown";
    }
    return near.includes(groupRegion.toLowerCase()) ? "near" : "far";
}
