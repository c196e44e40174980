/**
 * A mock Pulumi engine for component tests: it records every registration (type, name, inputs with secrets still
 * wrapped, parent and dependencies) and answers with realistic ids and outputs.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { InputValidationError } from "../../src/model/errors";

export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly parent: string;
    readonly dependencies: readonly string[];
    /** The `ignoreChanges` resource option. */
    readonly ignoreChanges: readonly string[];
    /** The `replaceOnChanges` resource option. */
    readonly replaceOnChanges: readonly string[];
    /** Inputs as the engine receives them: a secret is `{ [specialSigKey]: specialSecretSig, value }`. */
    readonly inputs: Record<string, unknown>;
}

export interface MockEngine {
    readonly registrations: Registration[];
    /** Waits until every registration has settled, then disconnects; call before the test ends. */
    settle(): Promise<void>;
    find(type: string, name: string): Registration;
    ofType(type: string): Registration[];
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getIgnorechangesList(): string[];
    getReplaceonchangesList(): string[];
    getObject(): Parameters<typeof deserializeProperties>[0];
}

interface RegisterResponse {
    getUrn(): string;
}

interface Monitor {
    registerResource(req: RegisterRequest, callback: (err: unknown, resp?: RegisterResponse) => void): void;
}

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg";

/** Outputs a real provider would return beyond the inputs: ids, names, assigned private IPs. */
function outputsFor(type: string, name: string, inputs: Record<string, unknown>, index: number): Record<string, unknown> {
    if (type === "azure-native:network:NetworkInterface") {
        const configurations = (inputs.ipConfigurations as Record<string, unknown>[] | undefined) ?? [];
        return {
            ...inputs,
            name,
            ipConfigurations: configurations.map((configuration) => ({
                ...configuration,
                privateIPAddress: `10.0.0.${4 + index}`,
            })),
        };
    }
    if (type === "azure-native:compute:VirtualMachine") {
        return { ...inputs, name, vmId: mockUniqueId(type, name) };
    }
    if (type.startsWith("azure-native:")) {
        return { ...inputs, name };
    }
    if (type === "gcp:compute/instance:Instance") {
        const interfaces = (inputs.networkInterfaces as Record<string, unknown>[] | undefined) ?? [];
        return {
            ...inputs,
            instanceId: mockUniqueId(type, name),
            networkInterfaces: interfaces.map((nic, n) => ({ ...nic, name: `nic${n}`, networkIp: `10.1.0.${4 + index}` })),
        };
    }
    if (type === "gcp:serviceaccount/account:Account") {
        return { ...inputs, email: `${String(inputs.accountId)}@${String(inputs.project)}.iam.gserviceaccount.com` };
    }
    if (type.endsWith("ApplicationLookup")) {
        return { ...inputs, objectId: `00000000-0000-4000-9000-${String(index).padStart(12, "0")}` };
    }
    if (type.endsWith(":ConnectorGroupMembership")) {
        return { ...inputs, connectorId: `connector-${name}` };
    }
    if (type.startsWith("aws:")) {
        return awsOutputs(type, name, inputs, index);
    }
    return inputs;
}

const AWS_ACCOUNT = "123456789012";

/** What AWS answers beyond the inputs: ARNs, names, the instance's private IP. */
function awsOutputs(type: string, name: string, inputs: Record<string, unknown>, index: number): Record<string, unknown> {
    const region = typeof inputs.availabilityZone === "string" ? inputs.availabilityZone.slice(0, -1) : "eu-west-1";
    switch (type) {
        case "aws:ssm/parameter:Parameter":
            return { ...inputs, arn: `arn:aws:ssm:${region}:${AWS_ACCOUNT}:parameter${String(inputs.name)}` };
        case "aws:iam/role:Role":
        case "aws:iam/instanceProfile:InstanceProfile":
            return { ...inputs, name: `${name}-1a2b3c4`, arn: `arn:aws:iam::${AWS_ACCOUNT}:role/${name}-1a2b3c4` };
        case "aws:ec2/instance:Instance":
            return { ...inputs, privateIp: `10.1.0.${10 + index}`, arn: `arn:aws:ec2:${region}:${AWS_ACCOUNT}:instance/i-${name}` };
        default:
            return { ...inputs, arn: `arn:aws:${type.split(":")[1]?.split("/")[0] ?? "aws"}:${region}:${AWS_ACCOUNT}:${name}` };
    }
}

/** The AMI id the mock SSM answers for any public image parameter. */
export const MOCK_AMI_ID = "ami-0123456789abcdef0";

/** What a real provider returns for the invokes components make. */
function callOutputs(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    if (token === "aws:ssm/getParameter:getParameter") {
        return { ...inputs, type: "String", value: MOCK_AMI_ID, insecureValue: MOCK_AMI_ID };
    }
    return inputs;
}

function idFor(type: string, name: string, inputs: Record<string, unknown>): string {
    if (type === "azure-native:network:NetworkInterface") {
        return `${SUBSCRIPTION}/providers/Microsoft.Network/networkInterfaces/${name}`;
    }
    if (type === "azure-native:compute:VirtualMachine") {
        return `${SUBSCRIPTION}/providers/Microsoft.Compute/virtualMachines/${name}`;
    }
    if (type === "gcp:compute/instance:Instance") {
        return `projects/${String(inputs.project)}/zones/${String(inputs.zone)}/instances/${String(inputs.name)}`;
    }
    if (type === "gcp:secretmanager/secret:Secret") {
        return `projects/${String(inputs.project)}/secrets/${String(inputs.secretId)}`;
    }
    if (type.startsWith("pulumi-nodejs:dynamic")) {
        return `00000000-0000-4000-8000-${String(name.length).padStart(12, "0")}`;
    }
    return `${name}-id`;
}

