/**
 * Windows naming rules that a connector host must meet before any cloud sees it. The computer name matters twice: it
 * is the host's NetBIOS name, and it is the `machineName` the connector registers with, which is how the library finds
 * the connector in Microsoft Graph to move it into its group.
 */

/** Windows computer names (NetBIOS) are at most 15 characters. */
export const WINDOWS_COMPUTER_NAME_MAX_LENGTH = 15;

/**
 * Why a Windows computer name is not usable, or undefined when it is. The library accepts the portable subset: ASCII
 * letters, digits and hyphens, not starting or ending with a hyphen, not all digits, at most 15 characters.
 */
export function computerNameProblem(name: string): string | undefined {
    if (name.length === 0) {
        return "a Windows computer name cannot be empty";
    }
    if (name.length > WINDOWS_COMPUTER_NAME_MAX_LENGTH) {
        return `a Windows computer name has at most ${WINDOWS_COMPUTER_NAME_MAX_LENGTH} characters; this one has ${name.length}`;
    }
    if (!/^[A-Za-z0-9-]+$/.test(name)) {
        return "a Windows computer name may contain only letters, digits and hyphens";
    }
    if (name.startsWith("-") || name.endsWith("-")) {
        return "a Windows computer name cannot start or end with a hyphen";
    }
    if (/^\d+$/.test(name)) {
        return "a Windows computer name cannot be all digits";
    }
    return undefined;
}

/**
 * The computer name of the `index`-th host (0-based) of a set named by `prefix`: `<prefix>-<n>`, n from 1. Kept in one
 * place so that validation checks exactly the names the hosts get.
 */
export function numberedComputerName(prefix: string, index: number): string {
    return `${prefix}-${index + 1}`;
}

/**
 * A computer-name prefix derived from a resource name: letters and digits kept, everything else turned into single
 * hyphens, cut so that `<prefix>-<count>` fits in 15 characters. Empty when nothing usable is left.
 */
export function computerNamePrefixFrom(name: string, count: number): string {
    const room = WINDOWS_COMPUTER_NAME_MAX_LENGTH - `-${Math.max(count, 1)}`.length;
    return name
        .replace(/[^A-Za-z0-9]+/g, "-")
        .slice(0, room)
        .replace(/^-+|-+$/g, "");
}

/**
 * Administrator user names that Azure refuses for Windows VMs (the platform's list), compared case-insensitively.
 */
export const AZURE_RESERVED_ADMIN_USERNAMES: readonly string[] = [
    "1", "123", "a", "actuser", "adm", "admin", "admin1", "admin2", "administrator", "aspnet", "backup", "console",
    "david", "guest", "john", "owner", "root", "server", "sql", "support", "support_388945a0", "sys", "test", "test1",
    "test2", "test3", "user", "user1", "user2", "user3", "user4", "user5",
];

/** Azure's limit on a Windows administrator user name. */
export const AZURE_ADMIN_USERNAME_MAX_LENGTH = 20;

/** Why a name cannot be a Windows VM's administrator on Azure, or undefined when it can. */
export function azureAdminUsernameProblem(username: string): string | undefined {
    if (username.length === 0) {
        return "the administrator user name cannot be empty";
    }
    if (username.length > AZURE_ADMIN_USERNAME_MAX_LENGTH) {
        return `Azure allows at most ${AZURE_ADMIN_USERNAME_MAX_LENGTH} characters in a Windows administrator user name`;
    }
    if (/[\\/"[\]:|<>+=;,?*@\s]/.test(username) || username.endsWith(".")) {
        return "a Windows user name cannot contain \\ / \" [ ] : | < > + = ; , ? * @ or spaces, nor end with a period";
    }
    if (AZURE_RESERVED_ADMIN_USERNAMES.includes(username.toLowerCase())) {
        return `Azure refuses "${username}" as an administrator user name (reserved); choose another`;
    }
    return undefined;
}
