// Part of `npm run bench`: the server's figures on SQLite and on PostgreSQL, side by side, with the
// same devices, batches, generated events and queries for each. SQLite's files are in a temporary
// folder; PostgreSQL is a throwaway cluster on loopback with its durable defaults (scripts/lib/pg.mjs),
// removed at the end, whether the bench succeeds or not. The server runs in its own process (as
// `npm start` runs it, with DATABASE_URL); this process is the devices and the reviewer.
// BENCH_STORES=sqlite (or postgres) measures one store only. Prints one JSON object.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CIRCUMSTANCES, FORMATS, type NoticeEvent } from '../src/schema/notice-event.js';
import { createUser } from '../src/server/accounts.js';
import { isPostgres, openStore, type Db } from '../src/server/db/index.js';
import type { Device, NewEvent } from '../src/server/db/schema.js';
import { issueEnrolmentCode } from '../src/server/devices.js';
import { eventRow, formatsMask, weekOf } from '../src/server/ingest.js';
import {
  newKeys,
  nextEvents,
  spawnServer,
  enrolDirect,
  type TestDevice,
} from '../test/server/harness.js';
import { startCluster } from './lib/pg.mjs';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 20);
const PER_DEVICE = Number(process.env.BENCH_PER_DEVICE ?? 1000);
const BATCH = 100;
const SUMMARY_EVENTS = Number(process.env.BENCH_SUMMARY_EVENTS ?? 1_000_000);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const dir = mkdtempSync(join(tmpdir(), 'fw-bench-'));
const log = (message: string) => process.stderr.write(`  ${message}\n`);

/** Servers still running: stopped however this process ends. */
const servers = new Set<ChildProcess>();
process.on('exit', () => {
  for (const server of servers) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
// pg.mjs removes its cluster on 'exit', which a signal skips unless it is handled.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10,
    ) / 10
  );
}

/** One store the figures are taken on: where its new, empty databases are, and its clean-up. */
interface Target {
  key: string;
  /** The URL of a new, empty store (not yet migrated) called `name`. */
  create(name: string): Promise<string>;
  remove(): void;
}

