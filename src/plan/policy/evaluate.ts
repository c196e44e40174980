/**
 * Evaluates a policy pack's rule objects over the resources of a plan, with the semantics of `@pulumi/policy`'s
 * analyzer and of the engine around it: resource policies see each resource's inputs, remediations run first and
 * change what later validations see, stack policies see every resource's outputs with parents and dependencies
 * linked, `notApplicable()` skips a policy, and a policy's effective level decides what a violation weighs.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { describeError, PlanError } from "../errors";
import { type PlanResource } from "../capture";
import { collectSecretStrings, maskSecrets, revealSecrets } from "../properties";
import { type EffectivePolicyConfig } from "./config";

/** One violation, as `pulumi preview` reports it. */
export interface PolicyViolation {
    policyName: string;
    /** `remediate` policies that still find a violation report it as mandatory, as the engine does. */
    enforcementLevel: "advisory" | "mandatory";
    /** The resource in violation; undefined when a stack policy reports the stack as a whole. */
    urn?: string;
    /** What the rule reported; the policy's description when it reported no message. */
    message: string;
    description: string;
    severity?: string;
}

/** A remediation that `pulumi up` would apply to a resource's inputs before creating it. */
export interface PolicyRemediation {
    policyName: string;
    urn: string;
    description: string;
}

/** How a policy was evaluated. */
export interface PolicyOutcome {
    name: string;
    kind: "resource" | "stack";
    enforcementLevel: EnforcementLevel;
    violations: number;
}

/** The verdicts of a policy pack over a plan. */
export interface PolicyEvaluation {
    violations: PolicyViolation[];
    remediations: PolicyRemediation[];
    policies: PolicyOutcome[];
}

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

// Rules call notApplicable() for most resources they see, and nothing reads the error but the evaluator: one will do.
const NOT_APPLICABLE = new NotApplicableError();

function notApplicable(reason?: string): never {
    throw reason === undefined ? NOT_APPLICABLE : new NotApplicableError(reason);
}

/** The Pulumi type token attached to a resource class or to a typed validation function. */
function pulumiTypeOf(value: unknown): string | undefined {
    const type = (value as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof type === "string" && type.length > 0 ? type : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const classType = pulumiTypeOf(resourceClass);
    if (classType !== undefined) {
        return type === classType;
    }
    const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function isResourcePolicy(policy: Policies[number]): policy is ResourceValidationPolicy {
    const candidate = policy as ResourceValidationPolicy;
    return typeof candidate.validateResource === "function" || Array.isArray(candidate.validateResource) || typeof candidate.remediateResource === "function";
}

function isStackPolicy(policy: Policies[number]): policy is StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}

// Each validation gets its own copy, as each analyzer call deserialises its own: one rule's mutation is not another's input.
function deepCopy<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map(deepCopy) as T;
    }
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, deepCopy(element)])) as T;
    }
    return value;
}

/** A resource as its validations read it; `props` are the inputs, after any remediation. */
interface ResourceSource {
    readonly resource: PlanResource;
    readonly provider: PlanResource | undefined;
    readonly stackTags: ReadonlyMap<string, string>;
    /** The inputs with secrets revealed, made when a policy first applies to the resource. */
    props?: Record<string, unknown>;
}

function sourceProps(source: ResourceSource): Record<string, unknown> {
    return (source.props ??= revealSecrets(source.resource.inputs) as Record<string, unknown>);
}

/**
 * What one validation gets. Each validation gets its own copy of what it reads (as each analyzer call deserialises its
 * own), made when it first reads it. The lazy fields are accessors of the object itself (enumerable, as an object
 * literal's are), so spreading the args copies them as values.
 */
