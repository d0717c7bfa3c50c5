import { afterEach, describe, expect, it } from 'vitest';
import type { NoticeRecord } from '../schema/notice-event.js';
import { DeviceLog, InvalidEventError, requestPersistence } from './store.js';
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
