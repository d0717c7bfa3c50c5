import { beforeEach, describe, expect, it } from 'vitest';
import { generateDeviceKey, sha256Hex, signValue } from '../log/chain.js';
import type { Enrolment } from '../log/store.js';
import type { ContentManifest, ManifestItem, SignedManifest } from '../schema/content.js';
import { CONTENT_CACHE, readActive } from './active.js';
import { ContentSync, type ContentState } from './delivery.js';

const bytes = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251);

async function item(
  kind: 'sign' | 'audio',
  lang: string,
  body: Uint8Array<ArrayBuffer>,
): Promise<ManifestItem> {
  return {
    kind,
    lang,
    sha256: await sha256Hex(body),
    mime: kind === 'sign' ? 'video/webm' : 'audio/ogg',
    bytes: body.length,
    durationMs: 5000,
    madeBy: kind === 'sign' ? 'human-signer' : 'human-voice',
    approvedAt: '2026-12-03T10:00:00.000Z',
    approvedByRole: 'ipag',
    captions:
      kind === 'sign' ? 'WEBVTT\n\n00:00.500 --> 00:04.000\nThis camera is recording.\n' : null,
    transcript: kind === 'sign' ? 'This camera is recording.' : null,
  };
}

/** A server: a signed manifest and the files it names, each of which can be made to fail. */
class FakeServer {
  files = new Map<string, Uint8Array<ArrayBuffer>>();
  requests: string[] = [];
  /** A file whose download is cut off half-way. */
  cut?: string;
  signed?: SignedManifest;

  async publish(
    items: Array<[ManifestItem, Uint8Array<ArrayBuffer>]>,
    key: CryptoKey,
    version: string,
  ) {
    for (const [entry, body] of items) this.files.set(`/content/${entry.sha256}`, body);
    const manifest: ContentManifest = {
      version,
      issuedAt: '2026-12-03T10:00:00.000Z',
      items: items.map(([entry]) => entry),
    };
    this.signed = { manifest, sig: await signValue(manifest, key) };
  }

  fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const path = String(input);
    this.requests.push(path);
    if (path === '/api/content/manifest') return Response.json(this.signed);
    const body = this.files.get(path);
    if (!body) return new Response('', { status: 404 });
    if (path !== this.cut) return new Response(body);
    // Half the bytes, then the connection drops.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body.slice(0, body.length / 2));
        controller.error(new TypeError('network error'));
      },
    });
    return new Response(stream);
  };
}

