import * as pulumi from "@pulumi/pulumi";
import {
    COMPONENT_TYPES,
    ConnectorGroup,
    type ConnectorGroupSummary,
    ENTRA_RESOURCE_TYPES,
    type InputValidationError,
    renderConnectorBootstrap,
} from "connector-topology";
import { ADMIN_PASSWORD, DOMAIN_JOIN, DOMAIN_PASSWORD, REGISTRATION_TOKEN, SUBNET_ID, TENANT_ID } from "./fixtures";
import { GCP_PROJECT, GCP_SUBNETWORK, GCP_TYPES, gcpGroupArgs, gcpHosts, INSTALLER_URL, type InstanceInputs } from "./gcpFixtures";
import { expectRefusedBeforeRegistering, inputsOf, isSecret, type MockEngine, outputOf, reveal, startMockEngine, whereMentioned } from "./harness";

const MANAGED_AD = { domain: "projects/identity-prod/locations/global/domains/corp.example.com", ouName: "connectors" };
const SA_EMAIL = `asia-apps-connector@${GCP_PROJECT}.iam.gserviceaccount.com`;

describe("ConnectorGroup on GCP", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    const instances = () => engine.ofType(GCP_TYPES.instance).map((r) => inputsOf<InstanceInputs>(r));

    test("creates two Windows Server 2022 instances, one per zone, sized 4 vCPU / 8 GiB, with no external IP, as Shielded VMs", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs());
        await engine.settle();
        expect(engine.ofType(COMPONENT_TYPES.GcpConnectorHost).map((r) => r.name)).toEqual(["asia-apps-gcp-1", "asia-apps-gcp-2"]);
        const hosts = instances();
        expect(hosts.map((i) => [i.name, i.zone])).toEqual([
            ["asia-apps-1", "asia-southeast1-a"],
            ["asia-apps-2", "asia-southeast1-b"],
        ]);
        for (const instance of hosts) {
            expect(instance).toMatchObject({ project: GCP_PROJECT, machineType: "c2d-highcpu-4" });
            // Never stopped by an update: Pulumi would stop every host of the group at once.
            expect(instance.allowStoppingForUpdate).toBeUndefined();
            expect(instance.bootDisk).toEqual({
                autoDelete: true,
                initializeParams: {
                    image: "windows-cloud/windows-2022",
                    size: 64,
                    type: "pd-balanced",
                    labels: { "connector-group": "asia-apps", "connector-kind": "entra-private-network" },
                },
            });
            // No access config: no external IP, ephemeral or static.
            expect(instance.networkInterfaces).toEqual([{ subnetwork: GCP_SUBNETWORK }]);
            expect(instance.shieldedInstanceConfig).toEqual({ enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
            expect(instance.serviceAccount).toEqual({ email: SA_EMAIL, scopes: ["https://www.googleapis.com/auth/cloud-platform"] });
            expect(instance.labels).toEqual({ "connector-group": "asia-apps", "connector-kind": "entra-private-network" });
        }
        // Memberships look each connector up by the instance name, which Windows takes as its computer name.
        const memberships = engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership);
        expect(memberships.map((m) => [m.name, m.inputs.machineName])).toEqual([
            ["asia-apps-gcp-1-membership", "asia-apps-1"],
            ["asia-apps-gcp-2-membership", "asia-apps-2"],
        ]);
        // Each waits for its host's instance.
        for (const [i, membership] of memberships.entries()) {
            expect(membership.dependencies).toContain(engine.find(GCP_TYPES.instance, `asia-apps-gcp-${i + 1}-instance`).urn);
        }
    });

    test("labels hosts with the group's label value, and spreads more hosts round-robin", async () => {
        new ConnectorGroup("asia", gcpGroupArgs({ displayName: "Asia Apps (SG)", gcp: gcpHosts({ count: 5, zones: ["asia-southeast1-b", "asia-southeast1-c"] }) }));
        await engine.settle();
        expect(instances().map((i) => i.zone)).toEqual(["b", "c", "b", "c", "b"].map((z) => `asia-southeast1-${z}`));
        expect(new Set(instances().map((i) => i.labels["connector-group"]))).toEqual(new Set(["asia-apps-sg-"]));
    });

    test("gives the hosts a service account of their own that can read exactly the group's secrets", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs());
        await engine.settle();
        const [account] = engine.ofType(GCP_TYPES.serviceAccount);
        expect(engine.ofType(GCP_TYPES.serviceAccount)).toHaveLength(1);
        expect(account?.inputs).toMatchObject({ project: GCP_PROJECT, accountId: "asia-apps-connector" });

        const secrets = engine.ofType(GCP_TYPES.secret);
        expect(secrets.map((s) => s.inputs.secretId)).toEqual(["asia-apps-registration-token", "asia-apps-installer-url"]);
        for (const secret of secrets) {
            expect(secret.inputs).toMatchObject({ project: GCP_PROJECT, replication: { auto: {} } });
        }
        const secretIds = secrets.map((s) => `projects/${GCP_PROJECT}/secrets/${String(s.inputs.secretId)}`);
        expect(engine.ofType(GCP_TYPES.secretVersion).map((v) => v.inputs.secret)).toEqual(secretIds);
        const grants = engine.ofType(GCP_TYPES.secretAccess).map((g) => g.inputs);
        expect(grants).toEqual(
            secretIds.map((secretId) => ({ project: GCP_PROJECT, secretId, role: "roles/secretmanager.secretAccessor", member: `serviceAccount:${SA_EMAIL}` })),
        );
        // Project-wide: the Ops Agent's log and metric writers, and nothing else.
        expect(engine.ofType(GCP_TYPES.projectMember).map((m) => m.inputs)).toEqual([
            { project: GCP_PROJECT, role: "roles/logging.logWriter", member: `serviceAccount:${SA_EMAIL}` },
            { project: GCP_PROJECT, role: "roles/monitoring.metricWriter", member: `serviceAccount:${SA_EMAIL}` },
        ]);
        // Every instance waits for the secrets and their grants: its first boot reads them.
        const prerequisites = [...engine.ofType(GCP_TYPES.secretVersion), ...engine.ofType(GCP_TYPES.secretAccess)].map((r) => r.urn);
        for (const instance of engine.ofType(GCP_TYPES.instance)) {
            expect(instance.dependencies).toEqual(expect.arrayContaining(prerequisites));
        }
    });

    test("delivers the GCP bootstrap in plain metadata that names where the secrets are, and installs the Ops Agent after it", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs());
        await engine.settle();
        const script = renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID }).script;
        for (const instance of engine.ofType(GCP_TYPES.instance)) {
            expect(isSecret(instance.inputs.metadata)).toBe(false);
            const metadata = inputsOf<InstanceInputs>(instance).metadata;
            expect(Object.keys(metadata).sort()).toEqual([
                "connector-secret-InstallerUrl",
                "connector-secret-RegistrationToken",
                "windows-startup-script-cmd",
                "windows-startup-script-ps1",
            ]);
            expect(metadata["windows-startup-script-ps1"]).toBe(script);
            expect(metadata["connector-secret-RegistrationToken"]).toBe(`projects/${GCP_PROJECT}/secrets/asia-apps-registration-token`);
            expect(metadata["connector-secret-InstallerUrl"]).toBe(`projects/${GCP_PROJECT}/secrets/asia-apps-installer-url`);
            expect(metadata["windows-startup-script-cmd"]).toContain("add-google-cloud-ops-agent-repo.ps1");
        }
    });

    test("keeps every secret a secret wherever it reaches a resource (its Secret Manager version), and nowhere else", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }));
        await engine.settle();
        const expectations: [string, string, string][] = [
            ["registration token", REGISTRATION_TOKEN, "asia-apps-gcp-registration-token-version"],
            ["installer URL", INSTALLER_URL, "asia-apps-gcp-installer-url-version"],
            ["domain password", DOMAIN_PASSWORD, "asia-apps-gcp-domain-join-password-version"],
        ];
        for (const [what, secret, holder] of expectations) {
            const holders: string[] = [];
            for (const registration of engine.registrations) {
                const where = whereMentioned(registration.inputs, secret);
                expect({ what, resource: registration.name, plain: where.plain }).toEqual({ what, resource: registration.name, plain: [] });
                if (where.secret.length > 0) {
                    holders.push(registration.name);
                    expect(where.secret).toEqual(["secretData"]);
                }
            }
            expect({ what, holders }).toEqual({ what, holders: [holder] });
            expect(isSecret(engine.find(GCP_TYPES.secretVersion, holder).inputs.secretData)).toBe(true);
        }
    });

    test("makes a plain-string token a secret too", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs({ registration: { tenantId: TENANT_ID, token: pulumi.output(REGISTRATION_TOKEN) } }));
        await engine.settle();
        expect(isSecret(engine.find(GCP_TYPES.secretVersion, "asia-apps-gcp-registration-token-version").inputs.secretData)).toBe(true);
    });

    test("joins the group's domain through the bootstrap, with the password in Secret Manager", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs({ servesSso: true, domainJoin: DOMAIN_JOIN }));
        await engine.settle();
        expect(engine.ofType(GCP_TYPES.secret).map((s) => s.inputs.secretId)).toContain("asia-apps-domain-join-password");
        const script = renderConnectorBootstrap({
            cloud: "gcp",
            tenantId: TENANT_ID,
            domainJoin: { domainName: DOMAIN_JOIN.domainName, joinedBy: "bootstrap", username: DOMAIN_JOIN.username, ouPath: DOMAIN_JOIN.ouPath },
        }).script;
        for (const instance of instances()) {
            expect(instance.metadata["windows-startup-script-ps1"]).toBe(script);
            expect(instance.metadata["connector-secret-DomainJoinPassword"]).toBe(`projects/${GCP_PROJECT}/secrets/asia-apps-domain-join-password`);
            expect(instance.metadata["managed-ad-domain"]).toBeUndefined();
        }
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "asia-apps").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.every((h) => h.domainJoined === true)).toBe(true);
    });

    test("joins Managed Microsoft AD through instance metadata, with the domain-join role on the domain's project", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs({ servesSso: true, gcp: gcpHosts({ managedAd: MANAGED_AD }) }));
        await engine.settle();
        for (const instance of instances()) {
            expect(instance.metadata).toMatchObject({
                "managed-ad-domain": MANAGED_AD.domain,
                "managed-ad-ou-name": "connectors",
                "enable-guest-attributes": "TRUE",
            });
            // The bootstrap steps aside until Managed AD has joined and restarted the host; no password is involved.
            expect(instance.metadata["windows-startup-script-ps1"]).toBe(
                renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID, domainJoin: { domainName: "corp.example.com", joinedBy: "platform" } }).script,
            );
            expect(instance.metadata["connector-secret-DomainJoinPassword"]).toBeUndefined();
        }
        const domainJoinRole = engine.find(GCP_TYPES.projectMember, "asia-apps-gcp-domain-join");
        expect(domainJoinRole.inputs).toEqual({ project: "identity-prod", role: "roles/managedidentities.domainJoin", member: `serviceAccount:${SA_EMAIL}` });
        for (const instance of engine.ofType(GCP_TYPES.instance)) {
            expect(instance.dependencies).toContain(domainJoinRole.urn);
        }
    });

    test("runs the marketplace appliance with the same size, zones, network, identity and membership", async () => {
        new ConnectorGroup("asia-apps", gcpGroupArgs({ gcp: gcpHosts({ appliance: {}, machineType: "n2-custom-4-8192" }) }));
        await engine.settle();
        for (const instance of instances()) {
            expect(instance.bootDisk.initializeParams.image).toBe("ciem-entra/entraprivatenetworkconnector");
            expect(instance.machineType).toBe("n2-custom-4-8192");
            expect(instance.networkInterfaces).toEqual([{ subnetwork: GCP_SUBNETWORK }]);
            expect(instance.shieldedInstanceConfig).toEqual({ enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
            expect(instance.serviceAccount.email).toBe(SA_EMAIL);
        }
        expect(instances().map((i) => i.zone)).toEqual(["asia-southeast1-a", "asia-southeast1-b"]);
        expect(engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership).map((m) => m.inputs.machineName)).toEqual(["asia-apps-1", "asia-apps-2"]);
        const summary = engine.find(COMPONENT_TYPES.ConnectorGroup, "asia-apps").inputs as unknown as ConnectorGroupSummary;
        expect(summary.hosts.map((h) => [h.appliance, h.image])).toEqual([
            [true, "ciem-entra/entraprivatenetworkconnector"],
            [true, "ciem-entra/entraprivatenetworkconnector"],
        ]);
    });

    test("encrypts boot disks with a customer-managed key when given one, and applies the user's labels and network tags", async () => {
        const key = "projects/kms-prod/locations/asia-southeast1/keyRings/connectors/cryptoKeys/disks";
        new ConnectorGroup("asia-apps", gcpGroupArgs({ gcp: gcpHosts({ bootDiskKmsKey: key, labels: { team: "platform" }, networkTags: ["egress-connector"] }) }));
        await engine.settle();
        for (const instance of instances()) {
            expect(instance.bootDisk.kmsKeySelfLink).toBe(key);
            expect(instance.labels).toEqual({ team: "platform", "connector-group": "asia-apps", "connector-kind": "entra-private-network" });
            expect(instance.tags).toEqual(["egress-connector"]);
        }
        for (const secret of engine.ofType(GCP_TYPES.secret)) {
            expect(secret.inputs.labels).toEqual({ team: "platform", "connector-group": "asia-apps", "connector-kind": "entra-private-network" });
        }
    });

    test("alerts the user's channels when a host's CPU or memory stays above the threshold, saying to scale out", async () => {
        const channels = ["projects/ops-1/notificationChannels/123"];
        new ConnectorGroup("asia-apps", gcpGroupArgs({ gcp: gcpHosts({ scaleOutAlert: { notificationChannels: channels, thresholdPercent: 75, windowMinutes: 30 } }) }));
        await engine.settle();
        const [policy] = engine.ofType(GCP_TYPES.alertPolicy).map((r) => reveal(r.inputs) as Record<string, unknown>);
        expect(policy).toMatchObject({ project: GCP_PROJECT, combiner: "OR", notificationChannels: channels, userLabels: { "connector-group": "asia-apps" } });
        const conditions = policy!.conditions as { displayName: string; conditionThreshold: { thresholdValue: number; duration: string; filter: string } }[];
        expect(conditions.map((c) => [c.displayName, c.conditionThreshold.thresholdValue, c.conditionThreshold.duration])).toEqual([
            ["CPU above 75%", 0.75, "1800s"],
            ["Memory above 75%", 75, "1800s"],
        ]);
        expect((policy!.documentation as { content: string }).content).toMatch(/Scale out: add a connector host to the group/);
    });

    test("without the Ops Agent: no agent script, no project-wide role, and an alert on CPU only", async () => {
        const channels = ["projects/ops-1/notificationChannels/123"];
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            new ConnectorGroup("asia-apps", gcpGroupArgs({ gcp: gcpHosts({ opsAgent: false, scaleOutAlert: { notificationChannels: channels } }) }));
            await engine.settle();
            expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ConnectorGroup "asia-apps": gcp\.opsAgent = false: .*watches CPU only/), expect.anything());
        } finally {
            warn.mockRestore();
        }
        expect(engine.ofType(GCP_TYPES.projectMember)).toEqual([]);
        for (const instance of instances()) {
            expect(instance.metadata["windows-startup-script-cmd"]).toBeUndefined();
        }
        const conditions = (reveal(engine.ofType(GCP_TYPES.alertPolicy)[0]!.inputs) as { conditions: { displayName: string }[] }).conditions;
        expect(conditions.map((c) => c.displayName)).toEqual(["CPU above 70%"]);
    });

    test("registers a non-secret summary and exposes the hosts' ids and private IPs", async () => {
        const group = new ConnectorGroup("asia-apps", gcpGroupArgs());
        const [hostIds, privateIps] = await Promise.all([outputOf(group.hostIds), outputOf(group.privateIps)]);
        await engine.settle();
        expect(engine.find(COMPONENT_TYPES.ConnectorGroup, "asia-apps").inputs).toEqual({
            displayName: "asia-apps",
            region: "asia",
            servesSso: false,
            allowSingleConnector: false,
            hosts: [1, 2].map((n) => ({
                machineName: `asia-apps-${n}`,
                platform: "gcp",
                cloudRegion: "asia-southeast1",
                zone: `asia-southeast1-${"ab"[n - 1]}`,
                size: "c2d-highcpu-4",
                image: "windows-cloud/windows-2022",
                domainJoined: false,
            })),
        });
        expect(hostIds).toEqual([1, 2].map((n) => `projects/${GCP_PROJECT}/zones/asia-southeast1-${"ab"[n - 1]}/instances/asia-apps-${n}`));
        expect(privateIps.every((ip) => /^10\.1\.0\.\d+$/.test(ip))).toBe(true);
    });

    test("mixes clouds in one group: hosts on Azure and GCP, all members of the one Entra group", async () => {
        new ConnectorGroup(
            "sea",
            gcpGroupArgs({
                azure: { location: "southeastasia", resourceGroupName: "rg", subnetId: SUBNET_ID, adminPassword: ADMIN_PASSWORD, count: 1, computerNamePrefix: "sea-az" },
                gcp: gcpHosts({ count: 1, computerNamePrefix: "sea-gcp" }),
            }),
        );
        await engine.settle();
        expect(engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroupMembership).map((m) => m.inputs.machineName).sort()).toEqual(["sea-az-1", "sea-gcp-1"]);
        expect(engine.ofType(ENTRA_RESOURCE_TYPES.ConnectorGroup)).toHaveLength(1);
    });

    describe("refuses bad input before registering anything", () => {
        const cases: [string, () => ConstructorParameters<typeof ConnectorGroup>[1], RegExp][] = [
            ["one zone for two hosts", () => gcpGroupArgs({ gcp: gcpHosts({ zones: ["asia-southeast1-a"] }) }), /gcp\.zones = \["asia-southeast1-a"\]: lists one zone/],
            ["an undersized machine type", () => gcpGroupArgs({ gcp: gcpHosts({ machineType: "n2-custom-2-8192" }) }), /gcp\.machineType = "n2-custom-2-8192": has 2 vCPU, 8 GiB; a connector host needs at least 4 vCPU, 8 GiB/],
            ["a Server Core image", () => gcpGroupArgs({ gcp: gcpHosts({ image: "windows-cloud/windows-2022-core" }) }), /gcp\.image = "windows-cloud\/windows-2022-core": .* is Server Core/],
            ["a subnetwork in another region", () => gcpGroupArgs({ gcp: gcpHosts({ subnetwork: "projects/n/regions/us-east1/subnetworks/s" }) }), /gcp\.subnetwork = .*: is in region us-east1/],
            ["an instance name over 15 characters", () => gcpGroupArgs({ gcp: gcpHosts({ computerNamePrefix: "connectors-asia" }) }), /gcp\.computerNamePrefix = "connectors-asia": gives host 2 the instance name "connectors-asia-2": a Windows computer name has at most 15 characters/],
        ];
        test.each(cases)("%s", async (_label, args, message) => {
            await expectRefusedBeforeRegistering(engine, () => new ConnectorGroup("asia-apps", args()), 'ConnectorGroup "asia-apps"', message);
        });

        test("lists every problem at once, and no secret", async () => {
            let error: unknown;
            try {
                new ConnectorGroup(
                    "x",
                    gcpGroupArgs({
                        servesSso: true,
                        gcp: gcpHosts({ project: "Apps", zones: ["asia-southeast1-a", "europe-west1-b"], scaleOutAlert: { notificationChannels: [] } }),
                    }),
                );
            } catch (caught) {
                error = caught;
            }
            expect((error as InputValidationError).issues.map((issue) => issue.field)).toEqual([
                "gcp.zones",
                "gcp.project",
                "gcp.scaleOutAlert.notificationChannels",
                "servesSso",
            ]);
            for (const secret of [REGISTRATION_TOKEN, INSTALLER_URL]) {
                expect((error as Error).message).not.toContain(secret);
            }
            await engine.settle();
            expect(engine.registrations).toEqual([]);
        });
    });
});
