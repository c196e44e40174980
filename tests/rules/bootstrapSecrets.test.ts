import fc from "fast-check";
import { checkBootstrapSecrets, noSecretsInUserData } from "../../src/rules/bootstrapSecrets";
import { NOT_APPLICABLE, type RuleResult } from "../../src/rules/policy";
import { decodeBase64, findSecretsInText, isSecretName } from "../../src/rules/secretText";
import {
    AWS_INSTANCE,
    awsInstanceProps,
    AZURE_VM,
    azureVmProps,
    COMPONENT_TYPES,
    GCP_INSTANCE,
    gcpInstanceProps,
    previewProps,
    resource,
    runResourcePolicy,
    secretEnvelope,
    UNKNOWN_STRING,
} from "./fixtures";

// A registration token's shape: an access token (JWT). Not a real token.
const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3Byb3h5LmNsb3Vkd2ViYXBwcHJveHkubmV0In0.c2lnbmF0dXJlLXBsYWNlaG9sZGVy";
const PASSWORD = "Tr0ub4dor&3-very-secret";
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

// What the library's bootstrap does: read the token from the secret store, never carry it.
const COMPLIANT_SCRIPT = [
    "$token = (Get-SSMParameter -Name /connector/registration-token -WithDecryption $true).Value",
    "$secureToken = ConvertTo-SecureString $token -AsPlainText -Force",
    '& "C:\\Program Files\\Microsoft Entra Private Network Connector\\RegisterConnector.ps1" -modulePath "..." -Authenticationmode Token -Token $secureToken -TenantId $tenantId -Feature ApplicationProxy',
].join("\n");

function messages(result: RuleResult | typeof NOT_APPLICABLE): string[] {
    if (result === NOT_APPLICABLE) {
        throw new Error("expected a verdict");
    }
    return result.violations.map((v) => v.message);
}

describe("recognising secrets in text", () => {
    it("finds tokens, plain secure strings and literal password arguments or assignments", () => {
        expect(findSecretsInText(`RegisterConnector.ps1 -Token ${TOKEN}`)).toContain("an access token (JWT)");
        expect(findSecretsInText(`ConvertTo-SecureString '${PASSWORD}' -AsPlainText -Force`)).toEqual([
            "a literal passed to ConvertTo-SecureString -AsPlainText",
        ]);
        expect(findSecretsInText(`Add-Computer -DomainName corp -Password "${PASSWORD}"`)).toEqual(["a literal -Password argument"]);
        expect(findSecretsInText(`$domainJoinPassword = "${PASSWORD}"`)).toEqual(["a literal assigned to $domainJoinPassword"]);
    });

    it("gives the same answer for a long script seen again, each time a list of its own", () => {
        const script = `${"# a long bootstrap\n".repeat(100)}$domainJoinPassword = "${PASSWORD}"\n`;
        const first = findSecretsInText(script);
        first.push("changed by the caller");
        expect(findSecretsInText(script)).toEqual(["a literal assigned to $domainJoinPassword"]);
        expect(findSecretsInText(script.replace(PASSWORD, "$secret"))).toEqual([]);
        const encoded = Buffer.from(script).toString("base64");
        expect(decodeBase64(encoded)).toBe(script);
        expect(decodeBase64(encoded)).toBe(script);
    });

    it("does not flag a bootstrap that reads its secrets from a store", () => {
        expect(findSecretsInText(COMPLIANT_SCRIPT)).toEqual([]);
        expect(findSecretsInText('$tokenParameterName = "/connector/registration-token"')).toEqual([]);
        expect(findSecretsInText('$secretId = "projects/p/secrets/connector-token"')).toEqual([]);
    });

    it("tells secret names from names of references to secrets", () => {
        expect(isSecretName("Password")).toBe(true);
        expect(isSecretName("registration-token")).toBe(true);
        expect(isSecretName("tokenParameterName")).toBe(false);
        expect(isSecretName("passwordSecretArn")).toBe(false);
        expect(isSecretName("OUPath")).toBe(false);
    });
});

