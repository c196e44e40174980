/**
 * Secrets never travel in plain user data, custom data, metadata or extension settings: those are readable by anyone
 * who can describe the VM (`ec2:DescribeInstanceAttribute`, project viewers, the VM model). The registration token and
 * the domain-join password go through the cloud's secret store or an extension's protected settings instead.
 *
 * Checked: connector hosts (tagged, or built by this library's components), launch templates of connector hosts, and
 * every Azure VM extension (extensions name their VM by a name a per-resource check cannot resolve, and a secret in
 * plain settings is exposed whichever VM it runs on).
 */
import {
    awsInstanceReader,
    connectorHost,
    HOST_READERS,
    hostLabel,
    isInsideLibraryComponent,
    isTaggedConnectorResource,
    readBootstrap,
    type BootstrapField,
} from "./hosts";
import { Findings, NOT_APPLICABLE, resourcePolicy, type RuleResource, type RuleResult } from "./policy";
import { isUnknown, type Unknown } from "./read";

import { findSecretsInText, isLiteralSecretValue, isSecretName } from "./secretText";

export const AZURE_VM_EXTENSION_TYPE = "azure-native:compute:VirtualMachineExtension";
export const AWS_LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";

const EXTENSION_FIELDS: readonly BootstrapField[] = [{ path: ["settings"], encoding: "map" }];
const EXTENSION_ADVICE =
    "extension settings are stored in plain text in the VM model; move the value to protectedSettings (or " +
    "protectedSettingsFromKeyVault)";
const LAUNCH_TEMPLATE_FIELDS: readonly BootstrapField[] = [{ path: ["userData"], encoding: "base64" }];

/** What a field holds that should not be there, e.g. `an access token (JWT) in userData`. */
export function scanField(props: unknown, field: BootstrapField): { found: string[]; unknowns: Unknown[] } {
    const { strings, unknowns } = readBootstrap(props, field);
    const found: string[] = [];
    for (const { path, text, secret } of strings) {
        const key = path.split(".").pop() ?? path;
        if (secret) {
            found.push(`a Pulumi secret in ${path}`);
        } else if (field.encoding === "map" && isSecretName(key) && isLiteralSecretValue(text)) {
            found.push(`a literal value under the key "${key}" in ${field.path.join(".")}`);
        } else {
            found.push(...findSecretsInText(text).map((kind) => `${kind} in ${path}`));
        }
    }
    return { found, unknowns };
}

interface Carrier {
    readonly label: string;
    readonly fields: readonly BootstrapField[];
    readonly advice: string;
}

function carrierOf(resource: RuleResource): Carrier | Unknown | undefined {
    if (resource.type === AZURE_VM_EXTENSION_TYPE) {
        return { label: `VM extension "${resource.name}"`, fields: EXTENSION_FIELDS, advice: EXTENSION_ADVICE };
    }
    if (resource.type === AWS_LAUNCH_TEMPLATE_TYPE) {
        const tagged = isInsideLibraryComponent(resource.urn) || isTaggedConnectorResource(resource);
        if (tagged !== true) {
            return tagged === false ? undefined : tagged;
        }
        const advice = awsInstanceReader.secretStoreAdvice;
        return { label: `Launch template "${resource.name}"`, fields: LAUNCH_TEMPLATE_FIELDS, advice };
    }
    const reader = HOST_READERS.get(resource.type);
    if (reader === undefined) {
        return undefined;
    }
    if (!isInsideLibraryComponent(resource.urn)) {
        const host = connectorHost(resource);
        if (host === undefined || isUnknown(host)) {
            return host;
        }
    }
    return { label: hostLabel(reader, resource), fields: reader.bootstrapFields, advice: reader.secretStoreAdvice };
}

/** Looks for secrets in the plain bootstrap of a connector host, launch template or VM extension. */
export function checkBootstrapSecrets(resource: RuleResource): RuleResult | typeof NOT_APPLICABLE {
    const carrier = carrierOf(resource);
    if (carrier === undefined) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    if (isUnknown(carrier)) {
        findings.undetermined(carrier);
        return findings.result;
    }
    const found: string[] = [];
    for (const field of carrier.fields) {
        const scan = scanField(resource.props, field);
        found.push(...scan.found);
        scan.unknowns.forEach((unknown) => findings.undetermined(unknown));
    }
    if (found.length > 0) {
        findings.violation(`${carrier.label} carries ${found.join(", ")}: ${carrier.advice}.`);
    }
    return findings.result;
}

/** `no-secrets-in-user-data`: secrets never sit in plain user data, custom data, metadata or extension settings. */
export const noSecretsInUserData = resourcePolicy<Record<string, never>>({
    name: "no-secrets-in-user-data",
    description:
        "Secrets (registration token, passwords, client secrets) must not appear in plain user data, custom data, " +
        "instance metadata or VM extension settings.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Read secrets at boot from the cloud's secret store (Key Vault, SSM Parameter Store, Secret Manager) or pass " +
        "them in an extension's protectedSettings.",
    config: {},
    resourceTypes: [AZURE_VM_EXTENSION_TYPE, AWS_LAUNCH_TEMPLATE_TYPE, ...HOST_READERS.keys()],
    check: checkBootstrapSecrets,
});
