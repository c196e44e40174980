/**
 * Child process: Microsoft Graph traffic, against the loopback emulator, through the code `pulumi up` runs (the
 * dynamic providers' implementations and their Graph client). Prints a {@link GraphTraffic} as one JSON line.
 *
 * - Deployments: one group with N connectors and M apps, every connector registered already, for a few (N, M); the
 *   requests split into a part per group, per connector and per app, and the split must predict every deployment.
 * - Polling: a membership whose connector registers W minutes after it starts waiting, on a clock sped up
 *   {@link TIME_SCALE} times (the schedule's pauses and the registration delay alike), counting its polls per minute.
 */
import { dynamicProviderImplementations, CONNECTOR_POLL_DEFAULTS, sharedGraphClient, waitForActiveConnector } from "connector-topology/graph";
import { GraphEmulator } from "connector-topology/testing";
import { type GraphTraffic, type PollingRun } from "../measure/types";

/** How many times faster than real time the polling runs. */
const TIME_SCALE = 100;
/** The registration delays polled through, in real minutes. */
const WAITS_MINUTES = [1, 5, 15];
const DEPLOYMENTS: readonly (readonly [number, number])[] = [
    [2, 0],
    [10, 0],
    [2, 5],
    [10, 5],
];

type Props = Record<string, unknown>;

async function created(provider: (typeof dynamicProviderImplementations)[keyof typeof dynamicProviderImplementations], raw: Props): Promise<string> {
    const checked = await provider.check!({}, raw);
    return (await provider.create(checked.inputs as Props)).id;
}

/** Graph requests (token requests left out) that deploying one group with `connectors` and `apps` makes. */
async function deploy(emulator: GraphEmulator, name: string, connectors: number, apps: number): Promise<number> {
    const { connectorGroup, membership, assignment } = dynamicProviderImplementations;
    const graphEndpoint = emulator.endpoint;
    const hosts = Array.from({ length: connectors }, (_, i) => emulator.addConnector({ machineName: `${name}-${i}.corp.example` }));
    const published = Array.from({ length: apps }, (_, i) => emulator.addApplication({ displayName: `${name} app ${i}`, applicationType: "nonwebapp" }));
    emulator.resetRequestLog();
    const groupId = await created(connectorGroup, { displayName: name, region: "eur", graphEndpoint });
    await Promise.all([
        ...hosts.map((host) =>
            created(membership, { connectorGroupId: groupId, connectorGroupName: name, machineName: host.machineName.split(".")[0], graphEndpoint }),
        ),
        ...published.map((app) => created(assignment, { applicationObjectId: app.id, connectorGroupId: groupId, connectorGroupName: name, graphEndpoint })),
    ]);
    return emulator.graphRequestCount();
}

/** Polls made while waiting `minutes` for a connector to register, counted per (real) minute. */
async function poll(emulator: GraphEmulator, machineName: string, minutes: number): Promise<PollingRun> {
    const minuteMs = 60_000 / TIME_SCALE;
    const client = sharedGraphClient(emulator.endpoint);
    emulator.resetRequestLog();
    const pollsSoFar = (): number => emulator.requestCounts()["GET /connectors"] ?? 0;
    const perMinute: number[] = [];
    let counted = 0;
    const meter = setInterval(() => {
        const now = pollsSoFar();
        perMinute.push(now - counted);
        counted = now;
    }, minuteMs);
    const registration = setTimeout(() => emulator.addConnector({ machineName }), minutes * minuteMs);
    try {
        await waitForActiveConnector(client, machineName, {
            timeoutMs: (30 * 60_000) / TIME_SCALE,
            initialPollIntervalMs: CONNECTOR_POLL_DEFAULTS.initialPollIntervalMs / TIME_SCALE,
            maxPollIntervalMs: CONNECTOR_POLL_DEFAULTS.maxPollIntervalMs / TIME_SCALE,
        });
    } finally {
        clearInterval(meter);
        clearTimeout(registration);
    }
    const polls = pollsSoFar();
    perMinute.push(polls - counted);
    return { waitMinutes: minutes, polls, pollsPerMinute: perMinute };
}

async function main(): Promise<void> {
    const emulator = await GraphEmulator.start();
    Object.assign(process.env, emulator.credentialEnvironment());
    try {
        const deployments = [];
        for (const [connectors, apps] of DEPLOYMENTS) {
            deployments.push({ connectors, apps, requests: await deploy(emulator, `bench-${connectors}-${apps}`, connectors, apps) });
        }
        const polling = [];
        for (const minutes of WAITS_MINUTES) {
            polling.push(await poll(emulator, `WAIT-${minutes}`, minutes));
        }
        const traffic: GraphTraffic = {
            deployments,
            polling,
            schedule: { initialSeconds: CONNECTOR_POLL_DEFAULTS.initialPollIntervalMs / 1000, maxSeconds: CONNECTOR_POLL_DEFAULTS.maxPollIntervalMs / 1000 },
            timeScale: TIME_SCALE,
        };
        process.stdout.write(`${JSON.stringify(traffic)}\n`);
    } finally {
        await emulator.stop();
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(2);
});
