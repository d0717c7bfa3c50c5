/**
 * The load test's devices: enrolled straight into the store (as the bench does), each with a real
 * key and chain (test/server/harness.ts signs them), synced over HTTP by the kiosk's own
 * SyncClient from an in-memory log, through a fetch that counts every answer and bounds how many
 * requests are in flight at once.
 */
import { performance } from 'node:perf_hooks';
import type { EventBatch, IngestReply, IntegrityReply, Rejection } from '../../src/schema/api.js';
import type { NoticeEvent, UnsignedEvent } from '../../src/schema/notice-event.js';
import { SyncClient, type SyncState } from '../../src/log/sync.js';
import type { Db } from '../../src/server/db/index.js';
import { issueEnrolmentCode } from '../../src/server/devices.js';
import {
  getJson,
  newKeys,
  nextEvents,
  enrolDirect,
  type TestDevice,
} from '../../test/server/harness.js';
import { MemoryLog } from './memory-log.js';

export const log = (message: string) => process.stderr.write(`  ${message}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const round = (value: number, places = 1) => Number(value.toFixed(places));

/** Nearest-rank percentiles of a list of milliseconds. */
export function latency(values: readonly number[]) {
  if (!values.length) return { p50: null, p95: null, p99: null, max: null, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => round(sorted[Math.ceil((p / 100) * sorted.length) - 1]!);
  return {
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: round(sorted.at(-1)!),
    n: sorted.length,
  };
}

/** Runs at most `n` of the given jobs at once; the rest wait their turn. */
export function limiter(n: number) {
  let free = n;
  const queue: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await job();
    } finally {
      const next = queue.shift();
      if (next) next();
      else free++;
    }
  };
}

/**
 * Every request of one scenario's devices, and what the server said: the statuses, the ids it
 * accepted (an id accepted twice would be stored twice), the duplicates, the refusals, and
 * whether each 503 and 429 said when to come back.
 */
export class Traffic {
  requests = 0;
  /** Count of answers by status, and `network` for a request that got no answer. */
  statuses: Record<string, number> = {};
  /** Answered batches: when they were sent (performance.now()) and how long they took. */
  samples: { at: number; ms: number }[] = [];
  /** When each failed request (no answer, or not 200) ended. */
  failures: number[] = [];
  accepted = new Set<string>();
  acceptedTwice: string[] = [];
  duplicate = new Set<string>();
  rejected: Rejection[] = [];
  /** 503s and 429s without a Retry-After, 503s whose body was not `{ error: { code: 'unavailable' } }`. */
  withoutRetryAfter = 0;
  wrongBody = 0;
  /** Event counts of the batches sent, when asked for. */
  batchSizes: number[] | null = null;
  private readonly limit: ReturnType<typeof limiter>;

  constructor(concurrency = Infinity) {
    this.limit = limiter(concurrency);
  }

  /** Counts of the answers other than 200 and the `expected` statuses. */
  unexpected(...expected: string[]): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.statuses).filter(
        ([status]) => status !== '200' && !expected.includes(status),
      ),
    );
  }

  get nonOk(): Record<string, number> {
    return this.unexpected();
  }

  get okLatencies(): number[] {
    return this.samples.map((s) => s.ms);
  }

  /** A fetch for SyncClient: counted, bounded, and answered with the same status and body. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    this.limit(async () => {
      this.requests++;
      if (this.batchSizes)
        this.batchSizes.push((JSON.parse(String(init?.body)) as EventBatch).events.length);
      const at = performance.now();
      let response: Response;
      let text: string;
      try {
        response = await fetch(input, init);
        text = await response.text();
      } catch (error) {
        this.count('network');
        this.failures.push(performance.now());
        throw error;
      }
      this.observe(response, text, at);
      return new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    });

  private count(status: string) {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }

  private observe(response: Response, text: string, at: number): void {
    const ended = performance.now();
    this.count(String(response.status));
    if (response.status !== 200) {
      this.failures.push(ended);
      if (response.status === 503 || response.status === 429) {
        if (!(Number(response.headers.get('retry-after')) > 0)) this.withoutRetryAfter++;
      }
      if (response.status === 503) {
        const code = (() => {
          try {
            return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
          } catch {
            return undefined;
          }
        })();
        if (code !== 'unavailable') this.wrongBody++;
      }
      return;
    }
    this.samples.push({ at, ms: ended - at });
    const reply = JSON.parse(text) as IngestReply;
    for (const id of reply.accepted) {
      if (this.accepted.has(id)) this.acceptedTwice.push(id);
      this.accepted.add(id);
    }
    for (const id of reply.duplicate) this.duplicate.add(id);
    this.rejected.push(...reply.rejected);
  }

  /** Resolves once the server has accepted at least `n` events. */
  async accepting(n: number): Promise<void> {
    while (this.accepted.size < n) await sleep(10);
  }

  /** The end of the last failure, or null. */
  get lastFailure(): number | null {
    return this.failures.reduce<number | null>((last, t) => Math.max(last ?? t, t), null);
  }
}

/** One scenario's devices, in an area of their own, and their traffic. */
export interface Fleet {
  area: string;
  devices: SimDevice[];
  traffic: Traffic;
}

export interface SimDevice {
  device: TestDevice;
  log: MemoryLog;
  /** Every event this device has made, in order. */
  events: NoticeEvent[];
}

/** Enrols `count` devices in an area, straight into the store (over HTTP, enrolment is rate-limited). */
export async function enrolFleet(db: Db, count: number, area: string): Promise<SimDevice[]> {
  const devices: SimDevice[] = [];
  const one = limiter(8);
  await Promise.all(
    Array.from({ length: count }, () =>
      one(async () => {
        const { code } = await issueEnrolmentCode(db, 'loadtest', { area });
        const keys = await newKeys();
        const device = await enrolDirect(db, code, keys);
        devices.push({ device, log: new MemoryLog(device), events: [] });
      }),
    ),
  );
  return devices;
}

/** Signs each device's next `count` events, continuing its chain, without logging them yet. */
export async function signEvents(
  devices: readonly SimDevice[],
  count: number,
  content?: (i: number) => Partial<UnsignedEvent>,
): Promise<NoticeEvent[][]> {
  const one = limiter(16);
  return Promise.all(devices.map((sim) => one(() => nextEvents(sim.device, count, content))));
}

/** The device logs these events: they wait in its log to be sent. */
export function logged(sim: SimDevice, events: readonly NoticeEvent[]): void {
  sim.events.push(...events);
  sim.log.append(events);
}

/** Signs each device's next `count` events and puts them in its log, unsent. */
export async function logEvents(
  devices: readonly SimDevice[],
  count: number,
  content?: (i: number) => Partial<UnsignedEvent>,
): Promise<void> {
  const signed = await signEvents(devices, count, content);
  devices.forEach((sim, i) => logged(sim, signed[i]!));
}

export function syncClient(sim: SimDevice, base: string, traffic: Traffic): SyncClient {
  return new SyncClient({
    log: sim.log,
    fetch: traffic.fetch,
    eventsUrl: `${base}/api/events`,
    window: null,
    locks: null,
    isOnline: () => true,
  });
}

/** Rejects after `ms` with `message()`, unless `work` settles first. */
export async function within<T>(work: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every device syncs everything in its log at once, each through its own SyncClient (which
 * retries with backoff and honours Retry-After); resolves once the server has acknowledged (or
 * refused) every event. Returns the seconds it took.
 */
export async function syncFleet(
  devices: readonly SimDevice[],
  base: string,
  traffic: Traffic,
  deadlineMs: number,
  watch?: (state: SyncState) => void,
): Promise<number> {
  const started = performance.now();
  const clients = devices.map((sim) => syncClient(sim, base, traffic));
  if (watch)
    for (const client of clients) client.addEventListener('change', () => watch(client.state));
  const total = devices.reduce((n, sim) => n + sim.events.length, 0);
  try {
    await within(
      Promise.all(
        clients.map(async (client, i) => {
          await client.start();
          await devices[i]!.log.settled();
        }),
      ),
      deadlineMs,
      () =>
        `only ${traffic.accepted.size + traffic.duplicate.size} of ${total} events were acknowledged ` +
        `after ${Math.round(deadlineMs / 1000)} s (answers: ${JSON.stringify(traffic.statuses)})`,
    );
  } finally {
    for (const client of clients) client.stop();
  }
  return (performance.now() - started) / 1000;
}

/** Checks one scenario's outcome; every failed check is kept with its reason. */
export class Checks {
  readonly failed: string[] = [];
  constructor(private readonly scenario: string) {}

  expect(ok: boolean, what: string, detail = ''): boolean {
    if (!ok) this.failed.push(`${this.scenario}: ${what}${detail ? ` (${detail})` : ''}`);
    log(`${ok ? '✔' : '✘'} ${what}${!ok && detail ? ` — ${detail}` : ''}`);
    return ok;
  }

  /** Expects no answers in `counts` (by status). */
  none(counts: Record<string, number>, what: string): boolean {
    return this.expect(Object.keys(counts).length === 0, what, JSON.stringify(counts));
  }
}

export interface Reviewer {
  base: string;
  headers: Record<string, string>;
}

/**
 * The exact counts after a scenario, from the database (rows, per device and the devices' own
 * counts), from the reviewer's /api/summary and /api/integrity, and from what the devices were told.
 */
export async function checkLanded(
  checks: Checks,
  db: Db,
  reviewer: Reviewer,
  { area, devices, traffic }: Fleet,
) {
  const expected = devices.reduce((n, sim) => n + sim.events.length, 0);
  const ids = devices.map((sim) => sim.device.deviceId);
  const byDevice = new Map(devices.map((sim) => [sim.device.deviceId, sim.events.length]));

  checks.expect(
    traffic.acceptedTwice.length === 0,
    'no event was accepted twice',
    `${traffic.acceptedTwice.length} were`,
  );
  checks.expect(
    traffic.withoutRetryAfter === 0,
    'every 503 and 429 said when to retry (Retry-After)',
    `${traffic.withoutRetryAfter} did not`,
  );
  checks.expect(
    traffic.rejected.length === 0,
    'no event was rejected',
    JSON.stringify(traffic.rejected.slice(0, 3)),
  );
  const unacknowledged = devices
    .flatMap((sim) => sim.events)
    .filter((e) => !traffic.accepted.has(e.id) && !traffic.duplicate.has(e.id)).length;
  checks.expect(unacknowledged === 0, 'every event was acknowledged', `${unacknowledged} were not`);

  const rows = await db
    .selectFrom('events')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('id').distinct().as('ids'),
    ])
    .where('area', '=', area)
    .executeTakeFirstOrThrow();
  checks.expect(
    Number(rows.n) === expected && Number(rows.ids) === expected,
    `the database holds exactly ${expected.toLocaleString('en-GB')} events`,
    `${rows.n} rows, ${rows.ids} distinct ids`,
  );
  const perDevice = await db
    .selectFrom('events')
    .select((eb) => ['device', eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('last')])
    .where('area', '=', area)
    .groupBy('device')
    .execute();
  const wrongRows = perDevice.filter(
    (r) => Number(r.n) !== byDevice.get(r.device) || Number(r.last) !== byDevice.get(r.device),
  );
  checks.expect(
    perDevice.length === devices.length && wrongRows.length === 0,
    "each device's rows are its whole chain",
    `${perDevice.length} devices have rows; ${wrongRows.length} have the wrong number`,
  );
  const counted = await db
    .selectFrom('devices')
    .select(['id', 'event_count', 'first_seq', 'last_seq'])
    .where('id', 'in', ids)
    .execute();
  const wrongCount = counted.filter(
    (d) =>
      d.event_count !== byDevice.get(d.id) ||
      d.first_seq !== 1 ||
      d.last_seq !== byDevice.get(d.id),
  );
  checks.expect(
    counted.length === devices.length && wrongCount.length === 0,
    "each device's event_count, first_seq and last_seq are exact",
    `${wrongCount.length} are not, e.g. ${JSON.stringify(wrongCount[0])}`,
  );

  const summary = await getJson<{ total: { count: number } }>(
    reviewer.base,
    `/api/summary?area=${area}`,
    reviewer.headers,
  );
  checks.expect(
    summary.total.count === expected,
    `/api/summary counts ${expected.toLocaleString('en-GB')} for ${area}`,
    `it counts ${summary.total.count}`,
  );
  const integrity = await getJson<IntegrityReply>(
    reviewer.base,
    '/api/integrity',
    reviewer.headers,
  );
  const mine = integrity.devices.filter((d) => byDevice.has(d.deviceId));
  const notIntact = mine.filter((d) => d.status !== 'ok' || d.events !== byDevice.get(d.deviceId));
  const faults = integrity.devices.filter((d) => d.status !== 'ok');
  checks.expect(
    mine.length === devices.length && notIntact.length === 0 && faults.length === 0,
    `/api/integrity: all ${devices.length} chains verified intact, no faults anywhere`,
    `${notIntact.length} of ${mine.length} not intact, ${faults.length} faults: ${JSON.stringify(faults[0] ?? notIntact[0])}`,
  );
  return {
    dbRows: Number(rows.n),
    summaryTotal: summary.total.count,
    chainsIntact: mine.length - notIntact.length,
    accepted: traffic.accepted.size,
    duplicate: traffic.duplicate.size,
  };
}
