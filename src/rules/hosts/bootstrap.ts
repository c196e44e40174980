/** Reading a host's bootstrap (user data, custom data, metadata, extension settings) as text. */
import { collectStrings, isUnknown, readIsSecret, readString, type FoundString, type Unknown } from "../read";
import { decodeBase64 } from "../secretText";
import { type BootstrapField } from "./reader";

/**
 * The strings a bootstrap field holds, base64 decoded where the field is encoded. `map` fields give every string
 * inside them, each with its path (the last segment is the key it sits under).
 */
export function readBootstrap(props: unknown, field: BootstrapField): { strings: FoundString[]; unknowns: Unknown[] } {
    if (field.encoding === "map") {
        return collectStrings(props, ...field.path);
    }
    const text = readString(props, ...field.path);
    if (isUnknown(text)) {
        return { strings: [], unknowns: [text] };
    }
    if (text === undefined) {
        return { strings: [], unknowns: [] };
    }
    const decoded = field.encoding === "base64" ? (decodeBase64(text) ?? text) : text;
    return { strings: [{ path: field.path.join("."), text: decoded, secret: readIsSecret(props, ...field.path) }], unknowns: [] };
}
