import { afterEach, describe, expect, it } from 'vitest';
import {
  enrolmentProof,
  type EnrolRequest,
  type EventBatch,
  type IngestReply,
  type Rejection,
} from '../schema/api.js';
import { importPublicKey, verifyValue } from './chain.js';
import type { NoticeEvent, NoticeRecord } from '../schema/notice-event.js';
import { DeviceLog } from './store.js';
import {
  SyncClient,
  backoffCeiling,
  parseRetryAfter,
  type SyncClock,
  type SyncState,
} from './sync.js';

const opened: DeviceLog[] = [];
const clients: SyncClient[] = [];
let counter = 0;

afterEach(() => {
  for (const client of clients.splice(0)) client.stop();
  for (const log of opened.splice(0)) log.close();
});

async function freshLog(): Promise<DeviceLog> {
  const log = await DeviceLog.open(`forewarn-sync-test-${Date.now()}-${counter++}`);
  opened.push(log);
  return log;
}

const record = (over: Partial<NoticeRecord> = {}): NoticeRecord => ({
  shownAt: new Date().toISOString(),
  durationMs: 1200,
  formats: ['visual'],
  lang: 'en-GB',
  circumstance: 'stop-search',
  outcome: 'acknowledged',
  ...over,
});

const ENROLMENT = { deviceId: 'dev-kent-0001', token: 'device-token', area: 'KENT-N' };

async function enrolledLog(events: number): Promise<DeviceLog> {
  const log = await freshLog();
  for (let i = 0; i < events; i++) await log.append(record({ durationMs: i }));
  await log.enrol(ENROLMENT);
  return log;
}

/** Timers that run only when the test moves the time on. */
class FakeClock implements SyncClock {
  time = Date.parse('2026-06-01T09:00:00.000Z');
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers.delete(id as number);
  };
  /** The delay of the one pending timer, from now. */
  get pending(): number | null {
    const [timer] = [...this.timers.values()];
    return timer ? timer.at - this.time : null;
  }
  /** Moves time on and runs what fell due. */
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.run();
      }
    }
  }
}

type Reply = Response | ((batch: NoticeEvent[]) => Response | Promise<Response>);

/**
 * A stand-in server for `POST /api/events`: it keeps what it accepted, answers duplicates as
 * such, refuses the ids it is told to, and can be told to fail the next calls.
 */
class FakeServer {
  stored = new Set<string>();
  batches: NoticeEvent[][] = [];
  bodies: EventBatch[] = [];
  headers: Headers[] = [];
  refuse = new Map<string, Omit<Rejection, 'id'>>();
  /** Replies for the next calls, in order, before the normal behaviour. */
  queue: Reply[] = [];

  fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as EventBatch;
    const batch = body.events as NoticeEvent[];
    this.batches.push(batch);
    this.bodies.push(body);
    this.headers.push(new Headers(init?.headers));
    const next = this.queue.shift();
    if (next) return typeof next === 'function' ? next(batch) : next;
    const reply: IngestReply = { accepted: [], duplicate: [], rejected: [] };
    for (const event of batch) {
      const refusal = this.refuse.get(event.id);
      if (refusal) reply.rejected.push({ id: event.id, ...refusal });
      else if (this.stored.has(event.id)) reply.duplicate.push(event.id);
      else {
        this.stored.add(event.id);
        reply.accepted.push(event.id);
      }
    }
    return Response.json(reply);
  };
}

const error = (status: number, code: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { code, message: `${code} (test)` } }, { status, headers });

function client(
  log: DeviceLog,
  server: FakeServer,
  over: Partial<ConstructorParameters<typeof SyncClient>[0]> = {},
) {
  const clock = new FakeClock();
  const sync = new SyncClient({
    log,
    fetch: server.fetch,
    clock,
    window: null,
    locks: null,
    isOnline: () => true,
    ...over,
  });
  clients.push(sync);
  const states: SyncState[] = [];
  sync.addEventListener('change', () => states.push(sync.state));
  return { sync, clock, states };
}

