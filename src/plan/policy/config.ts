/**
 * Policy configuration as the Pulumi CLI builds it for a policy pack: the defaults of each policy's `configSchema`,
 * then the pack's initial config, then the file given with `--policy-config` (the JSON that `pulumi preview
 * --policy-pack-config` reads), each overriding the last; the result is checked against each schema.
 */
import * as fs from "fs";
import Ajv from "ajv";
import type { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { PlanError } from "../errors";

/** Levels a config may set. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The level a policy pack applies when neither the pack nor the policy sets one. */
export const DEFAULT_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

/** One policy's effective configuration. */
export interface EffectivePolicyConfig {
    enforcementLevel: EnforcementLevel;
    /** What `getConfig()` returns. */
    properties: Record<string, unknown>;
}

/** A config file's entry for one policy (or for `all`), before reconciliation. */
export interface PolicyConfigOverride {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/**
 * Parses a policy config document: each key is a policy name (or `all`), each value a level or an object of config
 * properties with an optional `enforcementLevel`. `source` names the document in errors.
 */
export function parsePolicyConfig(document: unknown, source: string): Record<string, PolicyConfigOverride> {
    if (document === null || document === undefined) {
        return {};
    }
    if (typeof document !== "object" || Array.isArray(document)) {
        throw new PlanError(`${source} must be a JSON object keyed by policy name`);
    }
    const result: Record<string, PolicyConfigOverride> = {};
    for (const [policy, value] of Object.entries(document)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                throw new PlanError(`${source}: "${policy}" = ${JSON.stringify(value)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
            }
            result[policy] = { enforcementLevel: value };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
                throw new PlanError(
                    `${source}: "${policy}".enforcementLevel = ${JSON.stringify(enforcementLevel)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`,
                );
            }
            result[policy] = {
                ...(enforcementLevel !== undefined ? { enforcementLevel } : {}),
                ...(Object.keys(properties).length > 0 ? { properties } : {}),
            };
        } else {
            throw new PlanError(`${source}: "${policy}" must be an enforcement level or an object of config values`);
        }
    }
    return result;
}

/** Reads and parses a policy config file. An empty file is an empty config, as for the Pulumi CLI. */
export function readPolicyConfigFile(file: string): Record<string, PolicyConfigOverride> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PlanError(`cannot read the policy config ${file}: ${(error as Error).message}`);
    }
    if (text.trim() === "") {
        return {};
    }
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new PlanError(`the policy config ${file} is not valid JSON: ${(error as Error).message}`);
    }
    return parsePolicyConfig(document, file);
}

/** Applies `overrides` to `result`; adds to `configured` the policies whose config properties they set. */
function apply(result: Map<string, EffectivePolicyConfig>, overrides: Record<string, PolicyConfigOverride>, configured: Set<string>): void {
    const all = overrides["all"]?.enforcementLevel;
    if (all !== undefined) {
        for (const config of result.values()) {
            config.enforcementLevel = all;
        }
    }
    for (const [policy, override] of Object.entries(overrides)) {
        const config = result.get(policy);
        // The CLI keeps config for policies the pack does not have; nothing would read it, so it is dropped here.
        if (config === undefined) {
            continue;
        }
        if (override.enforcementLevel !== undefined) {
            config.enforcementLevel = override.enforcementLevel;
        }
        if (override.properties !== undefined && Object.keys(override.properties).length > 0) {
            Object.assign(config.properties, override.properties);
            configured.add(policy);
        }
    }
}

/**
 * Each policy's effective level and config. Throws a PlanError listing every config value its schema rejects.
 * `packEnforcementLevel` is the PolicyPack's own `enforcementLevel`, for policies that set none.
 */
export function reconcilePolicyConfig(
    policies: Policies,
    options: {
        packEnforcementLevel?: EnforcementLevel;
        initialConfig?: PolicyPackConfig;
        overrides?: Record<string, PolicyConfigOverride>;
    } = {},
): Map<string, EffectivePolicyConfig> {
    const packLevel = options.packEnforcementLevel ?? DEFAULT_ENFORCEMENT_LEVEL;
    const result = new Map<string, EffectivePolicyConfig>();
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema.default !== undefined) {
                defaults[key] = schema.default;
            }
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel ?? packLevel, properties: defaults });
    }
    const configured = new Set<string>();
    if (options.initialConfig !== undefined) {
        apply(result, parsePolicyConfig(options.initialConfig, "the policy pack's initial config"), configured);
    }
    if (options.overrides !== undefined) {
        apply(result, options.overrides, configured);
    }

    // A config of schema defaults alone needs no check, unless the schema requires properties it has no default for.
    // Compiling a schema is most of a small plan's policy set-up, so only what someone configured is compiled.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const problems: string[] = [];
    for (const policy of policies) {
        if (policy.configSchema === undefined || (!configured.has(policy.name) && !policy.configSchema.required?.length)) {
            continue;
        }
        const schema = {
            type: "object",
            ...(Object.keys(policy.configSchema.properties).length > 0 ? { properties: policy.configSchema.properties } : {}),
            ...(policy.configSchema.required?.length ? { required: policy.configSchema.required } : {}),
        };
        const validate = ajv.compile(schema);
        if (!validate(result.get(policy.name)?.properties ?? {})) {
            for (const error of validate.errors ?? []) {
                const where = error.instancePath === "" ? "" : `${error.instancePath.slice(1).replace(/\//g, ".")} `;
                problems.push(`  - ${policy.name}: ${where}${error.message ?? "is invalid"}`);
            }
        }
    }
    if (problems.length > 0) {
        throw new PlanError(`the policy config is invalid:\n${problems.join("\n")}`);
    }
    return result;
}
