/**
 * Run in a child process by entryPoints.test.ts (and awsEntryPoints.test.ts): loads the root entry point, optionally
 * builds an Azure or an AWS group under the mock engine, and prints which cloud SDK modules Node loaded.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as Root from "../../../components";

function loadedCloudModules(): string[] {
    return Object.keys(require.cache)
        .map((file) => /node_modules[\\/]@pulumi[\\/]((?:azure-native|aws|gcp)[\\/].*)$/.exec(file)?.[1])
        .filter((file): file is string => file !== undefined)
        .map((file) => file.replace(/\\/g, "/"));
}

async function main(): Promise<void> {
    pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    // Required here, not imported at the top, so that what it loads is measured on its own.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const root = require("../../../components") as typeof Root;
    const afterImport = loadedCloudModules();
    if (process.argv.includes("--azure-group")) {
        new root.ConnectorGroup("eur", {
            region: "eur",
            registration: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", token: "a.b.c" },
            azure: { location: "westeurope", resourceGroupName: "rg", subnetId: "/subnet", adminPassword: "x" },
        });
        await pulumi.runtime.disconnect();
    }
    if (process.argv.includes("--aws-group")) {
        new root.ConnectorGroup("nam", {
            region: "nam",
            registration: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", token: "a.b.c" },
            aws: {
                vpcId: "vpc-0a1b2c3d",
                subnets: [
                    { id: "subnet-0a1b2c3d", availabilityZone: "us-east-1a" },
                    { id: "subnet-0a1b2c3e", availabilityZone: "us-east-1b" },
                ],
            },
        });
        await pulumi.runtime.disconnect();
    }
    process.stdout.write(JSON.stringify({ afterImport, atEnd: loadedCloudModules() }));
}

main().catch((error: unknown) => {
    process.stderr.write(String(error));
    process.exit(2);
});
