/**
 * The server killed (SIGKILL, no chance to tidy up) while batches are being stored, then started
 * again on the same store (a SQLite file, or PostgreSQL); the device resends everything. Nothing acknowledged is lost,
 * nothing is stored twice, and the chain and the counts agree exactly.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import type { IngestReply, IntegrityReply, SummaryReply } from '../schema/api.js';
import {
  enrolAt,
  getJson,
  nextEvents,
  postBatch,
  signInAt,
  spawnServer,
  testStoreUrl,
  type TestDevice,
} from '../../test/server/harness.js';

const PORT = 4380 + Math.floor(Math.random() * 100);
const BASE = `http://127.0.0.1:${PORT}`;
const DATABASE_URL = await testStoreUrl({ file: true });
let server: ChildProcess | undefined;

function startServer(): Promise<ChildProcess> {
  return spawnServer('test/e2e/server.ts', { PORT: String(PORT), DATABASE_URL }, 'listening');
}

afterAll(() => {
  server?.kill('SIGKILL');
});

const send = (device: TestDevice, events: unknown[]) => postBatch(BASE, device, events);

it(
  'loses nothing and duplicates nothing when the server is killed mid-batch',
  { timeout: 120_000 },
  async () => {
    server = await startServer();
    const device = await enrolAt(BASE, await signInAt(BASE, 'admin'));

    const BATCHES = 40;
    const SIZE = 100;
    const batches = [];
    for (let b = 0; b < BATCHES; b++) batches.push(await nextEvents(device, SIZE));

    // Every batch at once; the first acknowledgement pulls the plug on the rest.
    const acknowledged = new Set<string>();
    let killedAt = -1;
    const inFlight = batches.map(async (batch) => {
      try {
        const response = await send(device, batch);
        const reply = (await response.json()) as IngestReply;
        for (const id of [...reply.accepted, ...reply.duplicate]) acknowledged.add(id);
        if (killedAt < 0) {
          killedAt = acknowledged.size;
          server!.kill('SIGKILL');
        }
      } catch {
        // Connection reset: the device will resend.
      }
    });
    await Promise.all(inFlight);
    expect(killedAt).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(BATCHES * SIZE);

    server = await startServer();
    const afterRestart = new Set<string>();
    const duplicates = new Set<string>();
    for (const batch of batches) {
      const reply = (await (await send(device, batch)).json()) as IngestReply;
      expect(reply.rejected).toEqual([]);
      reply.accepted.forEach((id) => afterRestart.add(id));
      reply.duplicate.forEach((id) => duplicates.add(id));
    }
    // Whatever was acknowledged before the kill was already stored: nothing acknowledged was lost.
    for (const id of acknowledged) expect(duplicates.has(id)).toBe(true);
    expect(afterRestart.size + duplicates.size).toBe(BATCHES * SIZE);
    console.info(
      `crash test: ${acknowledged.size} events acknowledged before the kill, ${afterRestart.size} stored on resend, ${duplicates.size} reported duplicate`,
    );

    const reviewer = await signInAt(BASE, 'reviewer');
    const summary = await getJson<SummaryReply>(BASE, '/api/summary', reviewer);
    expect(summary.total.count).toBe(BATCHES * SIZE);
    const integrity = await getJson<IntegrityReply>(BASE, '/api/integrity', reviewer);
    expect(integrity.devices.find((d) => d.deviceId === device.deviceId)).toMatchObject({
      status: 'ok',
      events: BATCHES * SIZE,
      firstSeq: 1,
      lastSeq: BATCHES * SIZE,
    });
  },
);
