/**
 * Resources as the policy engine presents them to rules, built by hand: URNs with their parent type chain, stack
 * resources with dependencies and property dependencies, and props wrapped the way @pulumi/policy wraps them during
 * preview (reading an unknown value throws). The real @pulumi/policy runtime is not loaded in unit tests (it starts a
 * server); tests/policy/packServer.test.ts runs the real one out of process.
 */
import { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES } from "../../src/model/contract";
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { type RuleResource, type StackResource } from "../../src/rules/policy";
import { parseUrn } from "../../src/rules/read";

export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
const SENTINELS = new Set([UNKNOWN_STRING, UNKNOWN_OBJECT, "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"]);

/** The shape of @pulumi/policy's UnknownValueError (proxy.ts). */
export class UnknownValueError extends Error {
    constructor(
        public readonly unknownTypeSentinel: string,
        public readonly props: string[],
    ) {
        super(`value at .${props.join(".")} can't be known during preview`);
    }
}

/** Wraps props like @pulumi/policy's unknownCheckingProxy: reading an unknown sentinel throws UnknownValueError. */
export function previewProps<T extends object>(target: T, path: string[] = []): T {
    return new Proxy(target, {
        get: (obj, key) => {
            const value = (obj as Record<string | symbol, unknown>)[key];
            const at = [...path, String(key)];
            if (typeof value === "string" && SENTINELS.has(value)) {
                throw new UnknownValueError(value, at);
            }
            return value !== null && typeof value === "object" ? previewProps(value, at) : value;
        },
    });
}

/** Pulumi's wire envelope for a secret, as captured mock registrations carry it. */
export function secretEnvelope(value: unknown): Record<string, unknown> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** A URN for a resource registered under the given parent component types. */
export function urnOf(type: string, name: string, parents: readonly string[] = []): string {
    return `urn:pulumi:dev::connector-estate::${[...parents, type].join("$")}::${name}`;
}

export interface ResourceOptions {
    /** Types of the components the resource is registered inside, outermost first. */
    readonly parents?: readonly string[];
    readonly provider?: { type: string; props: Record<string, unknown> };
}

/** A resource as a resource rule sees it. */
export function resource(type: string, name: string, props: Record<string, unknown>, options: ResourceOptions = {}): RuleResource {
    return { type, name, urn: urnOf(type, name, options.parents), props, provider: options.provider };
}

/** Builds a stack: resources with dependencies and property dependencies, as a stack rule sees them. */
export class StackBuilder {
    private readonly list: MutableStackResource[] = [];

    add(
        type: string,
        name: string,
        props: Record<string, unknown>,
        options: ResourceOptions & {
            /** The component the resource is registered inside (its URN takes the parent's type chain). */
            readonly parent?: StackResource;
            /** Resources each property depends on. */
            readonly propertyDependencies?: Record<string, readonly StackResource[]>;
            readonly dependsOn?: readonly StackResource[];
        } = {},
    ): StackResource {
        const propertyDependencies = options.propertyDependencies ?? {};
        const dependencies = new Map<string, StackResource>();
        for (const dependency of [...(options.dependsOn ?? []), ...Object.values(propertyDependencies).flat()]) {
            dependencies.set(dependency.urn, dependency);
        }
        const parents = options.parent ? (parseUrn(options.parent.urn)?.typeChain ?? []) : options.parents;
        const created: MutableStackResource = {
            ...resource(type, name, props, { ...options, parents }),
            parent: options.parent,
            dependencies: [...dependencies.values()],
            propertyDependencies,
        };
        this.list.push(created);
        return created;
    }

    get resources(): readonly StackResource[] {
        return [...this.list];
    }
}

type MutableStackResource = { -readonly [K in keyof StackResource]: StackResource[K] };

export const AZURE_VM = "azure-native:compute:VirtualMachine";
export const AWS_INSTANCE = "aws:ec2/instance:Instance";
export const GCP_INSTANCE = "gcp:compute/instance:Instance";

export const CONNECTOR_TAGS = (group: string) => ({ "connector-kind": "entra-private-network", "connector-group": group });

