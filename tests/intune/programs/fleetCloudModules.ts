/**
 * Run in a child process by the fleet's entry-point test: loads the root entry point, builds one CertificateConnectorFleet
 * under the mock engine with hosts on the cloud named on the command line (`--azure`, `--aws`, `--gcp`; `--alerting`
 * adds that cloud's alerting), and prints which cloud SDK modules Node loaded.
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
    pulumi.runtime.setMocks(
        { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({ value: "ami-0123456789abcdef0" }) },
        "p",
        "s",
        false,
    );
    // Required here, not imported at the top, so that what it loads is measured on its own.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const root = require("../../../components") as typeof Root;
    const afterImport = loadedCloudModules();
    const alerting = process.argv.includes("--alerting");
    const args: Root.CertificateConnectorFleetArgs = { features: ["scep"], installer: { url: "https://example.com/i.exe" }, today: "2026-05-01" };
    if (process.argv.includes("--azure")) {
        args.azure = { location: "westeurope", resourceGroupName: "rg", subnetId: "/subnet", adminPassword: "x" };
        if (alerting) {
            args.azureMonitoring = {
                workspaceResourceId: "/subscriptions/0/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs",
                actionGroupId: "/subscriptions/0/resourceGroups/ops/providers/Microsoft.Insights/actionGroups/pki",
            };
        }
    }
    if (process.argv.includes("--aws")) {
        args.aws = {
            vpcId: "vpc-0a1b2c3d",
            subnets: [
                { id: "subnet-0a1b2c3d", availabilityZone: "us-east-1a" },
                { id: "subnet-0a1b2c3e", availabilityZone: "us-east-1b" },
            ],
        };
    }
    if (process.argv.includes("--gcp")) {
        args.gcp = { project: "pki-prod-123", zones: ["europe-west1-b", "europe-west1-c"], subnetwork: "projects/n/regions/europe-west1/subnetworks/s" };
        if (alerting) {
            args.gcpMonitoring = { notificationChannels: ["projects/pki-prod-123/notificationChannels/1"] };
        }
    }
    new root.CertificateConnectorFleet("pki", args);
    await pulumi.runtime.disconnect();
    process.stdout.write(JSON.stringify({ afterImport, atEnd: loadedCloudModules() }));
}

main().catch((error: unknown) => {
    process.stderr.write(String(error));
    process.exit(2);
});
