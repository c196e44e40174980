/**
 * A synthetic estate, written as a user would write it: `groups` connector groups, each with
 * {@link CONNECTORS_PER_GROUP} connectors (unless asked otherwise) placed by the host mix (`./mix.ts`) and
 * {@link APPS_PER_GROUP} app assignments. Every other group, the first one included, serves SSO, so its hosts join the
 * domain. Apps are named three ways, as users do: by object id (no lookup), by display name and by app id (a Graph
 * lookup each).
 */
import * as pulumi from "@pulumi/pulumi";
import { AppAssignment, ConnectorGroup } from "connector-topology";
import { CONNECTORS_PER_GROUP, ESTATE_PLACES, type EstateGroup, placementOf } from "./mix";

export { CONNECTORS_PER_GROUP };

/** How many apps every group serves. */
export const APPS_PER_GROUP = 5;

/** The project name the estate plans under. */
export const ESTATE_PROJECT = "estate";

const TENANT_ID = "0d5b9c8e-52c1-4f3f-9a55-6c1f0e0b0e57";

/** The estate's stack config: the values a user would set, secrets as `secure:` values. */
export const ESTATE_STACK_CONFIG = {
    [`${ESTATE_PROJECT}:tenantId`]: TENANT_ID,
    [`${ESTATE_PROJECT}:registrationToken`]: { secure: "v1:QmVuY2hSZWdpc3RyYXRpb25Ub2tlbg==" },
    [`${ESTATE_PROJECT}:adminPassword`]: { secure: "v1:QmVuY2hBZG1pblBhc3N3b3Jk" },
    [`${ESTATE_PROJECT}:domainJoinPassword`]: { secure: "v1:QmVuY2hEb21haW5QYXNzd29yZA==" },
};

/** A deterministic GUID-shaped id for the `n`th thing of a kind. */
function fakeGuid(kind: number, n: number): string {
    const hex = n.toString(16).padStart(12, "0");
    return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${hex}`;
}

/** The group at `index`. */
export function estateGroup(index: number): EstateGroup {
    return {
        index,
        name: `group-${index}`,
        computerNamePrefix: `g${index}`,
        place: ESTATE_PLACES[index % ESTATE_PLACES.length] as EstateGroup["place"],
    };
}

/** The estate's program: registers every group and assignment. Returns the number of groups as a stack output. */
export function estateProgram(groups: number, connectorsPerGroup = CONNECTORS_PER_GROUP): () => { groups: number } {
    return () => {
        const config = new pulumi.Config(ESTATE_PROJECT);
        const registration = { tenantId: config.require("tenantId"), token: config.requireSecret("registrationToken") };
        const secrets = { adminPassword: config.requireSecret("adminPassword") };
        const domainJoin = {
            domainName: "corp.example.com",
            ouPath: "OU=Connectors,DC=corp,DC=example,DC=com",
            username: "CORP\\svc-connector-join",
            password: config.requireSecret("domainJoinPassword"),
        };
        for (let index = 0; index < groups; index++) {
            const group = estateGroup(index);
            const servesSso = index % 2 === 0;
            const connectorGroup = new ConnectorGroup(group.name, {
                region: group.place.region,
                servesSso,
                registration,
                domainJoin: servesSso ? domainJoin : undefined,
                ...placementOf(index).hosts(group, secrets, connectorsPerGroup),
            });
            for (let app = 0; app < APPS_PER_GROUP; app++) {
                const n = index * APPS_PER_GROUP + app;
                const name = `${group.name}-app-${app}`;
                const named =
                    app === 3
                        ? { applicationDisplayName: `App ${n}` }
                        : app === 4
                          ? { applicationId: fakeGuid(0xa99, n) }
                          : { applicationObjectId: fakeGuid(0x0b1, n) };
                new AppAssignment(name, { connectorGroup, ...named });
            }
        }
        return { groups };
    };
}
