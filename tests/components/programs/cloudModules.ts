/**
 * Run in a child process by the entry-point tests: loads the root entry point, optionally builds a group under the
 * mock engine (Azure hosts, with or without alerts, AWS hosts, GCP hosts, or existing hosts only) or loads the GCP
 * entry point, and prints which cloud SDK modules Node loaded.
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
    const registration = { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", token: "a.b.c" };
    const azure = { location: "westeurope", resourceGroupName: "rg", subnetId: "/subnet", adminPassword: "x" };
    if (process.argv.includes("--azure-group")) {
        new root.ConnectorGroup("eur", { region: "eur", registration, azure });
        await pulumi.runtime.disconnect();
    }
    if (process.argv.includes("--azure-alert-group")) {
        const actionGroupId = "/subscriptions/0/resourceGroups/ops/providers/microsoft.insights/actionGroups/connectors";
        new root.ConnectorGroup("eur", { region: "eur", registration, azure: { ...azure, scaleOutAlert: { actionGroupId } } });
        await pulumi.runtime.disconnect();
    }
    if (process.argv.includes("--aws-group")) {
        const subnets = [
            { id: "subnet-0a1b2c3d", availabilityZone: "us-east-1a" },
            { id: "subnet-0a1b2c3e", availabilityZone: "us-east-1b" },
        ];
        new root.ConnectorGroup("nam", { region: "nam", registration, aws: { vpcId: "vpc-0a1b2c3d", subnets } });
        await pulumi.runtime.disconnect();
    }
    if (process.argv.includes("--existing-group")) {
        new root.ConnectorGroup("onprem", {
            region: "eur",
            registration,
            existingHosts: [{ machineName: "CONN-PAR-1" }, { machineName: "CONN-PAR-2" }],
        });
        await pulumi.runtime.disconnect();
    }
    if (process.argv.includes("--gcp-group")) {
        new root.ConnectorGroup("asia", {
            region: "asia",
            registration: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", token: "a.b.c" },
            gcp: {
                project: "apps-prod-123",
                zones: ["asia-southeast1-a", "asia-southeast1-b"],
                subnetwork: "projects/n/regions/asia-southeast1/subnetworks/s",
                scaleOutAlert: { notificationChannels: ["projects/ops/notificationChannels/1"] },
            },
        });
        await pulumi.runtime.disconnect();
    }
    if (process.argv.includes("--gcp-entry")) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("../../../components/gcp");
    }
    process.stdout.write(JSON.stringify({ afterImport, atEnd: loadedCloudModules() }));
}

main().catch((error: unknown) => {
    process.stderr.write(String(error));
    process.exit(2);
});
