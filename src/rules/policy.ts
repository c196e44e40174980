/**
 * The shape every rule shares, and the two wrappers that turn a plain rule function into a `@pulumi/policy` policy
 * object. Only types come from @pulumi/policy: its runtime starts a gRPC server and must never load here.
 *
 * A rule function takes what it reads (one resource, or the stack's resources) and its resolved config, and returns
 * the violations it found plus the values it could not tell during preview. The wrappers:
 * - resolve the config: the engine applies `configSchema` defaults, but the offline plan and older CLIs may not, so
 *   the defaults are applied again here, from the same schema (written once);
 * - report every violation, then rethrow the engine's own "unknown during preview" error if the verdict depended on
 *   one, so the engine adds its advisory "can't run during preview" note after the violations it did get.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { formatValue } from "../model/errors";
import { type Unknown } from "./read";

/** What a rule reads of one resource: the documented part of `ResourceValidationArgs` and `PolicyResource`. */
export interface RuleResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    /** Inputs (resource validation) or outputs (stack validation), as the engine presents them. */
    readonly props: Record<string, unknown>;
    /** The resource's provider; its props carry the provider's region when the resource has none of its own. */
    readonly provider?: { readonly type: string; readonly props: Record<string, unknown> } | undefined;
}

/** What a stack rule reads of one resource: a `PolicyResource`. */
export interface StackResource extends RuleResource {
    readonly parent?: StackResource | undefined;
    readonly dependencies: readonly StackResource[];
    readonly propertyDependencies: Readonly<Record<string, readonly StackResource[]>>;
}

/** One violation. Stack rules name the resource it is about. */
export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

/** What a rule function returns. */
export interface RuleResult {
    readonly violations: readonly Violation[];
    /** Values the verdict depended on that are unknown during preview ("cannot tell", never a pass). */
    readonly undetermined: readonly Unknown[];
}

/** A rule's verdict on a resource the rule does not cover. */
export const NOT_APPLICABLE = "not-applicable";

/** A config property: a JSON schema with the default the code applies. */
export type ConfigProperty<T> = NonNullable<PolicyConfigSchema["properties"][string]> & { default: T; description: string };

/** The config schema of a rule whose config is `C`: every field documented and defaulted. */
export type ConfigSchemaOf<C> = { readonly [K in keyof C]: ConfigProperty<C[K]> };

/** Thrown when a policy's config breaks its schema: names the policy, the key, the value and the rule. */
export class PolicyConfigError extends Error {
    constructor(policy: string, key: string, value: unknown, rule: string) {
        super(`Policy "${policy}" config ${key} = ${formatValue(value)}: ${rule}`);
        this.name = "PolicyConfigError";
    }
}

function jsonType(value: unknown): string {
    if (Array.isArray(value)) {
        return "array";
    }
    if (value === null) {
        return "null";
    }
    return typeof value === "number" && Number.isInteger(value) ? "integer" : typeof value;
}

function matchesType(value: unknown, type: unknown): boolean {
    const types = Array.isArray(type) ? type : [type];
    const actual = jsonType(value);
    return types.some((t) => t === actual || (t === "number" && actual === "integer"));
}

/**
 * The config a rule runs with: the schema's defaults, overridden by what the user gave. Values are checked against
 * the schema's type and minimum (the engine checks the whole schema; the offline plan relies on this).
 */
export function resolveConfig<C>(policy: string, schema: ConfigSchemaOf<C>, given: Record<string, unknown>): C {
    const resolved: Record<string, unknown> = {};
    for (const key of Object.keys(schema) as (keyof C & string)[]) {
        const property = schema[key];
        const value = given[key];
        if (value === undefined || value === null) {
            resolved[key] = property.default;
            continue;
        }
        if (property.type !== undefined && !matchesType(value, property.type)) {
            throw new PolicyConfigError(policy, key, value, `must be of type ${String(property.type)}`);
        }
        if (typeof value === "number" && typeof property.minimum === "number" && value < property.minimum) {
            throw new PolicyConfigError(policy, key, value, `must be at least ${property.minimum}`);
        }
        resolved[key] = value;
    }
    return resolved as C;
}

/** The part of a rule that describes it to the engine and to users. */
export interface RuleInfo<C> {
    /** Stable kebab-case name: users configure and suppress the rule by it. */
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    /** How to fix a violation, in one or two sentences. */
    readonly remediationSteps: string;
    readonly config: ConfigSchemaOf<C>;
}

/** A rule over one resource at a time. */
export interface ResourceRule<C> extends RuleInfo<C> {
    /**
     * Every resource type the rule can apply to: on any other type `check` returns {@link NOT_APPLICABLE}. The offline
     * plan skips the rule on other types without calling it (see src/plan/policy/evaluate.ts).
     */
    readonly resourceTypes: readonly string[];
    /** The verdict on one resource, or {@link NOT_APPLICABLE} when the rule does not cover it. */
    readonly check: (resource: RuleResource, config: C) => RuleResult | typeof NOT_APPLICABLE;
}

/** A rule over the whole stack. */
export interface StackRule<C> extends RuleInfo<C> {
    readonly check: (resources: readonly StackResource[], config: C) => RuleResult;
}

function policyInfo<C>(rule: RuleInfo<C>) {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        remediationSteps: rule.remediationSteps,
        configSchema: { properties: rule.config as PolicyConfigSchema["properties"] },
    };
}

// The engine turns its own UnknownValueError into an advisory note; any other error would fail the preview.
function rethrowUndetermined(result: RuleResult): void {
    const cause = result.undetermined.find((unknown) => unknown.cause !== undefined)?.cause;
    if (cause !== undefined) {
        throw cause;
    }
}

/** Wraps a resource rule into a `ResourceValidationPolicy`. */
export function resourcePolicy<C>(
    rule: ResourceRule<C>,
): ResourceValidationPolicy & { readonly rule: ResourceRule<C>; readonly resourceTypes: readonly string[] } {
    return {
        ...policyInfo(rule),
        rule,
        resourceTypes: rule.resourceTypes,
        validateResource: (args: ResourceValidationArgs, reportViolation) => {
            const config = resolveConfig(rule.name, rule.config, args.getConfig<Record<string, unknown>>());
            const result = rule.check(args, config);
            if (result === NOT_APPLICABLE) {
                args.notApplicable();
                return;
            }
            for (const violation of result.violations) {
                reportViolation(violation.message);
            }
            rethrowUndetermined(result);
        },
    };
}

/** Wraps a stack rule into a `StackValidationPolicy`. */
export function stackPolicy<C>(rule: StackRule<C>): StackValidationPolicy & { readonly rule: StackRule<C> } {
    return {
        ...policyInfo(rule),
        rule,
        validateStack: (args: StackValidationArgs, reportViolation) => {
            const config = resolveConfig(rule.name, rule.config, args.getConfig<Record<string, unknown>>());
            const result = rule.check(args.resources, config);
            for (const violation of result.violations) {
                reportViolation(violation.message, violation.urn);
            }
            rethrowUndetermined(result);
        },
    };
}

/** Collects a rule's violations and undetermined values. */
export class Findings {
    private readonly violationList: Violation[] = [];
    private readonly unknownList: Unknown[] = [];

    /** Records a violation (on `urn`, for stack rules). */
    violation(message: string, urn?: string): void {
        this.violationList.push(urn === undefined ? { message } : { message, urn });
    }

    /** Records a value the verdict needed but that is unknown during preview. */
    undetermined(unknown: Unknown): void {
        this.unknownList.push(unknown);
    }

    get result(): RuleResult {
        return { violations: this.violationList, undetermined: this.unknownList };
    }
}
