import { delegatingProvider } from "./delegate";

/**
 * The provider of {@link ApplicationConnectorGroupAssignment}; the implementation is
 * `assignmentProviderImplementation`.
 */
export const assignmentProvider = delegatingProvider("assignment");
