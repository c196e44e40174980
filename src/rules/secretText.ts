/**
 * Recognising secrets in plain text: bootstrap scripts, user data, metadata values, extension settings. The policy
 * engine hands secrets to policies already decrypted, so a secret that ended up in user data looks like any other
 * text; what gives it away is its shape (an access token) or its place (a literal where a password goes).
 *
 * Findings describe what was found and where, never the value itself.
 */

const ACCESS_TOKEN = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const PLAIN_SECURE_STRING = /ConvertTo-SecureString\s+(?:-String\s+)?(['"])(?!\$)[^'"\r\n]+\1[^\r\n]*-AsPlainText/i;
const SECRET_PARAMETER = /-(Password|Token|AccessToken|RegistrationToken|ClientSecret|Secret)\s+(['"])(?!\$)[^'"\r\n]+\2/i;
const SECRET_ASSIGNMENT = /([$\w]*(?:password|passwd|pwd|secret|token)[$\w]*)(['"]?)\s*[:=]\s*(['"])(?!\$)([^'"\r\n]{4,})\3/gi;

const SECRET_NAME = /(password|passwd|pwd|secret|token|credential|api_?key)/i;
// Names of references to a secret (where it is stored), not of the secret itself.
const REFERENCE_NAME = /(name|path|id|arn|uri|url|param|parameter|file|version|expiry|expiration|type|length)$/i;
const REFERENCE_VALUE = /^(\/|arn:|projects\/|https?:\/\/|resolve:|\{\{resolve:|ssm:|secretsmanager:)|vault\.azure\.net/i;
const NOT_A_SECRET = /^(true|false|yes|no|\d+)$/i;

/** Whether a key or variable name names a secret (`Password`, `registration-token`), not a reference to one. */
export function isSecretName(name: string): boolean {
    const bare = name.replace(/^\$/, "");
    return SECRET_NAME.test(bare) && !REFERENCE_NAME.test(bare);
}

/** Whether a value points at a secret store (an SSM parameter path, an ARN, a Key Vault URL) rather than holding one. */
export function isSecretReference(value: string): boolean {
    return REFERENCE_VALUE.test(value.trim());
}

/** Whether a value stored under a secret-named key is a secret: a non-empty literal, not a reference or a flag. */
export function isLiteralSecretValue(value: string): boolean {
    const trimmed = value.trim();
    return trimmed.length > 0 && !NOT_A_SECRET.test(trimmed) && !isSecretReference(trimmed) && !trimmed.startsWith("$");
}

/**
 * Results for long texts already seen. An estate's hosts share one bootstrap script (about 13 KB), which costs about a
 * millisecond to scan and a tenth of that to decode: once per estate rather than once per host. Bounded, oldest out.
 */
class LongTextMemo<T> {
    private readonly results = new Map<string, T>();

    constructor(private readonly compute: (text: string) => T) {}

    get(text: string): T {
        if (text.length < LONG_TEXT) {
            return this.compute(text);
        }
        if (this.results.has(text)) {
            return this.results.get(text) as T;
        }
        const result = this.compute(text);
        if (this.results.size >= MEMO_ENTRIES) {
            this.results.delete(this.results.keys().next().value as string);
        }
        this.results.set(text, result);
        return result;
    }
}

/** Texts at least this long are remembered. */
const LONG_TEXT = 1024;
/** How many texts are remembered. */
const MEMO_ENTRIES = 32;

const secretsInText = new LongTextMemo<readonly string[]>(scanForSecrets);
const decodedBase64 = new LongTextMemo<string | undefined>(decode);

/** What kinds of secret a text holds, e.g. `an access token (JWT)`; empty when none. */
export function findSecretsInText(text: string): string[] {
    return [...secretsInText.get(text)];
}

function scanForSecrets(text: string): string[] {
    const found: string[] = [];
    if (ACCESS_TOKEN.test(text)) {
        found.push("an access token (JWT)");
    }
    if (PLAIN_SECURE_STRING.test(text)) {
        found.push("a literal passed to ConvertTo-SecureString -AsPlainText");
    }
    const parameter = SECRET_PARAMETER.exec(text);
    if (parameter) {
        found.push(`a literal -${parameter[1]} argument`);
    }
    for (const match of text.matchAll(SECRET_ASSIGNMENT)) {
        const [, name = "", , , value = ""] = match;
        if (isSecretName(name) && isLiteralSecretValue(value)) {
            found.push(`a literal assigned to ${name}`);
            break;
        }
    }
    return found;
}

/** Decodes base64 text (Azure custom data and user data, AWS userDataBase64); undefined when it is not base64. */
export function decodeBase64(text: string): string | undefined {
    return decodedBase64.get(text);
}

function decode(text: string): string | undefined {
    const compact = text.replace(/\s+/g, "");
    if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
        return undefined;
    }
    return Buffer.from(compact, "base64").toString("utf8");
}
