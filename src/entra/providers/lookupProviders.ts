import { delegatingProvider } from "./delegate";

/** The provider of {@link QuickAccessApplicationLookup}. */
export const quickAccessLookupProvider = delegatingProvider("quickAccessLookup");

/** The provider of {@link EnterpriseApplicationLookup}. */
export const enterpriseApplicationLookupProvider = delegatingProvider("enterpriseApplicationLookup");
