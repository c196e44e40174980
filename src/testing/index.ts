/**
 * Test helpers users can reuse: a loopback Microsoft Graph emulator for the connector-group, connector and
 * application endpoints, with fault injection and per-route request counts.
 */
export * from "./graphEmulator";
