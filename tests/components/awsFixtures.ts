/** Args that make a valid connector group on AWS, for the AWS component tests. */
import { type ConnectorGroupArgs } from "connector-topology";
import { type AwsConnectorHostsArgs } from "connector-topology/aws";
import { REGISTRATION_TOKEN, TENANT_ID } from "./fixtures";

export const VPC_ID = "vpc-0a1b2c3d4e5f60718";
export const SUBNETS = [
    { id: "subnet-0a1b2c3d4e5f60711", availabilityZone: "us-east-1a" },
    { id: "subnet-0a1b2c3d4e5f60722", availabilityZone: "us-east-1b" },
    { id: "subnet-0a1b2c3d4e5f60733", availabilityZone: "us-east-1c" },
];
export const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:connector-capacity";
export const APPLIANCE_AMI = "ami-0fedcba9876543210";
export const DIRECTORY = {
    directoryId: "d-1234567890",
    directoryName: "corp.example.com",
    dnsIpAddresses: ["10.0.10.5", "10.0.11.5"],
    directoryOu: "OU=Connectors,OU=corp,DC=corp,DC=example,DC=com",
};

/** A group of AWS hosts in North America; `aws` overrides the AWS block only. */
export function awsGroupArgs(overrides: Partial<ConnectorGroupArgs> = {}, aws: Partial<AwsConnectorHostsArgs> = {}): ConnectorGroupArgs {
    return {
        region: "nam",
        registration: { tenantId: TENANT_ID, token: REGISTRATION_TOKEN },
        aws: { vpcId: VPC_ID, subnets: SUBNETS.slice(0, 2), ...aws },
        ...overrides,
    };
}
