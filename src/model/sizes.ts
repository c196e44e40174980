/**
 * Per-cloud catalogues of VM sizes, so that the sizing rule can be "at least 4 vCPU and 8 GiB" rather than a list of
 * blessed names. A size the catalogue does not know is never passed silently: it is an error, unless the user states
 * its capacity explicitly (a size override), and then the same minimum applies to what they stated.
 */
import { type Cloud } from "./regions";

/** Capacity of one VM size. */
export interface VmCapacity {
    /** Virtual CPUs. */
    readonly vcpus: number;
    /** Memory, in GiB. */
    readonly memoryGiB: number;
}

/** Microsoft's minimum for a connector host: 4 CPU cores and 8 GB of memory. */
export const MINIMUM_CONNECTOR_CAPACITY: VmCapacity = { vcpus: 4, memoryGiB: 8 };

/** The size each cloud's hosts get when the user names none: the smallest general-purpose size with 4 vCPU / 8 GiB. */
export const DEFAULT_VM_SIZE: Readonly<Record<Cloud, string>> = {
    azure: "Standard_D4ls_v5",
    aws: "c6i.xlarge",
    gcp: "c2d-highcpu-4",
};

type SizeTable = Readonly<Record<string, VmCapacity>>;

function sizes(rows: readonly (readonly [name: string, vcpus: number, memoryGiB: number])[]): SizeTable {
    return Object.fromEntries(rows.map(([name, vcpus, memoryGiB]) => [name, { vcpus, memoryGiB }]));
}

// Azure names are matched case-insensitively (the API does), so keys are lower-case.
const AZURE_SIZES = sizes([
    ["standard_b2s", 2, 4], ["standard_b2ms", 2, 8], ["standard_b4ms", 4, 16], ["standard_b8ms", 8, 32],
    ["standard_d2s_v3", 2, 8], ["standard_d4s_v3", 4, 16], ["standard_d8s_v3", 8, 32],
    ["standard_d2s_v4", 2, 8], ["standard_d4s_v4", 4, 16], ["standard_d8s_v4", 8, 32],
    ["standard_d2s_v5", 2, 8], ["standard_d4s_v5", 4, 16], ["standard_d8s_v5", 8, 32], ["standard_d16s_v5", 16, 64],
    ["standard_d2ds_v5", 2, 8], ["standard_d4ds_v5", 4, 16], ["standard_d8ds_v5", 8, 32],
    ["standard_d2as_v5", 2, 8], ["standard_d4as_v5", 4, 16], ["standard_d8as_v5", 8, 32],
    ["standard_d2ls_v5", 2, 4], ["standard_d4ls_v5", 4, 8], ["standard_d8ls_v5", 8, 16],
    ["standard_d2als_v5", 2, 4], ["standard_d4als_v5", 4, 8], ["standard_d8als_v5", 8, 16],
    ["standard_d2s_v6", 2, 8], ["standard_d4s_v6", 4, 16], ["standard_d8s_v6", 8, 32],
    ["standard_d2ls_v6", 2, 4], ["standard_d4ls_v6", 4, 8], ["standard_d8ls_v6", 8, 16],
    ["standard_d2als_v6", 2, 4], ["standard_d4als_v6", 4, 8], ["standard_d8als_v6", 8, 16],
    ["standard_f2s_v2", 2, 4], ["standard_f4s_v2", 4, 8], ["standard_f8s_v2", 8, 16], ["standard_f16s_v2", 16, 32],
    ["standard_e2s_v5", 2, 16], ["standard_e4s_v5", 4, 32], ["standard_e8s_v5", 8, 64],
]);

const AWS_SIZES = sizes([
    ["t3.medium", 2, 4], ["t3.large", 2, 8], ["t3.xlarge", 4, 16], ["t3.2xlarge", 8, 32],
    ["t3a.large", 2, 8], ["t3a.xlarge", 4, 16],
    ["c5.large", 2, 4], ["c5.xlarge", 4, 8], ["c5.2xlarge", 8, 16],
    ["c6i.large", 2, 4], ["c6i.xlarge", 4, 8], ["c6i.2xlarge", 8, 16],
    ["c6a.large", 2, 4], ["c6a.xlarge", 4, 8], ["c6a.2xlarge", 8, 16],
    ["c7i.large", 2, 4], ["c7i.xlarge", 4, 8], ["c7i.2xlarge", 8, 16],
    ["c7a.xlarge", 4, 8], ["c7a.2xlarge", 8, 16],
    ["m5.large", 2, 8], ["m5.xlarge", 4, 16], ["m5.2xlarge", 8, 32],
    ["m6i.large", 2, 8], ["m6i.xlarge", 4, 16], ["m6i.2xlarge", 8, 32],
    ["m6a.large", 2, 8], ["m6a.xlarge", 4, 16],
    ["m7i.large", 2, 8], ["m7i.xlarge", 4, 16], ["m7i.2xlarge", 8, 32],
    ["r6i.large", 2, 16], ["r6i.xlarge", 4, 32],
]);

