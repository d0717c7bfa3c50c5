import { afterEach, describe, expect, it } from 'vitest';
import type { NoticeRecord } from '../schema/notice-event.js';
import {
  DeviceLog,
  EnrolmentConflictError,
  InvalidEventError,
  requestPersistence,
} from './store.js';
import { verifyBundle } from './verify.js';

const opened: DeviceLog[] = [];
let counter = 0;

async function freshLog(): Promise<{ log: DeviceLog; name: string }> {
  const name = `forewarn-test-${Date.now()}-${counter++}`;
  const log = await DeviceLog.open(name);
  opened.push(log);
  return { log, name };
}

afterEach(() => {
  for (const log of opened.splice(0)) log.close();
});

const record = (over: Partial<NoticeRecord> = {}): NoticeRecord => ({
  shownAt: new Date().toISOString(),
  durationMs: 1200,
  formats: ['visual', 'large-text'],
  lang: 'en-GB',
  circumstance: 'stop-search',
  outcome: 'acknowledged',
  ...over,
});

describe('the device log', () => {
  it('appends events in one gapless, verifiable chain that survives reopening', async () => {
    const { log, name } = await freshLog();
    const first = await log.append(record());
    const second = await log.append(record({ outcome: 'shown' }));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.prevHash).toBe(first.hash);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    log.close();

    const again = await DeviceLog.open(name);
    opened.push(again);
    expect((await again.entries()).map((e) => e.event.id)).toEqual([first.id, second.id]);
    expect(await again.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('keeps one chain when many appends race, as from two tabs', async () => {
    const { log, name } = await freshLog();
    const other = await DeviceLog.open(name);
    opened.push(other);
    await log.identity(); // One device key, made first.
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? log : other).append(record({ durationMs: i }))),
    );
    expect(written.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await log.verify()).toMatchObject({ ok: true, count: 20 });
  });

  it('refuses an invalid record, and writes nothing', async () => {
    const { log } = await freshLog();
    await expect(log.append(record({ formats: [] }))).rejects.toThrow(InvalidEventError);
    await expect(log.append(record({ outcome: 'not-possible' }))).rejects.toThrow(/reason/);
    expect(await log.entries()).toEqual([]);
  });

  it('records a "not possible" with its reason', async () => {
    const { log } = await freshLog();
    const event = await log.append(
      record({ outcome: 'not-possible', reason: 'immediate-risk', durationMs: 0 }),
    );
    expect(event).toMatchObject({ outcome: 'not-possible', reason: 'immediate-risk' });
    expect(await log.summary()).toMatchObject({
      today: 1,
      todayNotPossible: 1,
      pending: 1,
      total: 1,
    });
  });

  it('exports a bundle that verifies, and then counts nothing as pending', async () => {
    const { log } = await freshLog();
    for (let i = 0; i < 3; i++) await log.append(record());
    const bundle = await log.exportBundle();
    expect(await verifyBundle(JSON.parse(JSON.stringify(bundle)))).toEqual({
      ok: true,
      count: 3,
      firstSeq: 1,
      lastSeq: 3,
    });
    expect(await log.summary()).toMatchObject({ pending: 0, total: 3 });
    expect((await log.exportCsv()).split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('purges only old events that were exported, from the start, and leaves a signed checkpoint', async () => {
    const { log } = await freshLog();
    const long = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await log.append(record({ shownAt: long(200) }));
    await log.append(record({ shownAt: long(150) }));
    await log.exportBundle();
    await log.append(record({ shownAt: long(120) })); // Old, but never exported: kept.
    await log.append(record({ shownAt: long(1) }));

    expect(await log.purge()).toBe(2);
    expect((await log.entries()).map((e) => e.event.seq)).toEqual([3, 4]);
    expect(await log.verify()).toMatchObject({ ok: true, firstSeq: 3, lastSeq: 4 });
    const bundle = await log.exportBundle();
    expect(bundle.checkpoint?.seq).toBe(2);
    expect(await verifyBundle(JSON.parse(JSON.stringify(bundle)))).toMatchObject({
      ok: true,
      firstSeq: 3,
    });
    // The next event still follows on from the chain.
    expect((await log.append(record())).seq).toBe(5);
  });

  it('keeps everything for the retention period the officer sets, and refuses a nonsense one', async () => {
    const { log } = await freshLog();
    expect((await log.settings()).retentionDays).toBe(90);
    await log.setRetentionDays(30);
    expect((await log.settings()).retentionDays).toBe(30);
    await expect(log.setRetentionDays(0)).rejects.toThrow(/1 to 3650/);
    await expect(log.setRetentionDays(2.5)).rejects.toThrow(RangeError);
  });

  it('asks the browser to keep its storage, and says what it answered', async () => {
    expect(['persistent', 'best-effort', 'unsupported']).toContain(await requestPersistence());
  });
});

describe('enrolment and sync marks', () => {
  const reply = { deviceId: 'dev-kent-0001', token: 'secret-token', area: 'KENT-N' };

  it('logs under the local id until enrolled, then under the enrolled id and area, in one chain', async () => {
    const { log, name } = await freshLog();
    const before = await log.append(record());
    const { localId } = await log.identity();
    expect(before.deviceId).toBe(localId);
    expect(before.area).toBeUndefined();

    await log.enrol(reply, new Date('2026-06-01T10:00:00Z'));
    expect(await log.identity()).toMatchObject({
      deviceId: 'dev-kent-0001',
      localId,
      enrolledId: 'dev-kent-0001',
      area: 'KENT-N',
      enrolledAt: '2026-06-01T10:00:00.000Z',
    });
    expect(await log.enrolment()).toMatchObject({ token: 'secret-token' });
    expect((await log.settings()).area).toBe('KENT-N');

    // Another tab, opened before the enrolment, must not write the local id after it.
    const other = await DeviceLog.open(name);
    opened.push(other);
    const after = await other.append(record());
    expect(after).toMatchObject({ seq: 2, deviceId: 'dev-kent-0001', area: 'KENT-N' });
    expect(after.prevHash).toBe(before.hash);
    expect(await log.verify()).toMatchObject({ ok: true, count: 2 });
    const bundle = await log.exportBundle();
    expect(bundle.deviceId).toBe('dev-kent-0001');
    expect(await verifyBundle(JSON.parse(JSON.stringify(bundle)))).toMatchObject({
      ok: true,
      count: 2,
    });
  });

  it('refuses a second enrolment under another id, and takes a renewed token for the same id', async () => {
    const { log } = await freshLog();
    await log.enrol(reply);
    await expect(log.enrol({ ...reply, deviceId: 'dev-other' })).rejects.toThrow(
      EnrolmentConflictError,
    );
    await log.enrol({ ...reply, token: 'renewed' });
    expect(await log.enrolment()).toMatchObject({ deviceId: 'dev-kent-0001', token: 'renewed' });
  });

  it('gives the oldest unsent events in seq order, and marks sent only the ids acknowledged', async () => {
    const { log } = await freshLog();
    const events = [];
    for (let i = 0; i < 7; i++) events.push(await log.append(record({ durationMs: i })));
    expect((await log.unsent(3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await log.unsent(3, 5)).map((e) => e.seq)).toEqual([6, 7]);

    const at = new Date('2026-06-01T12:00:00Z');
    expect(await log.markSent([events[0]!.id, events[2]!.id, 'not-one-of-ours'], at)).toBe(2);
    expect((await log.unsent(10)).map((e) => e.seq)).toEqual([2, 4, 5, 6, 7]);
    const entries = await log.entries();
    expect(entries[0]!.sentAt).toBe('2026-06-01T12:00:00.000Z');
    expect(entries[1]!.sentAt).toBeUndefined();
    // Marking again changes nothing.
    expect(await log.markSent([events[0]!.id], new Date())).toBe(0);
    expect((await log.entries())[0]!.sentAt).toBe('2026-06-01T12:00:00.000Z');
    expect(await log.syncCounts()).toEqual({ waiting: 5, refused: 0 });
  });

  it('keeps refused events unsent with the reason, counts them apart, and offers them again on request', async () => {
    const { log } = await freshLog();
    const events = [];
    for (let i = 0; i < 4; i++) events.push(await log.append(record()));
    const at = new Date('2026-06-01T12:00:00Z');
    expect(
      await log.markRefused(
        [
          { id: events[1]!.id, seq: 2, code: 'out-of-range', message: 'shownAt is in the future' },
          { id: null, seq: 3, code: 'invalid', message: 'formats is empty', field: 'formats' },
        ],
        at,
      ),
    ).toBe(2);
    expect((await log.unsent(10)).map((e) => e.seq)).toEqual([1, 4]);
    expect(await log.syncCounts()).toEqual({ waiting: 2, refused: 2 });
    const refused = (await log.entries()).filter((e) => e.syncError);
    expect(refused.map((e) => [e.event.seq, e.syncError])).toEqual([
      [2, { code: 'out-of-range', message: 'shownAt is in the future', at: at.toISOString() }],
      [3, { code: 'invalid', message: 'formats is empty', field: 'formats', at: at.toISOString() }],
    ]);
    expect(await log.summary()).toMatchObject({ pending: 4, waiting: 2, refused: 2 });

    // Refused events are still in the chain and exported like any other.
    const bundle = await log.exportBundle();
    expect(bundle.events).toHaveLength(4);

    expect(await log.retryRefused()).toBe(2);
    expect(await log.syncCounts()).toEqual({ waiting: 4, refused: 0 });
  });

  it('purges only what was sent or exported, across the switch to the enrolled id', async () => {
    const { log } = await freshLog();
    const long = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const a = await log.append(record({ shownAt: long(200) }));
    await log.enrol(reply);
    const b = await log.append(record({ shownAt: long(150) }));
    await log.append(record({ shownAt: long(120) })); // Old, but not sent: kept.
    await log.append(record({ shownAt: long(1) }));
    await log.markSent([a.id, b.id], new Date());

    expect(await log.purge()).toBe(2);
    expect((await log.entries()).map((e) => e.event.seq)).toEqual([3, 4]);
    expect(await log.verify()).toMatchObject({ ok: true, firstSeq: 3, lastSeq: 4 });
    const bundle = await log.exportBundle();
    expect(bundle.checkpoint).toMatchObject({ seq: 2, deviceId: 'dev-kent-0001' });
    expect(await verifyBundle(JSON.parse(JSON.stringify(bundle)))).toMatchObject({
      ok: true,
      firstSeq: 3,
    });
  });

  it('purges a sent run that ends under the local id, and still verifies the switch after it', async () => {
    const { log } = await freshLog();
    const long = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const a = await log.append(record({ shownAt: long(200) }));
    await log.append(record({ shownAt: long(190) })); // Never sent: stops the purge here.
    await log.enrol(reply);
    await log.append(record({ shownAt: long(1) }));
    await log.markSent([a.id], new Date());
    expect(await log.purge()).toBe(1);
    const bundle = await log.exportBundle();
    expect(bundle.checkpoint?.deviceId).toMatch(/^local-/);
    expect(await verifyBundle(JSON.parse(JSON.stringify(bundle)))).toMatchObject({
      ok: true,
      firstSeq: 2,
      lastSeq: 3,
    });
  });

  it('keeps the sync state between openings', async () => {
    const { log, name } = await freshLog();
    expect(await log.syncMeta()).toEqual({ lastSyncAt: null, stopped: null });
    await log.setSyncMeta({ lastSyncAt: '2026-06-01T12:00:00.000Z' });
    log.close();
    const again = await DeviceLog.open(name);
    opened.push(again);
    expect(await again.syncMeta()).toEqual({
      lastSyncAt: '2026-06-01T12:00:00.000Z',
      stopped: null,
    });
  });
});
