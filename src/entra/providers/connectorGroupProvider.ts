import { delegatingProvider } from "./delegate";

/** The provider of {@link EntraConnectorGroup}; the implementation is `connectorGroupProviderImplementation`. */
export const connectorGroupProvider = delegatingProvider("connectorGroup");