describe('the sync client', () => {
  it('sends in batches of 100 with the token and the device clock, and marks every acknowledged event sent', async () => {
    const log = await enrolledLog(250);
    const server = new FakeServer();
    const { sync, clock } = client(log, server);
    await sync.start();

    expect(server.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(server.batches.flat().map((e) => e.seq)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    expect(server.headers[0]!.get('authorization')).toBe('Bearer device-token');
    expect(server.bodies[0]!.sentAt).toBe('2026-06-01T09:00:00.000Z');
    expect(await log.syncCounts()).toEqual({ waiting: 0, refused: 0 });
    expect(sync.state).toMatchObject({
      waiting: 0,
      running: false,
      lastError: null,
      lastSyncAt: '2026-06-01T09:00:00.000Z',
      deviceId: 'dev-kent-0001',
      area: 'KENT-N',
    });
    expect((await log.syncMeta()).lastSyncAt).toBe('2026-06-01T09:00:00.000Z');
    // Then it checks again on the interval.
    expect(clock.pending).toBe(60_000);
  });

  it('sends events logged before enrolment under the local id, then the rest under the enrolled id', async () => {
    const log = await enrolledLog(2);
    await log.append(record());
    const server = new FakeServer();
    const { sync } = client(log, server);
    await sync.start();
    const { localId } = await log.identity();
    expect(server.batches[0]!.map((e) => e.deviceId)).toEqual([localId, localId, 'dev-kent-0001']);
  });

  it('does nothing before enrolment', async () => {
    const log = await freshLog();
    await log.append(record());
    const server = new FakeServer();
    const { sync } = client(log, server);
    await sync.start();
    expect(server.batches).toEqual([]);
    // Nothing is counted as waiting either: there is nowhere to send it yet.
    expect(sync.state).toMatchObject({ enrolled: false, waiting: 0 });
  });

  it('never marks an event sent before the server acknowledges it', async () => {
    const log = await enrolledLog(3);
    const server = new FakeServer();
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    server.queue.push(async (batch) => {
      // While the request is out, everything is still unsent.
      expect(await log.syncCounts()).toEqual({ waiting: 3, refused: 0 });
      await held;
      return Response.json({ accepted: batch.map((e) => e.id), duplicate: [], rejected: [] });
    });
    const { sync } = client(log, server);
    const run = sync.start();
    await expect.poll(() => server.batches.length).toBe(1);
    expect(sync.state.running).toBe(true);
    expect((await log.entries()).some((e) => e.sentAt)).toBe(false);
    answer();
    await run;
    expect((await log.entries()).every((e) => e.sentAt)).toBe(true);
  });

  it('leaves everything unsent when a POST fails, and backs off with full jitter within bounds', async () => {
    const log = await enrolledLog(5);
    const server = new FakeServer();
    const failures = 12;
    for (let i = 0; i < failures; i++) server.queue.push(error(500, 'internal'));
    const rolls = [0.999, 0, 0.5];
    let roll = 0;
    const { sync, clock } = client(log, server, { random: () => rolls[roll++ % rolls.length]! });
    await sync.start();
    expect(await log.syncCounts()).toEqual({ waiting: 5, refused: 0 });
    expect(sync.state.lastError).toMatchObject({ kind: 'server', status: 500 });

    const delays: number[] = [];
    for (let attempt = 1; attempt <= failures; attempt++) {
      // A run says it has stopped before it schedules the next one (it reads the log in between).
      await expect.poll(() => clock.pending).not.toBeNull();
      const delay = clock.pending!;
      delays.push(delay);
      const ceiling = backoffCeiling(attempt, 2_000, 300_000);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
      if (delay > 0) {
        // A notice saved meanwhile does not cut the wait short.
        await sync.nudge();
        expect(server.batches).toHaveLength(attempt);
      }
      clock.advance(delay);
      await expect.poll(() => server.batches.length).toBe(attempt + 1);
      await expect.poll(() => sync.state.running).toBe(false);
    }
    // The ceiling doubles from 2 s and stops at 5 minutes; the roll spreads each wait under it.
    expect(delays.slice(0, 3)).toEqual([1998, 0, 4000]);
    expect(delays[9]).toBe(Math.floor(0.999 * 300_000));
    await expect.poll(() => log.syncCounts()).toEqual({ waiting: 0, refused: 0 });
    expect(sync.state.lastError).toBeNull();
    await expect.poll(() => clock.pending).toBe(60_000);
  });

  it('treats a failed connection like a failed POST', async () => {
    const log = await enrolledLog(2);
    const server = new FakeServer();
    server.queue.push(() => Promise.reject(new TypeError('Failed to fetch')));
    const { sync, clock } = client(log, server, { random: () => 0.5 });
    await sync.start();
    expect(sync.state.lastError).toMatchObject({ kind: 'network' });
    expect(await log.syncCounts()).toEqual({ waiting: 2, refused: 0 });
    expect(clock.pending).toBe(1000);
  });

  it('honours Retry-After, even when the officer asks to send now', async () => {
    const log = await enrolledLog(2);
    const server = new FakeServer();
    server.queue.push(error(429, 'rate-limited', { 'Retry-After': '30' }));
    const { sync, clock } = client(log, server, { random: () => 0.5 });
    await sync.start();
    expect(sync.state.lastError).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(clock.pending).toBe(31_000); // 30 s, spread by up to one base interval.

    await sync.sendNow();
    expect(server.batches).toHaveLength(1);
    clock.advance(29_000);
    expect(server.batches).toHaveLength(1);
    clock.advance(2_000);
    await expect.poll(() => server.batches.length).toBe(2);
    await expect.poll(() => log.syncCounts()).toEqual({ waiting: 0, refused: 0 });
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-06-01T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 01 Jun 2026 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('marks accepted and duplicate events sent, and keeps refused ones with the reason, without blocking the rest', async () => {
    const log = await enrolledLog(6);
    const events = (await log.entries()).map((e) => e.event);
    const server = new FakeServer();
    server.stored.add(events[1]!.id); // The server has it already (a reply lost last time).
    server.refuse.set(events[3]!.id, {
      seq: 4,
      code: 'out-of-range',
      message: 'shownAt is more than a day in the future',
      field: 'shownAt',
    });
    const { sync } = client(log, server);
    await sync.start();

    const entries = await log.entries();
    expect(entries.map((e) => Boolean(e.sentAt))).toEqual([true, true, true, false, true, true]);
    expect(entries[3]!.syncError).toMatchObject({
      code: 'out-of-range',
      message: 'shownAt is more than a day in the future',
      field: 'shownAt',
    });
    expect(sync.state).toMatchObject({ waiting: 0, refused: 1, lastError: null });

    // Later events go on, and the refused one is not sent again on its own.
    await log.append(record());
    await sync.nudge();
    expect(server.batches.at(-1)!.map((e) => e.seq)).toEqual([7]);
    expect(sync.state).toMatchObject({ waiting: 0, refused: 1 });

    // "Send now" offers it again.
    server.refuse.clear();
    await sync.sendNow();
    expect(server.batches.at(-1)!.map((e) => e.seq)).toEqual([4]);
    expect(sync.state).toMatchObject({ waiting: 0, refused: 0 });
  });

  it('takes as receipt only ids that were in the batch', async () => {
    const log = await enrolledLog(2);
    const server = new FakeServer();
    server.queue.push(
      Response.json({
        accepted: ['0190f2a0-0000-7000-8000-000000000999'],
        duplicate: [],
        rejected: [],
      }),
      Response.json({ accepted: 'everything', duplicate: [], rejected: [] }),
    );
    const { sync } = client(log, server);
    await sync.start();
    expect(await log.syncCounts()).toEqual({ waiting: 2, refused: 0 });
    await sync.sendNow();
    expect(sync.state.lastError).toMatchObject({ kind: 'server' });
    expect(await log.syncCounts()).toEqual({ waiting: 2, refused: 0 });
  });

  it('sends 2,000 events in 20 batches, reporting its progress', async () => {
    const log = await enrolledLog(2000);
    const server = new FakeServer();
    const { sync, states } = client(log, server);
    await sync.start();
    expect(server.batches).toHaveLength(20);
    expect(server.batches.every((b) => b.length === 100)).toBe(true);
    const progress = states
      .map((s) => s.progress)
      .filter((p) => p !== null)
      .map((p) => `${p.sent}/${p.total}`);
    expect([...new Set(progress)]).toEqual(Array.from({ length: 21 }, (_, i) => `${i * 100}/2000`));
    expect(sync.state).toMatchObject({ waiting: 0, progress: null, running: false });
  }, 60_000);

  it('halves the batch when the server says it is too large', async () => {
    const log = await enrolledLog(150);
    const server = new FakeServer();
    server.queue.push(error(413, 'too-large'));
    const { sync } = client(log, server);
    await sync.start();
    expect(server.batches.map((b) => b.length)).toEqual([100, 50, 50, 50]);
    expect(await log.syncCounts()).toEqual({ waiting: 0, refused: 0 });
  });

  it('stops when the device is revoked, says so, and stays stopped after a restart', async () => {
    const log = await enrolledLog(3);
    const server = new FakeServer();
    server.queue.push(error(403, 'revoked'));
    const { sync, clock } = client(log, server);
    await sync.start();
    expect(sync.state).toMatchObject({
      stopped: 'revoked',
      lastError: { kind: 'revoked', status: 403, code: 'revoked' },
    });
    expect(clock.pending).toBeNull();
    await sync.nudge();
    expect(server.batches).toHaveLength(1);
    expect(await log.syncCounts()).toEqual({ waiting: 3, refused: 0 });
    sync.stop();

    const restarted = client(log, server).sync;
    await restarted.start();
    expect(server.batches).toHaveLength(1);
    expect(restarted.state.stopped).toBe('revoked');
  });

  it('stops on a refused token too', async () => {
    const log = await enrolledLog(1);
    const server = new FakeServer();
    server.queue.push(error(401, 'bad-token'));
    const { sync } = client(log, server);
    await sync.start();
    expect(sync.state).toMatchObject({ stopped: 'bad-token', lastError: { kind: 'bad-token' } });
  });

  it('waits while offline, and sends when the online event fires', async () => {
    const log = await enrolledLog(4);
    const server = new FakeServer();
    const win = new EventTarget();
    let online = false;
    const { sync } = client(log, server, {
      window: win as unknown as Window,
      isOnline: () => online,
    });
    await sync.start();
    expect(server.batches).toEqual([]);
    expect(sync.state).toMatchObject({ waiting: 4, lastError: { kind: 'offline' } });

    online = true;
    win.dispatchEvent(new Event('online'));
    await expect.poll(() => server.batches.length).toBe(1);
    await expect.poll(() => sync.state.waiting).toBe(0);
    expect(sync.state.lastError).toBeNull();
  });

  it('runs one sync at a time, and once more for what was saved meanwhile', async () => {
    const log = await enrolledLog(3);
    const server = new FakeServer();
    const { sync } = client(log, server);
    await sync.start();
    await log.append(record());
    await log.append(record());
    await Promise.all([sync.nudge(), sync.nudge(), sync.nudge()]);
    expect(server.batches.map((b) => b.map((e) => e.seq))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('leaves automatic syncing to the tab that holds the lock', async () => {
    const log = await enrolledLog(2);
    const server = new FakeServer();
    const { sync } = client(log, server, { locks: navigator.locks });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = navigator.locks.request(`forewarn-sync:${log.name}`, () => held);
    await sync.start();
    expect(server.batches).toEqual([]);
    release();
    await holding;
    await sync.nudge();
    expect(server.batches).toHaveLength(1);
  });
});

describe('enrolment', () => {
  it('sends the code and the public key, signed with a fresh nonce, keeps the reply, and starts sending', async () => {
    const log = await freshLog();
    await log.append(record());
    const server = new FakeServer();
    const calls: { url: string; body: unknown }[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === '/api/devices/nonce') {
        calls.push({ url: String(input), body: null });
        return Response.json({ nonce: 'nonce-1', expiresAt: '' }, { status: 201 });
      }
      if (String(input) === '/api/devices') {
        calls.push({ url: String(input), body: JSON.parse(String(init?.body)) });
        return Response.json(ENROLMENT, { status: 201 });
      }
      return server.fetch(input, init);
    };
    const { sync } = client(log, server, { fetch });
    await sync.start();
    const result = await sync.enrol('  ABCD-1234 ');
    expect(result).toMatchObject({ ok: true, enrolment: { deviceId: 'dev-kent-0001' } });
    const { publicKey } = await log.identity();
    const sent = calls[1]!.body as EnrolRequest;
    expect(calls).toEqual([
      { url: '/api/devices/nonce', body: null },
      {
        url: '/api/devices',
        body: { code: 'ABCD-1234', publicKey, nonce: 'nonce-1', signature: sent.signature },
      },
    ]);
    // The signature is the device key's, over the code and this nonce.
    const key = await importPublicKey(publicKey);
    expect(await verifyValue(enrolmentProof('ABCD-1234', 'nonce-1'), sent.signature, key)).toBe(
      true,
    );
    await expect.poll(() => server.batches.length).toBe(1);
    await expect.poll(() => sync.state).toMatchObject({ enrolled: true, waiting: 0 });
  });

  it("reports the server's reason for refusing a code", async () => {
    const log = await freshLog();
    const answers = [
      error(400, 'invalid'),
      error(403, 'bad-code'),
      error(409, 'already-enrolled'),
      error(429, 'rate-limited'),
      error(500, 'internal'),
    ];
    const { sync } = client(log, new FakeServer(), {
      fetch: (input) =>
        Promise.resolve(
          String(input).endsWith('/nonce')
            ? Response.json({ nonce: 'n', expiresAt: '' }, { status: 201 })
            : answers.shift()!,
        ),
    });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(((await sync.enrol('X')) as { code: string }).code);
    expect(codes).toEqual(['invalid', 'bad-code', 'already-enrolled', 'rate-limited', 'server']);
    expect(await sync.enrol('   ')).toMatchObject({ ok: false, code: 'empty' });
    expect(await log.enrolment()).toBeNull();
  });

  it('says plainly when the device is offline', async () => {
    const log = await freshLog();
    const { sync } = client(log, new FakeServer(), { isOnline: () => false });
    expect(await sync.enrol('ABCD')).toMatchObject({ ok: false, code: 'offline' });
  });
});
