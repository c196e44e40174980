/** Validation of a host's Active Directory domain join, shared by every cloud. */
import { type IssueCollector } from "./errors";
import { requireSecret, requireString } from "./validation";

/** The plain settings of a domain join that validation reads. */
export interface DomainJoinSettings {
    readonly domainName?: string;
    readonly ouPath?: string;
    readonly username?: string;
    /** Checked for presence only. */
    readonly password?: unknown;
}

const DOMAIN_NAME = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/;

/** Whether a value is an Active Directory domain's DNS name, e.g. `corp.example.com`. */
export function isDomainName(value: unknown): value is string {
    return typeof value === "string" && DOMAIN_NAME.test(value);
}

/** Whether a name names a domain account with its domain: `CORP\name` or `name@corp.example.com`. */
export function isDomainAccountName(name: string): boolean {
    return /^[^\\@]+\\[^\\@]+$|^[^\\@]+@[^\\@]+$/.test(name);
}

/** Whether a value is an LDAP distinguished name of an OU or container, e.g. `OU=Connectors,DC=corp,DC=example,DC=com`. */
export function isDistinguishedName(value: unknown): value is string {
    return typeof value === "string" && /^(OU|CN)=[^,]+(,.+)*,DC=/i.test(value);
}

/** Checks a domain join's settings (`prefix` is where they sit in the caller's args). */
export function validateDomainJoin(domainJoin: DomainJoinSettings | undefined, issues: IssueCollector, prefix: string): void {
    if (typeof domainJoin !== "object" || domainJoin === null) {
        issues.error(prefix, domainJoin, "must be { domainName, username, password, ouPath? }");
        return;
    }
    validateDomainAccount(domainJoin, issues, prefix);
    requireSecret(
        issues,
        `${prefix}.password`,
        domainJoin.password,
        "give the joining account's password as a secret (`pulumi config set --secret`)",
    );
}

/**
 * Checks the non-secret part of a domain join: the domain, the joining account and the OU. Hosts that read the
 * password from a secret store check where it is themselves.
 */
export function validateDomainAccount(domainJoin: Omit<DomainJoinSettings, "password">, issues: IssueCollector, prefix: string): void {
    const domainName = requireString(issues, `${prefix}.domainName`, domainJoin.domainName, "the domain's DNS name");
    if (domainName !== undefined && !isDomainName(domainName)) {
        issues.error(`${prefix}.domainName`, domainName, "must be the domain's DNS name, e.g. corp.example.com");
    }
    const username = requireString(issues, `${prefix}.username`, domainJoin.username, "the joining account");
    if (username !== undefined && !isDomainAccountName(username)) {
        issues.error(
            `${prefix}.username`,
            username,
            "must name the joining account with its domain, as CORP\\joiner or joiner@corp.example.com",
        );
    }
    if (domainJoin.ouPath !== undefined && !isDistinguishedName(domainJoin.ouPath)) {
        issues.error(
            `${prefix}.ouPath`,
            domainJoin.ouPath,
            "must be an LDAP distinguished name, e.g. OU=Connectors,DC=corp,DC=example,DC=com",
        );
    }
}
