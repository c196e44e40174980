import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES, InputValidationError, renderConnectorBootstrap } from "connector-topology";
import { GcpConnectorHost, type GcpConnectorHostArgs } from "connector-topology/gcp";
import { TENANT_ID } from "./fixtures";
import { GCP_TYPES, type InstanceInputs } from "./gcpFixtures";
import { inputsOf, type MockEngine, startMockEngine } from "./harness";

/** Something a host can depend on. */
class Grant extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:index:Grant", name, {});
    }
}

function hostArgs(overrides: Partial<GcpConnectorHostArgs> = {}): GcpConnectorHostArgs {
    return {
        instanceName: "pki-conn-1",
        project: "pki-prod-1",
        zone: "europe-west1-c",
        subnetwork: "projects/net/regions/europe-west1/subnetworks/pki",
        serviceAccountEmail: "pki-hosts@pki-prod-1.iam.gserviceaccount.com",
        connectorKind: "intune-certificate",
        connectorGroupName: "PKI fleet",
        ...overrides,
    };
}

describe("GcpConnectorHost", () => {
    let engine: MockEngine;
    beforeEach(() => {
        engine = startMockEngine();
    });
    afterEach(async () => {
        await engine.settle();
    });

    test("serves any kind of connector: kind and group come in as labels; without bootstrap, only the Ops Agent script", async () => {
        new GcpConnectorHost("pki-1", hostArgs({ labels: { owner: "pki-team" }, machineType: "c3-highcpu-4" }));
        await engine.settle();
        expect(engine.registrations.map((r) => r.type).sort()).toEqual([COMPONENT_TYPES.GcpConnectorHost, GCP_TYPES.instance].sort());
        const instance = inputsOf<InstanceInputs>(engine.find(GCP_TYPES.instance, "pki-1-instance"));
        expect(instance).toMatchObject({ name: "pki-conn-1", project: "pki-prod-1", zone: "europe-west1-c", machineType: "c3-highcpu-4" });
        expect(instance.labels).toEqual({ owner: "pki-team", "connector-group": "pki-fleet", "connector-kind": "intune-certificate" });
        expect(instance.serviceAccount.email).toBe("pki-hosts@pki-prod-1.iam.gserviceaccount.com");
        expect(instance.networkInterfaces).toEqual([{ subnetwork: "projects/net/regions/europe-west1/subnetworks/pki" }]);
        expect(Object.keys(instance.metadata)).toEqual(["windows-startup-script-cmd"]);
        expect(engine.find(COMPONENT_TYPES.GcpConnectorHost, "pki-1").inputs).toMatchObject({
            machineName: "pki-conn-1",
            platform: "gcp",
            cloudRegion: "europe-west1",
            zone: "europe-west1-c",
            size: "c3-highcpu-4",
            connectorKind: "intune-certificate",
            connectorGroupName: "PKI fleet",
            domainJoined: false,
        });
    });

    test("delivers a bootstrap in metadata with where its secrets are, and lets the instance wait for what the host depends on", async () => {
        const script = renderConnectorBootstrap({ cloud: "gcp", tenantId: TENANT_ID }).script;
        const prerequisite = new Grant("grant");
        new GcpConnectorHost(
            "entra-1",
            hostArgs({
                connectorKind: "entra-private-network",
                opsAgent: false,
                bootstrap: { script, secretIds: { RegistrationToken: pulumi.output("projects/pki-prod-1/secrets/token") } },
            }),
            { dependsOn: [prerequisite] },
        );
        await engine.settle();
        const registration = engine.find(GCP_TYPES.instance, "entra-1-instance");
        expect(inputsOf<InstanceInputs>(registration).metadata).toEqual({
            "windows-startup-script-ps1": script,
            "connector-secret-RegistrationToken": "projects/pki-prod-1/secrets/token",
        });
        expect(registration.dependencies).toContain(engine.find("test:index:Grant", "grant").urn);
    });

    test("refuses bad input, naming each field, before registering anything", async () => {
        let error: unknown;
        try {
            new GcpConnectorHost(
                "bad",
                hostArgs({
                    instanceName: "a-name-longer-than-15",
                    zone: "europe-west1-c",
                    subnetwork: "projects/net/regions/us-east1/subnetworks/pki",
                    machineType: "e2-standard-2",
                    image: "windows-cloud/windows-2016",
                    connectorKind: "other",
                    labels: { "connector-group": "x" },
                }),
            );
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(InputValidationError);
        const message = (error as Error).message;
        expect(message).toMatch(/^GcpConnectorHost "bad" has invalid input:/);
        expect(message).toMatch(/instanceName = "a-name-longer-than-15": a Windows computer name has at most 15 characters/);
        expect(message).toMatch(/subnetwork = .*: is in region us-east1, but the hosts' zones are in europe-west1/);
        expect(message).toMatch(/machineType = "e2-standard-2": has 2 vCPU, 8 GiB/);
        expect(message).toMatch(/image = "windows-cloud\/windows-2016": .*Windows Server 2016 reaches end of life in January 2027/);
        expect(message).toMatch(/connectorKind = "other": must be one of entra-private-network, intune-certificate/);
        expect(message).toMatch(/labels\.connector-group = "x": is set by the component/);
        await engine.settle();
        expect(engine.registrations).toEqual([]);
    });

    test("warns once per host about an appliance image outside the publisher's project", async () => {
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            new GcpConnectorHost("appl-1", hostArgs({ appliance: { image: "pki-prod-1/entra-appliance-copy" } }));
            await engine.settle();
            expect(warn).toHaveBeenCalledTimes(1);
            expect(warn).toHaveBeenCalledWith(expect.stringMatching(/GcpConnectorHost "appl-1": appliance\.image = .*not in the appliance publisher's project ciem-entra/), expect.anything());
            expect(inputsOf<InstanceInputs>(engine.find(GCP_TYPES.instance, "appl-1-instance")).bootDisk.initializeParams.image).toBe("pki-prod-1/entra-appliance-copy");
        } finally {
            warn.mockRestore();
        }
    });
});
