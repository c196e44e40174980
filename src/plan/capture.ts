/**
 * Captures every registration the program makes, by wrapping the mock monitor. `MockResourceArgs` carries no parent,
 * URN or dependencies; the monitor's requests and responses do. The capture also gives each resource the URN the
 * engine would (see `urn.ts`) and records the default providers the engine would create.
 */
import { type VersionAliases } from "./aliases";
import { type StackConfig, namespaceConfig } from "./config";
import { guid } from "./ids";
import { DYNAMIC_PROVIDER_KEY, fromWire, fromWireObject, type PlanObject, type PlanValue, SecretValue } from "./properties";
import { defaultProviderName, isProviderType, makeUrn, packageOf, providerUrnOf, ROOT_STACK_TYPE } from "./urn";

/** What `pulumi up` would do with a resource. */
export type PlanOperation = "create" | "read";

/** The options of a resource, in the shape policies receive them (`PolicyResourceOptions`). */
export interface PlanResourceOptions {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace?: boolean;
    aliases: string[];
    customTimeouts: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
    additionalSecretOutputs: string[];
    parent?: string;
}

/** One resource of the plan. */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    /** True for resources a provider manages; false for components and the stack. */
    custom: boolean;
    operation: PlanOperation;
    parent?: string;
    /** The URN of the provider that manages the resource: an explicit provider, or the package's default one. */
    provider?: string;
    /** The id the mock engine answered (custom resources only). */
    id?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** The inputs the program registered (a dynamic resource's serialised provider is left out). */
    inputs: PlanObject;
    /** Custom resources: the mock engine's outputs. Components: what they passed to registerOutputs. */
    outputs: PlanObject;
    options: PlanResourceOptions;
}

type Callback = (error: unknown, response: unknown) => void;

/** The parts of the mock monitor the capture wraps. */
export interface CapturableMonitor {
    registerResource(request: unknown, callback: Callback): unknown;
    readResource(request: unknown, callback: Callback): unknown;
    registerResourceOutputs(request: unknown, callback: Callback): unknown;
    /** What the mock monitor keeps of each resource: its state in wire form, as the response carries it. */
    readonly resources: Map<string, { urn: string; state?: unknown }>;
}

// The protobuf request and response objects, as far as the capture reads them.
interface Struct {
    toJavaScript(): Record<string, unknown>;
}
interface Alias {
    getUrn(): string;
    getSpec():
        | { getName(): string; getType(): string; getStack(): string; getProject(): string; getParenturn(): string; getNoparent(): boolean }
        | undefined;
}
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): Struct | undefined;
    getProtect(): boolean;
    getDependenciesList(): string[];
    getProvider(): string;
    getVersion(): string;
    getPropertydependenciesMap(): { forEach(f: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getDeletebeforereplace(): boolean;
    getDeletebeforereplacedefined(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getAliasesList(): Alias[];
    getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}
interface ReadRequest {
    getId(): string;
    getType(): string;
    getName(): string;
    getParent(): string;
    getProperties(): Struct | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
    getVersion(): string;
    getAdditionalsecretoutputsList(): string[];
}
interface UrnResponse {
    getUrn(): string;
    setUrn(urn: string): void;
}
interface RegisterResponse extends UrnResponse {
    getId(): string;
    getObject(): Struct | undefined;
}
interface ReadResponse extends UrnResponse {
    getProperties(): Struct | undefined;
}
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): Struct | undefined;
}

/** Parses a Go duration as the SDK sends custom timeouts (`1h30m`, `10m`, `45s`) into seconds. */
export function durationSeconds(duration: string): number {
    let seconds = 0;
    if (duration === "") {
        return seconds; // Most resources set no timeout.
    }
    for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g)) {
        const factor = unit === "h" ? 3600 : unit === "m" ? 60 : unit === "s" ? 1 : 0.001;
        seconds += Number(amount) * factor;
    }
    return seconds;
}

function propertiesOf(struct: Struct | undefined): PlanObject {
    return wirePropertiesOf(struct?.toJavaScript());
}

function wirePropertiesOf(wire: unknown): PlanObject {
    const properties = fromWireObject(wire as Record<string, unknown> | undefined);
    delete properties[DYNAMIC_PROVIDER_KEY];
    return properties;
}

