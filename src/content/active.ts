/**
 * The content set a kiosk has in use, as stored on the device: one entry in the Cache API that
 * holds the media manifest the notice's players read and the signed list it was built from. One
 * entry, so switching sets is one write: a download cut off half-way never leaves a mixed set.
 * Shared by the delivery (which writes it), the kiosk (which reads it) and the service worker
 * (which serves it, and the files it names, offline); so this module imports nothing.
 */
import type { MediaManifest } from '../../components/shared/media-manifest.js';
import type { ContentManifest } from '../schema/content.js';

/** The Cache API cache that holds the set in use and every file it names. */
export const CONTENT_CACHE = 'forewarn-content';
/** Where the set in use is kept, and served by the service worker. */
export const ACTIVE_PATH = '/content/manifest.json';
/** Posted on when a kiosk switches sets, so every tab of it switches too. */
export const CONTENT_CHANNEL = 'forewarn-content';

/** A file the set names: the media by its hash, and a clip's captions and transcript beside it. */
export const contentPath = (sha256: string, suffix: '' | '.vtt' | '.txt' = '') =>
  `/content/${sha256}${suffix}`;

export interface ActiveSet extends MediaManifest {
  /** The signed list this set was built from, and when this device stored it. */
  content: ContentManifest & { receivedAt: string };
}

/** The set in use on this device, or undefined while it has only the built-in content. */
export async function readActive(storage: CacheStorage = caches): Promise<ActiveSet | undefined> {
  const cache = await storage.open(CONTENT_CACHE);
  const response = await cache.match(ACTIVE_PATH, { ignoreSearch: true });
  return response ? ((await response.json()) as ActiveSet) : undefined;
}
