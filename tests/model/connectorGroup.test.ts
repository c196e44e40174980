import {
    type ConnectorGroupSettings,
    type HostSummary,
    InputValidationError,
    IssueCollector,
    planConnectorGroup,
    validateGroupHosts,
} from "connector-topology";

const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

function settings(overrides: Partial<ConnectorGroupSettings> = {}): ConnectorGroupSettings {
    return {
        region: "eur",
        registration: { tenantId: TENANT_ID, token: "a.b.c" },
        azure: { location: "westeurope", adminPassword: "x" },
        ...overrides,
    };
}

function errorsOf(input: ConnectorGroupSettings): string[] {
    try {
        planConnectorGroup("g", input);
    } catch (error) {
        if (error instanceof InputValidationError) {
            return error.message.split("\n").slice(1).map((line) => line.replace(/^ {2}- /, ""));
        }
        throw error;
    }
    return [];
}

describe("planConnectorGroup", () => {
    test("applies the defaults: display name from the resource name, two hosts over zones 1 and 2", () => {
        const plan = planConnectorGroup("eur-apps", settings());
        expect(plan).toMatchObject({
            displayName: "eur-apps",
            region: "eur",
            servesSso: false,
            allowSingleConnector: false,
            adoptExisting: false,
            membershipTimeoutSeconds: 1800,
            tenantId: TENANT_ID,
            warnings: [],
        });
        expect(plan.azureHosts.map((h) => [h.computerName, h.zone])).toEqual([
            ["eur-apps-1", "1"],
            ["eur-apps-2", "2"],
        ]);
    });

    test("accepts japan with a warning that Graph does not document it", () => {
        const plan = planConnectorGroup("jp", settings({ region: "japan", azure: { location: "japaneast", adminPassword: "x" } }));
        expect(plan.warnings.map((w) => `${w.field}: ${w.rule}`)).toEqual([
            expect.stringMatching(/^region: Japan is offered by the Entra admin center but is not in Graph's documented region values/),
        ]);
    });

    test("warns, without refusing, when hosts sit far from the group's region or outside the catalogue", () => {
        const far = planConnectorGroup("g", settings({ azure: { location: "eastus", adminPassword: "x" } }));
        expect(far.warnings[0]).toMatchObject({ field: "azure.location", value: "eastus" });
        expect(far.warnings[0]!.rule).toMatch(/is far from the group's region "eur".*nearest to "nam", North America/);
        const unknown = planConnectorGroup("g", settings({ azure: { location: "usgovvirginia", adminPassword: "x" } }));
        expect(unknown.warnings[0]!.rule).toMatch(/not in the region catalogue/);
    });

    test("warns about hosts without zones, or all in one zone", () => {
        expect(planConnectorGroup("g", settings({ azure: { location: "westeurope", adminPassword: "x", zones: [] } })).warnings[0]!.rule).toMatch(
            /no availability zones/,
        );
        expect(planConnectorGroup("g", settings({ azure: { location: "westeurope", adminPassword: "x", zones: ["3"] } })).warnings[0]!.rule).toMatch(
            /every host lands in the same zone/,
        );
    });

    test("names the field, the value and the rule for each bad setting", () => {
        expect(errorsOf(settings({ registration: { tenantId: "contoso.onmicrosoft.com", token: "t" } }))).toEqual([
            'registration.tenantId = "contoso.onmicrosoft.com": must be the tenant\'s id, a GUID',
        ]);
        expect(errorsOf(settings({ membershipTimeoutSeconds: 5 }))).toEqual([
            "membershipTimeoutSeconds = 5: must be a whole number of seconds from 10 to 7200",
        ]);
        expect(errorsOf(settings({ graphEndpoint: "http://graph.example" }))).toEqual(['graphEndpoint = "(a string)": must be an https:// URL']);
        expect(errorsOf(settings({ azure: undefined }))).toEqual([
            "hosts = (not set): a connector group needs hosts: declare them under azure, aws or gcp, or list the servers that already run its connectors under existingHosts",
        ]);
        expect(errorsOf(settings({ azure: { location: "westeurope", adminPassword: "x", count: 0 } }))).toEqual([
            "azure.count = 0: must be a whole number of hosts from 1 to 50",
        ]);
        expect(errorsOf(settings({ azure: { location: "westeurope", adminPassword: "" } }))).toEqual([
            expect.stringMatching(/^azure\.adminPassword = \(not set\): a secret is required here/),
        ]);
        expect(errorsOf(settings({ azure: { location: "westeurope", adminPassword: "x", zones: ["1", "1"] } }))).toEqual([
            'azure.zones = ["1","1"]: lists a zone more than once; hosts are spread round-robin over distinct zones',
        ]);
    });

    test("never quotes an installer URL, which may carry a SAS token", () => {
        const url = "ftp://store.example/installer.exe?sig=SAS-SECRET";
        const errors = errorsOf(settings({ registration: { tenantId: TENANT_ID, token: "t", installerUrl: url } }));
        expect(errors).toEqual(['registration.installerUrl = "(a string)": must be an https:// URL']);
    });

    test("checks the domain join", () => {
        expect(
            errorsOf(
                settings({
                    servesSso: true,
                    domainJoin: { domainName: "corp", username: "joiner", password: "", ouPath: "Connectors" },
                }),
            ),
        ).toEqual([
            'domainJoin.domainName = "corp": must be the domain\'s DNS name, e.g. corp.example.com',
            'domainJoin.username = "joiner": must name the joining account with its domain, as CORP\\joiner or joiner@corp.example.com',
            'domainJoin.ouPath = "Connectors": must be an LDAP distinguished name, e.g. OU=Connectors,DC=corp,DC=example,DC=com',
            expect.stringMatching(/^domainJoin\.password = \(not set\): a secret is required here/),
        ]);
    });

    test("refuses a computer-name prefix that cannot be derived from the resource name", () => {
        let error: unknown;
        try {
            planConnectorGroup("___", settings());
        } catch (caught) {
            error = caught;
        }
        expect((error as Error).message).toMatch(/azure\.computerNamePrefix = "___": no computer-name prefix can be derived/);
    });
});

describe("validateGroupHosts", () => {
    const host = (machineName: string): HostSummary => ({ machineName, platform: "azure" });

    test("refuses duplicate machine names, whatever their case", () => {
        const issues = new IssueCollector("g");
        validateGroupHosts([host("CONN-1"), host("conn-1")], false, issues);
        expect(issues.errors.map((e) => e.rule)).toEqual([expect.stringMatching(/two hosts have the machine name "CONN-1"; connectors are matched to hosts by machine name/)]);
    });

    test("turns one connector from an error into a warning only when allowed", () => {
        const refused = new IssueCollector("g");
        validateGroupHosts([host("a")], false, refused);
        expect(refused.errors).toHaveLength(1);
        const allowed = new IssueCollector("g");
        validateGroupHosts([host("a")], true, allowed);
        expect(allowed.errors).toHaveLength(0);
        expect(allowed.warnings[0]!.rule).toMatch(/allowed by allowSingleConnector; the policy pack still flags it/);
    });
});
