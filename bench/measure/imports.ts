/**
 * Import cost: a fresh Node process that loads one of the library's entry points, against a fresh process that loads
 * only the Pulumi SDK modules the entry point itself loads (the floor). Each runs several times, interleaved, and the
 * medians are compared. The library is measured as users run it: compiled by `tsc` (the package's `dist`), built
 * once into a cache directory.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { median } from "./stats";

/** The repository's root. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Where the compiled library goes (inside node_modules, so that its imports resolve). */
export const BUILD_DIR = path.join(REPO_ROOT, "node_modules/.cache/connector-topology-bench");

/** An entry point of the package, and the file `tsc` compiles it to. */
export interface EntryPoint {
    readonly name: string;
    readonly file: string;
    /** The cloud SDK it is for; the others must not load. */
    readonly cloud?: CloudSdk;
}

export type CloudSdk = "azure-native" | "aws" | "gcp";

export const CLOUD_SDKS: readonly CloudSdk[] = ["azure-native", "aws", "gcp"];

/** The entry points measured: the package's root and one per cloud. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
    { name: "connector-topology", file: "components/index.js" },
    { name: "connector-topology/azure", file: "components/azure/index.js", cloud: "azure-native" },
    { name: "connector-topology/aws", file: "components/aws/index.js", cloud: "aws" },
    { name: "connector-topology/gcp", file: "components/gcp/index.js", cloud: "gcp" },
];

/** Compiles the library (src and components) as `npm run build` does, without type-checking (`npm test` does that). */
export function buildLibrary(): void {
    fs.rmSync(BUILD_DIR, { recursive: true, force: true });
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const result = spawnSync(
        process.execPath,
        [tsc, "-p", "tsconfig.build.json", "--outDir", BUILD_DIR, "--noCheck", "--declaration", "false", "--sourceMap", "false"],
        { cwd: REPO_ROOT, encoding: "utf8" },
    );
    if (result.status !== 0) {
        throw new Error(`building the library failed:\n${result.stdout}${result.stderr}`);
    }
}

/** What one fresh process reported. */
interface ImportProbe {
    readonly ms: number;
    readonly peakRssBytes: number;
    /** Modules loaded from each cloud SDK. */
    readonly cloudModules: Record<CloudSdk, number>;
    /** The SDK modules (`@pulumi/pulumi`, `@pulumi/azure-native/compute`, ...) whose entry files were loaded. */
    readonly sdkModules: string[];
}

// Runs in the child: loads the modules, then reports peak RSS and what is in require.cache.
const PROBE = `
const modules = JSON.parse(process.argv[1]);
for (const m of modules) require(m);
const files = Object.keys(require.cache);
const cloudModules = {};
for (const sdk of ${JSON.stringify(CLOUD_SDKS)}) cloudModules[sdk] = files.filter((f) => f.includes("/node_modules/@pulumi/" + sdk + "/")).length;
const sdkModules = files
    .map((f) => /\\/node_modules\\/(@pulumi\\/(?:pulumi|azure-native\\/[^/]+|aws\\/[^/]+|gcp\\/[^/]+))\\/index\\.js$/.exec(f)?.[1])
    .filter((m) => m !== undefined && !/\\/types$/.test(m));
process.stdout.write(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024, cloudModules, sdkModules }));
`;

function probe(modules: readonly string[]): ImportProbe {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["-e", PROBE, JSON.stringify(modules)], { cwd: REPO_ROOT, encoding: "utf8" });
    const ms = performance.now() - started;
    if (result.status !== 0) {
        throw new Error(`importing ${modules.join(", ")} failed:\n${result.stderr}`);
    }
    return { ms, ...(JSON.parse(result.stdout) as Omit<ImportProbe, "ms">) };
}

/** The measurement of one entry point. */
export interface ImportCost {
    readonly entry: EntryPoint;
    readonly runs: number;
    /** The floor's modules: the SDK modules the entry point loaded. */
    readonly floorModules: readonly string[];
    readonly ms: number;
    readonly floorMs: number;
    readonly peakRssBytes: number;
    readonly floorPeakRssBytes: number;
    readonly cloudModules: Record<CloudSdk, number>;
}

/** Measures every entry point: `runs` fresh processes each, and as many of its floor, interleaved. */
export function measureImports(runs: number): ImportCost[] {
    return ENTRY_POINTS.map((entry): ImportCost => {
        const file = path.join(BUILD_DIR, entry.file);
        // A first, unmeasured run finds what the floor must load (and warms the file cache for both).
        const first = probe([file]);
        const floorModules = [...new Set(first.sdkModules)].sort();
        const library: ImportProbe[] = [];
        const floor: ImportProbe[] = [];
        for (let run = 0; run < runs; run++) {
            library.push(probe([file]));
            floor.push(probe(floorModules));
        }
        return {
            entry,
            runs,
            floorModules,
            ms: median(library.map((p) => p.ms)),
            floorMs: median(floor.map((p) => p.ms)),
            peakRssBytes: median(library.map((p) => p.peakRssBytes)),
            floorPeakRssBytes: median(floor.map((p) => p.peakRssBytes)),
            cloudModules: first.cloudModules,
        };
    });
}