function validationArgs(source: ResourceSource, getConfig: ResourceValidationArgs["getConfig"]): ResourceValidationArgs {
    const { resource, provider } = source;
    const props = sourceProps(source);
    let ownProps: Record<string, unknown> | undefined;
    let ownOpts: PlanResource["options"] | undefined;
    const args: ResourceValidationArgs = {
        type: resource.type,
        urn: resource.urn,
        name: resource.name,
        stackTags: source.stackTags,
        getConfig,
        notApplicable,
        isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
        asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? args.props : undefined)) as ResourceValidationArgs["asType"],
        get props() {
            return (ownProps ??= deepCopy(props));
        },
        get opts() {
            return (ownOpts ??= deepCopy(resource.options));
        },
    };
    if (provider !== undefined) {
        let ownProvider: ResourceValidationArgs["provider"];
        Object.defineProperty(args, "provider", {
            enumerable: true,
            get: () =>
                (ownProvider ??= {
                    type: provider.type,
                    props: revealSecrets(provider.inputs) as Record<string, unknown>,
                    urn: provider.urn,
                    name: provider.name,
                }),
        });
    }
    return args;
}

/**
 * The resource types a policy says it can apply to (connector-topology's rules list them in `resourceTypes`), or
 * undefined when it does not say. On other types the policy is not applicable, as a validation typed with
 * `validateResourceOfType` is: it is skipped without a call, and without the throw of `notApplicable()`, which costs
 * microseconds a resource once Pulumi's closure serialiser has turned the inspector's debugger on.
 */
function declaredResourceTypes(policy: Policies[number]): ReadonlySet<string> | undefined {
    const types = (policy as { resourceTypes?: unknown }).resourceTypes;
    return Array.isArray(types) && types.every((type) => typeof type === "string") ? new Set(types) : undefined;
}

/** What the evaluator needs besides the policies and resources. */
export interface EvaluationOptions {
    /** Each policy's effective level and config (see `reconcilePolicyConfig`). */
    readonly configs: ReadonlyMap<string, EffectivePolicyConfig>;
    /** The stack's tags. */
    readonly stackTags: ReadonlyMap<string, string>;
}

