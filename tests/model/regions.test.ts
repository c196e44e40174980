import fc from "fast-check";
import {
    CLOUDS,
    CONNECTOR_GROUP_REGION_IDS,
    CONNECTOR_GROUP_REGIONS,
    connectorGroupRegion,
    groupRegionsNear,
    knownCloudRegions,
    nearestGroupRegion,
    normaliseCloudRegion,
    proximity,
} from "connector-topology";

describe("connector-group regions", () => {
    test("are Graph's documented values plus japan, which Graph does not document", () => {
        expect(CONNECTOR_GROUP_REGION_IDS).toEqual(["nam", "eur", "aus", "asia", "ind", "japan"]);
        expect(Object.values(CONNECTOR_GROUP_REGIONS).filter((r) => !r.documentedInGraph).map((r) => r.id)).toEqual(["japan"]);
    });

    test("are looked up case-insensitively; unknown values are undefined, not a crash", () => {
        expect(connectorGroupRegion("EUR")?.displayName).toBe("Europe");
        expect(connectorGroupRegion("unknownFutureValue")).toBeUndefined();
    });
});

describe("proximity catalogue", () => {
    test.each(CLOUDS)("on %s, every cloud region maps to known group regions, and is near the nearest one", (cloud) => {
        const regions = knownCloudRegions(cloud);
        expect(regions.length).toBeGreaterThan(10);
        for (const region of regions) {
            const near = groupRegionsNear(cloud, region) ?? [];
            expect(near.length).toBeGreaterThan(0);
            for (const groupRegion of near) {
                expect(CONNECTOR_GROUP_REGION_IDS).toContain(groupRegion);
            }
            expect(proximity(cloud, region, nearestGroupRegion(cloud, region)!)).toBe("near");
        }
    });

    test("every group region has cloud regions near it on every cloud", () => {
        for (const cloud of CLOUDS) {
            const covered = new Set(knownCloudRegions(cloud).flatMap((region) => groupRegionsNear(cloud, region) ?? []));
            expect([...covered].sort()).toEqual([...CONNECTOR_GROUP_REGION_IDS].sort());
        }
    });

    test("places well-known regions where a reader expects them", () => {
        expect(nearestGroupRegion("azure", "West Europe")).toBe("eur");
        expect(nearestGroupRegion("azure", "eastus")).toBe("nam");
        expect(nearestGroupRegion("azure", "brazilsouth")).toBe("nam");
        expect(nearestGroupRegion("azure", "japaneast")).toBe("japan");
        expect(proximity("azure", "japaneast", "asia")).toBe("near");
        expect(nearestGroupRegion("aws", "ap-south-1")).toBe("ind");
        expect(nearestGroupRegion("gcp", "australia-southeast1")).toBe("aus");
        expect(proximity("azure", "westeurope", "nam")).toBe("far");
        expect(proximity("azure", "usgovvirginia", "nam")).toBe("unknown");
    });

    test("normalising an Azure display name is idempotent and strips spaces and case", () => {
        fc.assert(
            fc.property(fc.string(), (name) => {
                const once = normaliseCloudRegion("azure", name);
                expect(normaliseCloudRegion("azure", once)).toBe(once);
                expect(once).not.toMatch(/\s|[A-Z]/);
            }),
        );
    });
});
