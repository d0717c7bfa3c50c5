// Part of `npm run bench`: the server's figures, on SQLite files in a temporary folder. The server
// runs in its own process (as `npm start` runs it); this process is the devices and the reviewer.
// Prints one JSON object.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { CIRCUMSTANCES, FORMATS } from '../src/schema/notice-event.js';
import { createUser } from '../src/server/accounts.js';
import { openStore } from '../src/server/db/index.js';
import { enrol, issueEnrolmentCode } from '../src/server/devices.js';
import { eventRow, formatsMask, weekOf } from '../src/server/ingest.js';
import {
  newKeys,
  nextEvents,
  spawnServer,
  testDevice,
  type TestDevice,
} from '../test/server/harness.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 20);
const PER_DEVICE = Number(process.env.BENCH_PER_DEVICE ?? 1000);
const BATCH = 100;
const SUMMARY_EVENTS = Number(process.env.BENCH_SUMMARY_EVENTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'fw-bench-'));
const log = (message: string) => process.stderr.write(`  ${message}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10,
    ) / 10
  );
}

function serve(file: string, port: number): Promise<ChildProcess> {
  const env = { DATABASE_URL: file, PORT: String(port), DIST: join(dir, 'no-dist') };
  return spawnServer('src/server/main.ts', env, 'serving');
}

/** Ingest over HTTP: DEVICES devices each send PER_DEVICE signed events in batches of 100. */
async function ingestRate() {
  const file = join(dir, 'ingest.sqlite');
  const store = await openStore(file);
  log(`signing ${DEVICES * PER_DEVICE} events on ${DEVICES} devices…`);
  const devices: { device: TestDevice; batches: unknown[][] }[] = [];
  // Enrolled straight into the store: over HTTP, enrolment is rate-limited per address.
  for (let i = 0; i < DEVICES; i++) {
    const { code } = await issueEnrolmentCode(store.db, 'bench', { area: `AREA-${i % 8}` });
    const keys = await newKeys();
    const device = testDevice(await enrol(store.db, code, keys.publicJwk), keys);
    const events = await nextEvents(device, PER_DEVICE, (i) => ({
      formats: [FORMATS[i % 6]!],
      circumstance: CIRCUMSTANCES[i % 7]!,
    }));
    const batches = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    devices.push({ device, batches });
  }
  await store.close();
  const port = 4600 + Math.floor(Math.random() * 300);
  const server = await serve(file, port);
  const base = `http://127.0.0.1:${port}`;
  log('sending…');
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    devices.map(async ({ device, batches }) => {
      for (const events of batches) {
        const t = performance.now();
        const response = await fetch(`${base}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
          body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
        });
        const reply = (await response.json()) as { accepted: string[] };
        if (!response.ok) throw new Error(`ingest failed: ${JSON.stringify(reply)}`);
        accepted += reply.accepted.length;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  server.kill('SIGTERM');
  if (accepted !== DEVICES * PER_DEVICE) throw new Error(`only ${accepted} events accepted`);

  // The same rows, inserted straight into a fresh database with the same settings: the ceiling.
  const rawFile = join(dir, 'raw.sqlite');
  const rawStore = await openStore(rawFile);
  await rawStore.close();
  const raw = new SQLite(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw
    .prepare(
      "INSERT INTO devices (id, local_id, public_key, source, enrolled_at) VALUES ('raw', 'raw', '{}', 'enrolled', '2026-01-01')",
    )
    .run();
  const insert = raw.prepare(
    'INSERT INTO events (id, device, device_id, seq, shown_at, day, week, duration_ms, formats, formats_mask, lang, circumstance, outcome, reason, area, prev_hash, hash, sig, received_at, clock_offset_ms) VALUES (@id, @device, @device_id, @seq, @shown_at, @day, @week, @duration_ms, @formats, @formats_mask, @lang, @circumstance, @outcome, @reason, @area, @prev_hash, @hash, @sig, @received_at, @clock_offset_ms)',
  );
  const rows = devices.flatMap(({ batches }, d) =>
    batches.flat().map((e) => ({
      ...eventRow(e as never, 'raw', new Date().toISOString(), 0),
      seq: d * PER_DEVICE + (e as { seq: number }).seq,
    })),
  );
  const insertBatch = raw.transaction((batch: typeof rows) =>
    batch.forEach((row) => insert.run(row)),
  );
  const rawStarted = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) insertBatch(rows.slice(i, i + BATCH));
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  raw.close();
  return {
    events: accepted,
    devices: DEVICES,
    batch: BATCH,
    eventsPerSecond: Math.round(accepted / seconds),
    batchLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    rawInsertEventsPerSecond: Math.round(rows.length / rawSeconds),
  };
}

/** A year of a region's notices, written straight into the tables (and the counts ingest keeps). */
function generate(file: string, count: number) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const DEVICE_COUNT = 500;
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
  const insertDevice = db.prepare(
    "INSERT INTO devices (id, local_id, public_key, source, enrolled_at, event_count, first_seq, last_seq) VALUES (?, ?, '{}', 'enrolled', '2026-01-01', ?, 1, ?)",
  );
  const insert = db.prepare(
    'INSERT INTO events (id, device, device_id, seq, shown_at, day, week, duration_ms, formats, formats_mask, lang, circumstance, outcome, reason, area, prev_hash, hash, sig, received_at, clock_offset_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const perDevice = Math.ceil(count / DEVICE_COUNT);
  const start = Date.parse('2025-12-01T00:00:00.000Z');
  const hex = 'a'.repeat(64);
  db.transaction(() => {
    for (let d = 0; d < DEVICE_COUNT; d++)
      insertDevice.run(`dev-${d}`, `local-${d}`, perDevice, perDevice);
  })();
  let made = 0;
  for (let d = 0; d < DEVICE_COUNT && made < count; d++) {
    db.transaction(() => {
      for (let s = 1; s <= perDevice && made < count; s++, made++) {
        const shownAt = new Date(start + random() * 365 * 86_400_000).toISOString();
        const day = shownAt.slice(0, 10);
        const formats = pick(COMBOS);
        const outcome =
          random() < 0.03 ? 'not-possible' : random() < 0.8 ? 'acknowledged' : 'shown';
        insert.run(
          uuidv7(),
          `dev-${d}`,
          `dev-${d}`,
          s,
          shownAt,
          day,
          weekOf(day),
          20_000,
          formats.join(';'),
          formatsMask(formats),
          formats.length === 1 && formats[0] === 'bsl' ? 'bfi' : pick(LANGS),
          pick(CIRCUMSTANCES),
          outcome,
          outcome === 'not-possible' ? 'immediate-risk' : null,
          AREAS[d % AREAS.length],
          hex,
          hex,
          hex + hex,
          shownAt,
          0,
        );
      }
    })();
  }
  db.exec(`INSERT INTO event_counts (day, week, area, circumstance, lang, outcome, reason, formats_mask, n)
    SELECT day, week, COALESCE(area, ''), circumstance, lang, outcome, COALESCE(reason, ''), formats_mask, COUNT(*) FROM events
    GROUP BY day, week, COALESCE(area, ''), circumstance, lang, outcome, COALESCE(reason, ''), formats_mask`);
  const countRows = (db.prepare('SELECT COUNT(*) AS n FROM event_counts').get() as { n: number }).n;
  db.close();
  return countRows;
}

async function summaryLatency() {
  const file = join(dir, 'summary.sqlite');
  const store = await openStore(file);
  await createUser(store.db, 'bench-reviewer', 'reviewer', 'bench-reviewer-password');
  await store.close();
  log(`generating ${SUMMARY_EVENTS.toLocaleString('en-GB')} events…`);
  const t = performance.now();
  const countRows = generate(file, SUMMARY_EVENTS);
  log(`  generated in ${Math.round((performance.now() - t) / 1000)} s; ${countRows} count rows`);
  const port = 4600 + Math.floor(Math.random() * 300);
  const server = await serve(file, port);
  const base = `http://127.0.0.1:${port}`;
  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-reviewer', password: 'bench-reviewer-password' }),
  });
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
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
  server.kill('SIGTERM');
  if (total !== SUMMARY_EVENTS) throw new Error(`summary counted ${total}, not ${SUMMARY_EVENTS}`);
  return {
    events: total,
    countRows,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    max: Math.round(Math.max(...all)),
    n: all.length,
    perQuery,
  };
}

try {
  log('server ingest (SQLite, batches of 100)…');
  const ingest = await ingestRate();
  log('/api/summary over generated events…');
  const summary = await summaryLatency();
  console.log(JSON.stringify({ ingest, summary }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
