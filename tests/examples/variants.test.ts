/**
 * Issue 6: broken variants of the examples, each the least change that breaks one rule, through the offline plan's
 * command line, with the exact violations each one yields.
 *
 * - Rules the components can be led to break by their input are broken by config: a stack next to the example
 *   (`examples/<name>/Pulumi.<variant>.yaml`), so users see how each rule breaks and how to fix it.
 * - Rules the components never let through (they refuse the input before anything registers) are broken by resources
 *   built by hand, the way a user might, in the test fixture tests/examples/fixtures/hand-built: one stack per flaw.
 * - One advisory rule of each kind is shown by a variant too, and policy configs raise an advisory to mandatory and
 *   disable a mandatory rule.
 *
 * Every variant runs in one child process, one command line after the other (tests/examples/planBatch.ts).
 */
import { policies } from "connector-topology/rules";
import { type CliRun } from "../plan/helpers";
import {
    documentOf,
    expectExactViolations,
    type ExpectedViolation,
    HAND_BUILT,
    HAND_BUILT_POLICY_CONFIG,
    planArgs,
    type PlanCommand,
    POLICY_CONFIGS,
    runCliBatch,
    urn,
} from "./helpers";

interface Variant extends PlanCommand {
    readonly title: string;
    readonly exitCode: 0 | 1;
    readonly violations: readonly ExpectedViolation[];
}

const GROUP = "connector-topology:index:ConnectorGroup";
const FLEET = "connector-topology:index:CertificateConnectorFleet";
const INSTANCE = "aws:ec2/instance:Instance";

function mandatory(policyName: string, at: string, message: string): ExpectedViolation {
    return { policyName, enforcementLevel: "mandatory", urn: at, message };
}

function advisory(policyName: string, at: string, message: string): ExpectedViolation {
    return { policyName, enforcementLevel: "advisory", urn: at, message };
}

/** The reminders for the Paris servers of examples/multi-cloud whose connectors already serve another group. */
function restartReminders(stack: string, level: "mandatory" | "advisory"): ExpectedViolation[] {
    return ["CONN-PAR-1", "CONN-PAR-2"].map((machine) => ({
        policyName: "restart-connector-after-group-move",
        enforcementLevel: level,
        urn: urn(stack, "multi-cloud", GROUP, "onprem-paris"),
        message: `The connector on ${machine} moves into connector group "onprem-paris" from another group. Once it has moved, run Restart-Service -Name WAPCSvc on ${machine}`,
    }));
}

/** A stack of the hand-built group, planned with its team's policy config. */
function handBuilt(flaw: string, exitCode: 0 | 1, violations: ExpectedViolation[]): Variant {
    return { title: `hand-built group, ${flaw}`, dir: HAND_BUILT, stack: flaw, policyConfig: HAND_BUILT_POLICY_CONFIG, exitCode, violations };
}

const handBuiltUrn = (flaw: string, type: string, name: string) => urn(flaw, "hand-built", type, name);