async function openTarget(key: string): Promise<Target> {
  if (key === 'sqlite')
    return { key, create: async (name) => join(dir, `${name}.sqlite`), remove: () => {} };
  if (key !== 'postgres') throw new Error(`BENCH_STORES: no store "${key}" (sqlite, postgres)`);
  log('starting PostgreSQL (durable defaults)…');
  const cluster = await startCluster({ fast: false });
  return {
    key,
    async create(name) {
      const client = new pg.Client(cluster.url);
      await client.connect();
      try {
        await client.query(`create database bench_${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(cluster.url);
      url.pathname = `/bench_${name}`;
      return url.toString();
    },
    remove: cluster.remove,
  };
}

async function serve(url: string): Promise<{ server: ChildProcess; base: string }> {
  const port = 6000 + Math.floor(Math.random() * 1000);
  const env = { DATABASE_URL: url, PORT: String(port), DIST: join(dir, 'no-dist') };
  const server = await spawnServer('src/server/main.ts', env, 'serving');
  servers.add(server);
  server.once('exit', () => servers.delete(server));
  return { server, base: `http://127.0.0.1:${port}` };
}

async function storeVersion(db: Db): Promise<string> {
  if (!isPostgres(db))
    return `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0]!.v}`;
  const { rows } = await sql<{ server_version: string }>`show server_version`.execute(db);
  return `PostgreSQL ${rows[0]!.server_version.split(' ')[0]}`;
}

interface Sender {
  device: TestDevice;
  batches: NoticeEvent[][];
}

/** DEVICES devices, each with PER_DEVICE signed events in batches of 100, and their device rows. */
async function signDevices(): Promise<{ senders: Sender[]; rows: Device[] }> {
  log(`signing ${DEVICES * PER_DEVICE} events on ${DEVICES} devices…`);
  // Enrolled straight into a store, whose rows every store then gets: over HTTP, enrolment is
  // rate-limited per address, and the same devices send the same batches to each store.
  const store = await openStore(':memory:');
  const senders: Sender[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const { code } = await issueEnrolmentCode(store.db, 'bench', { area: `AREA-${i % 8}` });
    const keys = await newKeys();
    const device = await enrolDirect(store.db, code, keys);
    const events = await nextEvents(device, PER_DEVICE, (i) => ({
      formats: [FORMATS[i % 6]!],
      circumstance: CIRCUMSTANCES[i % 7]!,
    }));
    const batches = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    senders.push({ device, batches });
  }
  const rows = await store.db.selectFrom('devices').selectAll().execute();
  await store.close();
  return { senders, rows };
}

/** Ingest over HTTP: every device sends its batches in turn, all devices at once. */
async function ingestRate(
  target: Target,
  { senders, rows }: Awaited<ReturnType<typeof signDevices>>,
) {
  const url = await target.create('ingest');
  const store = await openStore(url);
  const version = await storeVersion(store.db);
  await store.db.insertInto('devices').values(rows).execute();
  await store.close();
  const { server, base } = await serve(url);
  log(`${version}: sending…`);
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  try {
    await Promise.all(
      senders.map(async ({ device, batches }) => {
        for (const events of batches) {
          const t = performance.now();
          const response = await fetch(`${base}/api/events`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${device.token}`,
            },
            body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
          });
          const reply = (await response.json()) as { accepted: string[] };
          if (!response.ok) throw new Error(`ingest failed: ${JSON.stringify(reply)}`);
          accepted += reply.accepted.length;
          latencies.push(performance.now() - t);
        }
      }),
    );
  } finally {
    server.kill('SIGTERM');
  }
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== DEVICES * PER_DEVICE) throw new Error(`only ${accepted} events accepted`);
  const raw = await rawInsert(target, senders);
  return {
    version,
    events: accepted,
    devices: DEVICES,
    batch: BATCH,
    eventsPerSecond: Math.round(accepted / seconds),
    batchLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    rawInsertEventsPerSecond: raw.eventsPerSecond,
    rawInsertWriters: raw.writers,
  };
}

/** SQLite's fastest way in: the driver's prepared statement a row, one transaction a call. */
function sqliteEvents(file: string, synchronous: 'FULL' | 'OFF') {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  const insert = db.prepare(
    'INSERT INTO events (id, device, device_id, seq, shown_at, day, week, duration_ms, formats, formats_mask, lang, circumstance, outcome, reason, area, prev_hash, hash, sig, received_at, clock_offset_ms) VALUES (@id, @device, @device_id, @seq, @shown_at, @day, @week, @duration_ms, @formats, @formats_mask, @lang, @circumstance, @outcome, @reason, @area, @prev_hash, @hash, @sig, @received_at, @clock_offset_ms)',
  );
  return {
    write: db.transaction((rows: NewEvent[]) => rows.forEach((row) => insert.run(row))),
    close: () => db.close(),
  };
}

/**
 * The ceiling: the same rows inserted straight into a fresh store with the server's settings (no
 * HTTP, no checks, no counts), 100 rows a transaction. SQLite: one writer, the driver's prepared
 * statement a row, as fast as it goes. PostgreSQL: each batch one INSERT, the devices' batches at
 * once through a pool the server's size, as the server gets them.
 */
async function rawInsert(
  target: Target,
  senders: Sender[],
): Promise<{ eventsPerSecond: number; writers: number }> {
  const url = await target.create('raw');
  const store = await openStore(url);
  await store.db
    .insertInto('devices')
    .values({
      id: 'raw',
      local_id: 'raw',
      public_key: '{}',
      source: 'enrolled',
      enrolled_at: '2026-01-01',
    })
    .execute();
  const batches = senders.map(({ batches }, d) =>
    batches.map((events) =>
      events.map((e) => ({
        ...eventRow(e, 'raw', new Date().toISOString(), 0),
        seq: d * PER_DEVICE + e.seq,
      })),
    ),
  );
  let seconds: number;
  let writers = 1;
  if (isPostgres(store.db)) {
    writers = Math.min(DEVICES, Number(process.env.DATABASE_POOL ?? 10));
    const started = performance.now();
    await Promise.all(
      batches.map(async (device) => {
        for (const rows of device)
          await store.db
            .transaction()
            .execute((trx) => trx.insertInto('events').values(rows).execute());
      }),
    );
    seconds = (performance.now() - started) / 1000;
    await store.close();
  } else {
    await store.close();
    const raw = sqliteEvents(url, 'FULL');
    const started = performance.now();
    for (const rows of batches.flat()) raw.write(rows);
    seconds = (performance.now() - started) / 1000;
    raw.close();
  }
  return { eventsPerSecond: Math.round((DEVICES * PER_DEVICE) / seconds), writers };
}

/** A year of a region's notices, in the order (and from the seed) the figures have always used. */
function* noticeEvents(count: number, devices: number): Generator<NewEvent> {
  const AREAS = Array.from({ length: 40 }, (_, i) => `AREA-${i}`);
  // Most notices are the default in English; the long tail is what the EIA is about.
  const LANGS = [
    'en-GB',
    'en-GB',
    'en-GB',
    'en-GB',
    'en-GB',
    'en-GB',
    'pl',
    'ro',
    'ar',
    'ur',
    'pa',
    'bn',
    'cy',
    'so',
    'ckb',
    'ps',
    'ti',
    'fa',
    'bfi',
  ];
  const COMBOS = [
    ['visual', 'large-text'],
    ['visual', 'large-text'],
    ['visual', 'large-text'],
    ['large-text'],
    ['easy-read'],
    ['bsl'],
    ['audio', 'large-text'],
    ['vibration', 'visual'],
    ['visual', 'large-text', 'audio'],
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const perDevice = Math.ceil(count / devices);
  const start = Date.parse('2025-12-01T00:00:00.000Z');
  const hex = 'a'.repeat(64);
  let made = 0;
  for (let d = 0; d < devices && made < count; d++) {
    for (let s = 1; s <= perDevice && made < count; s++, made++) {
      const shownAt = new Date(start + random() * 365 * 86_400_000).toISOString();
      const day = shownAt.slice(0, 10);
      const formats = pick(COMBOS);
      const outcome = random() < 0.03 ? 'not-possible' : random() < 0.8 ? 'acknowledged' : 'shown';
      const lang = formats.length === 1 && formats[0] === 'bsl' ? 'bfi' : pick(LANGS);
      yield {
        id: uuidv7(),
        device: `dev-${d}`,
        device_id: `dev-${d}`,
        seq: s,
        shown_at: shownAt,
        day,
        week: weekOf(day),
        duration_ms: 20_000,
        formats: formats.join(';'),
        formats_mask: formatsMask(formats),
        lang,
        circumstance: pick(CIRCUMSTANCES),
        outcome,
        reason: outcome === 'not-possible' ? 'immediate-risk' : null,
        area: AREAS[d % AREAS.length]!,
        prev_hash: hex,
        hash: hex,
        sig: hex + hex,
        received_at: shownAt,
        clock_offset_ms: 0,
      };
    }
  }
}

/**
 * PostgreSQL's quick way in without COPY: rows as one INSERT … SELECT FROM unnest(), a parameter
 * (an array) a column, so 20 parameters however many rows. In this bench, over twice as fast as
 * multi-row VALUES of the same rows, which need 20 parameters a row (at most 65,535 a statement).
 */
function insertByColumn(db: Db, rows: NewEvent[]) {
  const columns = Object.keys(rows[0]!) as (keyof NewEvent)[];
  const arrays = columns.map((column) => {
    const values = rows.map((row) => row[column] ?? null);
    const type = values.some((v) => typeof v === 'number') ? 'bigint' : 'text';
    return sql`${values}::${sql.raw(type)}[]`;
  });
  return sql`insert into events (${sql.join(columns.map((c) => sql.ref(c)))})
    select * from unnest(${sql.join(arrays)})`.execute(db);
}

/**
 * Writes `count` generated events straight into the tables, in large transactions (SQLite: its
 * prepared statement a row; PostgreSQL: 10,000 rows a statement), then the counts ingest keeps, built
 * from them in one statement, the same for either store. Returns the number of count rows.
 */
async function generate(db: Db, url: string, count: number): Promise<number> {
  const DEVICE_COUNT = 500;
  const ROWS_PER_INSERT = 10_000;
  const ROWS_PER_TRANSACTION = 100_000;
  const perDevice = Math.ceil(count / DEVICE_COUNT);
  await db
    .insertInto('devices')
    .values(
      Array.from({ length: DEVICE_COUNT }, (_, d) => ({
        id: `dev-${d}`,
        local_id: `local-${d}`,
        public_key: '{}',
        source: 'enrolled' as const,
        enrolled_at: '2026-01-01',
        event_count: perDevice,
        first_seq: 1,
        last_seq: perDevice,
      })),
    )
    .execute();
  const events = noticeEvents(count, DEVICE_COUNT);
  const take = (n: number) => {
    const rows: NewEvent[] = [];
    for (let e = events.next(); !e.done; e = events.next()) {
      rows.push(e.value);
      if (rows.length === n) break;
    }
    return rows;
  };
  // SQLite's second connection, without waiting for the disk: the data is thrown away.
  const sqlite = isPostgres(db) ? null : sqliteEvents(url, 'OFF');
  for (let rows = take(ROWS_PER_TRANSACTION); rows.length; rows = take(ROWS_PER_TRANSACTION)) {
    if (sqlite) sqlite.write(rows);
    else
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
          await insertByColumn(trx, rows.slice(i, i + ROWS_PER_INSERT));
      });
  }
  sqlite?.close();
  await sql`INSERT INTO event_counts (day, week, area, circumstance, lang, outcome, reason, formats_mask, n)
    SELECT day, week, COALESCE(area, ''), circumstance, lang, outcome, COALESCE(reason, ''), formats_mask, COUNT(*) FROM events
    GROUP BY day, week, COALESCE(area, ''), circumstance, lang, outcome, COALESCE(reason, ''), formats_mask`.execute(
    db,
  );
  // PostgreSQL's autovacuum would get here on its own within a minute or so; the figures should
  // not depend on whether it had.
  if (isPostgres(db)) await sql`vacuum analyze event_counts`.execute(db);
  const { n } = await db
    .selectFrom('event_counts')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

async function summaryLatency(target: Target) {
  const url = await target.create('summary');
  const store = await openStore(url);
  await createUser(store.db, 'bench-reviewer', 'reviewer', 'bench-reviewer-password');
  log(`generating ${SUMMARY_EVENTS.toLocaleString('en-GB')} events…`);
  const t = performance.now();
  const countRows = await generate(store.db, url, SUMMARY_EVENTS);
  const generatedSeconds = Math.round((performance.now() - t) / 100) / 10;
  log(`  generated in ${generatedSeconds} s; ${countRows} count rows`);
  await store.close();
  const { server, base } = await serve(url);
  const queries = [
    '',
    'groupBy=format',
    'groupBy=lang',
    'groupBy=circumstance',
    'groupBy=area',
    'groupBy=week',
    'groupBy=outcome',
    'groupBy=reason',
    'groupBy=week&format=bsl&from=2026-06-01&to=2026-08-31',
    'groupBy=lang&area=AREA-3&outcome=acknowledged',
  ];
  const all: number[] = [];
  const perQuery: Record<string, { p50: number; p95: number }> = {};
  let total = 0;
  try {
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-reviewer', password: 'bench-reviewer-password' }),
    });
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    for (const q of queries) {
      const times: number[] = [];
      for (let i = 0; i < 22; i++) {
        const started = performance.now();
        const response = await fetch(`${base}/api/summary?${q}`, { headers: { cookie } });
        const body = (await response.json()) as { total: { count: number } };
        if (!response.ok) throw new Error(JSON.stringify(body));
        if (!q) total = body.total.count;
        if (i >= 2) times.push(performance.now() - started);
      }
      all.push(...times);
      perQuery[q || '(totals)'] = { p50: percentile(times, 50), p95: percentile(times, 95) };
    }
  } finally {
    server.kill('SIGTERM');
  }
  if (total !== SUMMARY_EVENTS) throw new Error(`summary counted ${total}, not ${SUMMARY_EVENTS}`);
  return {
    events: total,
    countRows,
    generatedSeconds,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    max: Math.round(Math.max(...all)),
    n: all.length,
    perQuery,
  };
}

try {
  const devices = await signDevices();
  const figures: Record<string, unknown> = {};
  for (const key of STORES) {
    const started = performance.now();
    const target = await openTarget(key);
    try {
      log(`server ingest (${key}, batches of 100)…`);
      const { version, ...ingest } = await ingestRate(target, devices);
      log(`/api/summary over generated events (${key})…`);
      const summary = await summaryLatency(target);
      const seconds = Math.round((performance.now() - started) / 1000);
      log(`${version}: ${seconds} s in all`);
      figures[key] = { store: version, seconds, ingest, summary };
    } finally {
      target.remove();
    }
  }
  console.log(JSON.stringify(figures));
} catch (error) {
  console.error(error);
  // Whatever still holds the event loop open (a pool, a socket) must not keep the clean-up waiting.
  process.exit(1);
}
