/** Args that make a valid connector group, with secret values tests can search for. */
import { type ConnectorGroupArgs } from "connector-topology";

export const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/** A registration token shaped like the real one (a JWT), with a marker tests look for. */
export const REGISTRATION_TOKEN = [
    Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" })).toString("base64url"),
    Buffer.from(JSON.stringify({ aud: "https://proxy.cloudwebappproxy.net/registerapp", exp: 4102444800, marker: "TOKEN-SECRET-7f3a" })).toString("base64url"),
    "c2lnbmF0dXJlLVRPS0VOLVNFQ1JFVC03ZjNh",
].join(".");
export const ADMIN_PASSWORD = "Adm1n-Secret-Passw0rd-91c2";
export const DOMAIN_PASSWORD = "Join-Secret-Passw0rd-4e8b";
export const SUBNET_ID =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/connectors";

export function groupArgs(overrides: Partial<ConnectorGroupArgs> = {}): ConnectorGroupArgs {
    return {
        region: "eur",
        registration: { tenantId: TENANT_ID, token: REGISTRATION_TOKEN },
        azure: {
            location: "westeurope",
            resourceGroupName: "connectors-eur",
            subnetId: SUBNET_ID,
            adminPassword: ADMIN_PASSWORD,
        },
        ...overrides,
    };
}

export const DOMAIN_JOIN = {
    domainName: "corp.example.com",
    ouPath: "OU=Connectors,DC=corp,DC=example,DC=com",
    username: "CORP\\svc-join",
    password: DOMAIN_PASSWORD,
};
