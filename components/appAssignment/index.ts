/** The AppAssignment component. */
export * from "./AppAssignment";
