/**
 * The three ways a Certificate Connector can run, and what each means for its agent certificate's yearly renewal.
 *
 * - SYSTEM: renews by itself; acceptable for SCEP, to be avoided with PKCS.
 * - A domain account that is a local administrator: renews by itself, at the cost of admin rights for the account.
 * - A domain account that is not a local administrator: renewal fails every year (event 2, "Access is denied"), so
 *   every connector must be reinstalled before its certificate expires.
 */

/** The service-account models, as the fleet's summary names them. */
export const SERVICE_ACCOUNT_MODELS = {
    system: "system",
    domainAccountLocalAdmin: "domainAccountLocalAdmin",
    domainAccountNoLocalAdmin: "domainAccountNoLocalAdmin",
} as const;

/** How agent certificates get renewed. */
export const RENEWAL_MODES = {
    /** The connector renews its certificate itself. */
    automatic: "automatic",
    /** Renewal fails; the connector must be reinstalled (or its wizard rerun) before every expiry. */
    yearlyReinstall: "yearlyReinstall",
} as const;

/** The service account's name in summaries and instructions when the connector runs as SYSTEM. */
export const SYSTEM_ACCOUNT = "SYSTEM";

/** The model of a fleet's service account: none (SYSTEM), or a domain account with or without local admin. */
export function serviceAccountModel(account: { readonly localAdmin: boolean } | undefined): string {
    if (account === undefined) {
        return SERVICE_ACCOUNT_MODELS.system;
    }
    return account.localAdmin ? SERVICE_ACCOUNT_MODELS.domainAccountLocalAdmin : SERVICE_ACCOUNT_MODELS.domainAccountNoLocalAdmin;
}

/** How certificates renew under a service-account model. */
export function renewalModeOf(model: string): string {
    return model === SERVICE_ACCOUNT_MODELS.domainAccountNoLocalAdmin ? RENEWAL_MODES.yearlyReinstall : RENEWAL_MODES.automatic;
}

/** What the configuration wizard's *Service Account* page should be set to. */
export function serviceAccountChoice(username: string | undefined): string {
    return username === undefined ? "SYSTEM" : `Domain user account ${username}`;
}