function configProperty(value: string, secret: boolean): PlanValue {
    let parsed: PlanValue = value;
    if (/^\s*[[{]/.test(value)) {
        try {
            parsed = fromWire(JSON.parse(value)) ?? value;
        } catch {
            parsed = value;
        }
    }
    return secret ? new SecretValue(parsed) : parsed;
}

/** Records the registrations of one plan run. */
export class RegistrationCapture {
    private readonly byUrn = new Map<string, PlanResource>();
    /** URNs registered more than once, which the engine refuses. */
    readonly duplicateUrns: string[] = [];

    constructor(
        private readonly project: string,
        private readonly stack: string,
        private readonly config: StackConfig,
        /** The version aliases set aside before the SDK saw them, recorded here with the rest. */
        private readonly versionAliases?: VersionAliases,
    ) {}

    /** Every resource, in the order registrations completed. */
    get resources(): readonly PlanResource[] {
        return [...this.byUrn.values()];
    }

    /** A resource by URN. */
    get(urn: string): PlanResource | undefined {
        return this.byUrn.get(urn);
    }

    /** The inputs of an explicit provider, by the reference (`<urn>::<id>`) a resource carries. */
    providerInputs(reference: string): Record<string, unknown> | undefined {
        const urn = providerUrnOf(reference);
        const provider = urn === undefined ? undefined : this.byUrn.get(urn);
        return provider?.inputs as Record<string, unknown> | undefined;
    }

    /** Wraps the monitor's methods. Call once, right after `setMocks`. */
    attach(monitor: CapturableMonitor): void {
        const register = monitor.registerResource.bind(monitor);
        const read = monitor.readResource.bind(monitor);
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);

        monitor.registerResource = (request, callback) =>
            register(request, (error, response) => {
                if (!error) {
                    this.onRegister(monitor, request as RegisterRequest, response as RegisterResponse);
                }
                callback(error, response);
            });
        monitor.readResource = (request, callback) =>
            read(request, (error, response) => {
                if (!error) {
                    this.onRead(monitor, request as ReadRequest, response as ReadResponse);
                }
                callback(error, response);
            });
        monitor.registerResourceOutputs = (request, callback) =>
            registerOutputs(request, (error, response) => {
                if (!error) {
                    const outputsRequest = request as OutputsRequest;
                    const resource = this.byUrn.get(outputsRequest.getUrn());
                    if (resource !== undefined) {
                        resource.outputs = propertiesOf(outputsRequest.getOutputs());
                    }
                }
                callback(error, response);
            });
    }

    /** Gives the resource the engine's URN, in the response and in the mock monitor's own table. */
    private engineUrn(monitor: CapturableMonitor, response: UrnResponse, parent: string, type: string, name: string): string {
        const mockUrn = response.getUrn();
        const urn = makeUrn(this.stack, this.project, parent || undefined, type, name);
        if (urn !== mockUrn) {
            const entry = monitor.resources.get(mockUrn);
            if (entry !== undefined) {
                monitor.resources.delete(mockUrn);
                monitor.resources.set(urn, { ...entry, urn });
            }
            response.setUrn(urn);
        }
        return urn;
    }

    private onRegister(monitor: CapturableMonitor, request: RegisterRequest, response: RegisterResponse): void {
        const type = request.getType();
        const name = request.getName();
        const parent = request.getParent();
        const urn = this.engineUrn(monitor, response, parent, type, name);
        const custom = request.getCustom();
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((value, key) => {
            propertyDependencies[key] = value.getUrnsList();
        });
        const timeouts = request.getCustomtimeouts();
        const options: PlanResourceOptions = {
            protect: request.getProtect(),
            ignoreChanges: request.getIgnorechangesList(),
            aliases: [
                ...request
                    .getAliasesList()
                    .map((alias) => this.aliasUrn(alias, parent, type, name))
                    .filter((alias) => alias !== ""),
                // A `{ type }` spec names the same resource under another type, as aliasUrn derives it.
                ...(this.versionAliases?.take(urn) ?? []).map((aliasType) =>
                    makeUrn(this.stack, this.project, parent || undefined, aliasType, name),
                ),
            ],
            customTimeouts: {
                createSeconds: durationSeconds(timeouts?.getCreate() ?? ""),
                updateSeconds: durationSeconds(timeouts?.getUpdate() ?? ""),
                deleteSeconds: durationSeconds(timeouts?.getDelete() ?? ""),
            },
            additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
            ...(request.getDeletebeforereplacedefined() ? { deleteBeforeReplace: request.getDeletebeforereplace() } : {}),
            ...(parent ? { parent } : {}),
        };
        const id = response.getId();
        this.record({
            urn,
            type,
            name,
            custom,
            operation: "create",
            ...(parent ? { parent } : {}),
            ...this.providerOf(custom, type, request.getProvider(), request.getVersion()),
            ...(custom && id ? { id } : {}),
            dependencies: request.getDependenciesList(),
            propertyDependencies,
            inputs: propertiesOf(request.getObject()),
            // The monitor kept the state it answered with, in wire form: read there, not converted back from the response.
            outputs: custom ? wirePropertiesOf(monitor.resources.get(urn)?.state) : {},
            options,
        });
    }

    private onRead(monitor: CapturableMonitor, request: ReadRequest, response: ReadResponse): void {
        const type = request.getType();
        const name = request.getName();
        const parent = request.getParent();
        const urn = this.engineUrn(monitor, response, parent, type, name);
        const outputs = propertiesOf(response.getProperties());
        this.record({
            urn,
            type,
            name,
            custom: true,
            operation: "read",
            ...(parent ? { parent } : {}),
            ...this.providerOf(true, type, request.getProvider(), request.getVersion()),
            id: request.getId(),
            dependencies: request.getDependenciesList(),
            propertyDependencies: {},
            inputs: propertiesOf(request.getProperties()),
            outputs,
            options: {
                protect: false,
                ignoreChanges: [],
                aliases: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
                ...(parent ? { parent } : {}),
            },
        });
    }

    private record(resource: PlanResource): void {
        if (this.byUrn.has(resource.urn)) {
            this.duplicateUrns.push(resource.urn);
            return;
        }
        this.byUrn.set(resource.urn, resource);
    }

    private aliasUrn(alias: Alias, parent: string, type: string, name: string): string {
        const urn = alias.getUrn();
        const spec = alias.getSpec();
        if (urn !== "" || spec === undefined) {
            return urn;
        }
        const aliasParent = spec.getNoparent() ? undefined : spec.getParenturn() || parent || undefined;
        return makeUrn(
            spec.getStack() || this.stack,
            spec.getProject() || this.project,
            aliasParent,
            spec.getType() || type,
            spec.getName() || name,
        );
    }

    /**
     * The provider of a custom resource: the explicit one it names, or its package's default provider, which the
     * engine would create from the package's configuration (`aws:region`, ...) and which the capture records once.
     */
    private providerOf(custom: boolean, type: string, reference: string, version: string): { provider?: string } {
        if (!custom || isProviderType(type) || type === ROOT_STACK_TYPE) {
            return {};
        }
        if (reference !== "") {
            const urn = providerUrnOf(reference);
            return urn === undefined ? {} : { provider: urn };
        }
        const pkg = packageOf(type);
        const providerType = `pulumi:providers:${pkg}`;
        const name = defaultProviderName(version);
        const urn = makeUrn(this.stack, this.project, undefined, providerType, name);
        if (!this.byUrn.has(urn)) {
            const secretKeys = new Set(this.config.secretKeys);
            const inputs: PlanObject = {};
            for (const { key, fullKey, value } of namespaceConfig(this.config, pkg)) {
                inputs[key] = configProperty(value, secretKeys.has(fullKey));
            }
            if (version !== "") {
                inputs["version"] = version;
            }
            this.record({
                urn,
                type: providerType,
                name,
                custom: true,
                operation: "create",
                id: guid(providerType, name),
                dependencies: [],
                propertyDependencies: {},
                inputs,
                outputs: inputs,
                options: {
                    protect: false,
                    ignoreChanges: [],
                    aliases: [],
                    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                    additionalSecretOutputs: [],
                },
            });
        }
        return { provider: urn };
    }
}
