/**
 * The offline plan: runs a Pulumi program under the mock engine, with realistic mock outputs, and reports the
 * resources `pulumi up` would create, the connector topology and the policy pack's verdicts.
 */
export { DEFAULT_STACK, runPlan, type InlineProgram, type PlanDurations, type PlanOptions, type PlanResult } from "./runner";
export { PlanError, describeError } from "./errors";
export { loadPolicies } from "./loader";
export { type PlanResource, type PlanOperation, type PlanResourceOptions } from "./capture";
export { REDACTED, SecretValue, type PlanObject, type PlanValue } from "./properties";
export { resolveStackConfig, secretPlaceholder, type StackConfig } from "./config";
export { PlanMocks, type MockContext } from "./mocks";
export { runInStack, withEngineSettings } from "./engine";
export { VersionAliases } from "./aliases";
export {
    parsePolicyConfig,
    readPolicyConfigFile,
    reconcilePolicyConfig,
    type EffectivePolicyConfig,
    type PolicyConfigOverride,
} from "./policy/config";
export { evaluatePolicies, type PolicyEvaluation, type PolicyOutcome, type PolicyRemediation, type PolicyViolation } from "./policy/evaluate";
export * from "./report";
