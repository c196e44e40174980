/**
 * Jest runs TypeScript through SWC (no type-checking: `npm run typecheck` does that once for the whole tree).
 * `connector-topology/*` resolves to the sources, as `tsconfig.json` paths do for tsc and tsx.
 */
const fs = require("node:fs");
const path = require("node:path");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Only the folders that exist: jest refuses a missing root, and not every branch has every folder.
  roots: ["tests", "src", "components", "policy"]
    .filter((folder) => fs.existsSync(path.join(__dirname, folder)))
    .map((folder) => `<rootDir>/${folder}`),
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
  testTimeout: 60000,
};
