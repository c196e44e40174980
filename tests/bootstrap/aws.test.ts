import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import {
    AWS_USER_DATA_LIMIT_BYTES,
    type AwsLauncherOptions,
    CONNECTOR_BOOTSTRAP_SECRETS,
    psString,
    renderAwsUserData,
    renderConnectorBootstrap,
} from "connector-topology";
import { checkBootstrapSecrets, findSecretsInText } from "connector-topology/rules";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const PATH = "/connector-topology/connector-estate/prod/nam-apps/";
const PARAMETER_NAMES = { RegistrationToken: `${PATH}RegistrationToken`, InstallerUrl: `${PATH}InstallerUrl` };

const aws = renderConnectorBootstrap({ cloud: "aws", tenantId: TENANT_ID, aws: { region: "us-east-1", parameterNames: PARAMETER_NAMES } });
const azure = renderConnectorBootstrap({ cloud: "azure", tenantId: TENANT_ID });

/** The full launcher: every step, with the bootstrap inside. */
const FULL: AwsLauncherOptions = {
    region: "us-east-1",
    domainJoin: {
        mode: "bootstrap",
        domainName: "corp.example.com",
        ouPath: "OU=Connectors,DC=corp,DC=example,DC=com",
        username: "CORP\\svc-join",
        passwordParameterName: `${PATH}DomainJoinPassword`,
    },
    publishMemoryMetrics: true,
    script: aws.script,
};

/** PowerShell text with strings and comments blanked out, so that brackets can be counted. */
function codeOnly(script: string): string {
    return script.replace(/'(?:[^']|'')*'|"(?:[^"`]|`.)*"|#[^\n]*/g, "");
}

/** The bootstrap a launcher carries, unpacked as the host unpacks it. */
function unpack(userData: string): { script: string; sha256: string } {
    const packed = /\$BootstrapGzipBase64 = '([A-Za-z0-9+/=]+)'/.exec(userData)?.[1] ?? "";
    const sha256 = /\$BootstrapSha256 = '([0-9a-f]{64})'/.exec(userData)?.[1] ?? "";
    return { script: gunzipSync(Buffer.from(packed, "base64")).toString("utf8"), sha256 };
}

/** The AWS secret-fetch step, as rendered into the script. */
function awsStep(script: string): string {
    const start = script.indexOf("# AWS: the secrets");
    return script.slice(start, script.indexOf("\n\nfunction Get-BootstrapSecret", start));
}