describe("no-secrets-in-user-data", () => {
    it("Azure: flags a token in (base64) custom data and user data; passes the compliant bootstrap", () => {
        const leaky = azureVmProps({ osProfile: { computerName: "C", customData: base64(`-Token ${TOKEN}`) }, userData: base64(COMPLIANT_SCRIPT) });
        expect(messages(checkBootstrapSecrets(resource(AZURE_VM, "conn-1", leaky)))).toEqual([
            expect.stringContaining('Azure VM "conn-1" carries an access token (JWT) in osProfile.customData: pass secrets through'),
        ]);
        const clean = azureVmProps({ osProfile: { computerName: "C", customData: base64(COMPLIANT_SCRIPT) } });
        expect(messages(checkBootstrapSecrets(resource(AZURE_VM, "conn-1", clean)))).toEqual([]);
    });

    it("AWS: flags a literal domain-join password in user data, in plain or base64 form", () => {
        const plain = awsInstanceProps({ userData: `<powershell>Add-Computer -DomainName corp -Password '${PASSWORD}'</powershell>` });
        expect(messages(checkBootstrapSecrets(resource(AWS_INSTANCE, "i", plain)))[0]).toContain("a literal -Password argument in userData");
        const encoded = awsInstanceProps({ userData: undefined, userDataBase64: base64(`$adminPassword = "${PASSWORD}"`) });
        expect(messages(checkBootstrapSecrets(resource(AWS_INSTANCE, "i", encoded)))[0]).toContain(
            "a literal assigned to $adminPassword in userDataBase64: user data is readable by anyone with ec2:DescribeInstanceAttribute",
        );
        expect(messages(checkBootstrapSecrets(resource(AWS_INSTANCE, "i", awsInstanceProps())))).toEqual([]);
    });

    it("GCP: flags a secret-named metadata key holding a literal and a token in the startup script", () => {
        const leaky = gcpInstanceProps({
            metadata: { "registration-token": "abc123", "windows-startup-script-ps1": COMPLIANT_SCRIPT, "managed-ad-domain": "projects/p/locations/global/domains/corp" },
            metadataStartupScript: `$t = "${TOKEN}"`,
        });
        const [message] = messages(checkBootstrapSecrets(resource(GCP_INSTANCE, "g", leaky)));
        expect(message).toContain('a literal value under the key "registration-token" in metadata');
        expect(message).toContain("an access token (JWT) in metadataStartupScript");
        expect(message).toContain("Secret Manager");
        const reference = gcpInstanceProps({ metadata: { "registration-token-secret": "projects/p/secrets/token" } });
        expect(messages(checkBootstrapSecrets(resource(GCP_INSTANCE, "g", reference)))).toEqual([]);
    });

    it("flags a value that arrives as a Pulumi secret in user data (captured mock registrations)", () => {
        const props = awsInstanceProps({ userData: secretEnvelope("<powershell>anything</powershell>") });
        expect(messages(checkBootstrapSecrets(resource(AWS_INSTANCE, "i", props)))[0]).toContain("a Pulumi secret in userData");
    });

    it("checks the plain settings of any VM extension; protectedSettings are where secrets belong", () => {
        const extension = (settings: unknown, protectedSettings: unknown) =>
            resource("azure-native:compute:VirtualMachineExtension", "join", {
                vmName: "conn-az-1",
                publisher: "Microsoft.Compute",
                type: "JsonADDomainExtension",
                settings,
                protectedSettings,
            });
        const joinSettings = { Name: "corp.example", OUPath: "OU=Connectors", User: "corp\\joiner", Restart: "true", Options: "3" };
        expect(messages(checkBootstrapSecrets(extension(joinSettings, { Password: PASSWORD })))).toEqual([]);
        expect(messages(checkBootstrapSecrets(extension({ ...joinSettings, Password: PASSWORD }, {})))).toEqual([
            expect.stringContaining('VM extension "join" carries a literal value under the key "Password" in settings: extension settings are stored in plain text'),
        ]);
        const script = resource("azure-native:compute:VirtualMachineExtension", "bootstrap", {
            type: "CustomScriptExtension",
            settings: { commandToExecute: `powershell -File bootstrap.ps1 -Token ${TOKEN}` },
        });
        expect(messages(checkBootstrapSecrets(script))[0]).toContain("an access token (JWT) in settings.commandToExecute");
    });

    it("covers hosts built by the library's components even before tags are read, and launch templates of connector hosts", () => {
        const inComponent = resource(AWS_INSTANCE, "i", awsInstanceProps({ tags: {}, userData: `-Token ${TOKEN}` }), {
            parents: [COMPONENT_TYPES.CertificateConnectorFleet],
        });
        expect(messages(checkBootstrapSecrets(inComponent))).toHaveLength(1);
        const template = resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", {
            userData: base64(`-Token ${TOKEN}`),
            tags: { "connector-kind": "entra-private-network" },
        });
        expect(messages(checkBootstrapSecrets(template))).toHaveLength(1);
        expect(checkBootstrapSecrets(resource("aws:ec2/launchTemplate:LaunchTemplate", "web", { userData: base64(`-Token ${TOKEN}`) }))).toBe(NOT_APPLICABLE);
        expect(checkBootstrapSecrets(resource(AWS_INSTANCE, "web", awsInstanceProps({ tags: {}, userData: `-Token ${TOKEN}` })))).toBe(NOT_APPLICABLE);
    });

    it("cannot tell user data unknown during preview", () => {
        const props = previewProps(awsInstanceProps({ userData: UNKNOWN_STRING }));
        expect(checkBootstrapSecrets(resource(AWS_INSTANCE, "i", props))).toMatchObject({ violations: [], undetermined: [{ path: "userData" }] });
    });

    it("never repeats the secret in its message", async () => {
        await fc.assert(
            fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9!#%&*+,.:;<=>?@^_~-]{8,40}$/), async (secret) => {
                const props = awsInstanceProps({ userData: `$domainPassword = '${secret}'\nAdd-Computer -Password '${secret}'` });
                const run = await runResourcePolicy(noSecretsInUserData, resource(AWS_INSTANCE, "i", props));
                expect(run.violations).toHaveLength(1);
                expect(run.violations[0]?.message).not.toContain(secret);
            }),
        );
    });
});