/**
 * The id the mock cloud gives one VM alone, as a replacement would change it: Azure's `vmId` (a GUID) and Compute
 * Engine's numeric `instanceId`, both distinct from the resource id; EC2's instance id, which is the resource id.
 */
export function mockUniqueId(type: string, name: string): string {
    const digest = createHash("sha256").update(name).digest("hex");
    switch (type) {
        case "azure-native:compute:VirtualMachine":
            return [digest.slice(0, 8), digest.slice(8, 12), `4${digest.slice(13, 16)}`, `a${digest.slice(17, 20)}`, digest.slice(20, 32)].join("-");
        case "gcp:compute/instance:Instance":
            return (BigInt(`0x${digest.slice(0, 15)}`) + 1_000_000_000_000_000_000n).toString();
        default:
            return idFor(type, name, {});
    }
}

/** Starts a fresh mock engine (a new stack) and records what registers. */
export function startMockEngine(): MockEngine {
    const registrations: Registration[] = [];
    pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: idFor(args.type, args.name, args.inputs),
                state: outputsFor(args.type, args.name, args.inputs, registrations.length),
            }),
            call: (args) => callOutputs(args.token, args.inputs),
        },
        "connector-topology",
        "test",
        false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        register(req, (err, resp) => {
            if (resp !== undefined) {
                registrations.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn: resp.getUrn(),
                    parent: req.getParent(),
                    dependencies: req.getDependenciesList(),
                    ignoreChanges: req.getIgnorechangesList(),
                    replaceOnChanges: req.getReplaceonchangesList(),
                    inputs: deserializeProperties(req.getObject()),
                });
            }
            callback(err, resp);
        });
    const engine: MockEngine = {
        registrations,
        settle: () => pulumi.runtime.disconnect(),
        find(type, name) {
            const found = registrations.find((r) => r.type === type && r.name === name);
            if (found === undefined) {
                const seen = registrations.map((r) => `${r.type} ${r.name}`).join("\n  ");
                throw new Error(`no registration of ${type} "${name}"; registered:\n  ${seen}`);
            }
            return found;
        },
        ofType: (type) => registrations.filter((r) => r.type === type),
    };
    return engine;
}

/** Whether a value is a secret as the engine receives it. */
export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

/** Unwraps secrets everywhere in a value, for assertions on the values themselves. */
export function reveal(value: unknown): unknown {
    if (isSecret(value)) {
        return reveal(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(reveal);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, reveal(inner)]));
    }
    return value;
}

/** Whether a text contains a needle, as is or inside a base64 run (launchers pass secrets base64-encoded). */
export function mentions(text: string, needle: string): boolean {
    if (text.includes(needle)) {
        return true;
    }
    for (const run of text.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? []) {
        if (Buffer.from(run, "base64").toString("utf8").includes(needle)) {
            return true;
        }
    }
    return false;
}

/** Where a value reaches a resource's inputs: `secret` paths are inside a secret, `plain` paths are not. */
export function whereMentioned(inputs: unknown, needle: string): { secret: string[]; plain: string[] } {
    const found = { secret: [] as string[], plain: [] as string[] };
    const walk = (value: unknown, path: string, inSecret: boolean): void => {
        if (isSecret(value)) {
            walk(value.value, path, true);
        } else if (typeof value === "string") {
            if (mentions(value, needle)) {
                (inSecret ? found.secret : found.plain).push(path);
            }
        } else if (Array.isArray(value)) {
            value.forEach((item, i) => walk(item, `${path}[${i}]`, inSecret));
        } else if (typeof value === "object" && value !== null) {
            for (const [key, inner] of Object.entries(value)) {
                walk(inner, path === "" ? key : `${path}.${key}`, inSecret);
            }
        }
    };
    walk(inputs, "", false);
    return found;
}

/** A VM's inputs as tests read them. */
export interface VmInputs {
    location: string;
    zones?: string[];
    hardwareProfile: { vmSize: string };
    storageProfile: { imageReference: Record<string, string> };
    securityProfile: Record<string, unknown>;
    osProfile: { computerName: string; adminUsername: string; adminPassword: string };
    tags: Record<string, string>;
    identity?: unknown;
    userData?: string;
}

/** A VM extension's inputs as tests read them. */
export interface ExtensionInputs {
    publisher: string;
    type: string;
    typeHandlerVersion: string;
    settings?: Record<string, string>;
    protectedSettings: Record<string, string>;
}

/** A registration's inputs with secrets revealed, typed as the test reads them. */
export function inputsOf<T>(registration: Registration): T {
    return reveal(registration.inputs) as T;
}

/** What an Output resolves to, once the mock engine has answered. */
export function outputOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/**
 * Expects `construct` to be refused with the InputValidationError `component` raises (`ConnectorGroup "eur-apps"`),
 * its message matching `message`, and nothing registered.
 */
export async function expectRefusedBeforeRegistering(engine: MockEngine, construct: () => unknown, component: string, message: RegExp): Promise<void> {
    let error: unknown;
    try {
        construct();
    } catch (caught) {
        error = caught;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message.startsWith(`${component} has invalid input:\n`)).toBe(true);
    expect((error as Error).message).toMatch(message);
    await engine.settle();
    expect(engine.registrations).toEqual([]);
}
