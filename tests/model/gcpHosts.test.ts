import fc from "fast-check";
import {
    type ConnectorGroupSettings,
    defaultGcpBootDiskType,
    GCP_SCALE_OUT_METRICS,
    gcpInstanceNameProblem,
    gcpManagedAdMetadata,
    gcpScaleOutAlertPolicy,
    gcpSecretId,
    gcpServiceAccountId,
    type GcpGroupContext,
    type GcpHostSetSettings,
    InputValidationError,
    IssueCollector,
    planConnectorGroup,
    planGcpConnectorHost,
    planGcpHosts,
    type ValidationIssue,
} from "connector-topology";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SUBNETWORK = "projects/net-host/regions/asia-southeast1/subnetworks/connectors";

function gcp(overrides: Partial<GcpHostSetSettings> = {}): GcpHostSetSettings {
    return {
        project: "apps-prod-123",
        zones: ["asia-southeast1-a", "asia-southeast1-b"],
        subnetwork: SUBNETWORK,
        ...overrides,
    };
}

function plan(settings: GcpHostSetSettings, group: GcpGroupContext = { resourceName: "asia-apps", region: "asia" }) {
    const issues = new IssueCollector("test");
    const result = planGcpHosts(settings, group, issues);
    return { result, errors: issues.errors.map(line), warnings: issues.warnings.map(line) };
}

function line(issue: ValidationIssue): string {
    return `${issue.field} = ${JSON.stringify(issue.value)}: ${issue.rule}`;
}

