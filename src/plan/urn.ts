/**
 * URNs as the Pulumi engine builds them. The mock monitor qualifies a child's type with its parent's last type only
 * and keeps the root stack in the chain; the engine qualifies it with the parent's whole chain, without the stack.
 * The plan reports the engine's URNs, so that a violation names the resource as `pulumi preview` would.
 */

/** The type of the root stack resource. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The type-token prefix of provider resources. */
export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

const DELIMITER = "::";

/** The qualified type of a URN: the resource's type, prefixed by its ancestors' types (`a$b$type`). */
export function qualifiedTypeOf(urn: string): string {
    // Found in place rather than split: the plan asks it of every registration's parent.
    const project = urn.indexOf(DELIMITER);
    const type = project < 0 ? -1 : urn.indexOf(DELIMITER, project + DELIMITER.length);
    if (type < 0) {
        return "";
    }
    const name = urn.indexOf(DELIMITER, type + DELIMITER.length);
    return urn.slice(type + DELIMITER.length, name < 0 ? undefined : name);
}

/** The name part of a URN. */
export function nameOf(urn: string): string {
    return urn.split(DELIMITER).slice(3).join(DELIMITER);
}

/** The URN the engine gives a resource of `type` named `name` under `parentUrn`. */
export function makeUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
    const parentType = parentUrn ? qualifiedTypeOf(parentUrn) : "";
    const qualified = parentType === "" || parentType === ROOT_STACK_TYPE ? type : `${parentType}$${type}`;
    return `urn:pulumi:${stack}${DELIMITER}${project}${DELIMITER}${qualified}${DELIMITER}${name}`;
}

/** Splits a provider reference (`<urn>::<id>`) into its URN. */
export function providerUrnOf(reference: string): string | undefined {
    const index = reference.lastIndexOf(DELIMITER);
    return index > 0 ? reference.slice(0, index) : undefined;
}

/** The package a type token belongs to (`aws` for `aws:ec2/instance:Instance`). */
export function packageOf(type: string): string {
    return type.split(":")[0] ?? type;
}

/** Whether the type is a provider resource's. */
export function isProviderType(type: string): boolean {
    return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** The name the engine gives a package's default provider: `default_7_48_0`, or `default` without a version. */
export function defaultProviderName(version: string): string {
    return version === "" ? "default" : `default_${version.replace(/[^A-Za-z0-9]/g, "_")}`;
}