/** A compliant hand-built Azure connector VM's props. */
export function azureVmProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        vmName: "conn-az-1",
        location: "westeurope",
        zones: ["1"],
        hardwareProfile: { vmSize: "Standard_D4ls_v5" },
        storageProfile: {
            imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
        },
        osProfile: { computerName: "CONN-AZ-1", adminUsername: "connadmin" },
        securityProfile: { encryptionAtHost: true },
        tags: CONNECTOR_TAGS("eu-apps"),
        ...overrides,
    };
}

/** A compliant hand-built AWS connector instance's props. */
export function awsInstanceProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        instanceType: "c6i.xlarge",
        ami: "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
        availabilityZone: "eu-west-1a",
        associatePublicIpAddress: false,
        rootBlockDevice: { encrypted: true, volumeSize: 60 },
        userData: "<powershell>\n$token = (Get-SSMParameter -Name /connector/token -WithDecryption $true).Value\n</powershell>",
        tags: CONNECTOR_TAGS("eu-apps"),
        ...overrides,
    };
}

/** A compliant hand-built GCP connector instance's props. */
export function gcpInstanceProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: "conn-gcp-1",
        machineType: "c2d-highcpu-4",
        zone: "europe-west1-b",
        bootDisk: { initializeParams: { image: "windows-cloud/windows-2022" } },
        networkInterfaces: [{ network: "connectors", subnetwork: "connectors-eu" }],
        labels: CONNECTOR_TAGS("eu-apps"),
        tags: ["entra-connector"],
        ...overrides,
    };
}

/** A ConnectorGroup component's summary props (`ConnectorGroupSummary`). */
export function groupSummary(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        displayName: "eu-apps",
        region: "eur",
        servesSso: false,
        allowSingleConnector: false,
        hosts: [
            { machineName: "CONN-EU-1", platform: "azure", cloudRegion: "westeurope", zone: "1", size: "Standard_D4ls_v5", image: "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest", domainJoined: true },
            { machineName: "CONN-EU-2", platform: "azure", cloudRegion: "westeurope", zone: "2", size: "Standard_D4ls_v5", image: "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest", domainJoined: true },
        ],
        ...overrides,
    };
}

export { COMPONENT_TYPES, ENTRA_RESOURCE_TYPES };

/** What a policy reported when run the way the engine runs it. */
export interface PolicyRun {
    readonly violations: { message: string; urn?: string }[];
    readonly notApplicable: boolean;
    /** What the policy threw (the engine turns an UnknownValueError into an advisory "can't run during preview"). */
    readonly thrown?: unknown;
}

class NotApplicable extends Error {}

/** Runs a resource policy object on one resource, with the engine's args API. */
export async function runResourcePolicy(
    policy: ResourceValidationPolicy,
    target: RuleResource,
    config: Record<string, unknown> = {},
): Promise<PolicyRun> {
    const violations: { message: string }[] = [];
    const args = {
        ...target,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map<string, string>(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable: (): never => {
            throw new NotApplicable();
        },
    } as unknown as ResourceValidationArgs;
    const validations = [policy.validateResource ?? []].flat();
    try {
        for (const validate of validations) {
            await validate(args, (message) => violations.push({ message }));
        }
    } catch (error) {
        return { violations, notApplicable: error instanceof NotApplicable, thrown: error instanceof NotApplicable ? undefined : error };
    }
    return { violations, notApplicable: false };
}

/** Runs a stack policy object on a stack, with the engine's args API. */
export async function runStackPolicy(
    policy: StackValidationPolicy,
    resources: readonly StackResource[],
    config: Record<string, unknown> = {},
): Promise<PolicyRun> {
    const violations: { message: string; urn?: string }[] = [];
    const args = {
        resources,
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (): never => {
            throw new NotApplicable();
        },
    } as unknown as StackValidationArgs;
    try {
        await policy.validateStack(args, (message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
    } catch (error) {
        return { violations, notApplicable: error instanceof NotApplicable, thrown: error instanceof NotApplicable ? undefined : error };
    }
    return { violations, notApplicable: false };
}
