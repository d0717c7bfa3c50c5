import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NoticeEvent } from '../schema/notice-event.js';
import { UnreadableBundleError, readBundle, verifyBundle } from './verify.js';
import { localDeviceId, seal, signValue, unsignedPart } from './chain.js';
import { headBody, type Bundle, type Checkpoint } from './bundle.js';
import { GENESIS_HASH } from '../schema/notice-event.js';
import {
  makeBundle,
  makeChain,
  makeCheckpoint,
  testKeys,
  testUnsigned,
  type TestKeys,
} from '../../test/log-fixtures.js';

let keys: TestKeys;
let chain: NoticeEvent[];

beforeAll(async () => {
  keys = await testKeys();
  chain = await makeChain(8, keys);
});

const verify = async (events: NoticeEvent[]) => verifyBundle(await makeBundle(events, keys));

describe('chain verification', () => {
  it('accepts a good chain', async () => {
    expect(await verify(chain)).toEqual({ ok: true, count: 8, firstSeq: 1, lastSeq: 8 });
  });

  it('accepts a chain that changes from schema v1 to v2 mid-way, as an updated device writes it', async () => {
    const mixed = await makeChain(8, keys, undefined, { v1Through: 3 });
    expect(mixed.map((e) => e.v)).toEqual([1, 1, 1, 2, 2, 2, 2, 2]);
    expect(await verify(mixed)).toEqual({ ok: true, count: 8, firstSeq: 1, lastSeq: 8 });
    // The content is signed: the clip a person saw cannot be swapped afterwards.
    const swapped = mixed.map((e) =>
      e.seq === 5 && e.v === 2 ? { ...e, content: { ...e.content, items: ['6'.repeat(64)] } } : e,
    );
    expect(await verify(swapped)).toMatchObject({ ok: false, badSeq: 5, problem: 'hash' });
  });

  it('rejects reordered events, naming the first seq out of place', async () => {
    const reordered = [...chain];
    [reordered[2], reordered[3]] = [reordered[3]!, reordered[2]!];
    expect(await verify(reordered)).toMatchObject({ ok: false, badSeq: 3, problem: 'seq' });
  });

  it('rejects an edited event', async () => {
    const edited = chain.map((e) => (e.seq === 5 ? { ...e, lang: 'cy' } : e));
    expect(await verify(edited)).toMatchObject({ ok: false, badSeq: 5, problem: 'hash' });
  });

  it('rejects an edited event whose hash was recomputed, by its signature', async () => {
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
    ]);
    const forged = await seal(
      { ...unsignedPart(chain[4]!), outcome: 'acknowledged' },
      other.privateKey,
    );
    const edited = chain.map((e) => (e.seq === 5 ? forged : e));
    expect(await verify(edited)).toMatchObject({ ok: false, badSeq: 5, problem: 'sig' });
  });

  it('rejects a removed event', async () => {
    const removed = chain.filter((e) => e.seq !== 4);
    expect(await verify(removed)).toMatchObject({ ok: false, badSeq: 4, problem: 'seq' });
  });

  it('rejects an inserted event', async () => {
    const extra = await seal(
      { ...unsignedPart(chain[2]!), id: '0190f2a0-0000-7000-8000-0000000000ff' },
      keys.privateKey,
    );
    const inserted = [...chain.slice(0, 3), extra, ...chain.slice(3)];
    expect(await verify(inserted)).toMatchObject({ ok: false, badSeq: 4, problem: 'seq' });
  });

  it('rejects a chain cut short at the end, by its signed head', async () => {
    const bundle = await makeBundle(chain, keys);
    const cut = {
      ...bundle,
      events: chain.slice(0, 6),
      head: { ...bundle.head, seq: 6, hash: chain[5]!.hash },
    };
    expect(await verifyBundle(cut)).toMatchObject({ ok: false, problem: 'head' });
  });

  it('rejects a field the schema does not allow, such as anything about the person', async () => {
    const withName = chain.map((e) =>
      e.seq === 2 ? ({ ...e, personName: 'X' } as unknown as NoticeEvent) : e,
    );
    expect(await verify(withName)).toMatchObject({ ok: false, badSeq: 2, problem: 'schema' });
  });

  it('accepts a chain that starts after a signed checkpoint, and rejects a forged one', async () => {
    const checkpoint = await makeCheckpoint(keys, chain[2]!.seq, chain[2]!.hash);
    const rest = chain.slice(3);
    expect(await verifyBundle(await makeBundle(rest, keys, checkpoint))).toEqual({
      ok: true,
      count: 5,
      firstSeq: 4,
      lastSeq: 8,
    });
    const forged = { ...checkpoint, seq: 2 };
    expect(await verifyBundle(await makeBundle(rest, keys, forged))).toMatchObject({
      ok: false,
      problem: 'checkpoint',
    });
    // Without the checkpoint, a log that starts part-way is a gap.
    expect(await verify(rest)).toMatchObject({ ok: false, badSeq: 1, problem: 'seq' });
  });

  it('calls a file that is not a device log unreadable, not tampered', () => {
    expect(() => readBundle('{ not json')).toThrow(UnreadableBundleError);
    expect(() => readBundle('{"format":"something-else"}')).toThrow(/not a Forewarn device log/);
  });
});

