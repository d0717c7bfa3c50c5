// `npm run loadtest`: load and fault tests of the server on loopback. Starts its own PostgreSQL
// (durable settings) and the app with WORKERS=2 on one port, then runs five scenarios, each
// checking its outcome: a fleet syncing at once, a worker killed mid-ingest, PostgreSQL stopped
// mid-ingest, a week offline synced by the kiosk's own SyncClient, and a slow-loris and a flood
// beside ordinary devices. Prints what it does to stderr and one JSON object of figures to
// stdout; exits 1, naming each failed check, when any fails. Sizes come from LOADTEST_* (README).
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYNC_BATCH } from '../src/schema/api.js';
import { CIRCUMSTANCES, FORMATS } from '../src/schema/notice-event.js';
import type { SyncState } from '../src/log/sync.js';
import { createUser } from '../src/server/accounts.js';
import { DEFAULT_LIMITS } from '../src/server/app.js';
import { openStore, type Store } from '../src/server/db/index.js';
import { TEST_ACCOUNTS } from '../test/server/accounts.js';
import { nextEvents, signInAt, spawnServer } from '../test/server/harness.js';
import { startCluster } from './lib/pg.mjs';
import { flood, slowLoris } from './loadtest/attacks.js';
import {
  Checks,
  Traffic,
  checkLanded,
  enrolFleet,
  latency,
  log,
  logEvents,
  logged,
  round,
  signEvents,
  sleep,
  syncClient,
  syncFleet,
  within,
  type Reviewer,
  type SimDevice,
} from './loadtest/fleet.js';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number ≥ 0 (it is "${raw}").`);
  return value;
}

const config = {
  /** Scenario 1: this many devices, each syncing this many events, all at once. */
  devices: setting('LOADTEST_DEVICES', 500),
  events: setting('LOADTEST_EVENTS', 200),
  /** Scenarios 2 and 3 (a worker killed, PostgreSQL stopped): the fleet that is syncing. */
  faultDevices: setting('LOADTEST_FAULT_DEVICES', 200),
  faultEvents: setting('LOADTEST_FAULT_EVENTS', 200),
  outageSeconds: setting('LOADTEST_OUTAGE_SECONDS', 30),
  /** Scenario 4: one device's week offline. */
  offlineEvents: setting('LOADTEST_OFFLINE_EVENTS', 2000),
  /** Scenario 5: ordinary devices beside the attacks, how long the attack lasts, loris sockets. */
  ordinary: setting('LOADTEST_ORDINARY', 20),
  attackSeconds: setting('LOADTEST_ATTACK_SECONDS', 50),
  loris: setting('LOADTEST_LORIS', 200),
  floodParallel: setting('LOADTEST_FLOOD_PARALLEL', 8),
  /** An ordinary device whose batches take longer than this (p95) during the attack is starved. */
  starvedMs: setting('LOADTEST_STARVED_MS', 5000),
  /** Requests in flight at once from the whole fleet (each device sends one batch at a time). */
  concurrency: setting('LOADTEST_CONCURRENCY', 16),
  /** How long a scenario's devices may take to land everything before it fails. */
  deadlineSeconds: setting('LOADTEST_DEADLINE_SECONDS', 240),
  scenarios: (process.env.LOADTEST_SCENARIOS || '1,2,3,4,5').split(',').map(Number),
};

/** The server closes a header trickled for 10 s (headersTimeout), checking every 30 s. */
const LORIS_LIMIT_MS = 45_000;
/** Scenario 5's ordinary devices: a sync of this many new events every ROUND_MS. */
const ROUND_EVENTS = 20;
const ROUND_MS = 1000;
const BASELINE_ROUNDS = 10;

const variety = (i: number) => ({
  formats: [FORMATS[i % 6]!],
  circumstance: CIRCUMSTANCES[i % 7]!,
});
const eventCount = (devices: readonly SimDevice[]) =>
  devices.reduce((n, sim) => n + sim.events.length, 0);
const since = (start: number) => round((performance.now() - start) / 1000, 2);
const heading = (text: string) => process.stderr.write(`\n${text}\n`);

interface Context {
  store: Store;
  pg: Awaited<ReturnType<typeof startCluster>>;
  server: ChildProcess;
  port: number;
  base: string;
  reviewer: Reviewer;
}

/** The pids of the primary's workers. */
function workerPids(primary: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Runs `sync` and resolves `then` once `traffic` has accepted `fraction` of the events. */
async function midway<T>(
  sync: Promise<number>,
  traffic: Traffic,
  total: number,
  fraction: number,
  then: () => Promise<T>,
): Promise<{ seconds: number; midway: T }> {
  const reached = await Promise.race([
    traffic.accepting(Math.ceil(total * fraction)).then(() => true),
    sync.then(() => false),
  ]);
  if (!reached) throw new Error(`the fleet finished before ${fraction * 100}% had landed`);
  const result = await then();
  return { seconds: await sync, midway: result };
}

async function ingestScenario(ctx: Context, _checks: Checks) {
  heading(`1. ${config.devices} devices × ${config.events} events, syncing at once`);
  const area = 'LOAD-INGEST';
  const devices = await enrolFleet(ctx.store.db, config.devices, area);
  log(`signing ${(config.devices * config.events).toLocaleString('en-GB')} events…`);
  await logEvents(devices, config.events, variety);
  const traffic = new Traffic(config.concurrency);
  log(`syncing, at most ${config.concurrency} requests in flight…`);
  const seconds = await syncFleet(devices, ctx.base, traffic, config.deadlineSeconds * 1000);
  const events = eventCount(devices);
  const batchLatencyMs = latency(traffic.okLatencies);
  log(
    `${events.toLocaleString('en-GB')} events in ${round(seconds)} s: ${Math.round(events / seconds)} events/s; ` +
      `batch p50 ${batchLatencyMs.p50} ms, p95 ${batchLatencyMs.p95} ms, p99 ${batchLatencyMs.p99} ms; ` +
      `not 200: ${JSON.stringify(traffic.nonOk)}`,
  );
  const figures = {
    devices: devices.length,
    eventsPerDevice: config.events,
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    batchLatencyMs,
    requests: traffic.requests,
    non200: traffic.nonOk,
  };
  return { figures, fleet: { area, devices, traffic } };
}

/** Events and the minimum number of batches they need. */
async function faultFleet(ctx: Context, area: string) {
  const devices = await enrolFleet(ctx.store.db, config.faultDevices, area);
  log(`signing ${(config.faultDevices * config.faultEvents).toLocaleString('en-GB')} events…`);
  await logEvents(devices, config.faultEvents, variety);
  const batches = devices.reduce((n, sim) => n + Math.ceil(sim.events.length / SYNC_BATCH), 0);
  return { devices, total: eventCount(devices), batches, traffic: new Traffic(config.concurrency) };
}

async function workerKillScenario(ctx: Context, checks: Checks) {
  heading(
    `2. A worker killed (SIGKILL) mid-ingest: ${config.faultDevices} devices × ${config.faultEvents} events`,
  );
  const { devices, total, batches, traffic } = await faultFleet(ctx, 'LOAD-KILL');
  const primary = ctx.server.pid!;
  const before = workerPids(primary);
  checks.expect(before.length === 2, 'the primary has 2 workers', `it has ${before.length}`);
  let killedAt = 0;
  let acceptedAtKill = 0;
  const { seconds, midway: forkedMs } = await midway(
    syncFleet(devices, ctx.base, traffic, config.deadlineSeconds * 1000),
    traffic,
    total,
    0.3,
    async () => {
      const victim = before[0]!;
      acceptedAtKill = traffic.accepted.size;
      killedAt = performance.now();
      process.kill(victim, 'SIGKILL');
      log(`killed worker ${victim} with ${acceptedAtKill} of ${total} events in`);
      // The primary forks a replacement.
      for (;;) {
        const now = workerPids(primary);
        if (now.length === 2 && !now.includes(victim)) return performance.now() - killedAt;
        if (performance.now() - killedAt > 30_000) return null;
        await sleep(50);
      }
    },
  );
  const landedMs = performance.now() - killedAt;
  const failedAfterKill = traffic.failures.filter((t) => t >= killedAt);
  const lastFailure = traffic.lastFailure;
  const result = {
    devices: devices.length,
    events: total,
    seconds: round(seconds, 2),
    acceptedBeforeKill: acceptedAtKill,
    failedRequests: failedAfterKill.length,
    non200: traffic.nonOk,
    retriedRequests: traffic.requests - batches,
    replacementForkedMs: forkedMs === null ? null : Math.round(forkedMs),
    /** Recovery: from the kill to the end of the last failed request. */
    recoveredMs: lastFailure === null ? 0 : Math.max(0, Math.round(lastFailure - killedAt)),
    /** From the kill to the last event acknowledged. */
    allLandedMs: Math.round(landedMs),
  };
  log(
    `replacement forked after ${result.replacementForkedMs} ms; ${result.failedRequests} requests failed ` +
      `(${JSON.stringify(traffic.nonOk)}), ${result.retriedRequests} retried; recovered ` +
      `${result.recoveredMs} ms after the kill (last failure); all landed ${result.allLandedMs} ms after it`,
  );
  checks.expect(forkedMs !== null, 'the primary started a replacement worker');
  checks.expect(
    acceptedAtKill < total,
    'the kill came mid-ingest',
    `${acceptedAtKill} of ${total} had landed`,
  );
  return { figures: result, fleet: { area: 'LOAD-KILL', devices, traffic } };
}

async function outageScenario(ctx: Context, checks: Checks) {
  heading(
    `3. PostgreSQL stopped for ${config.outageSeconds} s mid-ingest: ${config.faultDevices} devices × ${config.faultEvents} events`,
  );
  const { devices, total, traffic } = await faultFleet(ctx, 'LOAD-OUTAGE');
  let restartedAt = 0;
  let acceptedAtStop = 0;
  let downSeconds = 0;
  const { seconds } = await midway(
    syncFleet(devices, ctx.base, traffic, (config.deadlineSeconds + config.outageSeconds) * 1000),
    traffic,
    total,
    0.25,
    async () => {
      const stopping = performance.now();
      await ctx.pg.stop('fast');
      acceptedAtStop = traffic.accepted.size;
      log(
        `PostgreSQL stopped with ${acceptedAtStop} of ${total} events in; waiting ${config.outageSeconds} s…`,
      );
      await sleep(config.outageSeconds * 1000);
      await ctx.pg.start();
      restartedAt = performance.now();
      downSeconds = (restartedAt - stopping) / 1000;
      log(`PostgreSQL started again after ${round(downSeconds)} s`);
    },
  );
  const unavailable = traffic.statuses['503'] ?? 0;
  const other = traffic.unexpected('503');
  const result = {
    devices: devices.length,
    events: total,
    seconds: round(seconds, 2),
    outageSeconds: round(downSeconds),
    acceptedBeforeStop: acceptedAtStop,
    unavailable503: unavailable,
    allWithRetryAfter: traffic.withoutRetryAfter === 0,
    allCodedUnavailable: traffic.wrongBody === 0,
    otherNon200: other,
    restartToAllLandedSeconds: since(restartedAt),
  };
  log(
    `${unavailable} answers were 503 (${traffic.withoutRetryAfter} without Retry-After, ${traffic.wrongBody} ` +
      `not coded unavailable); others: ${JSON.stringify(other)}; all landed ${result.restartToAllLandedSeconds} s ` +
      'after PostgreSQL came back',
  );
  checks.expect(unavailable > 0, 'devices syncing during the outage were answered 503');
  checks.expect(
    traffic.wrongBody === 0,
    "every 503's body was the error code 'unavailable'",
    `${traffic.wrongBody} were not`,
  );
  checks.none(other, 'no answer other than 200 or 503');
  return { figures: result, fleet: { area: 'LOAD-OUTAGE', devices, traffic } };
}

async function offlineScenario(ctx: Context, checks: Checks) {
  const n = config.offlineEvents;
  heading(`4. A device offline for 7 days with ${n} events, synced by the kiosk's SyncClient`);
  const devices = await enrolFleet(ctx.store.db, 1, 'LOAD-OFFLINE');
  const week = 7 * 86_400_000;
  const from = Date.now() - week;
  await logEvents(devices, n, (i) => ({
    ...variety(i),
    shownAt: new Date(from + Math.floor(((i + 0.5) * week) / n)).toISOString(),
  }));
  const traffic = new Traffic();
  traffic.batchSizes = [];
  const progress: { sent: number; total: number }[] = [];
  const watch = ({ progress: p }: SyncState) => {
    const last = progress.at(-1);
    if (p && (p.sent !== last?.sent || p.total !== last?.total)) progress.push({ ...p });
  };
  const seconds = await syncFleet(devices, ctx.base, traffic, config.deadlineSeconds * 1000, watch);
  const sizes = traffic.batchSizes;
  const monotonic = progress.every((p, i) => i === 0 || p.sent >= progress[i - 1]!.sent);
  const last = progress.at(-1);
  log(
    `${sizes.length} batches (${[...new Set(sizes)].join(', ')} events) in ${round(seconds, 2)} s; ` +
      `progress ${progress.map((p) => p.sent).join(' → ')} of ${last?.total}`,
  );
  checks.expect(
    Math.max(...sizes) <= SYNC_BATCH,
    `no batch had more than ${SYNC_BATCH} events`,
    `largest ${Math.max(...sizes)}`,
  );
  checks.expect(
    monotonic && progress.every((p) => p.total === n) && last?.sent === n,
    `progress went up monotonically to ${n} of ${n}`,
    JSON.stringify(progress),
  );
  const figures = {
    events: n,
    batches: sizes.length,
    largestBatch: Math.max(...sizes),
    seconds: round(seconds, 2),
    progress,
    non200: traffic.nonOk,
  };
  return { figures, fleet: { area: 'LOAD-OFFLINE', devices, traffic } };
}