describe('ContentSync', () => {
  let keys: CryptoKeyPair;
  let enrolment: Enrolment;
  let server: FakeServer;
  const clip = bytes(200_000, 1);
  const recording = bytes(50_000, 2);

  beforeEach(async () => {
    await caches.delete(CONTENT_CACHE);
    keys = await generateDeviceKey();
    enrolment = {
      deviceId: 'kiosk-1',
      token: 't',
      area: null,
      enrolledAt: '2026-12-01T00:00:00.000Z',
      contentKey: await crypto.subtle.exportKey('jwk', keys.publicKey),
    };
    server = new FakeServer();
  });

  const sync = () => new ContentSync({ fetch: server.fetch });

  it('stores every file, checks each against its hash, and then switches to the new set', async () => {
    const sign = await item('sign', 'bfi', clip);
    const audio = await item('audio', 'pl', recording);
    await server.publish(
      [
        [sign, clip],
        [audio, recording],
      ],
      keys.privateKey,
      '1-abc',
    );
    const content = sync();
    const seen: ContentState[] = [];
    content.addEventListener('change', () => seen.push(content.state));
    await content.update(enrolment);

    expect(content.state.problem).toBeNull();
    expect(content.state.active).toMatchObject({ version: '1-abc', items: 2 });
    // Progress was shown as the bytes arrived, and reached the whole.
    const progress = seen.flatMap((s) => (s.progress ? [s.progress] : []));
    expect(progress.at(-1)).toEqual({
      done: clip.length + recording.length,
      total: clip.length + recording.length,
    });
    expect(new Set(progress.map((p) => p.done)).size).toBeGreaterThan(2);

    const active = await readActive();
    expect(active?.sign.bfi).toMatchObject({
      sample: false,
      sha256: sign.sha256,
      sources: [{ src: `/content/${sign.sha256}`, type: 'video/webm' }],
      captions: [{ lang: 'en-GB', src: `/content/${sign.sha256}.vtt` }],
      provenance: { madeBy: 'human-signer', approvedByRole: 'ipag' },
    });
    expect(active?.audio.pl).toMatchObject({ sha256: audio.sha256, sample: false });
    const cache = await caches.open(CONTENT_CACHE);
    const stored = await cache.match(`/content/${sign.sha256}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(clip);
    expect(await (await cache.match(`/content/${sign.sha256}.vtt`))!.text()).toContain(
      'This camera is recording.',
    );

    // Nothing new: the manifest is read, and nothing is downloaded again.
    server.requests = [];
    await content.update(enrolment);
    expect(server.requests).toEqual(['/api/content/manifest']);
  });

  it('refuses a manifest the pinned key does not verify, and keeps the set it has', async () => {
    const first = await item('sign', 'bfi', clip);
    await server.publish([[first, clip]], keys.privateKey, '1-abc');
    const content = sync();
    await content.update(enrolment);

    const other = await generateDeviceKey();
    const audio = await item('audio', 'pl', recording);
    await server.publish(
      [
        [first, clip],
        [audio, recording],
      ],
      other.privateKey,
      '2-def',
    );
    server.requests = [];
    await content.update(enrolment);
    expect(content.state.problem?.kind).toBe('bad-signature');
    expect(content.state.active?.version).toBe('1-abc');
    expect((await readActive())?.content.version).toBe('1-abc');
    // Nothing the forged list names was fetched.
    expect(server.requests).toEqual(['/api/content/manifest']);

    // A list edited after signing is refused the same way.
    await server.publish([[first, clip]], keys.privateKey, '3-ghi');
    server.signed!.manifest.items[0]!.madeBy = 'ai-generated';
    await content.update(enrolment);
    expect(content.state.problem?.kind).toBe('bad-signature');
    expect((await readActive())?.content.version).toBe('1-abc');
  });

  it('keeps the set in use when a download is cut off, and carries on where it stopped', async () => {
    const sign = await item('sign', 'bfi', clip);
    const audio = await item('audio', 'pl', recording);
    await server.publish(
      [
        [audio, recording],
        [sign, clip],
      ],
      keys.privateKey,
      '1-abc',
    );
    server.cut = `/content/${sign.sha256}`;
    const content = sync();
    await content.update(enrolment);
    expect(content.state.problem).toMatchObject({ kind: 'network' });
    expect(content.state.active).toBeNull();
    expect(await readActive()).toBeUndefined();
    expect(
      await (await caches.open(CONTENT_CACHE)).match(`/content/${sign.sha256}`),
    ).toBeUndefined();

    // Back online: only the file that was cut off is fetched again.
    server.cut = undefined;
    server.requests = [];
    await content.update(enrolment);
    expect(content.state.problem).toBeNull();
    expect(server.requests).toEqual(['/api/content/manifest', `/content/${sign.sha256}`]);
    expect((await readActive())?.content.version).toBe('1-abc');
  });

  it('refuses a file whose bytes are not the ones the signed list names', async () => {
    const sign = await item('sign', 'bfi', clip);
    await server.publish([[sign, clip]], keys.privateKey, '1-abc');
    server.files.set(`/content/${sign.sha256}`, bytes(clip.length, 9));
    const content = sync();
    await content.update(enrolment);
    expect(content.state.problem?.kind).toBe('bad-file');
    expect(await readActive()).toBeUndefined();
  });

  it('asks for a new enrolment when the device has no pinned key, and fetches nothing', async () => {
    const { contentKey: _none, ...before } = enrolment;
    const content = sync();
    await content.update(before);
    expect(content.state.problem?.kind).toBe('no-key');
    expect(server.requests).toEqual([]);
  });

  it("drops an old set's files only when the set after it arrives", async () => {
    const sign = await item('sign', 'bfi', clip);
    await server.publish([[sign, clip]], keys.privateKey, '1-abc');
    const content = sync();
    await content.update(enrolment);
    const newer = await item('sign', 'bfi', bytes(100_000, 5));
    await server.publish([[newer, bytes(100_000, 5)]], keys.privateKey, '2-def');
    await content.update(enrolment);
    expect((await readActive())?.sign.bfi?.sha256).toBe(newer.sha256);
    // The old clip stays while a notice may still be playing it; the next set's check prunes it.
    const third = await item('audio', 'pl', recording);
    await server.publish(
      [
        [newer, bytes(100_000, 5)],
        [third, recording],
      ],
      keys.privateKey,
      '3-ghi',
    );
    await content.update(enrolment);
    const cache = await caches.open(CONTENT_CACHE);
    expect(await cache.match(`/content/${sign.sha256}`)).toBeUndefined();
    expect(await cache.match(`/content/${newer.sha256}`)).toBeDefined();
  });
});
