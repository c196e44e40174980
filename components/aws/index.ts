/**
 * `connector-topology/aws`: connector hosts on AWS. Loads `@pulumi/aws` (ec2, iam, ssm and cloudwatch only, by deep
 * import).
 */
export * from "./args";
export * from "./AwsConnectorHost";