describe("planGcpHosts", () => {
    test("applies the defaults: two hosts named after the resource, one per zone, c2d-highcpu-4, windows-2022", () => {
        const { result, errors, warnings } = plan(gcp());
        expect(errors).toEqual([]);
        expect(warnings).toEqual([]);
        expect(result).toMatchObject({
            region: "asia-southeast1",
            namePrefix: "asia-apps",
            serviceAccountId: "asia-apps-connector",
            opsAgent: true,
            settings: {
                project: "apps-prod-123",
                machineType: "c2d-highcpu-4",
                image: "windows-cloud/windows-2022",
                appliance: false,
                bootDiskSizeGb: 64,
                bootDiskType: "pd-balanced",
            },
        });
        expect(result?.domainJoin).toBeUndefined();
        expect(result?.scaleOutAlert).toBeUndefined();
        expect(result?.hosts.map((h) => h.summary)).toEqual([
            {
                machineName: "asia-apps-1",
                platform: "gcp",
                cloudRegion: "asia-southeast1",
                zone: "asia-southeast1-a",
                size: "c2d-highcpu-4",
                image: "windows-cloud/windows-2022",
                domainJoined: false,
            },
            expect.objectContaining({ machineName: "asia-apps-2", zone: "asia-southeast1-b" }),
        ]);
    });

    test("spreads any number of hosts round-robin over the zones, with valid, unique, numbered instance names", () => {
        const zoneSets = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { minLength: 2, maxLength: 4 });
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 50 }), zoneSets, fc.constantFrom("g", "eu-apps", "a-long-group-name-x"), (count, letters, name) => {
                const zones = letters.map((letter) => `europe-west4-${letter}`);
                const { result, errors } = plan(gcp({ count, zones, subnetwork: "projects/p/regions/europe-west4/subnetworks/s" }), {
                    resourceName: name,
                    region: "eur",
                });
                expect(errors).toEqual([]);
                const hosts = result!.hosts;
                expect(hosts).toHaveLength(count);
                expect(new Set(hosts.map((h) => h.instanceName)).size).toBe(count);
                for (const host of hosts) {
                    expect(gcpInstanceNameProblem(host.instanceName)).toBeUndefined();
                    expect(host.zone).toBe(zones[host.index % zones.length]);
                }
                const perZone = zones.map((zone) => hosts.filter((h) => h.zone === zone).length);
                expect(Math.max(...perZone) - Math.min(...perZone)).toBeLessThanOrEqual(1);
            }),
            { numRuns: 60 },
        );
    });

    test("names a valid service account and secrets after any valid prefix", () => {
        const prefix = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}[a-z0-9]$/);
        fc.assert(
            fc.property(prefix, (p) => {
                expect(gcpServiceAccountId(p)).toMatch(/^[a-z]([-a-z0-9]{4,28})[a-z0-9]$/);
                expect(gcpSecretId(p, "RegistrationToken")).toBe(`${p}-registration-token`);
                expect(gcpSecretId(p, "DomainJoinPassword")).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
            }),
        );
    });

    test("reads custom machine types, and picks Hyperdisk for series that boot only from it", () => {
        expect(plan(gcp({ machineType: "n2-custom-4-8192" })).errors).toEqual([]);
        expect(plan(gcp({ machineType: "e2-custom-4-8192" })).errors).toEqual([]);
        expect(plan(gcp({ machineType: "n4-standard-4" })).result?.settings.bootDiskType).toBe("hyperdisk-balanced");
        expect(defaultGcpBootDiskType("zones/x/machineTypes/c4-standard-4")).toBe("hyperdisk-balanced");
        expect(defaultGcpBootDiskType("custom-4-8192")).toBe("pd-balanced");
    });

    test("names the field, the value and the rule for each bad setting", () => {
        const cases: [Partial<GcpHostSetSettings>, unknown[]][] = [
            [{ project: undefined }, ["gcp.project = undefined: the Google Cloud project id is required and must be a non-empty string"]],
            [{ project: "My Project" }, [expect.stringMatching(/^gcp\.project = "My Project": must be a project id/)]],
            [{ zones: undefined }, [expect.stringMatching(/^gcp\.zones = undefined: the zones are required: at least two zones of one region/)]],
            [
                { zones: ["asia-southeast1-a"] },
                ['gcp.zones = ["asia-southeast1-a"]: lists one zone; connector hosts spread over at least two zones, so that a zone outage leaves the group serving'],
            ],
            [
                { zones: ["asia-southeast1-a", "europe-west1-b"] },
                [expect.stringMatching(/^gcp\.zones = .*: spans regions asia-southeast1, europe-west1; a group's GCP hosts share one region/)],
            ],
            [{ zones: ["asia-southeast1-a", "asia-southeast1-a"] }, [expect.stringMatching(/lists a zone more than once/)]],
            [{ zones: ["asia-southeast1", "asia-southeast1-b"] }, [expect.stringMatching(/^gcp\.zones\[0\] = "asia-southeast1": must be a Compute Engine zone name/)]],
            [
                { subnetwork: "projects/net/regions/us-east1/subnetworks/s" },
                ['gcp.subnetwork = "projects/net/regions/us-east1/subnetworks/s": is in region us-east1, but the hosts\' zones are in asia-southeast1; use a subnetwork of asia-southeast1'],
            ],
            [{ subnetwork: "default" }, [expect.stringMatching(/^gcp\.subnetwork = "default": must be a subnetwork's resource name/)]],
            [{ subnetwork: undefined }, [expect.stringMatching(/^gcp\.subnetwork = undefined: the subnetwork is required.*Cloud NAT/)]],
            [
                { machineType: "e2-standard-2" },
                ['gcp.machineType = "e2-standard-2": has 2 vCPU, 8 GiB; a connector host needs at least 4 vCPU, 8 GiB (for example c2d-highcpu-4 (or a custom type such as n2-custom-4-8192))'],
            ],
            [{ machineType: "n2-custom-4-4096" }, [expect.stringMatching(/^gcp\.machineType = "n2-custom-4-4096": has 4 vCPU, 4 GiB/)]],
            [
                { machineType: "z9-mega-4" },
                [expect.stringMatching(/^gcp\.machineType = "z9-mega-4": is not in the GCP size catalogue.*gcp\.sizeOverride/)],
            ],
            [
                { image: "windows-cloud/windows-2022-core" },
                [expect.stringMatching(/^gcp\.image = "windows-cloud\/windows-2022-core": .* is Server Core; the connector needs the Desktop Experience/)],
            ],
            [
                { image: "windows-cloud/windows-2019" },
                [expect.stringMatching(/Windows Server 2019; connector hosts must run Windows Server 2022 or later/)],
            ],
            [{ image: "my-project/golden-image" }, [expect.stringMatching(/is not a Windows Server image the catalogue recognises.*\(gcp\.imageOverride\)$/)]],
            [
                { image: "ciem-entra/entraprivatenetworkconnector" },
                [expect.stringMatching(/^gcp\.image = .*: is the connector's marketplace appliance; to run it, set gcp\.appliance instead of gcp\.image/)],
            ],
            [
                { appliance: {}, image: "windows-cloud/windows-2022" },
                [expect.stringMatching(/^gcp\.image = .*: cannot be set with gcp\.appliance/)],
            ],
            [{ bootDiskSizeGb: 30 }, ["gcp.bootDiskSizeGb = 30: must be a whole number of GB from 50 to 65536"]],
            [{ bootDiskType: "ssd" }, [expect.stringMatching(/^gcp\.bootDiskType = "ssd": must be a disk type/)]],
            [{ bootDiskKmsKey: "my-key" }, [expect.stringMatching(/^gcp\.bootDiskKmsKey = "my-key": must be a Cloud KMS key/)]],
            [{ labels: { "connector-kind": "x" } }, [expect.stringMatching(/^gcp\.labels\.connector-kind = "x": is set by the component/)]],
            [{ labels: { Team: "Ops" } }, [expect.stringMatching(/^gcp\.labels\.Team = "Team": a label key/), expect.stringMatching(/^gcp\.labels\.Team = "Ops": a label value/)]],
            [{ networkTags: ["Egress_443"] }, [expect.stringMatching(/^gcp\.networkTags\[0\] = "Egress_443": a network tag/)]],
            [{ count: 0 }, ["gcp.count = 0: must be a whole number of hosts from 1 to 50"]],
            [
                { computerNamePrefix: "Asia-Apps" },
                [expect.stringMatching(/^gcp\.computerNamePrefix = "Asia-Apps": gives host 2 the instance name "Asia-Apps-2": a Compute Engine instance name starts with a lower-case letter/)],
            ],
            [
                { computerNamePrefix: "connectors-asia" },
                [expect.stringMatching(/gives host 2 the instance name "connectors-asia-2": a Windows computer name has at most 15 characters/)],
            ],
            [{ managedAd: { domain: "corp.example.com" } }, [expect.stringMatching(/^gcp\.managedAd\.domain = "corp\.example\.com": must be the Managed Microsoft AD domain's resource name/)]],
            [
                { managedAd: { domain: "projects/id-prod/locations/global/domains/corp.example.com", ouName: "OU=Connectors,DC=corp" } },
                [expect.stringMatching(/^gcp\.managedAd\.ouName = .*: must be the name of an OU under OU=GCE Instances,OU=Cloud/)],
            ],
            [{ scaleOutAlert: { notificationChannels: [] } }, [expect.stringMatching(/^gcp\.scaleOutAlert\.notificationChannels = \[\]: must list at least one/)]],
            [
                { scaleOutAlert: { notificationChannels: ["ops@example.com"], thresholdPercent: 150 } },
                [
                    expect.stringMatching(/^gcp\.scaleOutAlert\.notificationChannels\[0\] = "ops@example\.com": must be a notification channel/),
                    expect.stringMatching(/^gcp\.scaleOutAlert\.thresholdPercent = 150: must be a percentage of CPU or memory in use from 1 to 99/),
                ],
            ],
        ];
        for (const [overrides, expected] of cases) {
            expect({ overrides, errors: plan(gcp(overrides)).errors }).toEqual({ overrides, errors: expected });
        }
    });

    test("derives no instance name from a resource name that starts with a digit, and says what to set", () => {
        const { errors } = plan(gcp(), { resourceName: "2nd-group", region: "asia" });
        expect(errors).toEqual([
            expect.stringMatching(/^gcp\.computerNamePrefix = "2nd-group": gives host 2 the instance name "2nd-group-2": .* \(derived from the resource name\); set computerNamePrefix/),
        ]);
    });

    test("warns, without refusing, about a region far from the group's, or outside the catalogue", () => {
        expect(plan(gcp(), { resourceName: "g", region: "eur" }).warnings).toEqual([
            'gcp.zones = "asia-southeast1": is far from the group\'s region "eur"; connectors should sit near the group\'s region (this location is nearest to "asia", Asia)',
        ]);
        const unknown = plan(gcp({ zones: ["mars-north1-a", "mars-north1-b"], subnetwork: "projects/p/regions/mars-north1/subnetworks/s" }));
        expect(unknown.warnings).toEqual([expect.stringMatching(/^gcp\.zones = "mars-north1": is not in the region catalogue/)]);
        expect(plan(gcp({ zones: ["asia-northeast1-a", "asia-northeast1-b"], subnetwork: "projects/p/regions/asia-northeast1/subnetworks/s" })).warnings).toEqual([]);
    });

    test("warns that without the Ops Agent the alert watches CPU only", () => {
        const { warnings, result } = plan(gcp({ opsAgent: false, scaleOutAlert: { notificationChannels: ["projects/p/notificationChannels/1"] } }));
        expect(warnings).toEqual([expect.stringMatching(/^gcp\.opsAgent = false: without the Ops Agent .* watches CPU only/)]);
        expect(result?.scaleOutAlert).toEqual({ notificationChannels: ["projects/p/notificationChannels/1"], thresholdPercent: 70, windowMinutes: 15 });
    });

    test("plans the appliance with its default image, keeping size and zones", () => {
        const { result, errors } = plan(gcp({ appliance: {} }));
        expect(errors).toEqual([]);
        expect(result?.settings).toMatchObject({ appliance: true, image: "ciem-entra/entraprivatenetworkconnector", machineType: "c2d-highcpu-4" });
        expect(result?.hosts.map((h) => [h.zone, h.summary.appliance, h.summary.image])).toEqual([
            ["asia-southeast1-a", true, "ciem-entra/entraprivatenetworkconnector"],
            ["asia-southeast1-b", true, "ciem-entra/entraprivatenetworkconnector"],
        ]);
        expect(plan(gcp({ appliance: {}, machineType: "e2-medium" })).errors).toEqual([expect.stringMatching(/^gcp\.machineType = "e2-medium": has 2 vCPU, 4 GiB/)]);
    });

    test("joins Managed Microsoft AD through metadata, or the group's domain through the bootstrap", () => {
        const managedAd = { domain: "projects/id-prod/locations/global/domains/corp.example.com", ouName: "connectors" };
        const viaManagedAd = plan(gcp({ managedAd }));
        expect(viaManagedAd.result?.domainJoin).toEqual({
            joinedBy: "managed-ad",
            managedAd: { domain: managedAd.domain, domainName: "corp.example.com", project: "id-prod", ouName: "connectors" },
        });
        expect(viaManagedAd.result?.hosts.every((h) => h.summary.domainJoined)).toBe(true);
        const viaBootstrap = plan(gcp(), { resourceName: "g", region: "asia", domainName: "corp.example.com" });
        expect(viaBootstrap.result?.domainJoin).toEqual({ joinedBy: "bootstrap", domainName: "corp.example.com" });
        const mismatch = plan(gcp({ managedAd }), { resourceName: "g", region: "asia", domainName: "other.example.com" });
        expect(mismatch.warnings).toEqual([expect.stringMatching(/joins the GCP hosts to corp\.example\.com, while domainJoin names other\.example\.com/)]);
        expect(gcpManagedAdMetadata({ domain: managedAd.domain, domainName: "corp.example.com", project: "id-prod", ouName: "connectors" })).toEqual({
            "managed-ad-domain": managedAd.domain,
            "managed-ad-ou-name": "connectors",
            "enable-guest-attributes": "TRUE",
        });
    });
});

describe("gcpScaleOutAlertPolicy", () => {
    const alert = { notificationChannels: ["projects/p/notificationChannels/42"], thresholdPercent: 70, windowMinutes: 15 };

    test("watches each host of the group by its labels: CPU as a fraction, memory in percent, for the whole duration", () => {
        const policy = gcpScaleOutAlertPolicy("Asia apps", "entra-private-network", alert, true);
        expect(policy).toMatchObject({ combiner: "OR", notificationChannels: alert.notificationChannels, displayName: 'Connector group "Asia apps": scale out' });
        const [cpu, memory] = policy.conditions;
        expect(cpu?.conditionThreshold).toMatchObject({ comparison: "COMPARISON_GT", thresholdValue: 0.7, duration: "900s", trigger: { count: 1 } });
        expect(cpu?.conditionThreshold.filter).toContain(`metric.type = "${GCP_SCALE_OUT_METRICS.cpu}"`);
        expect(memory?.conditionThreshold).toMatchObject({ thresholdValue: 70, duration: "900s" });
        expect(memory?.conditionThreshold.filter).toContain(`metric.type = "${GCP_SCALE_OUT_METRICS.memory}" AND metric.labels.state = "used"`);
        for (const condition of policy.conditions) {
            expect(condition.conditionThreshold.filter).toMatch(
                /^resource\.type = "gce_instance" AND metadata\.user_labels\."connector-group" = "asia-apps" AND metadata\.user_labels\."connector-kind" = "entra-private-network" AND /,
            );
            // Aligned per series and never reduced across them: one busy host is enough.
            expect(condition.conditionThreshold.aggregations).toEqual([{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN" }]);
        }
    });

    test("tells the reader to scale out (add a connector) rather than up", () => {
        const { documentation } = gcpScaleOutAlertPolicy("Asia apps", "entra-private-network", { ...alert, thresholdPercent: 80 }, true);
        expect(documentation.mimeType).toBe("text/markdown");
        expect(documentation.subject).toMatch(/above 80% - add a connector/);
        expect(documentation.content).toMatch(/more than 80% of its CPU or memory in use for 15 minutes/);
        expect(documentation.content).toMatch(/Scale out: add a connector host to the group/);
        expect(documentation.content).toMatch(/rather than scaling up to a larger size/);
    });

    test("watches CPU only without the Ops Agent", () => {
        expect(gcpScaleOutAlertPolicy("g", "entra-private-network", alert, false).conditions.map((c) => c.displayName)).toEqual(["CPU above 70%"]);
    });
});

describe("planGcpConnectorHost", () => {
    const host = {
        instanceName: "pki-conn-1",
        project: "pki-prod-1",
        zone: "europe-west1-b",
        subnetwork: "projects/net/regions/europe-west1/subnetworks/pki",
        serviceAccountEmail: "pki@pki-prod-1.iam.gserviceaccount.com",
        connectorKind: "intune-certificate",
        connectorGroupName: "pki-fleet",
    };

    test("summarises the host, joined only when it says so or joins Managed AD", () => {
        expect(planGcpConnectorHost("h", host).summary).toEqual({
            machineName: "pki-conn-1",
            platform: "gcp",
            cloudRegion: "europe-west1",
            zone: "europe-west1-b",
            size: "c2d-highcpu-4",
            image: "windows-cloud/windows-2022",
            domainJoined: false,
        });
        expect(planGcpConnectorHost("h", { ...host, domainJoined: true }).summary.domainJoined).toBe(true);
        const managedAd = { domain: "projects/id/locations/global/domains/corp.example.com" };
        expect(planGcpConnectorHost("h", { ...host, managedAd }).summary.domainJoined).toBe(true);
    });

    test("records the capacity sizeOverride states, with nothing else of the override, in the summary", () => {
        const stated = planGcpConnectorHost("h", { ...host, machineType: "c4-highcpu-4", sizeOverride: { vcpus: 4, memoryGiB: 8, note: "x" } as never });
        expect(stated.summary).toMatchObject({ size: "c4-highcpu-4", declaredCapacity: { vcpus: 4, memoryGiB: 8 } });
        expect(stated.summary.declaredCapacity).toEqual({ vcpus: 4, memoryGiB: 8 });
    });

    test("warns that an appliance image outside ciem-entra is trusted, not checked", () => {
        expect(planGcpConnectorHost("h", { ...host, appliance: { image: "my-proj/appliance-copy" } }).warnings).toEqual([
            expect.objectContaining({ field: "appliance.image", value: "my-proj/appliance-copy" }),
        ]);
        expect(planGcpConnectorHost("h", { ...host, appliance: {} }).warnings).toEqual([]);
    });

    test("refuses bad input with every problem at once", () => {
        let error: unknown;
        try {
            planGcpConnectorHost("bad", {
                ...host,
                instanceName: "PKI_1",
                zone: "europe-west1",
                serviceAccountEmail: undefined,
                connectorKind: "other",
                bootstrap: { script: "Write-Host ’x’", secretIds: { "Registration Token": "projects/p/secrets/s" } },
            });
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(InputValidationError);
        expect((error as InputValidationError).issues.map((issue) => issue.field)).toEqual([
            "instanceName",
            "zone",
            "serviceAccountEmail",
            "connectorKind",
            "bootstrap.script",
            "bootstrap.secretIds.Registration Token",
        ]);
        expect((error as Error).message).toMatch(/instanceName = "PKI_1": a Windows computer name may contain only letters, digits and hyphens/);
        expect((error as Error).message).toMatch(/serviceAccountEmail = \(not set\): the host's own service account is required \(never the Compute Engine default account\)/);
    });

    test("refuses a script too large for a metadata value", () => {
        expect(() => planGcpConnectorHost("h", { ...host, bootstrap: { script: "#".repeat(256 * 1024 + 1), secretIds: {} } })).toThrow(
            /bootstrap\.script = "\(the script\)": is 262145 bytes; a Compute Engine metadata value holds at most 262144/,
        );
    });
});

describe("planConnectorGroup with GCP hosts", () => {
    function settings(overrides: Partial<ConnectorGroupSettings> = {}): ConnectorGroupSettings {
        return { region: "asia", registration: { tenantId: TENANT_ID, token: "a.b.c" }, gcp: gcp(), ...overrides };
    }

    test("lists GCP hosts in the summary, and counts hosts of every kind towards the two-connector rule", () => {
        const plan = planConnectorGroup("asia-apps", settings());
        expect(plan.summary.hosts.map((h) => [h.machineName, h.platform, h.zone])).toEqual([
            ["asia-apps-1", "gcp", "asia-southeast1-a"],
            ["asia-apps-2", "gcp", "asia-southeast1-b"],
        ]);
        const mixed = planConnectorGroup(
            "mixed",
            settings({
                region: "eur",
                azure: { location: "westeurope", adminPassword: "x", count: 1, computerNamePrefix: "mixed-az" },
                gcp: gcp({ count: 1, zones: ["europe-west4-a"], subnetwork: "projects/p/regions/europe-west4/subnetworks/s" }),
            }),
        );
        expect(mixed.summary.hosts.map((h) => `${h.platform}:${h.machineName}`)).toEqual(["azure:mixed-az-1", "gcp:mixed-1"]);
    });

    test("refuses a machine name two hosts share, across clouds", () => {
        expect(() =>
            planConnectorGroup(
                "g",
                settings({
                    region: "eur",
                    azure: { location: "westeurope", adminPassword: "x", count: 1, computerNamePrefix: "conn" },
                    gcp: gcp({ count: 1, computerNamePrefix: "conn", zones: ["europe-west4-a"], subnetwork: "projects/p/regions/europe-west4/subnetworks/s" }),
                }),
            ),
        ).toThrow(/hosts = "conn-1": two hosts have the machine name "conn-1"/);
    });

    test("names every host kind when none is declared", () => {
        expect(() => planConnectorGroup("g", settings({ gcp: undefined }))).toThrow(/hosts = \(not set\): a connector group needs hosts: declare them under azure, aws or gcp/);
    });

    test("accepts SSO when Managed Microsoft AD joins every host, and refuses it when another host stays out of the domain", () => {
        const managedAd = { domain: "projects/id/locations/global/domains/corp.example.com" };
        expect(planConnectorGroup("g", settings({ servesSso: true, gcp: gcp({ managedAd }) })).summary.hosts.every((h) => h.domainJoined)).toBe(true);
        expect(() =>
            planConnectorGroup(
                "g",
                settings({ servesSso: true, azure: { location: "southeastasia", adminPassword: "x", computerNamePrefix: "az" }, gcp: gcp({ managedAd }) }),
            ),
        ).toThrow(/servesSso = true: a group that serves SSO apps .* set domainJoin/);
        expect(() => planConnectorGroup("g", settings({ servesSso: true }))).toThrow(/servesSso = true/);
    });

    test("joins through the bootstrap when the group has a domainJoin and no Managed AD", () => {
        const plan = planConnectorGroup(
            "g",
            settings({ domainJoin: { domainName: "corp.example.com", username: "CORP\\joiner", password: "p" } }),
        );
        expect(plan.gcpHosts?.domainJoin).toEqual({ joinedBy: "bootstrap", domainName: "corp.example.com" });
        expect(plan.summary.hosts.every((h) => h.domainJoined)).toBe(true);
    });
});
