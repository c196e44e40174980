/**
 * The per-cloud host modules, loaded on first use. Each pulls in its cloud's SDK (by deep import), so a component
 * requires one only when it has hosts on that cloud, and `connector-topology` loads no cloud SDK for the others; the
 * type-only imports keep the calls typed.
 */
import type * as AwsHostSet from "../aws/awsHostSet";
import type * as AzureHostSet from "../azure/azureHostSet";
import type * as GcpHostSet from "../gcp/gcpHostSet";

/** `@pulumi/azure-native` (compute and network; monitor for alerts). */
export function loadAzureHostSet(): typeof AzureHostSet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../azure/azureHostSet") as typeof AzureHostSet;
}

/** `@pulumi/aws` (ec2, iam, ssm, cloudwatch). */
export function loadAwsHostSet(): typeof AwsHostSet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../aws/awsHostSet") as typeof AwsHostSet;
}

/** `@pulumi/gcp` (compute, serviceaccount, secretmanager, projects, monitoring). */
export function loadGcpHostSet(): typeof GcpHostSet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../gcp/gcpHostSet") as typeof GcpHostSet;
}
