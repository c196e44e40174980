/**
 * The implementations of the Graph-backed Pulumi dynamic providers behind the Entra resources (EntraConnectorGroup, ...),
 * and the input rules they share with those resources. Use the resources; these are exported so that the providers'
 * serialised code can `require` them by package name (see `src/entra/providers/delegate.ts`).
 */
import { assignmentProviderImplementation } from "./assignment";
import { connectorGroupProviderImplementation } from "./connectorGroup";
import { enterpriseApplicationLookupProviderImplementation, quickAccessLookupProviderImplementation } from "./lookups";
import { membershipProviderImplementation } from "./membership";

/** The provider implementations, by resource. */
export const dynamicProviderImplementations = {
    connectorGroup: connectorGroupProviderImplementation,
    membership: membershipProviderImplementation,
    assignment: assignmentProviderImplementation,
    quickAccessLookup: quickAccessLookupProviderImplementation,
    enterpriseApplicationLookup: enterpriseApplicationLookupProviderImplementation,
};

/** The name of one provider implementation. */
export type DynamicProviderName = keyof typeof dynamicProviderImplementations;

export * from "./validation";
export { sharedGraphClient } from "./shared";
