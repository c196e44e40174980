/**
 * The pack run the way the Pulumi CLI runs a Node.js policy pack, out of process: built with `build:policy` into a
 * copy of the pack directory (laid out as in an installed package: the pack's own files, node_modules reachable above
 * it), started through `@pulumi/pulumi/cmd/run-policy-pack` resolved from the pack directory (what the CLI's
 * `pulumi-analyzer-policy` shim does), then spoken to over the analyzer gRPC protocol on 127.0.0.1, as the engine
 * would: policy info, resource analysis, configuration, stack analysis. The real @pulumi/policy runtime serves here,
 * so its handling of secrets and preview unknowns is exercised for real.
 */
import { type ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policies } from "../../src/rules";

const root = path.resolve(__dirname, "../..");
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJwcm94eS5jbG91ZHdlYmFwcHByb3h5Lm5ldCJ9.c2lnbmF0dXJlLXBsYWNlaG9sZGVy";
const connectorTags = { "connector-kind": "entra-private-network", "connector-group": "eu-apps" };

let packDir: string;
let server: ChildProcess | undefined;
let client: AnalyzerClient;

type Callback<Res> = (error: grpc.ServiceError | null, response: Res) => void;

function call<Res>(invoke: (callback: Callback<Res>) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => invoke((error, response) => (error ? reject(error) : resolve(response))));
}

function resourceRequest<T extends analyzer.AnalyzeRequest | analyzer.AnalyzerResource>(
    message: T,
    type: string,
    name: string,
    props: Record<string, unknown>,
): T {
    message.setType(type);
    message.setName(name);
    message.setUrn(`urn:pulumi:dev::estate::${type}::${name}`);
    message.setProperties(Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]));
    message.setOptions(new analyzer.AnalyzerResourceOptions());
    return message;
}

async function analyze(type: string, name: string, props: Record<string, unknown>) {
    const request = resourceRequest(new analyzer.AnalyzeRequest(), type, name, props);
    const response = await call<analyzer.AnalyzeResponse>((callback) => client.analyze(request, callback));
    return response.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), message: d.getMessage(), level: d.getEnforcementlevel() }));
}

beforeAll(async () => {
    // The pack as it ships: PulumiPolicy.yaml, package.json and the compiled entry, with node_modules above it.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "connector-topology-pack-"));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(home, "node_modules"), "dir");
    packDir = path.join(home, "policy");
    fs.mkdirSync(packDir);
    for (const file of ["PulumiPolicy.yaml", "package.json"]) {
        fs.copyFileSync(path.join(root, "policy", file), path.join(packDir, file));
    }
    const tsc = require.resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "policy/tsconfig.build.json"), "--outDir", path.join(packDir, "bin")], { stdio: "pipe" });

    const runner = execFileSync(process.execPath, ["-e", "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))"], { cwd: packDir, encoding: "utf8" }).trim();
    const child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    server = child;
    const port = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
    });
    client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
    client?.close();
    if (server?.pid !== undefined) {
        process.kill(server.pid);
    }
    if (packDir) {
        fs.rmSync(path.dirname(packDir), { recursive: true, force: true });
    }
});

