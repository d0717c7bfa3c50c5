/**
 * Content delivery on the kiosk. When the sync client runs (online, enrolled), this fetches the
 * force's content manifest, checks its signature with the key the device pinned at enrolment,
 * stores every file it names (each checked against its SHA-256), and only then switches to the
 * new set, in one write. A download cut off half-way, a manifest with a bad signature or a file
 * with the wrong bytes leaves the set in use untouched; files already stored are kept, so the next
 * run carries on where this one stopped. No UI: the log panel listens for `change`.
 */
import {
  DEFAULT_MANIFEST_URL,
  loadManifest,
  type AudioClip,
  type MediaManifest,
  type SignClip,
} from '../../components/shared/media-manifest.js';
import { importPublicKey, sha256Hex, verifyValue } from '../log/chain.js';
import type { Enrolment } from '../log/store.js';
import {
  CONTENT_KINDS,
  SIGN_LANGUAGES,
  type ContentManifest,
  type ManifestItem,
  type SignedManifest,
} from '../schema/content.js';
import {
  ACTIVE_PATH,
  CONTENT_CACHE,
  CONTENT_CHANNEL,
  contentPath,
  readActive,
  type ActiveSet,
} from './active.js';

export type ContentProblem =
  'no-key' | 'network' | 'server' | 'bad-signature' | 'bad-file' | 'storage';

export interface ContentState {
  /**
   * The set in use (its version, how many clips and recordings, when stored), or null while the
   * device has only the content built into the app.
   */
  active: { version: string; items: number; receivedAt: string } | null;
  checking: boolean;
  /** While new files download: bytes stored so far, of all the new set still needs. */
  progress: { done: number; total: number } | null;
  problem: { kind: ContentProblem; message: string } | null;
}

