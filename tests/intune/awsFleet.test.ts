/** A CertificateConnectorFleet with hosts on AWS, under the mock engine: the same host machinery as a connector group's. */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import {
    type CertificateConnectorFleetArgs,
    type CertificateConnectorFleetSummary,
    COMPONENT_TYPES,
    CertificateConnectorFleet,
    InputValidationError,
} from "connector-topology";
import { type AwsConnectorHostsArgs } from "connector-topology/aws";
import { DIRECTORY, SUBNETS, TOPIC_ARN, VPC_ID } from "../components/awsFixtures";
import { DOMAIN_JOIN, DOMAIN_PASSWORD } from "../components/fixtures";
import { inputsOf, isSecret, type MockEngine, outputOf, reveal, startMockEngine } from "../components/harness";
import { bootstrapInUserData, expectSecretOnlyIn, fleetWithoutHosts, INSTALLER_URL, SERVICE_PASSWORD } from "./fixtures";

const INSTANCE = "aws:ec2/instance:Instance";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const PARAMETER = "aws:ssm/parameter:Parameter";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const ASSOCIATION = "aws:ssm/association:Association";
const PATH = "/connector-topology/connector-topology/test/pki/";

interface InstanceInputs {
    instanceType: string;
    availabilityZone: string;
    associatePublicIpAddress: boolean;
    userData: string;
    tags: Record<string, string>;
}

function awsHosts(overrides: Partial<AwsConnectorHostsArgs> = {}): AwsConnectorHostsArgs {
    return { vpcId: VPC_ID, subnets: SUBNETS.slice(0, 2), domainControllerCidrs: ["10.0.10.0/24"], ...overrides };
}

function awsFleet(overrides: Partial<CertificateConnectorFleetArgs> = {}, aws: Partial<AwsConnectorHostsArgs> = {}): CertificateConnectorFleetArgs {
    return fleetWithoutHosts({ aws: awsHosts(aws), ...overrides });
}

/** Printable ASCII that gzip cannot shrink much: SHA-256 digests, base64-encoded. */
function incompressibleText(length: number): string {
    let text = "";
    for (let i = 0; text.length < length; i++) {
        text += createHash("sha256").update(String(i)).digest("base64");
    }
    return text.slice(0, length);
}

