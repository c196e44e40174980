import { delegatingProvider } from "./delegate";

/** The provider of {@link ConnectorGroupMembership}; the implementation is `membershipProviderImplementation`. */
export const membershipProvider = delegatingProvider("membership");
