/**
 * The fleet's service-account model, judged twice:
 * - PKCS with the connector running as SYSTEM is a violation (the source articles: SYSTEM is acceptable for SCEP, but
 *   should be avoided with PKCS);
 * - a domain service account that is not a local administrator is a warning: its agent certificate cannot renew, so
 *   every connector needs a yearly reinstall.
 */
import { CERTIFICATE_CONNECTOR_FEATURES, NON_ADMIN_RENEWAL_FAILURE, PKCS_AS_SYSTEM_REASON } from "../../intune/facts";
import { SERVICE_ACCOUNT_MODELS } from "../../intune/serviceAccount";
import { Findings, NOT_APPLICABLE, resourcePolicy, type RuleResource, type RuleResult } from "../policy";
import { FLEET_TYPES, readFleet } from "./fleet";

/** Finds PKCS served by a connector that runs as SYSTEM. */
export function checkPkcsNotAsSystem(resource: RuleResource): RuleResult | typeof NOT_APPLICABLE {
    const fleet = readFleet(resource);
    if (fleet === undefined) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    fleet.unknowns.forEach((unknown) => findings.undetermined(unknown));
    if (fleet.serviceAccountModel === SERVICE_ACCOUNT_MODELS.system && fleet.features.includes(CERTIFICATE_CONNECTOR_FEATURES.pkcs)) {
        findings.violation(
            `${fleet.label} serves PKCS with the connector running as SYSTEM: ${PKCS_AS_SYSTEM_REASON}. Set serviceAccount ` +
                "to a domain account (a local administrator, so that its agent certificate renews), or serve SCEP only.",
        );
    }
    return findings.result;
}

/** Finds a domain service account that is not a local administrator, so that certificates cannot renew. */
export function checkServiceAccountLocalAdmin(resource: RuleResource): RuleResult | typeof NOT_APPLICABLE {
    const fleet = readFleet(resource);
    if (fleet === undefined) {
        return NOT_APPLICABLE;
    }
    const findings = new Findings();
    fleet.unknowns.forEach((unknown) => findings.undetermined(unknown));
    if (fleet.serviceAccountModel === SERVICE_ACCOUNT_MODELS.domainAccountNoLocalAdmin) {
        const hosts = fleet.machineNames.length > 0 ? ` on ${fleet.machineNames.join(", ")}` : "";
        findings.violation(
            `${fleet.label} runs the connector as ${fleet.serviceAccount ?? "a domain account"}, which is not a local ` +
                `administrator${hosts}: ${NON_ADMIN_RENEWAL_FAILURE}. Set serviceAccount.localAdmin to true, or plan ` +
                "the yearly reinstalls the fleet's interactiveSteps list.",
        );
    }
    return findings.result;
}

/** `intune-no-pkcs-as-system`: a fleet that serves PKCS does not run the connector as SYSTEM. */
export const intuneNoPkcsAsSystem = resourcePolicy<Record<string, never>>({
    name: "intune-no-pkcs-as-system",
    description: "A Certificate Connector fleet that serves PKCS must not run the connector as SYSTEM.",
    enforcementLevel: "mandatory",
    remediationSteps: "Run the connector as a domain service account (CertificateConnectorFleet serviceAccount).",
    config: {},
    resourceTypes: FLEET_TYPES,
    check: checkPkcsNotAsSystem,
});

/** `intune-service-account-local-admin`: warns that a non-admin service account cannot renew the agent certificate. */
export const intuneServiceAccountLocalAdmin = resourcePolicy<Record<string, never>>({
    name: "intune-service-account-local-admin",
    description:
        "A Certificate Connector's domain service account that is not a local administrator cannot renew the agent " +
        "certificate (event 2, Access is denied): every connector then needs a yearly reinstall.",
    enforcementLevel: "advisory",
    remediationSteps: "Make the account a local administrator (serviceAccount.localAdmin), or reinstall each connector yearly.",
    config: {},
    resourceTypes: FLEET_TYPES,
    check: checkServiceAccountLocalAdmin,
});
