import fc from "fast-check";
import { CLOUDS, DEFAULT_VM_SIZE, formatCapacity, judgeSize, knownSizes, meetsConnectorMinimum, vmCapacity } from "connector-topology";

describe("size catalogue", () => {
    test.each(CLOUDS)("the default %s size is catalogued and exactly meets the 4 vCPU / 8 GiB minimum", (cloud) => {
        expect(vmCapacity(cloud, DEFAULT_VM_SIZE[cloud])).toEqual({ vcpus: 4, memoryGiB: 8 });
        expect(judgeSize(cloud, DEFAULT_VM_SIZE[cloud]).verdict).toBe("ok");
    });

    test("holds the reference's figures", () => {
        expect(vmCapacity("azure", "Standard_F4s_v2")).toEqual({ vcpus: 4, memoryGiB: 8 });
        expect(vmCapacity("azure", "standard_d4s_v5")).toEqual({ vcpus: 4, memoryGiB: 16 });
        expect(vmCapacity("azure", "Standard_D4als_v5")).toEqual({ vcpus: 4, memoryGiB: 8 });
        expect(vmCapacity("aws", "c5.xlarge")).toEqual({ vcpus: 4, memoryGiB: 8 });
        expect(vmCapacity("aws", "m6i.xlarge")).toEqual({ vcpus: 4, memoryGiB: 16 });
        expect(vmCapacity("gcp", "c2d-highcpu-4")).toEqual({ vcpus: 4, memoryGiB: 8 });
        expect(vmCapacity("gcp", "zones/us-central1-a/machineTypes/n2-custom-4-8192")).toEqual({ vcpus: 4, memoryGiB: 8 });
    });

    test("a catalogued size is judged by its capacity", () => {
        for (const cloud of CLOUDS) {
            for (const size of knownSizes(cloud)) {
                const capacity = vmCapacity(cloud, size)!;
                expect(judgeSize(cloud, size)).toEqual({
                    verdict: meetsConnectorMinimum(capacity) ? "ok" : "undersized",
                    capacity,
                    source: "catalogue",
                });
            }
        }
    });

    test("GCP custom machine types are read from their name, for any family and capacity", () => {
        fc.assert(
            fc.property(
                fc.constantFrom("", "n1-", "n2-", "n2d-", "n4-", "e2-"),
                fc.integer({ min: 1, max: 224 }),
                fc.integer({ min: 256, max: 1_048_576 }),
                fc.boolean(),
                (family, vcpus, memoryMiB, extended) => {
                    const name = `${family}custom-${vcpus}-${memoryMiB}${extended ? "-ext" : ""}`;
                    expect(vmCapacity("gcp", name)).toEqual({ vcpus, memoryGiB: memoryMiB / 1024 });
                    expect(judgeSize("gcp", name).verdict).toBe(vcpus >= 4 && memoryMiB >= 8192 ? "ok" : "undersized");
                },
            ),
        );
    });

    test("an unknown size is never passed silently; an override is judged on what it states", () => {
        expect(judgeSize("azure", "Standard_Future_v9")).toEqual({ verdict: "unknown" });
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 512 }), (vcpus, memoryGiB) => {
                const verdict = judgeSize("azure", "Standard_Future_v9", { vcpus, memoryGiB });
                expect(verdict.source).toBe("override");
                expect(verdict.verdict).toBe(vcpus >= 4 && memoryGiB >= 8 ? "ok" : "undersized");
            }),
        );
    });

    test("capacities format for messages", () => {
        expect(formatCapacity({ vcpus: 2, memoryGiB: 4 })).toBe("2 vCPU, 4 GiB");
    });
});