describe("the AWS bootstrap", () => {
    test("matches the reviewed secret-fetch step", () => {
        expect(awsStep(aws.script)).toMatchSnapshot();
    });

    test("differs from every other cloud's only in its secret-fetch step", () => {
        const azureStart = azure.script.indexOf("# Azure: the launcher passes");
        const azureStep = azure.script.slice(azureStart, azure.script.indexOf("\n\nfunction Get-BootstrapSecret", azureStart));
        expect(aws.script.replace(awsStep(aws.script), azureStep).replace("for aws.", "for azure.")).toBe(azure.script);
    });

    test("reads exactly the connector's secrets, from the named parameters, in the hosts' region", () => {
        const step = awsStep(aws.script);
        expect(step).toContain("$AwsRegion = 'us-east-1'");
        expect(step).toContain(
            `$AwsSecretParameters = @{ 'InstallerUrl' = '${PATH}InstallerUrl'; 'RegistrationToken' = '${PATH}RegistrationToken' }`,
        );
        expect(step).toContain("Get-SSMParameter -Name $ParameterName -WithDecryption $true -Region $AwsRegion");
        expect(step).toMatch(/Stop-Bootstrap 2 \('could not read the secret '/);
        expect(Object.keys(PARAMETER_NAMES).sort()).toEqual(Object.values(CONNECTOR_BOOTSTRAP_SECRETS).sort());
    });

    test("cannot be rendered without knowing where the secrets are, or with other secrets", () => {
        expect(() => renderConnectorBootstrap({ cloud: "aws", tenantId: TENANT_ID })).toThrow(/the aws bootstrap needs `aws`/);
        expect(() =>
            renderConnectorBootstrap({ cloud: "aws", tenantId: TENANT_ID, aws: { region: "us-east-1", parameterNames: { RegistrationToken: "/x" } } }),
        ).toThrow(/must name a parameter for exactly InstallerUrl, RegistrationToken/);
        expect(() =>
            renderConnectorBootstrap({ cloud: "aws", tenantId: TENANT_ID, aws: { region: "US East", parameterNames: PARAMETER_NAMES } }),
        ).toThrow(/aws\.region must be an AWS region/);
        expect(() =>
            renderConnectorBootstrap({
                cloud: "aws",
                tenantId: TENANT_ID,
                aws: { region: "us-east-1", parameterNames: { ...PARAMETER_NAMES, InstallerUrl: "InstallerUrl'; Remove-Item C:\\" } },
            }),
        ).toThrow(/is not an SSM parameter name/);
    });
});

describe("the AWS launcher (user data)", () => {
    const userData = renderAwsUserData(FULL);

    test("matches the reviewed launcher", () => {
        const packed = /\$BootstrapGzipBase64 = '[^']*'/;
        expect(userData.replace(packed, "$BootstrapGzipBase64 = '<the bootstrap, gzip and base64>'")).toMatchSnapshot();
    });

    test("is an EC2Launch PowerShell block that runs at every boot, ASCII, with balanced brackets, within EC2's 16 KB", () => {
        expect(userData.startsWith("<powershell>\n")).toBe(true);
        expect(userData.endsWith("</powershell>\n<persist>true</persist>\n")).toBe(true);
        expect(userData).toMatch(/^[\n\x20-\x7e]*$/);
        expect(userData).not.toMatch(/\{\{[A-Z_]+\}\}/);
        const code = codeOnly(userData);
        for (const [open, close] of [["{", "}"], ["(", ")"], ["[", "]"]]) {
            expect(code.split(open).length).toBe(code.split(close).length);
        }
        expect(Buffer.byteLength(userData)).toBeLessThanOrEqual(AWS_USER_DATA_LIMIT_BYTES);
    });

    test("carries the bootstrap gzip-compressed, with the SHA-256 the host checks", () => {
        const { script, sha256 } = unpack(userData);
        expect(script).toBe(aws.script);
        expect(sha256).toBe(createHash("sha256").update(aws.script, "utf8").digest("hex"));
        expect(userData).toMatch(/if \(\$hash -ne \$BootstrapSha256\) \{\n\s+Stop-Launcher 30/);
    });

    test("names the host, joins the domain, starts the metrics, then runs the bootstrap, in that order", () => {
        const main = userData.slice(userData.lastIndexOf("try {"));
        const order = ["Set-PlannedComputerName", "Join-PlannedDomain", "Start-MemoryMetrics", "Invoke-HostBootstrap"].map((step) =>
            main.indexOf(`    ${step}\n`),
        );
        expect(order.every((position) => position > 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
        // The planned name is the instance's Name tag, read through IMDSv2: the same user data serves every host.
        expect(userData).toContain("$ComputerNameTag = 'Name'");
        expect(userData).toContain("'http://169.254.169.254/latest/api/token'");
        expect(userData).toContain("('http://169.254.169.254/latest/meta-data/tags/instance/' + $ComputerNameTag)");
        expect(main).toMatch(/\$ComputerName = Get-PlannedComputerName\n\s+Set-PlannedComputerName/);
        expect(userData).toMatch(/Rename-Computer -NewName \$ComputerName -Force\n\s+Restart-Host/);
        expect(userData).toMatch(/Add-Computer @join/);
        expect(userData).toContain(`$JoinPasswordParameterName = '${PATH}DomainJoinPassword'`);
    });

    test("waits for the directory association instead of joining itself, and renders only the steps asked for", () => {
        const directory = renderAwsUserData({ region: "us-east-1", domainJoin: { mode: "directoryService", domainName: "corp.example.com" } });
        expect(directory).toContain("Wait-DirectoryJoin");
        expect(directory).toMatch(/waiting for the AWS-JoinDirectoryServiceDomain association/);
        expect(directory).not.toMatch(/Add-Computer|Read-SsmSecureString|Start-MemoryMetrics|Invoke-HostBootstrap/);
        const bare = renderAwsUserData({ region: "eu-central-1" });
        expect(bare).toMatch(/Set-PlannedComputerName\n\s+Write-LauncherEvent 'Information' 399/);
    });

    test("installs the CloudWatch agent from the region's bucket, checks Amazon's signature, and only warns when it fails", () => {
        expect(userData).toContain(
            "$CloudWatchAgentUrl = 'https://amazoncloudwatch-agent-us-east-1.s3.us-east-1.amazonaws.com/windows/amd64/latest/amazon-cloudwatch-agent.msi'",
        );
        expect(userData).toMatch(/SignerCertificate\.Subject -notmatch 'O=Amazon'/);
        expect(userData).toContain(`"rename":"mem_used_percent"`);
        expect(userData).toContain(`"append_dimensions":{"InstanceId":"\${aws:InstanceId}"}`);
        expect(userData).toMatch(/Write-LauncherEvent 'Warning' 321/);
        expect(renderAwsUserData({ ...FULL, region: "cn-north-1" })).toContain("amazoncloudwatch-agent-cn-north-1.s3.cn-north-1.amazonaws.com.cn");
    });

    test("holds no secret: the policy pack finds none in it, nor in the bootstrap inside it", () => {
        expect(findSecretsInText(userData)).toEqual([]);
        expect(findSecretsInText(unpack(userData).script)).toEqual([]);
        const instance = {
            type: "aws:ec2/instance:Instance",
            name: "nam-apps-aws-1-instance",
            urn: "urn:pulumi:prod::estate::aws:ec2/instance:Instance::nam-apps-aws-1-instance",
            props: { userData, tags: { "connector-kind": "entra-private-network", "connector-group": "nam-apps" } },
        };
        expect(checkBootstrapSecrets(instance)).toEqual({ violations: [], undetermined: [] });
    });

    test("refuses what it cannot carry: non-ASCII names, a value that would end the block, too much, a bad region", () => {
        expect(() =>
            renderAwsUserData({ ...FULL, domainJoin: { ...FULL.domainJoin!, ouPath: "OU=Verbindungsstellen,OU=Zürich,DC=corp,DC=example,DC=com" } }),
        ).toThrow(/must be ASCII/);
        expect(() => renderAwsUserData({ ...FULL, domainJoin: { ...FULL.domainJoin!, username: "CORP\\x</powershell>" } })).toThrow(
            /contains <\/powershell>/,
        );
        const noise = Array.from({ length: 4000 }, (_, i) => createHash("sha256").update(String(i)).digest("hex")).join("\n");
        expect(() => renderAwsUserData({ ...FULL, script: `${aws.script}\n# ${noise}` })).toThrow(/over EC2's limit of 16384/);
        expect(() => renderAwsUserData({ ...FULL, region: "US East" })).toThrow(/region must be an AWS region/);
        expect(() => renderAwsUserData({ ...FULL, domainJoin: { mode: "bootstrap", domainName: "corp.example.com" } })).toThrow(
            /needs username and passwordParameterName/,
        );
    });

    test("quotes every value it renders", () => {
        const quoted = renderAwsUserData({ ...FULL, domainJoin: { ...FULL.domainJoin!, username: "CORP\\o'brien" } });
        expect(quoted).toContain(`$JoinUsername = ${psString("CORP\\o'brien")}`);
        expect(quoted).toContain("$JoinUsername = 'CORP\\o''brien'");
    });
});