async function attackScenario(ctx: Context, checks: Checks) {
  heading(
    `5. ${config.loris} slow-loris sockets and a flood from one device for ${config.attackSeconds} s, ` +
      `beside ${config.ordinary} ordinary devices`,
  );
  const devices = await enrolFleet(ctx.store.db, config.ordinary, 'LOAD-ATTACK');
  const [flooder] = await enrolFleet(ctx.store.db, 1, 'LOAD-FLOOD');
  const rounds = BASELINE_ROUNDS + Math.ceil((config.attackSeconds * 1000) / ROUND_MS);
  const queued = await signEvents(devices, rounds * ROUND_EVENTS, variety);
  const floodBatch = await nextEvents(flooder!.device, 1);
  const traffic = new Traffic();
  const clients = devices.map((sim) => syncClient(sim, ctx.base, traffic));
  await Promise.all(clients.map((client) => client.start()));

  /** Each ordinary device logs ROUND_EVENTS and syncs them, every ROUND_MS, while `more()`. */
  const syncRounds = (more: (round: number) => boolean) =>
    Promise.all(
      devices.map(async (sim, d) => {
        for (let r = 0; more(r); r++) {
          const due = performance.now() + ROUND_MS;
          logged(sim, queued[d]!.splice(0, ROUND_EVENTS));
          await clients[d]!.nudge();
          await within(
            sim.log.settled(),
            config.deadlineSeconds * 1000,
            () => 'an ordinary device could not sync',
          );
          await sleep(due - performance.now());
        }
      }),
    );

  log(`baseline: ${BASELINE_ROUNDS} rounds of ${ROUND_EVENTS} events a second per device…`);
  const baselineStart = performance.now();
  await syncRounds((r) => r < BASELINE_ROUNDS);
  const attackStart = performance.now();
  const attackStartWall = Date.now();
  const baseline = latency(traffic.samples.filter((s) => s.at < attackStart).map((s) => s.ms));

  log('attack: loris sockets open, the flood starts, ordinary devices go on syncing…');
  const loris = slowLoris(ctx.port, config.loris, 2000);
  const floodTraffic = new Traffic();
  const signal = { stop: false };
  const flooding = flood(
    `${ctx.base}/api/events`,
    flooder!.device,
    floodBatch,
    config.floodParallel,
    floodTraffic,
    signal,
  );
  await syncRounds(() => performance.now() - attackStart < config.attackSeconds * 1000);
  signal.stop = true;
  await flooding;
  const floodEnd = performance.now();
  // Rate-limit windows are whole minutes of the clock.
  const windows = Math.floor(Date.now() / 60_000) - Math.floor(attackStartWall / 60_000) + 1;
  const attack = latency(traffic.samples.filter((s) => s.at >= attackStart).map((s) => s.ms));
  // The loris sockets: closed by the server within LORIS_LIMIT_MS of opening, or never.
  while (
    loris.closedAfter.some((t) => t === null) &&
    performance.now() - attackStart < LORIS_LIMIT_MS + 5000
  )
    await sleep(250);
  const closed = loris.closedAfter.filter((t): t is number => t !== null).sort((a, b) => a - b);
  loris.stop();
  for (const client of clients) client.stop();

  const late = closed.filter((t) => t > LORIS_LIMIT_MS).length;
  const at = (q: number) =>
    closed.length ? round(closed[Math.floor(q * (closed.length - 1))]! / 1000) : null;
  const floodOk = floodTraffic.statuses['200'] ?? 0;
  const rateLimited = floodTraffic.statuses['429'] ?? 0;
  const floodOther = floodTraffic.unexpected('429');
  const floodSeconds = (floodEnd - attackStart) / 1000;
  const result = {
    ordinaryDevices: devices.length,
    baselineSeconds: round((attackStart - baselineStart) / 1000),
    attackSeconds: round(floodSeconds),
    ordinaryLatencyMs: { withoutAttack: baseline, duringAttack: attack },
    ordinaryNon200: traffic.nonOk,
    flood: {
      requests: floodTraffic.requests,
      perSecond: Math.round(floodTraffic.requests / floodSeconds),
      ok: floodOk,
      rateLimited429: rateLimited,
      allWithRetryAfter: floodTraffic.withoutRetryAfter === 0,
      other: floodOther,
    },
    loris: {
      sockets: config.loris,
      closedByServer: closed.length,
      answered408: loris.answered,
      closedAfterSeconds: {
        first: at(0),
        median: at(0.5),
        last: at(1),
      },
    },
  };
  log(
    `ordinary batches p95 ${baseline.p95} ms without the attack, ${attack.p95} ms during it (${attack.n} batches); ` +
      `flood: ${floodTraffic.requests} requests (${result.flood.perSecond}/s), ${floodOk} × 200, ${rateLimited} × 429; ` +
      `loris: ${closed.length} of ${config.loris} closed by the server, after ${result.loris.closedAfterSeconds.first}–` +
      `${result.loris.closedAfterSeconds.last} s`,
  );
  checks.none(traffic.nonOk, 'no ordinary device was refused or timed out');
  checks.expect(
    attack.n > 0 && attack.p95! <= config.starvedMs,
    `ordinary devices synced during the attack, p95 within ${config.starvedMs} ms`,
    `${attack.n} batches, p95 ${attack.p95} ms`,
  );
  checks.expect(rateLimited > 0, 'the flooding device was answered 429');
  checks.expect(
    floodTraffic.withoutRetryAfter === 0,
    'every 429 had a Retry-After',
    `${floodTraffic.withoutRetryAfter} did not`,
  );
  checks.expect(
    floodOk <= DEFAULT_LIMITS.events * windows,
    `the flood got at most ${DEFAULT_LIMITS.events} batches a minute through`,
    `${floodOk} in ${windows} minute window(s)`,
  );
  checks.none(floodOther, 'the flood got nothing but 200 and 429');
  checks.expect(
    closed.length === config.loris && late === 0,
    `every loris socket was closed by the server within ${LORIS_LIMIT_MS / 1000} s`,
    `${config.loris - closed.length} still open, ${late} closed late`,
  );
  return { figures: result, fleet: { area: 'LOAD-ATTACK', devices, traffic } };
}

