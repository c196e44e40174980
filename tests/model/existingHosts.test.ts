import fc from "fast-check";
import {
    type ConnectorGroupSettings,
    InputValidationError,
    IssueCollector,
    planConnectorGroup,
    planExistingHosts,
} from "connector-topology";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const AZURE = { location: "westeurope", adminPassword: "x" };
const DOMAIN_JOIN = { domainName: "corp.example.com", username: "CORP\\joiner", password: "p" };

function errorsOf(resourceName: string, settings: ConnectorGroupSettings): string[] {
    try {
        planConnectorGroup(resourceName, settings);
    } catch (error) {
        if (error instanceof InputValidationError) {
            return error.issues.map((issue) => `${issue.field}: ${issue.rule}`);
        }
        throw error;
    }
    return [];
}

describe("planExistingHosts", () => {
    test("plans each server by its machine name, short or fully qualified, with a summary the policies read", () => {
        const issues = new IssueCollector("g");
        const planned = planExistingHosts(
            [
                { machineName: "CONN-PAR-1", domainJoined: true, location: " on-premises, Paris " },
                { machineName: " conn-par-2.corp.example.com " },
            ],
            { servesSso: false },
            issues,
        );
        expect(issues.errors).toEqual([]);
        expect(planned).toEqual([
            {
                machineName: "CONN-PAR-1",
                resourceKey: "conn-par-1",
                summary: { machineName: "CONN-PAR-1", platform: "existing", domainJoined: true, location: "on-premises, Paris" },
            },
            {
                machineName: "conn-par-2.corp.example.com",
                resourceKey: "conn-par-2.corp.example.com",
                summary: { machineName: "conn-par-2.corp.example.com", platform: "existing", domainJoined: false },
            },
        ]);
    });

    test("records in the summary a server whose connector the user declares still in the default group", () => {
        const issues = new IssueCollector("g");
        const planned = planExistingHosts(
            [
                { machineName: "CONN-NEW", inDefaultGroup: true },
                { machineName: "CONN-OLD", inDefaultGroup: false },
            ],
            { servesSso: false },
            issues,
        );
        expect(issues.errors).toEqual([]);
        expect(planned.map((host) => host.summary)).toEqual([
            { machineName: "CONN-NEW", platform: "existing", domainJoined: false, inDefaultGroup: true },
            { machineName: "CONN-OLD", platform: "existing", domainJoined: false },
        ]);
    });

    test("names the field, the value and the rule for each bad entry", () => {
        const issues = new IssueCollector("g");
        planExistingHosts(
            [
                { machineName: "a-computer-name-too-long" },
                { machineName: "conn_1" },
                {},
                { machineName: "conn-4", domainJoined: "yes" as unknown as boolean },
                { machineName: "conn-5", location: "x".repeat(201) },
                "conn-6" as unknown as object,
                { machineName: "conn-7", inDefaultGroup: "no" as unknown as boolean },
            ],
            { servesSso: false },
            issues,
        );
        expect(issues.errors.map((e) => `${e.field}: ${e.rule}`)).toEqual([
            'existingHosts[0].machineName: its computer name "a-computer-name-too-long" has 24 characters; Windows computer names have at most 15',
            expect.stringMatching(/^existingHosts\[1\]\.machineName: must be a host name: letters, digits and hyphens/),
            expect.stringMatching(/^existingHosts\[2\]\.machineName: is required: the host's computer name/),
            "existingHosts[3].domainJoined: must be true or false",
            "existingHosts[4].location: must be a short note of at most 200 characters",
            "existingHosts[5]: must be { machineName, domainJoined?, location?, inDefaultGroup? }",
            "existingHosts[6].inDefaultGroup: must be true or false",
        ]);
    });

    test("in a group that serves SSO, requires every server declared domain-joined", () => {
        const issues = new IssueCollector("g");
        planExistingHosts([{ machineName: "conn-1", domainJoined: true }, { machineName: "conn-2" }], { servesSso: true }, issues);
        expect(issues.errors).toEqual([
            {
                field: "existingHosts[1].domainJoined",
                value: undefined,
                rule: expect.stringMatching(/serves SSO apps \(Kerberos constrained delegation\), so this server must be joined/),
            },
        ]);
    });

    test("refuses something that is not a list, and more than 50 servers", () => {
        const notAList = new IssueCollector("g");
        planExistingHosts({ machineName: "conn-1" }, { servesSso: false }, notAList);
        expect(notAList.errors[0]!.rule).toBe("must be a list of { machineName, domainJoined?, location?, inDefaultGroup? }");
        const tooMany = new IssueCollector("g");
        planExistingHosts(Array.from({ length: 51 }, (_, i) => ({ machineName: `conn-${i}` })), { servesSso: false }, tooMany);
        expect(tooMany.errors[0]!.rule).toMatch(/lists 51 servers; a group takes at most 50 existing hosts/);
    });
});

describe("planConnectorGroup with existing hosts", () => {
    const base: ConnectorGroupSettings = { region: "eur", registration: { tenantId: TENANT_ID, token: "a.b.c" } };

    test("a group of existing hosts only needs no token, no domainJoin and no cloud", () => {
        const plan = planConnectorGroup("onprem", {
            region: "eur",
            servesSso: true,
            registration: { tenantId: TENANT_ID },
            existingHosts: [
                { machineName: "CONN-PAR-1", domainJoined: true },
                { machineName: "CONN-PAR-2", domainJoined: true },
            ],
        });
        expect(plan.azureHosts).toEqual([]);
        expect(plan.existingHosts.map((host) => host.machineName)).toEqual(["CONN-PAR-1", "CONN-PAR-2"]);
        expect(plan.summary.hosts).toEqual([
            { machineName: "CONN-PAR-1", platform: "existing", domainJoined: true },
            { machineName: "CONN-PAR-2", platform: "existing", domainJoined: true },
        ]);
    });

    test("counts every kind of host towards the two connectors a group needs", () => {
        const mixed = planConnectorGroup("mix", {
            ...base,
            azure: { ...AZURE, count: 1 },
            existingHosts: [{ machineName: "conn-par-1" }],
        });
        expect(mixed.summary.hosts.map((host) => [host.machineName, host.platform])).toEqual([
            ["mix-1", "azure"],
            ["conn-par-1", "existing"],
        ]);
        expect(mixed.warnings).toEqual([]);
        expect(errorsOf("lone", { ...base, existingHosts: [{ machineName: "conn-par-1" }] })).toEqual([
            expect.stringMatching(/^hosts: a connector group needs at least 2 connectors for high availability; this one would have 1/),
        ]);
    });

    test("refuses a group exactly when its hosts of every kind add up to fewer than two", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (azure, existing) => {
                fc.pre(azure + existing > 0);
                const errors = errorsOf("g", {
                    ...base,
                    azure: azure === 0 ? undefined : { ...AZURE, count: azure },
                    existingHosts: Array.from({ length: existing }, (_, i) => ({ machineName: `srv-${i}` })),
                });
                expect(errors.some((e) => e.includes("needs at least 2 connectors"))).toBe(azure + existing < 2);
            }),
        );
    });

    test("needs hosts of some kind, and says which kinds there are", () => {
        const expected = [
            "hosts: a connector group needs hosts: declare them under azure, aws or gcp, or list the servers that already run its connectors under existingHosts",
        ];
        expect(errorsOf("none", base)).toEqual(expected);
        expect(errorsOf("none", { ...base, existingHosts: [] })).toEqual(expected);
    });

    test("refuses a machine name used twice, across kinds, short or fully qualified", () => {
        expect(
            errorsOf("eur", {
                ...base,
                azure: AZURE,
                existingHosts: [{ machineName: "EUR-2.corp.example.com" }, { machineName: "par-1" }, { machineName: "PAR-1" }],
            }),
        ).toEqual([
            expect.stringMatching(/^hosts: two hosts have the machine name "eur-2"/),
            expect.stringMatching(/^hosts: two hosts have the machine name "par-1"/),
        ]);
    });

    test("still needs the token and, for SSO, the domain join when the group also creates hosts", () => {
        expect(
            errorsOf("mix", {
                region: "eur",
                servesSso: true,
                registration: { tenantId: TENANT_ID },
                azure: AZURE,
                existingHosts: [{ machineName: "conn-par-1", domainJoined: true }],
            }),
        ).toEqual([
            expect.stringMatching(/^registration\.token: a secret is required here/),
            expect.stringMatching(/^servesSso: a group that serves SSO apps .* needs its connectors joined to the domain; set domainJoin/),
        ]);
        expect(
            errorsOf("mix", {
                ...base,
                servesSso: true,
                domainJoin: DOMAIN_JOIN,
                azure: AZURE,
                existingHosts: [{ machineName: "conn-par-1" }],
            }),
        ).toEqual([expect.stringMatching(/^existingHosts\[0\]\.domainJoined: the group serves SSO apps/)]);
    });

    test("does not count hosts whose entries were refused: the real error is reported alone", () => {
        expect(errorsOf("g", { ...base, existingHosts: [{ machineName: "conn-1" }, { machineName: "bad_name" }] })).toEqual([
            expect.stringMatching(/^existingHosts\[1\]\.machineName: must be a host name/),
        ]);
    });

    test("reports a duplicate exactly when two machine names share a computer name, whatever the case or domain", () => {
        const label = fc.constantFrom("conn-1", "CONN-1", "conn-2", "Conn-3");
        const name = fc.tuple(label, fc.constantFrom("", ".corp.example.com", ".eu.example.com")).map(([l, d]) => l + d);
        fc.assert(
            fc.property(fc.array(name, { minLength: 2, maxLength: 5 }), (names) => {
                const computerNames = names.map((n) => n.split(".")[0]!.toLowerCase());
                const duplicates = computerNames.length - new Set(computerNames).size;
                const errors = errorsOf("g", { ...base, existingHosts: names.map((machineName) => ({ machineName })) });
                expect(errors.filter((e) => e.includes("two hosts have the machine name"))).toHaveLength(duplicates);
            }),
        );
    });
});