const ENTRA: Variant[] = [
    {
        title: "examples/consumer, single-connector",
        dir: "examples/consumer",
        stack: "single-connector",
        exitCode: 1,
        violations: [
            mandatory(
                "min-connectors-per-group",
                urn("single-connector", "consumer", GROUP, "payroll-eur"),
                'Connector group "payroll-eur" has 1 connector (payroll-eur-1); at least 2 are needed for high availability',
            ),
        ],
    },
    {
        title: "examples/consumer, single-connector, with min-connectors-per-group disabled",
        dir: "examples/consumer",
        stack: "single-connector",
        policyConfig: `${POLICY_CONFIGS}/disable-min-connectors.json`,
        exitCode: 0,
        violations: [],
    },
    {
        title: "examples/multi-cloud, servers-in-use (advisory)",
        dir: "examples/multi-cloud",
        stack: "servers-in-use",
        exitCode: 0,
        violations: restartReminders("servers-in-use", "advisory"),
    },
    {
        title: "examples/multi-cloud, servers-in-use, with the restart reminder raised to mandatory",
        dir: "examples/multi-cloud",
        stack: "servers-in-use",
        policyConfig: `${POLICY_CONFIGS}/raise-restart-reminder.json`,
        exitCode: 1,
        violations: restartReminders("servers-in-use", "mandatory"),
    },
    handBuilt("clean", 0, []),
    handBuilt("undersized-host", 1, [
        mandatory(
            "connector-host-min-size",
            handBuiltUrn("undersized-host", INSTANCE, "branch-2"),
            'AWS instance "branch-2" uses size "t3.large" (2 vCPU, 8 GiB), below the connector minimum of 4 vCPU, 8 GiB',
        ),
    ]),
    handBuilt("server-core-image", 1, [
        mandatory(
            "connector-host-windows-image",
            handBuiltUrn("server-core-image", INSTANCE, "branch-2"),
            "Windows_Server-2022-English-Core-Base is Server Core; the connector needs the Desktop Experience",
        ),
    ]),
    handBuilt("public-ip", 1, [
        mandatory(
            "connector-host-no-public-ip",
            handBuiltUrn("public-ip", INSTANCE, "branch-2"),
            'AWS instance "branch-2" is a connector host with a public IP (associatePublicIpAddress: true)',
        ),
    ]),
    handBuilt("inbound-rule", 1, [
        mandatory(
            "connector-host-no-inbound-rules",
            handBuiltUrn("inbound-rule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "branch-rdp"),
            'Ingress rule "branch-rdp" opens security group "branch-connectors" of connector host AWS instance "branch-1", AWS instance "branch-2"',
        ),
    ]),
    handBuilt("secret-in-user-data", 1, [
        mandatory(
            "no-secrets-in-user-data",
            handBuiltUrn("secret-in-user-data", INSTANCE, "branch-2"),
            'AWS instance "branch-2" carries a literal passed to ConvertTo-SecureString -AsPlainText in userData',
        ),
    ]),
    handBuilt("not-domain-joined", 1, [
        mandatory(
            "domain-join-for-sso",
            handBuiltUrn("not-domain-joined", INSTANCE, "branch-2"),
            'Connector host AWS instance "branch-2" is not domain-joined in this stack, but group "branch-apps" serves SSO apps',
        ),
    ]),
    handBuilt("app-on-default-group", 1, [
        mandatory(
            "no-apps-on-default-group",
            handBuiltUrn("app-on-default-group", "pulumi-nodejs:dynamic/connector-topology:ApplicationConnectorGroupAssignment", "legacy-portal"),
            'App "Legacy portal" is assigned to the tenant\'s default connector group (id 9d2c6a1e-5b7f-4c3d-8e0a-1f2b3c4d5e6f)',
        ),
    ]),
    handBuilt("group-named-default", 1, [
        mandatory(
            "no-group-named-default",
            handBuiltUrn("group-named-default", "pulumi-nodejs:dynamic/connector-topology:EntraConnectorGroup", "branch-apps"),
            'Entra connector group "branch-apps" is named "Default", which reads as the tenant\'s default connector group',
        ),
    ]),
];

const INTUNE: Variant[] = [
    {
        title: "examples/intune, same-month",
        dir: "examples/intune",
        stack: "same-month",
        exitCode: 1,
        violations: [
            mandatory(
                "intune-expiry-gap",
                urn("same-month", "intune-fleet", FLEET, "pki"),
                'CertificateConnectorFleet "pki": the agent certificates of pki-1 (expires 2026-09-02) and pki-2 (expires 2026-09-20) expire 18 days apart',
            ),
        ],
    },
    {
        title: "examples/intune, same-month, with intune-expiry-gap disabled",
        dir: "examples/intune",
        stack: "same-month",
        policyConfig: `${POLICY_CONFIGS}/disable-expiry-gap.json`,
        exitCode: 0,
        violations: [],
    },
    {
        title: "examples/intune, expiring",
        dir: "examples/intune",
        stack: "expiring",
        exitCode: 1,
        violations: [
            mandatory(
                "intune-expiry-not-due",
                urn("expiring", "intune-fleet", FLEET, "pki"),
                'CertificateConnectorFleet "pki": the agent certificate of pki-1 expires on 2026-05-20 (in 19 days, within 30)',
            ),
        ],
    },
    {
        title: "examples/intune, pkcs-as-system",
        dir: "examples/intune",
        stack: "pkcs-as-system",
        exitCode: 1,
        violations: [
            mandatory(
                "intune-no-pkcs-as-system",
                urn("pkcs-as-system", "intune-fleet", FLEET, "pki"),
                'CertificateConnectorFleet "pki" serves PKCS with the connector running as SYSTEM',
            ),
        ],
    },
    {
        title: "examples/intune, non-admin-account (advisory)",
        dir: "examples/intune",
        stack: "non-admin-account",
        exitCode: 0,
        violations: [
            advisory(
                "intune-service-account-local-admin",
                urn("non-admin-account", "intune-fleet", FLEET, "pki"),
                'CertificateConnectorFleet "pki" runs the connector as CORP\\svc-intune, which is not a local administrator on pki-1, pki-2, pki-3',
            ),
        ],
    },
    {
        title: "examples/intune, non-admin-account, with the advisory raised to mandatory",
        dir: "examples/intune",
        stack: "non-admin-account",
        policyConfig: `${POLICY_CONFIGS}/raise-local-admin.json`,
        exitCode: 1,
        violations: [
            mandatory(
                "intune-service-account-local-admin",
                urn("non-admin-account", "intune-fleet", FLEET, "pki"),
                'CertificateConnectorFleet "pki" runs the connector as CORP\\svc-intune, which is not a local administrator',
            ),
        ],
    },
    handBuilt("lone-certificate-connector", 1, [
        mandatory(
            "intune-min-certificate-connectors",
            handBuiltUrn("lone-certificate-connector", INSTANCE, "pki-branch-1"),
            'Intune certificate connector hosts tagged connector-group "pki-branch": 1 certificate connector (AWS instance "pki-branch-1")',
        ),
    ]),
];

const VARIANTS = [...ENTRA, ...INTUNE];

describe("broken variants of the examples through `connector-topology plan`", () => {
    let runs: Map<Variant, CliRun>;
    beforeAll(() => {
        const results = runCliBatch(VARIANTS.map(planArgs));
        runs = new Map(VARIANTS.map((variant, index) => [variant, results[index] as CliRun]));
    });

    test.each(VARIANTS.map((variant) => [variant.title, variant] as const))("%s", (_title, variant) => {
        const run = runs.get(variant) as CliRun;
        const document = documentOf(run);
        expect(run.status).toBe(variant.exitCode);
        expect(document.exitCode).toBe(variant.exitCode);
        expectExactViolations(document.violations, variant.violations);
        expect(run.stdout).not.toContain("plan-secret-placeholder");
    });

    test("break every mandatory rule of the pack, Entra and Intune, with the rule at its default level", () => {
        const broken = new Set(
            VARIANTS.filter((variant) => variant.policyConfig === undefined || variant.policyConfig === HAND_BUILT_POLICY_CONFIG).flatMap(
                (variant) => variant.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName),
            ),
        );
        const mandatoryRules = policies.filter((policy) => policy.enforcementLevel === "mandatory").map((policy) => policy.name);
        expect([...broken].sort()).toEqual([...mandatoryRules].sort());
    });

    test("show an advisory rule of each kind, Entra and Intune, at its default level", () => {
        const shown = VARIANTS.filter((variant) => variant.policyConfig === undefined).flatMap((variant) =>
            variant.violations.filter((v) => v.enforcementLevel === "advisory").map((v) => v.policyName),
        );
        expect(shown.some((name) => name.startsWith("intune-"))).toBe(true);
        expect(shown.some((name) => !name.startsWith("intune-"))).toBe(true);
    });
});
