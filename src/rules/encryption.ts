/**
 * Encryption at host or disk for connector hosts (Checkov CKV_AZURE_151 for Azure). Advisory: Azure needs a
 * subscription feature for encryption at host, and some organisations encrypt EBS by account default instead.
 */
import { connectorHost, HOST_READERS, hostLabel } from "./hosts";
import { Findings, NOT_APPLICABLE, resourcePolicy, type ConfigSchemaOf, type RuleResource, type RuleResult } from "./policy";
import { isUnknown } from "./read";

/** Config of `connector-host-encryption`. */
export interface EncryptionConfig {
    /** Ask for a customer-managed key, not only platform encryption. */
    requireCustomerManagedKey: boolean;
}

const encryptionConfig: ConfigSchemaOf<EncryptionConfig> = {
    requireCustomerManagedKey: {
        type: "boolean",
        default: false,
        description:
            "Require disks encrypted with a customer-managed key (Azure disk encryption set, AWS KMS key, GCP Cloud " +
            "KMS key), not only encryption with platform keys.",
    },
};

/** Judges the disk encryption of a connector host. */
export function checkEncryption(resource: RuleResource, config: EncryptionConfig): RuleResult | typeof NOT_APPLICABLE {
    const host = connectorHost(resource);
    if (host === undefined) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    if (isUnknown(host)) {
        findings.undetermined(host);
        return findings.result;
    }
    const { reader } = host;
    const state = reader.encryption(resource);
    const label = hostLabel(reader, resource);
    const verdict = config.requireCustomerManagedKey ? state.customerManagedKey : state.encrypted;
    if (isUnknown(verdict)) {
        findings.undetermined(verdict);
    } else if (verdict !== true) {
        findings.violation(
            config.requireCustomerManagedKey
                ? `${label} is not encrypted with a customer-managed key: ${reader.customerKeyAdvice}.`
                : `${label} has neither encryption at host nor encrypted disks: ${reader.encryptionAdvice}.`,
        );
    }
    return findings.result;
}

/** `connector-host-encryption`: connector hosts encrypt at host or disk level. */
export const connectorHostEncryption = resourcePolicy({
    name: "connector-host-encryption",
    description: "Connector hosts should encrypt their disks (encryption at host on Azure, encrypted EBS volumes on AWS).",
    enforcementLevel: "advisory",
    remediationSteps: "Turn on encryption at host or disk encryption for the connector host.",
    config: encryptionConfig,
    resourceTypes: [...HOST_READERS.keys()],
    check: checkEncryption,
});
