/**
 * Deterministic identifiers for the mock engine. Every id, address and name suffix is derived from a hash of what
 * identifies the resource (its URN), so the same program always plans to the same document and plans can be diffed.
 */
import { createHash } from "crypto";

/** The SHA-256 of the parts, as hex. */
export function digest(...parts: readonly string[]): string {
    const hash = createHash("sha256");
    for (const part of parts) {
        hash.update(part);
        hash.update("\u0000");
    }
    return hash.digest("hex");
}

/** A GUID (version-4 layout) derived from the parts. */
export function guid(...parts: readonly string[]): string {
    const hex = digest(...parts);
    const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `length` hex digits derived from the parts. */
export function hexId(length: number, ...parts: readonly string[]): string {
    return digest(...parts).slice(0, length);
}

/** A decimal string of `length` digits derived from the parts (GCP numeric ids, AWS account ids). */
export function decimalId(length: number, ...parts: readonly string[]): string {
    const hex = digest(...parts);
    let digits = "";
    for (let i = 0; digits.length < length; i += 2) {
        digits += (parseInt(hex.slice(i % 64, (i % 64) + 2), 16) % 10).toString();
    }
    // A leading zero would read as a shorter number.
    return digits[0] === "0" ? `1${digits.slice(1)}` : digits;
}

/**
 * A private IPv4 address in 10.0.0.0/8 derived from the parts. The last octet stays within 4..254: Azure reserves
 * .0-.3 and .255 of every subnet, and AWS the first four and the last.
 */
export function privateIpv4(...parts: readonly string[]): string {
    const hex = digest(...parts);
    const byte = (i: number): number => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return `10.${byte(0)}.${byte(1)}.${4 + (byte(2) % 251)}`;
}

/** An address from TEST-NET-3 (203.0.113.0/24, RFC 5737): obviously not routable, for mocked public IPs. */
export function documentationIpv4(...parts: readonly string[]): string {
    return `203.0.113.${1 + (parseInt(hexId(2, ...parts), 16) % 254)}`;
}
