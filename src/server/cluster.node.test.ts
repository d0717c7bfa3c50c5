/**
 * Two app servers, each its own process, on one PostgreSQL: one device's batches land on both at
 * once, each batch twice. Every event is stored exactly once, the one real break in the chain is
 * found and nothing else is, a session made on one server works on the other, and a device's rate
 * limit counts its requests to both; and an unreachable database is a 503 with Retry-After. (On
 * SQLite there is one server, so this runs on PostgreSQL.)
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestReply, IntegrityReply, SummaryReply } from '../schema/api.js';
import { DEFAULT_LIMITS, buildApp } from './app.js';
import { openStore } from './db/index.js';
import {
  TEST_DATABASE_URL,
  enrolAt,
  getJson,
  nextEvents,
  postBatch,
  signInAt,
  spawnServer,
  testStoreUrl,
} from '../../test/server/harness.js';

const first = 4500 + Math.floor(Math.random() * 200);
const BASES = [first, first + 1].map((port) => `http://127.0.0.1:${port}`);
const [A, B] = BASES as [string, string];
const servers: ChildProcess[] = [];

describe.runIf(TEST_DATABASE_URL)('two app servers on one PostgreSQL', () => {
  beforeAll(async () => {
    const DATABASE_URL = await testStoreUrl();
    // One after the other: the first migrates and makes the test accounts; the second finds them.
    for (const base of BASES)
      servers.push(
        await spawnServer(
          'test/e2e/server.ts',
          { PORT: new URL(base).port, DATABASE_URL },
          'listening',
        ),
      );
  }, 60_000);
  afterAll(() => servers.forEach((s) => s.kill('SIGKILL')));

  it(
    "stores one device's batches exactly once, and finds the one break, when they land on both at once",
    { timeout: 60_000 },
    async () => {
      const device = await enrolAt(A, await signInAt(A, 'admin'), B);
      const BREAK = 537;
      const events = await nextEvents(device, 1000, (i) =>
        i === BREAK ? { prevHash: 'f'.repeat(64) } : {},
      );
      const batches = [];
      for (let i = 0; i < events.length; i += 50) batches.push(events.slice(i, i + 50));

      // Every batch to both servers, all at once: 40 transactions racing over one chain.
      const replies = await Promise.all(
        batches.flatMap((batch) =>
          BASES.map(async (base) => {
            const response = await postBatch(base, device, batch);
            expect(response.status).toBe(200);
            return (await response.json()) as IngestReply;
          }),
        ),
      );
      const accepted = replies.flatMap((r) => r.accepted);
      expect(replies.flatMap((r) => r.rejected)).toEqual([]);
      expect(accepted).toHaveLength(1000);
      expect(new Set(accepted).size).toBe(1000);
      expect(replies.flatMap((r) => r.duplicate)).toHaveLength(1000);

      const reviewer = await signInAt(B, 'reviewer');
      const summary = await getJson<SummaryReply>(A, '/api/summary', reviewer);
      expect(summary.total.count).toBe(1000);
      const integrity = await getJson<IntegrityReply>(B, '/api/integrity', reviewer);
      expect(integrity.devices.find((d) => d.deviceId === device.deviceId)).toMatchObject({
        status: 'broken',
        at: BREAK + 1,
        events: 1000,
        firstSeq: 1,
        lastSeq: 1000,
      });
    },
  );

  it('keeps a session made on one server, and ends it on both', async () => {
    const session = await signInAt(A, 'reviewer');
    expect((await fetch(`${B}/api/summary`, { headers: session })).status).toBe(200);
    const out = await fetch(`${B}/api/session`, { method: 'DELETE', headers: session });
    expect(out.status).toBe(204);
    expect((await fetch(`${A}/api/summary`, { headers: session })).status).toBe(401);
  });

  it("counts a device's requests to both servers against its one rate limit", async () => {
    const device = await enrolAt(A, await signInAt(A, 'admin'));
    const [event] = await nextEvents(device, 1);
    // Within one minute's window (windows start on the minute), with time to spare.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    const tries = DEFAULT_LIMITS.events + 40;
    const statuses = await Promise.all(
      Array.from({ length: tries }, async (_, i) => {
        const response = await postBatch(BASES[i % 2]!, device, [event]);
        if (response.status === 429)
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        return response.status;
      }),
    );
    // Each server alone saw fewer than the limit; together they refused the excess.
    expect(statuses.filter((s) => s === 200)).toHaveLength(DEFAULT_LIMITS.events);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
  }, 60_000);
});

describe.runIf(TEST_DATABASE_URL)('when PostgreSQL cannot be reached', () => {
  it('answers 503 with Retry-After, and does not fall over', async () => {
    // A port nothing listens on: the store opens (it connects lazily), every query fails.
    const url = new URL(TEST_DATABASE_URL!);
    url.port = '1';
    const store = await openStore(url.toString(), { migrate: false });
    const app = await buildApp({ db: store.db });
    try {
      for (const [method, path] of [
        ['GET', '/api/health'],
        ['POST', '/api/events'],
        ['GET', '/api/summary'],
      ] as const) {
        const response = await app.inject({
          method,
          url: path,
          headers: { authorization: 'Bearer x'.padEnd(40, 'x') },
          ...(method === 'POST'
            ? { payload: { sentAt: new Date().toISOString(), events: [] } }
            : {}),
        });
        expect(response.statusCode, path).toBe(503);
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        expect(response.json().error.code).toBe('unavailable');
      }
    } finally {
      await app.close();
      await store.close();
    }
  });
});
