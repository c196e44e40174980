/** What the fleet tests share: the fleet's secrets, a fleet without hosts, and how to prove where a secret reaches. */
import { gunzipSync } from "node:zlib";
import { type CertificateConnectorFleetArgs } from "connector-topology";
import { DOMAIN_JOIN } from "../components/fixtures";
import { type MockEngine, whereMentioned } from "../components/harness";

export const INSTALLER_URL = "https://pkistore.blob.core.windows.net/installers/IntuneCertificateConnector.exe?sv=2024&sig=INSTALLER-SAS-5d1e";
export const SERVICE_PASSWORD = "Svc-Intune-Secret-Passw0rd-b71f";
export const WORKSPACE_ID =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops-logs";
export const ACTION_GROUP_ID =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops/providers/Microsoft.Insights/actionGroups/pki-oncall";

/** A PKCS fleet run as a local-admin domain account, joined to the domain, with no hosts yet: tests add a cloud. */
export function fleetWithoutHosts(overrides: Partial<CertificateConnectorFleetArgs> = {}): CertificateConnectorFleetArgs {
    return {
        features: ["pkcs", "revocation"],
        serviceAccount: { username: "CORP\\svc-intune", password: SERVICE_PASSWORD },
        installer: { url: INSTALLER_URL },
        domainJoin: DOMAIN_JOIN,
        today: "2026-05-01",
        ...overrides,
    };
}

/**
 * Asserts that `secret` reaches no resource in plain form, and reaches, as a secret, exactly the resources named by
 * `holders`.
 */
export function expectSecretOnlyIn(engine: MockEngine, secret: string, holders: readonly string[]): void {
    const found: string[] = [];
    for (const registration of engine.registrations) {
        const where = whereMentioned(registration.inputs, secret);
        expect({ resource: registration.name, plain: where.plain }).toEqual({ resource: registration.name, plain: [] });
        if (where.secret.length > 0) {
            found.push(registration.name);
        }
    }
    expect(found.sort()).toEqual([...holders].sort());
}

/** The bootstrap inside an AWS instance's user data, unpacked as the launcher unpacks it. */
export function bootstrapInUserData(userData: string): string {
    const packed = /\$BootstrapGzipBase64 = '([A-Za-z0-9+/=]+)'/.exec(userData)?.[1];
    return packed === undefined ? "" : gunzipSync(Buffer.from(packed, "base64")).toString("utf8");
}