describe("the policy pack served as the Pulumi CLI runs it", () => {
    it("announces every rule with its enforcement level and config schema", async () => {
        const info = await call<analyzer.AnalyzerInfo>((callback) => client.getAnalyzerInfo(new Empty(), callback));
        expect(info.getName()).toBe("connector-topology");
        expect(info.getVersion()).toBe((JSON.parse(fs.readFileSync(path.join(root, "policy/package.json"), "utf8")) as { version: string }).version);
        const served = info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]);
        expect(served).toEqual(
            policies.map((p) => [p.name, p.enforcementLevel === "mandatory" ? analyzer.EnforcementLevel.MANDATORY : analyzer.EnforcementLevel.ADVISORY]),
        );
        const count = info.getPoliciesList().find((p) => p.getName() === "min-connectors-per-group");
        expect(count?.getConfigschema()?.getProperties()?.toJavaScript()).toMatchObject({ minConnectors: { type: "integer", default: 2 } });
    });

    it("flags an undersized connector host and passes a compliant one", async () => {
        const host = { instanceType: "t3.medium", ami: "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base", availabilityZone: "eu-west-1a", rootBlockDevice: { encrypted: true }, tags: connectorTags };
        expect(await analyze("aws:ec2/instance:Instance", "small", host)).toEqual([
            { policy: "connector-host-min-size", level: analyzer.EnforcementLevel.MANDATORY, message: expect.stringContaining('AWS instance "small" uses size "t3.medium" (2 vCPU, 4 GiB)') },
        ]);
        expect(await analyze("aws:ec2/instance:Instance", "right", { ...host, instanceType: "c6i.xlarge" })).toEqual([]);
    });

    it("turns a value unknown during preview into the engine's advisory note, not a violation or a pass", async () => {
        const diagnostics = await analyze("azure-native:compute:VirtualMachine", "pending", {
            hardwareProfile: { vmSize: UNKNOWN_STRING },
            storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2016-datacenter" } },
            securityProfile: { encryptionAtHost: true },
            tags: connectorTags,
        });
        expect(diagnostics).toEqual(
            expect.arrayContaining([
                { policy: "connector-host-windows-image", level: analyzer.EnforcementLevel.MANDATORY, message: expect.stringContaining("end of life in January 2027") },
                {
                    policy: "connector-host-min-size",
                    level: analyzer.EnforcementLevel.ADVISORY,
                    message: expect.stringMatching(/can't run policy 'connector-host-min-size' .* during preview: .*hardwareProfile\.vmSize/),
                },
            ]),
        );
        expect(diagnostics).toHaveLength(2);
    });

    it("sees a secret in user data decrypted, flags it, and does not repeat it", async () => {
        const diagnostics = await analyze("aws:ec2/instance:Instance", "leaky", {
            instanceType: "c6i.xlarge",
            ami: "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
            rootBlockDevice: { encrypted: true },
            userData: secret(`<powershell>RegisterConnector.ps1 -Token ${TOKEN}</powershell>`),
            tags: connectorTags,
        });
        expect(diagnostics).toEqual([{ policy: "no-secrets-in-user-data", level: analyzer.EnforcementLevel.MANDATORY, message: expect.stringContaining("an access token (JWT) in userData") }]);
        expect(diagnostics[0]?.message).not.toContain(TOKEN);
    });

    it("applies policy config sent by the engine", async () => {
        const request = new analyzer.ConfigureAnalyzerRequest();
        const config = new analyzer.PolicyConfig();
        config.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
        config.setProperties(Struct.fromJavaScript({ sizeOverrides: { "x9z.mega": { vcpus: 8, memoryGiB: 32 } } }));
        request.getPolicyconfigMap().set("connector-host-min-size", config);
        await call<Empty>((callback) => client.configure(request, callback));
        const host = { instanceType: "x9z.mega", ami: "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base", rootBlockDevice: { encrypted: true }, tags: connectorTags };
        expect(await analyze("aws:ec2/instance:Instance", "declared", host)).toEqual([]);
    });

    it("validates the stack: a group with one connector is flagged on the ConnectorGroup", async () => {
        // As the engine sends it: a component's props are its registered outputs; its children carry the facts.
        const group = resourceRequest(new analyzer.AnalyzerResource(), "connector-topology:index:ConnectorGroup", "eu-apps", { groupId: "g-1" });
        const child = <T extends analyzer.AnalyzerResource>(resource: T) => {
            resource.setUrn(resource.getUrn().replace("::estate::", "::estate::connector-topology:index:ConnectorGroup$"));
            resource.setParent(group.getUrn());
            return resource;
        };
        const entraGroup = child(resourceRequest(new analyzer.AnalyzerResource(), "pulumi-nodejs:dynamic/connector-topology:EntraConnectorGroup", "eu-apps", { displayName: "eu-apps", region: "eur" }));
        const membership = child(resourceRequest(new analyzer.AnalyzerResource(), "pulumi-nodejs:dynamic/connector-topology:ConnectorGroupMembership", "srv-1", { machineName: "SRV-1", connectorGroupName: "eu-apps", connectorGroupId: "g-1" }));
        const request = new analyzer.AnalyzeStackRequest();
        request.setResourcesList([group, entraGroup, membership]);
        const response = await call<analyzer.AnalyzeResponse>((callback) => client.analyzeStack(request, callback));
        const found = response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getUrn(), d.getMessage()]);
        expect(found).toEqual([
            ["min-connectors-per-group", group.getUrn(), expect.stringContaining('Connector group "eu-apps" has 1 connector (SRV-1)')],
            ["restart-connector-after-group-move", membership.getUrn(), expect.stringContaining("Restart-Service -Name WAPCSvc on SRV-1")],
        ]);
    });
});
