import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NoticeEvent } from '../../src/schema/notice-event.js';
import { UnreadableBundleError, readBundle, verifyBundle } from '../../src/log/verify.js';
import { seal, unsignedPart } from '../../src/log/chain.js';
import { makeBundle, makeChain, makeCheckpoint, testKeys, type TestKeys } from '../log-fixtures.js';

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
      e.seq === 2 ? ({ ...e, personName: 'X' } as NoticeEvent) : e,
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