/** Evaluates `policies` over `resources` (in the order the report lists them). */
export async function evaluatePolicies(
    policies: Policies,
    resources: readonly PlanResource[],
    options: EvaluationOptions,
): Promise<PolicyEvaluation> {
    const violations: PolicyViolation[] = [];
    const remediations: PolicyRemediation[] = [];
    const counts = new Map<string, number>();
    const levelOf = (name: string): EnforcementLevel => options.configs.get(name)?.enforcementLevel ?? "advisory";
    const getConfigFor = (name: string) => <T extends object>(): T => ({ ...(options.configs.get(name)?.properties ?? {}) }) as T;

    // Rules see secrets in plain text and may quote them: what they write is masked before it is reported.
    let secrets: Set<string> | undefined;
    const mask = (text: string): string => {
        secrets ??= collectSecretStrings(resources.flatMap((resource) => [resource.inputs, resource.outputs]));
        return maskSecrets(text, secrets);
    };

    const reporterFor = (policy: Policies[number], level: "advisory" | "mandatory", fixedUrn?: string): ReportViolation => {
        return (message: string, urn?: string) => {
            counts.set(policy.name, (counts.get(policy.name) ?? 0) + 1);
            const where = fixedUrn ?? urn;
            violations.push({
                policyName: policy.name,
                enforcementLevel: level,
                ...(where ? { urn: where } : {}),
                message: message ? mask(String(message)) : policy.description,
                description: policy.description,
                ...(policy.severity ? { severity: policy.severity } : {}),
            });
        };
    };

    const fail = (policy: Policies[number], subject: string, error: unknown): never => {
        throw new PlanError(mask(`policy "${policy.name}" failed on ${subject}: ${describeError(error, false)}`), { cause: error });
    };

    const resourcePolicies = policies.filter(isResourcePolicy);
    const typesOf = new Map(resourcePolicies.map((policy) => [policy, declaredResourceTypes(policy)]));
    const applies = (policy: ResourceValidationPolicy, type: string): boolean => typesOf.get(policy)?.has(type) ?? true;
    const configGetters = new Map(policies.map((policy) => [policy.name, getConfigFor(policy.name)]));
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    for (const resource of resources) {
        const provider = resource.provider === undefined ? undefined : byUrn.get(resource.provider);
        const source: ResourceSource = { resource, provider, stackTags: options.stackTags };
        const argsFor = (policy: Policies[number]): ResourceValidationArgs => validationArgs(source, configGetters.get(policy.name) as ResourceValidationArgs["getConfig"]);

        // First pass: remediations, so that validations see what would be created.
        for (const policy of resourcePolicies) {
            const remediate = policy.remediateResource;
            if (levelOf(policy.name) !== "remediate" || remediate === undefined || !applies(policy, resource.type)) {
                continue;
            }
            const remediationType = pulumiTypeOf(remediate);
            if (remediationType !== undefined && remediationType !== resource.type) {
                continue;
            }
            try {
                const result = await remediate(argsFor(policy));
                if (result) {
                    source.props = result as Record<string, unknown>;
                    remediations.push({ policyName: policy.name, urn: resource.urn, description: policy.description });
                }
            } catch (error) {
                if (!(error instanceof NotApplicableError)) {
                    fail(policy, resource.urn, error);
                }
            }
        }

        // Second pass: validations.
        for (const policy of resourcePolicies) {
            const level = levelOf(policy.name);
            const validate = policy.validateResource;
            if (level === "disabled" || validate === undefined || !applies(policy, resource.type)) {
                continue;
            }
            if (!Array.isArray(validate)) {
                const validationType = pulumiTypeOf(validate);
                if (validationType !== undefined && validationType !== resource.type) {
                    continue;
                }
            }
            const report = reporterFor(policy, level === "advisory" ? "advisory" : "mandatory", resource.urn);
            for (const validation of Array.isArray(validate) ? validate : [validate]) {
                try {
                    const pending = validation(argsFor(policy), report);
                    // Most validations are synchronous: awaiting them would cost a turn of the event loop each.
                    if (pending instanceof Promise) {
                        await pending;
                    }
                } catch (error) {
                    if (!(error instanceof NotApplicableError)) {
                        fail(policy, resource.urn, error);
                    }
                }
            }
        }
    }

    let stackView: StackPolicyView | undefined;
    for (const policy of policies.filter(isStackPolicy)) {
        const level = levelOf(policy.name);
        if (level === "disabled") {
            continue;
        }
        const stackType = pulumiTypeOf(policy.validateStack);
        if (stackType !== undefined && !resources.some((resource) => resource.type === stackType)) {
            continue;
        }
        const args: StackValidationArgs = {
            resources: (stackView ??= new StackPolicyView(resources)).next(),
            stackTags: options.stackTags,
            getConfig: getConfigFor(policy.name),
            notApplicable,
        };
        try {
            await policy.validateStack(args, reporterFor(policy, level === "advisory" ? "advisory" : "mandatory"));
        } catch (error) {
            if (!(error instanceof NotApplicableError)) {
                fail(policy, "the stack", error);
            }
        }
    }

    return {
        violations,
        remediations,
        policies: policies.map((policy) => ({
            name: policy.name,
            kind: isStackPolicy(policy) && !isResourcePolicy(policy) ? "stack" : "resource",
            enforcementLevel: levelOf(policy.name),
            violations: counts.get(policy.name) ?? 0,
        })),
    };
}

/**
 * The resources as the stack policies see them, made once per evaluation. Each policy must see them as the engine
 * gives them, whatever an earlier policy wrote to them (the engine deserialises them afresh for each): every field is
 * an accessor that keeps what it made or was given for one policy only (a generation), and starts again for the next.
 */
class StackPolicyView {
    generation = 0;
    readonly linked = new Map<string, PolicyResource>();
    readonly resources: readonly PolicyResource[];

    constructor(resources: readonly PlanResource[]) {
        this.resources = resources.map((resource) => {
            const policyResource = new StackPolicyResource(resource, this);
            this.linked.set(resource.urn, policyResource);
            return policyResource;
        });
    }

