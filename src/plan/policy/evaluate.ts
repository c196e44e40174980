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
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    for (const resource of resources) {
        let props = revealSecrets(resource.inputs) as Record<string, unknown>;
        const provider = resource.provider === undefined ? undefined : byUrn.get(resource.provider);
        let providerProps: Record<string, unknown> | undefined;
        // Each validation gets its own copy of what it reads, made when it first reads it: most rules look at the
        // type alone and call notApplicable().
        const argsFor = (policy: Policies[number]): ResourceValidationArgs => {
            const current = props;
            let ownProps: Record<string, unknown> | undefined;
            let ownOpts: PlanResource["options"] | undefined;
            let ownProvider: ResourceValidationArgs["provider"];
            const readProps = (): Record<string, unknown> => (ownProps ??= deepCopy(current));
            return {
                ...(provider !== undefined
                    ? {
                          get provider() {
                              providerProps ??= revealSecrets(provider.inputs) as Record<string, unknown>;
                              return (ownProvider ??= {
                                  type: provider.type,
                                  props: deepCopy(providerProps),
                                  urn: provider.urn,
                                  name: provider.name,
                              });
                          },
                      }
                    : {}),
                type: resource.type,
                get props() {
                    return readProps();
                },
                urn: resource.urn,
                name: resource.name,
                get opts() {
                    return (ownOpts ??= deepCopy(resource.options));
                },
                stackTags: options.stackTags,
                isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
                asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? readProps() : undefined)) as ResourceValidationArgs["asType"],
                getConfig: getConfigFor(policy.name),
                notApplicable,
            };
        };

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
                    props = result as Record<string, unknown>;
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
                    await validation(argsFor(policy), report);
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

/** The resources as a stack policy sees them: outputs, with parent and dependencies linked to each other. */
export function policyResources(resources: readonly PlanResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const linked = resources.map((resource) => {
        // Made when first read: stack rules read the props of a few kinds of resource only.
        let props: Record<string, unknown> | undefined;
        let opts: PlanResource["options"] | undefined;
        const readProps = (): Record<string, unknown> => (props ??= revealSecrets(resource.outputs) as Record<string, unknown>);
        const policyResource: PolicyResource = {
            type: resource.type,
            get props() {
                return readProps();
            },
            set props(value) {
                props = value;
            },
            urn: resource.urn,
            name: resource.name,
            get opts() {
                return (opts ??= deepCopy(resource.options));
            },
            set opts(value) {
                opts = value;
            },
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? readProps() : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(resource.urn, policyResource);
        return { resource, policyResource };
    });
    const lookup = (urns: readonly string[]): PolicyResource[] =>
        urns.map((urn) => byUrn.get(urn)).filter((found): found is PolicyResource => found !== undefined);
    for (const { resource, policyResource } of linked) {
        const parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
        if (parent !== undefined) {
            policyResource.parent = parent;
        }
        policyResource.dependencies = lookup(resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            policyResource.propertyDependencies[key] = lookup(urns);
        }
    }
    return linked.map(({ policyResource }) => policyResource);
}
