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
    props: Record<string, unknown>;
    readonly provider: PlanResource | undefined;
    readonly stackTags: ReadonlyMap<string, string>;
}

/**
 * What one validation gets. Each validation gets its own copy of what it reads (as each analyzer call deserialises its
 * own), made when it first reads it: most rules look at the type alone, then call notApplicable(). The lazy fields are
 * accessors of the object itself (shared functions, enumerable), so spreading the args copies them as values.
 */
class ValidationArgs implements ResourceValidationArgs {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly stackTags: ReadonlyMap<string, string>;
    readonly notApplicable = notApplicable;
    readonly isType: ResourceValidationArgs["isType"];
    readonly asType: ResourceValidationArgs["asType"];
    declare readonly props: Record<string, unknown>;
    declare readonly opts: PlanResource["options"];
    declare readonly provider: ResourceValidationArgs["provider"];
    readonly sourceProps: Record<string, unknown>;
    ownProps?: Record<string, unknown>;
    ownOpts?: PlanResource["options"];
    ownProvider?: ResourceValidationArgs["provider"];

    constructor(
        readonly source: ResourceSource,
        readonly getConfig: ResourceValidationArgs["getConfig"],
    ) {
        this.type = source.resource.type;
        this.urn = source.resource.urn;
        this.name = source.resource.name;
        this.stackTags = source.stackTags;
        this.sourceProps = source.props;
        this.isType = (resourceClass) => isTypeOf(this.type, resourceClass);
        this.asType = ((resourceClass: unknown) => (isTypeOf(this.type, resourceClass) ? this.props : undefined)) as ResourceValidationArgs["asType"];
        Object.defineProperties(this, source.provider === undefined ? VALIDATION_ACCESSORS : VALIDATION_ACCESSORS_WITH_PROVIDER);
    }
}

const VALIDATION_ACCESSORS: PropertyDescriptorMap = {
    props: {
        enumerable: true,
        get(this: ValidationArgs) {
            return (this.ownProps ??= deepCopy(this.sourceProps));
        },
    },
    opts: {
        enumerable: true,
        get(this: ValidationArgs) {
            return (this.ownOpts ??= deepCopy(this.source.resource.options));
        },
    },
};

const VALIDATION_ACCESSORS_WITH_PROVIDER: PropertyDescriptorMap = {
    ...VALIDATION_ACCESSORS,
    provider: {
        enumerable: true,
        get(this: ValidationArgs) {
            const provider = this.source.provider as PlanResource;
            return (this.ownProvider ??= {
                type: provider.type,
                props: revealSecrets(provider.inputs) as Record<string, unknown>,
                urn: provider.urn,
                name: provider.name,
            });
        },
    },
};

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
    const configGetters = new Map(policies.map((policy) => [policy.name, getConfigFor(policy.name)]));
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    for (const resource of resources) {
        const provider = resource.provider === undefined ? undefined : byUrn.get(resource.provider);
        const source: ResourceSource = { resource, props: revealSecrets(resource.inputs) as Record<string, unknown>, provider, stackTags: options.stackTags };
        const argsFor = (policy: Policies[number]): ResourceValidationArgs => new ValidationArgs(source, configGetters.get(policy.name) as ResourceValidationArgs["getConfig"]);

        // First pass: remediations, so that validations see what would be created.
        for (const policy of resourcePolicies) {
            const remediate = policy.remediateResource;
            if (levelOf(policy.name) !== "remediate" || remediate === undefined) {
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
            if (level === "disabled" || validate === undefined) {
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
            resources: policyResources(resources),
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
 * One resource as a stack policy sees it. Its props and options are made when first read (stack rules read the props
 * of a few kinds of resource only), through accessors of the object itself, so spreading it copies them as values.
 */
class StackPolicyResource implements PolicyResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    parent?: PolicyResource;
    dependencies: PolicyResource[] = [];
    propertyDependencies: Record<string, PolicyResource[]> = {};
    readonly isType: PolicyResource["isType"];
    readonly asType: PolicyResource["asType"];
    declare props: Record<string, unknown>;
    declare opts: PlanResource["options"];
    ownProps?: Record<string, unknown>;
    ownOpts?: PlanResource["options"];

    constructor(readonly resource: PlanResource) {
        this.type = resource.type;
        this.urn = resource.urn;
        this.name = resource.name;
        this.isType = (resourceClass) => isTypeOf(this.type, resourceClass);
        this.asType = ((resourceClass: unknown) => (isTypeOf(this.type, resourceClass) ? this.props : undefined)) as PolicyResource["asType"];
        Object.defineProperties(this, STACK_RESOURCE_ACCESSORS);
    }
}

const STACK_RESOURCE_ACCESSORS: PropertyDescriptorMap = {
    props: {
        enumerable: true,
        get(this: StackPolicyResource) {
            return (this.ownProps ??= revealSecrets(this.resource.outputs) as Record<string, unknown>);
        },
        set(this: StackPolicyResource, value: Record<string, unknown>) {
            this.ownProps = value;
        },
    },
    opts: {
        enumerable: true,
        get(this: StackPolicyResource) {
            return (this.ownOpts ??= deepCopy(this.resource.options));
        },
        set(this: StackPolicyResource, value: PlanResource["options"]) {
            this.ownOpts = value;
        },
    },
};

/** The resources as a stack policy sees them: outputs, with parent and dependencies linked to each other. */
export function policyResources(resources: readonly PlanResource[]): PolicyResource[] {
    const linked = resources.map((resource) => new StackPolicyResource(resource));
    const byUrn = new Map<string, PolicyResource>(linked.map((policyResource) => [policyResource.urn, policyResource]));
    const lookup = (urns: readonly string[]): PolicyResource[] =>
        urns.map((urn) => byUrn.get(urn)).filter((found): found is PolicyResource => found !== undefined);
    resources.forEach((resource, index) => {
        const policyResource = linked[index] as StackPolicyResource;
        const parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
        if (parent !== undefined) {
            policyResource.parent = parent;
        }
        policyResource.dependencies = lookup(resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            policyResource.propertyDependencies[key] = lookup(urns);
        }
    });
    return linked;
}
