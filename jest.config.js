/**
 * Jest runs TypeScript through SWC (no type-checking: `npm run typecheck` does that once for the whole tree).
 * `connector-topology/*` resolves to the sources, as `tsconfig.json` paths do for tsc and tsx.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript" },
          target: "es2022",
          transform: { useDefineForClassFields: false },
        },
        module: { type: "commonjs" },
        sourceMaps: "inline",
      },
    ],
  },
  moduleNameMapper: {
    "^connector-topology$": "<rootDir>/components/index.ts",
    "^connector-topology/(azure|aws|gcp)$": "<rootDir>/components/$1/index.ts",
    "^connector-topology/(graph|rules|plan|testing)$": "<rootDir>/src/$1/index.ts",
  },
  setupFiles: ["<rootDir>/tests/setup.ts"],
  // Pulumi's mock engine and the Graph emulator keep a few handles per file; one worker per core is enough.
  maxWorkers: 2,
  // Each test file loads its own copy of @pulumi/pulumi, which stays reachable (its exit hooks): a worker past this
  // is replaced after its file, so that workers do not grow to a GiB over a run.
  workerIdleMemoryLimit: "768MB",
  testTimeout: 60000,
};