class DeliveryError extends Error {
  constructor(
    readonly kind: ContentProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface ContentSyncOptions {
  fetch?: typeof fetch;
  caches?: CacheStorage;
  manifestUrl?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Whether a reply has the signed manifest's shape; its signature is checked after. */
function isSignedManifest(value: unknown): value is SignedManifest {
  const { manifest, sig } = (value ?? {}) as Partial<SignedManifest>;
  return (
    typeof sig === 'string' &&
    typeof manifest?.version === 'string' &&
    typeof manifest.issuedAt === 'string' &&
    Array.isArray(manifest.items) &&
    manifest.items.every(
      (item) =>
        (CONTENT_KINDS as readonly string[]).includes(item.kind) &&
        typeof item.lang === 'string' &&
        HEX64.test(item.sha256) &&
        typeof item.mime === 'string' &&
        Number.isSafeInteger(item.bytes),
    )
  );
}

export class ContentSync extends EventTarget {
  state: ContentState = { active: null, checking: false, progress: null, problem: null };

  private readonly fetch: typeof fetch;
  private readonly caches: CacheStorage;
  private readonly manifestUrl: string;
  private running?: Promise<void>;

  constructor(options: ContentSyncOptions = {}) {
    super();
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.caches = options.caches ?? globalThis.caches;
    this.manifestUrl = options.manifestUrl ?? '/api/content/manifest';
    void this.refresh();
  }

  /** Re-reads the set in use from storage. */
  async refresh(): Promise<void> {
    const active = await readActive(this.caches).catch(() => undefined);
    this.set({ active: active ? summary(active) : null });
  }

  /** Checks for a new set and, if there is one, stores it and switches to it. One run at a time. */
  update(enrolment: Enrolment): Promise<void> {
    this.running ??= this.run(enrolment).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(enrolment: Enrolment): Promise<void> {
    this.set({ checking: true, problem: null });
    try {
      if (!enrolment.contentKey) throw new DeliveryError('no-key', '');
      const signed = await this.fetchManifest(enrolment.token);
      const key = await importPublicKey(enrolment.contentKey);
      if (!(await verifyValue(signed.manifest, signed.sig, key).catch(() => false)))
        throw new DeliveryError('bad-signature', 'the signature does not verify');
      const cache = await this.caches.open(CONTENT_CACHE);
      const active = await readActive(this.caches);
      if (active?.content.version === signed.manifest.version) return;
      await prune(cache, [...(active?.content.items ?? []), ...signed.manifest.items]);
      await this.store(cache, signed.manifest.items);
      const next = await buildSet(signed.manifest);
      // The switch: one write, after every file is stored.
      await cache.put(
        ACTIVE_PATH,
        new Response(JSON.stringify(next), { headers: { 'content-type': 'application/json' } }),
      );
      this.set({ active: summary(next) });
      const channel = new BroadcastChannel(CONTENT_CHANNEL);
      channel.postMessage(next.content.version);
      channel.close();
    } catch (error) {
      this.set({ problem: problemOf(error) });
    } finally {
      this.set({ checking: false, progress: null });
    }
  }

  private async fetchManifest(token: string): Promise<SignedManifest> {
    let response: Response;
    try {
      response = await this.fetch(this.manifestUrl, {
        headers: { authorization: `Bearer ${token}` },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new DeliveryError('network', (error as Error).message);
    }
    if (!response.ok) throw new DeliveryError('server', `HTTP ${response.status}`);
    const body: unknown = await response.json().catch(() => undefined);
    if (!isSignedManifest(body))
      throw new DeliveryError('bad-signature', 'the reply is not a signed content manifest');
    return body;
  }

  /** Downloads and stores each file the set names that is not stored yet, reporting progress. */
  private async store(cache: Cache, items: ManifestItem[]): Promise<void> {
    const missing: ManifestItem[] = [];
    for (const item of items)
      if (!(await cache.match(contentPath(item.sha256)))) missing.push(item);
    const total = missing.reduce((sum, item) => sum + item.bytes, 0);
    let done = 0;
    this.set({ progress: { done, total } });
    for (const item of missing) {
      const bytes = await this.download(item, (got) =>
        this.set({ progress: { done: done + got, total } }),
      );
      const sha256 = await sha256Hex(bytes);
      if (sha256 !== item.sha256)
        throw new DeliveryError('bad-file', `${contentPath(item.sha256)} has other bytes`);
      await cache.put(
        contentPath(sha256),
        new Response(bytes, {
          headers: { 'content-type': item.mime, 'content-length': String(bytes.length) },
        }),
      );
      done += item.bytes;
    }
    // A clip's captions and transcript travel inside the signed manifest; stored beside it.
    for (const item of items) {
      const text = (suffix: '.vtt' | '.txt', body: string | null, type: string) =>
        body === null
          ? undefined
          : cache.put(
              contentPath(item.sha256, suffix),
              new Response(body, { headers: { 'content-type': `${type}; charset=utf-8` } }),
            );
      await text('.vtt', item.captions, 'text/vtt');
      await text('.txt', item.transcript, 'text/plain');
    }
  }

  private async download(
    item: ManifestItem,
    onProgress: (got: number) => void,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const url = contentPath(item.sha256);
    try {
      const response = await this.fetch(url, { credentials: 'omit' });
      if (!response.ok || !response.body)
        throw new DeliveryError('server', `${url}: HTTP ${response.status}`);
      const bytes = new Uint8Array(item.bytes);
      let got = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (got + value.length > item.bytes)
          throw new DeliveryError('bad-file', `${url} is longer than the list says`);
        bytes.set(value, got);
        got += value.length;
        onProgress(got);
      }
      if (got !== item.bytes)
        throw new DeliveryError('bad-file', `${url} is shorter than the list says`);
      return bytes;
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw new DeliveryError('network', (error as Error).message);
    }
  }

  private set(patch: Partial<ContentState>): void {
    this.state = { ...this.state, ...patch };
    this.dispatchEvent(new Event('change'));
  }
}

function summary(active: ActiveSet): NonNullable<ContentState['active']> {
  return {
    version: active.content.version,
    // The clips and recordings; translations are in the set (and its version) too.
    items: active.content.items.filter((item) => item.kind !== 'text').length,
    receivedAt: active.content.receivedAt,
  };
}

function problemOf(error: unknown): NonNullable<ContentState['problem']> {
  if (error instanceof DeliveryError) return { kind: error.kind, message: error.message };
  const name = (error as { name?: string } | null)?.name;
  return {
    kind: name === 'QuotaExceededError' ? 'storage' : 'server',
    message: (error as Error)?.message ?? String(error),
  };
}

/** Deletes stored files that neither the set in use nor the incoming one names. */
async function prune(cache: Cache, keep: ManifestItem[]): Promise<void> {
  const wanted = new Set(
    keep.flatMap((item) =>
      (['', '.vtt', '.txt'] as const).map((suffix) => contentPath(item.sha256, suffix)),
    ),
  );
  wanted.add(ACTIVE_PATH);
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    if (!wanted.has(pathname)) await cache.delete(request);
  }
}

/**
 * The media manifest the players read: the built-in one (so the sample clip stays wherever no
 * clip is approved), with each approved item in place of what it replaces. An approved
 * translation is stored as a file like the media; the kiosk applies it (in-use.ts).
 */
async function buildSet(manifest: ContentManifest): Promise<ActiveSet> {
  const builtin: MediaManifest = await loadManifest(DEFAULT_MANIFEST_URL);
  const sign = { ...builtin.sign };
  const audio = { ...builtin.audio };
  for (const item of manifest.items) {
    const provenance = {
      madeBy: item.madeBy,
      approvedByRole: item.approvedByRole,
      approvedAt: item.approvedAt,
    };
    if (item.kind === 'sign') {
      const clip: SignClip = {
        label:
          SIGN_LANGUAGES.find((s) => s.tag === item.lang)?.name ??
          builtin.sign[item.lang]?.label ??
          item.lang,
        sample: false,
        sources: [{ src: contentPath(item.sha256), type: item.mime }],
        durationS: item.durationMs / 1000,
        // Captions are written in the notice's source language.
        captions: item.captions
          ? [{ lang: 'en-GB', label: 'English', src: contentPath(item.sha256, '.vtt') }]
          : [],
        transcripts: item.transcript
          ? [{ lang: 'en-GB', src: contentPath(item.sha256, '.txt') }]
          : [],
        sha256: item.sha256,
        provenance,
      };
      sign[item.lang] = clip;
    } else if (item.kind === 'audio') {
      const clip: AudioClip = {
        src: contentPath(item.sha256),
        type: item.mime,
        sample: false,
        sha256: item.sha256,
        provenance,
      };
      audio[item.lang] = clip;
    }
  }
  return {
    version: 1,
    sign,
    audio,
    content: { ...manifest, receivedAt: new Date().toISOString() },
  };
}
