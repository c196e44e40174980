import { checkEncryption, connectorHostEncryption } from "../../src/rules/encryption";
import { NOT_APPLICABLE } from "../../src/rules/policy";
import { AWS_INSTANCE, awsInstanceProps, AZURE_VM, azureVmProps, GCP_INSTANCE, gcpInstanceProps, resource, runResourcePolicy } from "./fixtures";

const platformKeys = { requireCustomerManagedKey: false };
const customerKeys = { requireCustomerManagedKey: true };
const violations = (result: ReturnType<typeof checkEncryption>) => (result === NOT_APPLICABLE ? [] : result.violations.map((v) => v.message));

describe("connector-host-encryption", () => {
    it("Azure: passes encryption at host or a disk encryption set, flags neither", () => {
        expect(violations(checkEncryption(resource(AZURE_VM, "a", azureVmProps()), platformKeys))).toEqual([]);
        const withSet = azureVmProps({
            securityProfile: {},
            storageProfile: { osDisk: { managedDisk: { diskEncryptionSet: { id: "/subscriptions/s/des" } } } },
        });
        expect(violations(checkEncryption(resource(AZURE_VM, "a", withSet), platformKeys))).toEqual([]);
        const [message] = violations(checkEncryption(resource(AZURE_VM, "a", azureVmProps({ securityProfile: {} })), platformKeys));
        expect(message).toContain('Azure VM "a" has neither encryption at host nor encrypted disks: set securityProfile.encryptionAtHost: true');
    });

    it("AWS: passes an encrypted root volume, flags an unencrypted root or data volume", () => {
        expect(violations(checkEncryption(resource(AWS_INSTANCE, "i", awsInstanceProps()), platformKeys))).toEqual([]);
        expect(violations(checkEncryption(resource(AWS_INSTANCE, "i", awsInstanceProps({ rootBlockDevice: { volumeSize: 60 } })), platformKeys))).toHaveLength(1);
        const dataDisk = awsInstanceProps({ ebsBlockDevices: [{ deviceName: "xvdf", encrypted: false }] });
        expect(violations(checkEncryption(resource(AWS_INSTANCE, "i", dataDisk), platformKeys))).toHaveLength(1);
    });

    it("GCP: disks are always encrypted at rest; a customer-managed key is asked for only when configured", () => {
        expect(violations(checkEncryption(resource(GCP_INSTANCE, "g", gcpInstanceProps()), platformKeys))).toEqual([]);
        expect(violations(checkEncryption(resource(GCP_INSTANCE, "g", gcpInstanceProps()), customerKeys))[0]).toContain(
            "is not encrypted with a customer-managed key: set bootDisk.kmsKeySelfLink",
        );
        const cmek = gcpInstanceProps({ bootDisk: { kmsKeySelfLink: "projects/p/locations/l/keyRings/r/cryptoKeys/k", initializeParams: {} } });
        expect(violations(checkEncryption(resource(GCP_INSTANCE, "g", cmek), customerKeys))).toEqual([]);
    });

    it("with requireCustomerManagedKey, platform encryption alone is flagged on every cloud", async () => {
        for (const host of [resource(AZURE_VM, "a", azureVmProps()), resource(AWS_INSTANCE, "i", awsInstanceProps())]) {
            expect((await runResourcePolicy(connectorHostEncryption, host, customerKeys)).violations).toHaveLength(1);
            expect((await runResourcePolicy(connectorHostEncryption, host)).violations).toEqual([]);
        }
        const keyed = awsInstanceProps({ rootBlockDevice: { encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" } });
        expect((await runResourcePolicy(connectorHostEncryption, resource(AWS_INSTANCE, "i", keyed), customerKeys)).violations).toEqual([]);
    });

    it("is advisory and ignores resources that are not connector hosts", async () => {
        expect(connectorHostEncryption.enforcementLevel).toBe("advisory");
        expect((await runResourcePolicy(connectorHostEncryption, resource(AZURE_VM, "web", azureVmProps({ tags: {} })))).notApplicable).toBe(true);
    });
});