const GCP_SIZES = sizes([
    ["e2-medium", 2, 4], ["e2-standard-2", 2, 8], ["e2-standard-4", 4, 16], ["e2-standard-8", 8, 32],
    ["e2-highcpu-4", 4, 4], ["e2-highcpu-8", 8, 8],
    ["n2-standard-2", 2, 8], ["n2-standard-4", 4, 16], ["n2-standard-8", 8, 32],
    ["n2-highcpu-4", 4, 4], ["n2-highcpu-8", 8, 8],
    ["n2d-standard-2", 2, 8], ["n2d-standard-4", 4, 16], ["n2d-highcpu-8", 8, 8],
    ["c2d-highcpu-2", 2, 4], ["c2d-highcpu-4", 4, 8], ["c2d-highcpu-8", 8, 16], ["c2d-standard-4", 4, 16],
    ["c2-standard-4", 4, 16], ["c2-standard-8", 8, 32],
    ["c3-highcpu-4", 4, 8], ["c3-standard-4", 4, 16], ["c3-highcpu-8", 8, 16],
    ["n4-highcpu-4", 4, 8], ["n4-standard-4", 4, 16],
]);

const CATALOGUE: Readonly<Record<Cloud, SizeTable>> = { azure: AZURE_SIZES, aws: AWS_SIZES, gcp: GCP_SIZES };

// GCP custom machine types: `<family>-custom-<vcpus>-<memory MiB>`, optionally `-ext` for extended memory.
const GCP_CUSTOM = /^(?:(n1|n2|n2d|n4|e2)-)?custom-(\d+)-(\d+)(?:-ext)?$/;

/** The capacity of a size, from the cloud's catalogue; undefined when the catalogue does not know it. */
export function vmCapacity(cloud: Cloud, size: string): VmCapacity | undefined {
    const name = size.trim();
    if (cloud === "gcp") {
        const custom = GCP_CUSTOM.exec(name.replace(/^.*\/machineTypes\//, ""));
        if (custom) {
            return { vcpus: Number(custom[2]), memoryGiB: Number(custom[3]) / 1024 };
        }
        return GCP_SIZES[name.replace(/^.*\/machineTypes\//, "")];
    }
    return CATALOGUE[cloud][cloud === "azure" ? name.toLowerCase() : name];
}

/** The sizes a cloud's catalogue knows, for messages and docs. */
export function knownSizes(cloud: Cloud): readonly string[] {
    return Object.keys(CATALOGUE[cloud]);
}

/** Whether a capacity meets the connector minimum. */
export function meetsConnectorMinimum(capacity: VmCapacity): boolean {
    return capacity.vcpus >= MINIMUM_CONNECTOR_CAPACITY.vcpus && capacity.memoryGiB >= MINIMUM_CONNECTOR_CAPACITY.memoryGiB;
}

/** How a size was judged. */
export interface SizeVerdict {
    /** `ok`: meets the minimum; `undersized`: known and too small; `unknown`: not in the catalogue and no override. */
    readonly verdict: "ok" | "undersized" | "unknown";
    /** The capacity used for the verdict (from the catalogue or the override). */
    readonly capacity?: VmCapacity;
    /** Where the capacity came from. */
    readonly source?: "catalogue" | "override";
}

/**
 * Judges a size against the connector minimum. `override` is the capacity a user states for a size the catalogue does
 * not know (or knows differently); it wins over the catalogue, so the user's statement is what is checked.
 */
export function judgeSize(cloud: Cloud, size: string, override?: VmCapacity): SizeVerdict {
    const capacity = override ?? vmCapacity(cloud, size);
    if (capacity === undefined) {
        return { verdict: "unknown" };
    }
    const source = override ? "override" : "catalogue";
    return { verdict: meetsConnectorMinimum(capacity) ? "ok" : "undersized", capacity, source };
}

/** Formats a capacity for messages: `4 vCPU, 8 GiB`. */
export function formatCapacity(capacity: VmCapacity): string {
    return `${capacity.vcpus} vCPU, ${capacity.memoryGiB} GiB`;
}