    /** The resources for the next policy. */
    next(): PolicyResource[] {
        this.generation++;
        return [...this.resources];
    }

    lookup(urns: readonly string[]): PolicyResource[] {
        return urns.map((urn) => this.linked.get(urn)).filter((found): found is PolicyResource => found !== undefined);
    }
}

/** What one policy made or wrote of a resource. */
interface StackPolicyFields {
    type?: string;
    urn?: string;
    name?: string;
    isType?: PolicyResource["isType"];
    asType?: PolicyResource["asType"];
    props?: Record<string, unknown>;
    opts?: PlanResource["options"];
    parent?: { value: PolicyResource | undefined };
    dependencies?: PolicyResource[];
    propertyDependencies?: Record<string, PolicyResource[]>;
}

/**
 * One resource as a stack policy sees it. Each field is made when first read (stack rules read the props of a few
 * kinds of resource, and the links of fewer), through accessors of the object itself (shared functions, enumerable),
 * so spreading it copies them as values.
 */
class StackPolicyResource implements PolicyResource {
    declare type: string;
    declare urn: string;
    declare name: string;
    declare isType: PolicyResource["isType"];
    declare asType: PolicyResource["asType"];
    declare props: Record<string, unknown>;
    declare opts: PlanResource["options"];
    declare parent?: PolicyResource;
    declare dependencies: PolicyResource[];
    declare propertyDependencies: Record<string, PolicyResource[]>;
    private generation = -1;
    private fields: StackPolicyFields = {};

    constructor(
        readonly resource: PlanResource,
        readonly view: StackPolicyView,
    ) {
        Object.defineProperties(this, STACK_RESOURCE_ACCESSORS);
    }

    /** What the current policy made or wrote of this resource. */
    own(): StackPolicyFields {
        if (this.generation !== this.view.generation) {
            this.generation = this.view.generation;
            this.fields = {};
        }
        return this.fields;
    }
}

/** An enumerable accessor that makes a field when the current policy first reads it, and keeps what it writes. */
function lazyField<K extends keyof StackPolicyFields>(key: K, make: (resource: StackPolicyResource) => NonNullable<StackPolicyFields[K]>): PropertyDescriptor {
    return {
        enumerable: true,
        get(this: StackPolicyResource) {
            const own = this.own();
            return (own[key] ??= make(this));
        },
        set(this: StackPolicyResource, value: NonNullable<StackPolicyFields[K]>) {
            this.own()[key] = value;
        },
    };
}

const STACK_RESOURCE_ACCESSORS: PropertyDescriptorMap = {
    type: lazyField("type", ({ resource }) => resource.type),
    urn: lazyField("urn", ({ resource }) => resource.urn),
    name: lazyField("name", ({ resource }) => resource.name),
    // Functions of the object itself, as the engine's are (callable detached), made for the few resources that use them.
    isType: lazyField("isType", (self) => (resourceClass) => isTypeOf(self.resource.type, resourceClass)),
    asType: lazyField("asType", (self) => ((resourceClass: unknown) => (isTypeOf(self.resource.type, resourceClass) ? self.props : undefined)) as PolicyResource["asType"]),
    props: lazyField("props", ({ resource }) => revealSecrets(resource.outputs) as Record<string, unknown>),
    opts: lazyField("opts", ({ resource }) => deepCopy(resource.options)),
    parent: {
        enumerable: true,
        get(this: StackPolicyResource) {
            const { parent } = this.resource;
            return (this.own().parent ??= { value: parent === undefined ? undefined : this.view.linked.get(parent) }).value;
        },
        set(this: StackPolicyResource, value: PolicyResource | undefined) {
            this.own().parent = { value };
        },
    },
    dependencies: lazyField("dependencies", (self) => self.view.lookup(self.resource.dependencies)),
    propertyDependencies: lazyField("propertyDependencies", (self) =>
        Object.fromEntries(Object.entries(self.resource.propertyDependencies).map(([key, urns]) => [key, self.view.lookup(urns)])),
    ),
};
