/** The AppAssignment component, and the seam its Graph lookups plug into. */
export * from "./AppAssignment";
export * from "./applicationLookup";
