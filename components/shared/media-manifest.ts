/**
 * The media manifest (public/media/manifest.json): the force's sign-language clips and recorded
 * audio, per language. URLs in it are relative to the manifest itself, so the library works under
 * any base path; `loadManifest` resolves them to absolute URLs.
 */

export interface MediaSource {
  src: string;
  type: string;
}

export interface TextTrackFile {
  lang: string;
  label?: string;
  src: string;
}

/**
 * Where a clip from the force's content library came from: how it was made, and who approved it
 * (by role, never by name), when. The project's sample has none.
 */
export interface Provenance {
  madeBy: string;
  approvedByRole: string;
  approvedAt: string;
}

export interface SignClip {
  label: string;
  /** A sample made by the project, not a real translation: every player must say "sample clip". */
  sample: boolean;
  sources: MediaSource[];
  poster?: string;
  durationS?: number;
  captions: TextTrackFile[];
  transcripts: TextTrackFile[];
  /** For a library clip: the SHA-256 of its bytes, which an event records as presented. */
  sha256?: string;
  provenance?: Provenance;
}

export interface AudioClip {
  src: string;
  type: string;
  sample: boolean;
  sha256?: string;
  provenance?: Provenance;
}

export interface MediaManifest {
  version: 1;
  /** Sign-language clips, keyed by sign language tag (`bfi` is British Sign Language). */
  sign: Record<string, SignClip>;
  /** Recorded spoken notices, keyed by language tag. */
  audio: Record<string, AudioClip>;
}

export const DEFAULT_MANIFEST_URL = '/media/manifest.json';

const cache = new Map<string, Promise<MediaManifest>>();

function resolveUrls(manifest: MediaManifest, base: string): MediaManifest {
  const abs = (src: string) => new URL(src, base).href;
  const sign = Object.fromEntries(
    Object.entries(manifest.sign ?? {}).map(([tag, clip]) => [
      tag,
      {
        ...clip,
        sources: clip.sources.map((s) => ({ ...s, src: abs(s.src) })),
        poster: clip.poster && abs(clip.poster),
        captions: (clip.captions ?? []).map((c) => ({ ...c, src: abs(c.src) })),
        transcripts: (clip.transcripts ?? []).map((t) => ({ ...t, src: abs(t.src) })),
      },
    ]),
  );
  const audio = Object.fromEntries(
    Object.entries(manifest.audio ?? {}).map(([tag, clip]) => [
      tag,
      { ...clip, src: abs(clip.src) },
    ]),
  );
  return { version: 1, sign, audio };
}

/**
 * Loads a manifest once per URL. Rejects with a message that names the URL when it cannot be
 * fetched or is not a version 1 manifest, so a misconfigured page says what is wrong.
 */
export function loadManifest(url: string = DEFAULT_MANIFEST_URL): Promise<MediaManifest> {
  const absolute = new URL(url, document.baseURI).href;
  let pending = cache.get(absolute);
  if (!pending) {
    pending = fetch(absolute)
      .then(async (response) => {
        if (!response.ok) throw new Error(`media manifest ${absolute}: HTTP ${response.status}`);
        const data = (await response.json()) as MediaManifest;
        if (data?.version !== 1) throw new Error(`media manifest ${absolute}: not version 1`);
        return resolveUrls(data, absolute);
      })
      .catch((error: unknown) => {
        cache.delete(absolute);
        throw error;
      });
    cache.set(absolute, pending);
  }
  return pending;
}