const SCENARIOS = [
  ['ingest', ingestScenario],
  ['workerKill', workerKillScenario],
  ['databaseOutage', outageScenario],
  ['offlineWeek', offlineScenario],
  ['attack', attackScenario],
] as const;

async function healthy(base: string): Promise<boolean> {
  const until = performance.now() + 30_000;
  while (performance.now() < until) {
    const status = await fetch(`${base}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return true;
    await sleep(500);
  }
  return false;
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const workers = workerPids(server.pid!);
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]))) {
    for (const pid of [server.pid!, ...workers]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

const wall = performance.now();
const figures: Record<string, unknown> = { config };
const failed: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'fw-loadtest-'));
process.stderr.write('Load and fault tests: starting PostgreSQL (durable settings)…\n');
const pg = await startCluster({ fast: false });
const store = await openStore(pg.url);
await createUser(
  store.db,
  TEST_ACCOUNTS.reviewer.username,
  'reviewer',
  TEST_ACCOUNTS.reviewer.password,
);
const port = 5000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
process.stderr.write(`Starting the app with WORKERS=2 at ${base}…\n`);
const server = await spawnServer(
  'src/server/main.ts',
  {
    DATABASE_URL: pg.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKERS: '2',
    DIST: join(dir, 'no-dist'),
  },
  'serving',
);
const cleanUp = () => {
  for (const pid of [server.pid!, ...workerPids(server.pid!)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
  const ctx: Context = {
    store,
    pg,
    server,
    port,
    base,
    reviewer: { base, headers: await signInAt(base, 'reviewer') },
  };
  for (const [i, [name, scenario]] of SCENARIOS.entries()) {
    if (!config.scenarios.includes(i + 1)) continue;
    const checks = new Checks(`${i + 1}. ${name}`);
    if (!(await healthy(base))) {
      failed.push(`${i + 1}. ${name}: the server was not answering /api/health, so it did not run`);
      continue;
    }
    const started = performance.now();
    try {
      const outcome = await scenario(ctx, checks);
      const landed = await checkLanded(checks, store.db, ctx.reviewer, outcome.fleet);
      figures[name] = { ...outcome.figures, ...landed, wallSeconds: since(started) };
    } catch (error) {
      checks.expect(false, 'the scenario ran to its end', (error as Error).message);
    }
    failed.push(...checks.failed);
  }
} finally {
  await stopServer(server);
  await store.close();
  pg.remove();
  rmSync(dir, { recursive: true, force: true });
}

figures.wallSeconds = since(wall);
figures.failed = failed;
console.log(JSON.stringify(figures));
if (failed.length) {
  process.stderr.write(
    `\nLOAD TEST FAILED: ${failed.length} check(s):\n${failed.map((f) => `  ✘ ${f}`).join('\n')}\n`,
  );
  process.exitCode = 1;
} else {
  process.stderr.write(`\nLoad test passed in ${figures.wallSeconds} s.\n`);
}
