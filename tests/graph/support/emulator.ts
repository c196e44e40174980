/**
 * Runs a Graph emulator for one test file and points `DefaultAzureCredential` at it, the way an App Service managed
 * identity would be: the code under test authenticates exactly as in production. Any AZURE_* credential variables
 * of the machine running the tests are set aside meanwhile, so that they cannot take precedence.
 */
import { GraphEmulator, type GraphEmulatorOptions } from "connector-topology/testing";

const CREDENTIAL_VARIABLES = [
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_CLIENT_CERTIFICATE_PATH",
    "AZURE_FEDERATED_TOKEN_FILE",
    "AZURE_USERNAME",
    "AZURE_PASSWORD",
    "AZURE_TOKEN_CREDENTIALS",
    "AZURE_AUTHORITY_HOST",
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "MSI_ENDPOINT",
    "MSI_SECRET",
    "IMDS_ENDPOINT",
];

/** Sets `variables` (and clears every other credential variable) until the returned function is called. */
export function withCredentialEnvironment(variables: Record<string, string>): () => void {
    const saved = new Map(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of CREDENTIAL_VARIABLES) {
        delete process.env[name];
    }
    Object.assign(process.env, variables);
    return () => {
        for (const [name, value] of saved) {
            if (value === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = value;
            }
        }
    };
}

/** Starts an emulator before the file's tests and stops it after; `get()` returns it. */
export function useGraphEmulator(options: GraphEmulatorOptions = {}): { get(): GraphEmulator } {
    let emulator: GraphEmulator | undefined;
    let restore: (() => void) | undefined;
    beforeAll(async () => {
        emulator = await GraphEmulator.start(options);
        restore = withCredentialEnvironment(emulator.credentialEnvironment());
    });
    afterAll(async () => {
        restore?.();
        await emulator?.stop();
    });
    return {
        get(): GraphEmulator {
            if (emulator === undefined) {
                throw new Error("The emulator is not running: use it inside a test");
            }
            return emulator;
        },
    };
}