describe('a chain that starts before enrolment', () => {
  const ENROLLED = 'dev-0190f2a0kent';
  let local: string;

  beforeAll(async () => {
    local = await localDeviceId(keys.publicJwk);
  });

  /** A chain whose events carry the given ids, in order, signed with the test key. */
  async function chainOf(ids: string[], from = { seq: 0, hash: GENESIS_HASH }) {
    const events: NoticeEvent[] = [];
    let prev = from;
    for (const deviceId of ids) {
      const event = await seal(
        { ...testUnsigned(prev.seq + 1, prev.hash), deviceId },
        keys.privateKey,
      );
      events.push(event);
      prev = event;
    }
    return events;
  }

  /** A bundle under the device's current id, as the kiosk exports it once enrolled. */
  async function bundleOf(
    events: NoticeEvent[],
    deviceId = ENROLLED,
    checkpoint: Checkpoint | null = null,
  ): Promise<Bundle> {
    const last = events.at(-1) ?? checkpoint ?? { seq: 0, hash: GENESIS_HASH };
    const frame = {
      deviceId,
      exportedAt: '2026-06-02T12:00:00.000Z',
      head: { seq: last.seq, hash: last.hash, sig: '' },
    };
    const bundle = await makeBundle(events, keys, checkpoint);
    return {
      ...bundle,
      deviceId,
      head: { ...frame.head, sig: await signValue(headBody(frame), keys.privateKey) },
    };
  }

  async function checkpointFor(deviceId: string, event: NoticeEvent): Promise<Checkpoint> {
    const body = { deviceId, seq: event.seq, hash: event.hash, at: '2026-06-01T00:00:00.000Z' };
    return { ...body, sig: await signValue(body, keys.privateKey) };
  }

  it('accepts the local id, then the enrolled id for good', async () => {
    const events = await chainOf([local, local, local, ENROLLED, ENROLLED]);
    expect(await verifyBundle(await bundleOf(events))).toEqual({
      ok: true,
      count: 5,
      firstSeq: 1,
      lastSeq: 5,
    });
  });

  it('accepts a chain all under the local id, before enrolment, and all under the enrolled id', async () => {
    expect(await verifyBundle(await bundleOf(await chainOf([local, local]), local))).toMatchObject({
      ok: true,
      count: 2,
    });
    expect(await verifyBundle(await bundleOf(await chainOf([ENROLLED, ENROLLED])))).toMatchObject({
      ok: true,
      count: 2,
    });
  });

  it('rejects a switch back to the local id, naming the seq', async () => {
    const events = await chainOf([local, ENROLLED, ENROLLED, local, ENROLLED]);
    expect(await verifyBundle(await bundleOf(events))).toMatchObject({
      ok: false,
      badSeq: 4,
      problem: 'device',
      message: expect.stringMatching(/goes back to the local id/),
    });
  });

  it('rejects any other id, before or after the switch', async () => {
    const before = await chainOf([local, 'dev-someone-else', ENROLLED]);
    expect(await verifyBundle(await bundleOf(before))).toMatchObject({
      ok: false,
      badSeq: 2,
      problem: 'device',
    });
    const after = await chainOf([local, ENROLLED, 'dev-someone-else']);
    expect(await verifyBundle(await bundleOf(after))).toMatchObject({
      ok: false,
      badSeq: 3,
      problem: 'device',
    });
  });

  it("rejects a local id that is not the bundle key's own", async () => {
    const events = await chainOf(['local-000000000000000000000000', ENROLLED]);
    expect(await verifyBundle(await bundleOf(events))).toMatchObject({
      ok: false,
      badSeq: 1,
      problem: 'device',
    });
  });

  it('accepts a checkpoint under either id, and refuses the local id after an enrolled checkpoint', async () => {
    const events = await chainOf([local, local, ENROLLED, ENROLLED]);
    const localCheckpoint = await checkpointFor(local, events[0]!);
    expect(
      await verifyBundle(await bundleOf(events.slice(1), ENROLLED, localCheckpoint)),
    ).toMatchObject({ ok: true, firstSeq: 2, lastSeq: 4 });
    const enrolledCheckpoint = await checkpointFor(ENROLLED, events[2]!);
    expect(
      await verifyBundle(await bundleOf(events.slice(3), ENROLLED, enrolledCheckpoint)),
    ).toMatchObject({ ok: true, firstSeq: 4, lastSeq: 4 });

    const back = await chainOf([local], events[2]!);
    expect(await verifyBundle(await bundleOf(back, ENROLLED, enrolledCheckpoint))).toMatchObject({
      ok: false,
      badSeq: 4,
      problem: 'device',
    });
    const stranger = await checkpointFor('dev-someone-else', events[0]!);
    expect(await verifyBundle(await bundleOf(events.slice(1), ENROLLED, stranger))).toMatchObject({
      ok: false,
      problem: 'checkpoint',
    });
  });
});

describe('npm run verify', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'fw-verify-'));
  const cli = (file: string) =>
    run('npx', ['tsx', 'scripts/verify-cli.ts', file], {
      cwd: new URL('../..', import.meta.url).pathname,
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout + e.stderr,
      }),
    );

  it('exits 0 for a valid export, 1 naming the first bad seq for a tampered one, 2 for an unreadable file', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(await makeBundle(chain, keys)));
    const tampered = join(dir, 'tampered.json');
    const bundle = await makeBundle(chain, keys);
    bundle.events[5] = { ...bundle.events[5]!, circumstance: 'arrest' };
    writeFileSync(tampered, JSON.stringify(bundle));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, 'this is not a log');

    const [ok, bad, unreadable, missing] = await Promise.all([
      cli(good),
      cli(tampered),
      cli(broken),
      cli(join(dir, 'missing.json')),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Valid: 8 event(s), seq 1–8');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('first bad event is seq 6 (hash)');
    expect(unreadable.code).toBe(2);
    expect(missing.code).toBe(2);
  }, 30_000);
});