describe("CertificateConnectorFleet on AWS", () => {
    let engine: MockEngine;
    let warn: jest.SpyInstance;
    beforeEach(() => {
        engine = startMockEngine();
        warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    });
    afterEach(async () => {
        await engine.settle();
        warn.mockRestore();
    });

    const instances = () => engine.ofType(INSTANCE).map((instance) => inputsOf<InstanceInputs>(instance));

    test("builds two instances in two zones, tagged as Intune certificate connectors, that run the Intune bootstrap after the domain join", async () => {
        const fleet = new CertificateConnectorFleet("pki", awsFleet({ enrolmentDates: { "pki-aws-1": "2025-09-15", "pki-aws-2": "2026-01-10" } }));
        const [hostIds, privateIps] = await Promise.all([outputOf(fleet.hostIds), outputOf(fleet.privateIps)]);
        await engine.settle();

        expect(engine.ofType(COMPONENT_TYPES.AwsConnectorHost).map((host) => host.name)).toEqual(["pki-aws-1", "pki-aws-2"]);
        expect(instances().map((instance) => [instance.tags.Name, instance.availabilityZone, instance.instanceType])).toEqual([
            ["pki-aws-1", "us-east-1a", "c6i.xlarge"],
            ["pki-aws-2", "us-east-1b", "c6i.xlarge"],
        ]);
        for (const instance of instances()) {
            expect(instance.associatePublicIpAddress).toBe(false);
            expect(instance.tags).toEqual({ Name: instance.tags.Name, "connector-group": "pki", "connector-kind": "intune-certificate" });
            // The launcher names the host, joins the domain with the password from SSM, then runs the Intune bootstrap.
            expect(instance.userData).toContain("Join-PlannedDomain");
            expect(instance.userData).toContain(`$JoinPasswordParameterName = '${PATH}DomainJoinPassword'`);
            const script = bootstrapInUserData(instance.userData);
            expect(script).toContain("Certificate Connector for Microsoft Intune bootstrap");
            expect(script).toContain("$ServiceAccount = 'CORP\\svc-intune'");
            expect(script).toContain("$DomainName = 'corp.example.com'");
            expect(script).toContain(`@{ 'InstallerUrl' = '${PATH}InstallerUrl'; 'ServiceAccountPassword' = '${PATH}ServiceAccountPassword' }`);
            expect(script).not.toContain("RegistrationToken");
        }
        for (const type of [SECURITY_GROUP, PARAMETER, ROLE, PROFILE]) {
            for (const registration of engine.ofType(type)) {
                expect(registration.inputs.tags).toEqual({ "connector-group": "pki", "connector-kind": "intune-certificate" });
            }
        }
        expect(fleet.machineNames).toEqual(["pki-aws-1", "pki-aws-2"]);
        expect(hostIds).toEqual(["pki-aws-1-instance-id", "pki-aws-2-instance-id"]);
        expect(privateIps).toHaveLength(2);
        expect(fleet.calendar.entries.map((entry) => [entry.machineName, entry.expiryDate])).toEqual([
            ["pki-aws-1", "2026-09-15"],
            ["pki-aws-2", "2027-01-10"],
        ]);
        const summary = engine.find(COMPONENT_TYPES.CertificateConnectorFleet, "pki").inputs as unknown as CertificateConnectorFleetSummary;
        expect(summary.hosts.map((host) => [host.machineName, host.platform, host.cloudRegion, host.zone, host.domainJoined])).toEqual([
            ["pki-aws-1", "aws", "us-east-1", "us-east-1a", true],
            ["pki-aws-2", "aws", "us-east-1", "us-east-1b", true],
        ]);
        expect(summary).toMatchObject({ domainJoined: true, azureAlerting: false, gcpAlerting: false });
        expect(warn).not.toHaveBeenCalled();
    });

    test("stores the installer URL, the service-account password and the join password as SSM SecureStrings its role alone reads", async () => {
        new CertificateConnectorFleet("pki", awsFleet());
        await engine.settle();
        const parameters = engine.ofType(PARAMETER);
        expect(parameters.map((parameter) => [parameter.name, parameter.inputs.name, parameter.inputs.type]).sort()).toEqual([
            ["pki-aws-domain-join-password", `${PATH}DomainJoinPassword`, "SecureString"],
            ["pki-aws-installer-url", `${PATH}InstallerUrl`, "SecureString"],
            ["pki-aws-service-account-password", `${PATH}ServiceAccountPassword`, "SecureString"],
        ]);
        const policy = JSON.parse(reveal(engine.find(ROLE_POLICY, "pki-aws-policy").inputs.policy) as string) as {
            Statement: { Sid: string; Resource: unknown }[];
        };
        expect(policy.Statement.find((statement) => statement.Sid === "ReadOwnSecrets")?.Resource).toEqual(
            expect.arrayContaining(parameters.map((parameter) => `arn:aws:ssm:eu-west-1:123456789012:parameter${String(parameter.inputs.name)}`)),
        );
        expect(policy.Statement.find((statement) => statement.Sid === "ReadOwnSecrets")?.Resource).toHaveLength(3);
        const expectations: [string, string][] = [
            [INSTALLER_URL, "pki-aws-installer-url"],
            [SERVICE_PASSWORD, "pki-aws-service-account-password"],
            [DOMAIN_PASSWORD, "pki-aws-domain-join-password"],
        ];
        for (const [secret, holder] of expectations) {
            expectSecretOnlyIn(engine, secret, [holder]);
            expect(isSecret(engine.find(PARAMETER, holder).inputs.value)).toBe(true);
        }
        // Not in user data either, where whereMentioned cannot see inside the packed bootstrap.
        for (const instance of instances()) {
            for (const [secret] of expectations) {
                expect(instance.userData).not.toContain(secret);
                expect(bootstrapInUserData(instance.userData)).not.toContain(secret);
            }
        }
    });

    test("lets out HTTPS and HTTP for the certificate connector, and the Active Directory ports to the domain controllers only", async () => {
        new CertificateConnectorFleet("pki", awsFleet());
        await engine.settle();
        const securityGroup = inputsOf<{ description: string; ingress: unknown[]; egress: Record<string, unknown>[] }>(engine.find(SECURITY_GROUP, "pki-aws-sg"));
        expect(securityGroup.ingress).toEqual([]);
        expect(securityGroup.description).toContain("intune-certificate");
        // The role and the parameters say whose hosts they serve: the fleet's, not a connector group's.
        expect(inputsOf<{ description: string }>(engine.find(ROLE, "pki-aws-role")).description).toBe(
            "Connector hosts of one Certificate Connector fleet: what they may do is in the role's inline policy",
        );
        expect(engine.ofType(PARAMETER).map((parameter) => inputsOf<{ description: string }>(parameter).description)).toEqual(
            expect.arrayContaining([expect.stringMatching(/ for the connector hosts of fleet pki, read at boot$/)]),
        );
        const [https, http, ...directory] = securityGroup.egress;
        expect(https).toMatchObject({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] });
        expect(https?.description).toMatch(/^HTTPS: Intune/);
        expect(http).toMatchObject({ protocol: "tcp", fromPort: 80, toPort: 80, description: "HTTP: certificate revocation checks (CRL and OCSP)" });
        expect(directory.length).toBeGreaterThan(0);
        expect(directory.every((rule) => String(rule.description).startsWith("AD:") && (rule.cidrBlocks as string[]).join() === "10.0.10.0/24")).toBe(true);
        expect(JSON.stringify(securityGroup.egress)).not.toContain("Entra");
    });

    test("runs SCEP as SYSTEM with no domain: one secret, the installer URL", async () => {
        const fleet = new CertificateConnectorFleet("pki", awsFleet({ features: ["scep"], serviceAccount: undefined, domainJoin: undefined }));
        await engine.settle();
        expect(engine.ofType(PARAMETER).map((parameter) => parameter.name)).toEqual(["pki-aws-installer-url"]);
        const [instance] = instances();
        expect(instance?.userData).not.toContain("Join-PlannedDomain");
        const script = bootstrapInUserData(instance?.userData ?? "");
        expect(script).toContain(`@{ 'InstallerUrl' = '${PATH}InstallerUrl' }`);
        expect(script).toContain("$ServiceAccount = ''");
        expect(script).toContain("'ADCS-Device-Enrollment'");
        expect(fleet.configurationInstructions).toContain("Service Account: SYSTEM");
        // SCEP wants the domain: accepted, with a warning.
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/domainJoin = \(not set\): scep need the connector servers in the Certification Authority's/), expect.anything());
    });

    test("runs as a domain account in AWS Managed Microsoft AD, joined through its association, without the fleet's domainJoin", async () => {
        new CertificateConnectorFleet("pki", awsFleet({ domainJoin: undefined }, { directoryService: DIRECTORY, domainControllerCidrs: undefined }));
        await engine.settle();
        expect(engine.ofType(ASSOCIATION).map((association) => association.name)).toEqual(["pki-aws-1-directory-join", "pki-aws-2-directory-join"]);
        expect(engine.ofType(PARAMETER).map((parameter) => parameter.name).sort()).toEqual(["pki-aws-installer-url", "pki-aws-service-account-password"]);
        for (const instance of instances()) {
            expect(instance.userData).toContain("Wait-DirectoryJoin");
            // The password is checked with the directory the hosts are in.
            expect(bootstrapInUserData(instance.userData)).toContain(`$DomainName = '${DIRECTORY.directoryName}'`);
        }
        const summary = engine.find(COMPONENT_TYPES.CertificateConnectorFleet, "pki").inputs as unknown as CertificateConnectorFleetSummary;
        expect(summary.domainJoined).toBe(true);
    });

    test("fits the launcher in EC2's 16 KB with a domain join, a service account and every feature", async () => {
        new CertificateConnectorFleet(
            "pki",
            awsFleet({
                features: ["pkcs", "pkcsImported", "scep", "revocation"],
                domainJoin: { ...DOMAIN_JOIN, ouPath: "OU=Intune Certificate Connectors,OU=Tier 1 Servers,DC=corp,DC=example,DC=com" },
            }),
        );
        await engine.settle();
        for (const instance of instances()) {
            expect(Buffer.byteLength(instance.userData, "utf8")).toBeLessThanOrEqual(16384);
        }
    });

    test("either fits every host's user data in EC2's 16 KB or refuses the fleet with nothing registered (property)", async () => {
        let run = 0;
        await fc.assert(
            fc.asyncProperty(
                // Installer arguments up to the fleet's limit, compressible or not, and OU paths of any reasonable length.
                fc.oneof(fc.stringMatching(/^[A-Za-z0-9 /:=._-]{0,512}$/), fc.integer({ min: 0, max: 512 }).map(incompressibleText)),
                fc.integer({ min: 0, max: 200 }).map((length) => incompressibleText(length).replace(/[^A-Za-z0-9]/g, "x")),
                fc.subarray(["pkcs", "pkcsImported", "scep", "revocation"], { minLength: 1 }),
                async (installerArguments, ou, features) => {
                    const name = `pki-${run++}`;
                    const before = engine.registrations.length;
                    const args = awsFleet({
                        features,
                        installer: { url: INSTALLER_URL, arguments: installerArguments },
                        domainJoin: { ...DOMAIN_JOIN, ouPath: `OU=${ou === "" ? "x" : ou},DC=corp,DC=example,DC=com` },
                    });
                    try {
                        new CertificateConnectorFleet(name, args);
                    } catch (error) {
                        expect(error).toBeInstanceOf(InputValidationError);
                        await engine.settle();
                        expect(engine.registrations.length).toBe(before);
                        return;
                    }
                    await engine.settle();
                    const userData = engine.ofType(INSTANCE).filter((instance) => instance.name.startsWith(`${name}-aws-`));
                    expect(userData).toHaveLength(2);
                    for (const instance of userData) {
                        expect(Buffer.byteLength(inputsOf<InstanceInputs>(instance).userData, "utf8")).toBeLessThanOrEqual(16384);
                    }
                },
            ),
            { numRuns: 25 },
        );
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, CertificateConnectorFleetArgs, RegExp][] = [
            ["the Entra connector's appliance", awsFleet({}, { appliance: { amiId: "ami-0fedcba9876543210" } }), /aws\.appliance = \{"amiId":"ami-0fedcba9876543210"\}: is the Entra private network connector's marketplace appliance/],
            ["a scale-out alarm", awsFleet({}, { scaleOutAlert: { topicArn: TOPIC_ARN } }), /aws\.scaleOutAlert = "\(set\)": scale-out alerts are for Entra connector groups/],
            ["one host", awsFleet({}, { count: 1 }), /hosts = 1: a fleet needs at least 2 certificate connectors/],
            ["one zone for two hosts", awsFleet({}, { subnets: SUBNETS.slice(0, 1) }), /aws\.subnets = \["us-east-1a"\]: would put all 2 hosts in us-east-1a/],
            [
                "a domain account on hosts that join no domain",
                awsFleet({ domainJoin: undefined }, { domainControllerCidrs: undefined }),
                /serviceAccount = "\(a domain account\)": a domain service account needs the hosts joined to its domain: set domainJoin \(or join AWS hosts through aws\.directoryService/,
            ],
            ["a computer name over 15 characters", awsFleet({}, { computerNamePrefix: "pki-connectors-aws" }), /aws\.computerNamePrefix = "pki-connectors-aws": gives host 1 the computer name "pki-connectors-aws-1"/],
            [
                "a launcher EC2 would not take",
                awsFleet({
                    features: ["pkcs", "pkcsImported", "scep", "revocation"],
                    // The longest installer arguments the fleet accepts, of text that does not compress, and a long OU.
                    installer: { url: INSTALLER_URL, arguments: incompressibleText(512) },
                    domainJoin: { ...DOMAIN_JOIN, ouPath: `OU=${incompressibleText(120).replace(/[^A-Za-z0-9]/g, "x")},DC=corp,DC=example,DC=com` },
                }),
                /aws = "\(the hosts' user data\)": renderAwsUserData: the user data would be \d+ bytes, over EC2's limit of 16384.*shorten installer\.arguments/s,
            ],
        ];
        test.each(cases)("%s", async (_label, args, message) => {
            expect(() => new CertificateConnectorFleet("pki", args)).toThrow(InputValidationError);
            expect(() => new CertificateConnectorFleet("pki", args)).toThrow(message);
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});
