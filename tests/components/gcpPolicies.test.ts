/**
 * What the GCP hosts create is judged compliant by the policy pack's own rules, run by the offline plan over the
 * resources the mock engine captured, as CI's `pulumi preview --policy-pack` would judge them.
 */
import { ConnectorGroup } from "connector-topology";
import { type PlanResult, runPlan, type Topology } from "connector-topology/plan";
import { policies } from "connector-topology/rules";
import { DOMAIN_JOIN } from "./fixtures";
import { GCP_TYPES, gcpGroupArgs, gcpHosts } from "./gcpFixtures";

function planOf(program: () => void): Promise<PlanResult> {
    return runPlan({ inline: { projectName: "gcp-estate", program, stackConfig: { "gcp:project": "apps-prod-123" } }, policies });
}

describe("GCP hosts under the policy pack", () => {
    test("a group on Windows Server, one on Managed Microsoft AD and one on the appliance break no rule, mandatory or advisory", async () => {
        const result = await planOf(() => {
            new ConnectorGroup("asia-apps", gcpGroupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }));
            new ConnectorGroup(
                "asia-sso",
                gcpGroupArgs({
                    servesSso: true,
                    gcp: gcpHosts({
                        count: 3,
                        zones: ["asia-southeast1-a", "asia-southeast1-b", "asia-southeast1-c"],
                        managedAd: { domain: "projects/identity-prod/locations/global/domains/corp.example.com" },
                        scaleOutAlert: { notificationChannels: ["projects/ops-1/notificationChannels/7"] },
                    }),
                }),
            );
            new ConnectorGroup("asia-appliance", gcpGroupArgs({ gcp: gcpHosts({ appliance: {}, computerNamePrefix: "asia-appl" }) }));
        });
        expect(result.document.summary).toMatchObject({ mandatoryViolations: 0, advisoryViolations: 0 });
        expect(result.document["violations"]).toEqual([]);
        expect(result.exitCode).toBe(0);
        // The rules did look at the instances, as the mock engine answers them: with their service account and the
        // Secret Manager names of their secrets, as Compute Engine would.
        const instances = result.resources.filter((r) => r.type === GCP_TYPES.instance);
        expect(instances).toHaveLength(7);
        for (const instance of instances) {
            const inputs = instance.inputs as { serviceAccount: { email: string }; metadata: Record<string, string> };
            expect(inputs.serviceAccount.email).toMatch(/^asia-[a-z]+-connector@apps-prod-123\.iam\.gserviceaccount\.com$/);
            expect(inputs.metadata["connector-secret-RegistrationToken"]).toMatch(/^projects\/apps-prod-123\/secrets\/asia-[a-z]+-registration-token$/);
        }

        const topology = result.document["topology"] as Topology;
        expect(topology.groups.map((g) => [g.name, g.region, g.connectors, g.zones.length, [...new Set(g.hosts.map((h) => h.platform))]])).toEqual([
            ["asia-appliance", "asia", 2, 2, ["gcp"]],
            ["asia-apps", "asia", 2, 2, ["gcp"]],
            ["asia-sso", "asia", 3, 3, ["gcp"]],
        ]);
    });

    test("the rules still catch what the components would refuse, so the test above can fail", async () => {
        // A hand-built instance labelled as a connector host, with an external IP and a secret in its metadata.
        const { Instance } = await import("@pulumi/gcp/compute");
        const result = await planOf(() => {
            new Instance("rogue", {
                zone: "asia-southeast1-a",
                machineType: "e2-medium",
                bootDisk: { initializeParams: { image: "windows-cloud/windows-2022-core" } },
                networkInterfaces: [{ subnetwork: "projects/n/regions/asia-southeast1/subnetworks/s", accessConfigs: [{}] }],
                metadata: { "registration-token": "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJlLXNlY3JldA" },
                labels: { "connector-kind": "entra-private-network", "connector-group": "asia-apps" },
            });
        });
        const failed = new Set((result.document["violations"] as { policyName: string }[]).map((v) => v.policyName));
        expect([...failed].sort()).toEqual(
            expect.arrayContaining(["connector-host-min-size", "connector-host-no-public-ip", "connector-host-windows-image", "no-secrets-in-user-data"]),
        );
        expect(result.exitCode).toBe(1);
    });
});
