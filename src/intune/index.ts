/**
 * The Certificate Connector for Microsoft Intune, as pure logic: documented facts, calendar dates, the staggered
 * renewal schedule, the service-account models, the fleet's validation and plan, and the steps that need a person.
 */
export * from "./dates";
export * from "./facts";
export * from "./schedule";
export * from "./serviceAccount";
export * from "./steps";
export * from "./summary";
export * from "./fleet";
export * from "./monitoring";
