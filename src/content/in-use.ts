/**
 * What the kiosk needs to know about the content in use: which manifest the notice's players
 * read, what an event records as presented, and what the officer is told about it (each item's
 * provenance label, the content version). Loaded after the kiosk's first paint.
 */
import {
  DEFAULT_MANIFEST_URL,
  loadManifest,
  type MediaManifest,
  type Provenance,
} from '../../components/shared/media-manifest.js';
import { i18n, translate } from '../i18n/i18n.js';
import { findLocale } from '../i18n/locales.js';
import { TEXT_NAMESPACE } from '../schema/content.js';
import { BUILTIN_CONTENT_VERSION, type NoticeEventV2 } from '../schema/validator.js';
import { BSL_TAG } from '../schema/notice-event.js';
import { ACTIVE_PATH, CONTENT_CHANNEL, contentPath, readActive, type ActiveSet } from './active.js';
import { provenanceLabel } from './label.js';

export class ContentInUse {
  constructor(
    /** The manifest URL the notice's players read. */
    readonly manifestUrl: string,
    private readonly media: MediaManifest,
    /** The content manifest's version, or "builtin". */
    readonly version: string,
  ) {}

  /** Whether the sign clip is the project's sample, not a real translation. */
  get sampleSign(): boolean {
    return this.media.sign[BSL_TAG]?.sample ?? false;
  }

  /** The library items these formats present in this language: the sign clip and the recording. */
  private presentedItems(formats: readonly string[], lang: string) {
    return [
      formats.includes('bsl') ? this.media.sign[BSL_TAG] : undefined,
      formats.includes('audio') ? this.media.audio[lang] : undefined,
    ];
  }

  /** What an event records: the version in use and the SHA-256 of each item presented. */
  presented(formats: readonly string[], lang: string): NoticeEventV2['content'] {
    return {
      version: this.version,
      items: this.presentedItems(formats, lang).flatMap((item) =>
        item?.sha256 ? [item.sha256] : [],
      ),
    };
  }

  /** What the officer is told, in their language: each item's provenance, and the version. */
  notes(formats: readonly string[], lang: string, officerLang: string): string[] {
    const t = (key: string, options?: Record<string, unknown>) =>
      translate(officerLang, key, options);
    const label = (provenance: Provenance) =>
      provenanceLabel(t, officerLang, {
        madeBy: provenance.madeBy,
        status: 'approved',
        reviewerRole: provenance.approvedByRole,
        reviewedAt: provenance.approvedAt,
        note: null,
      });
    const [sign, audio] = this.presentedItems(formats, lang);
    const notes: string[] = [];
    if (sign?.provenance) notes.push(t('content:officer.sign', { label: label(sign.provenance) }));
    if (audio?.provenance)
      notes.push(t('content:officer.audio', { label: label(audio.provenance) }));
    if (this.version !== BUILTIN_CONTENT_VERSION)
      notes.push(t('content:officer.version', { version: this.version }));
    return notes;
  }
}

/** Reads the content in use; the built-in content when the device has no set or no service worker. */
async function read(): Promise<ContentInUse> {
  // The set's files are served by the service worker; without one, only the built-in content plays.
  const active = navigator.serviceWorker?.controller
    ? await readActive().catch(() => undefined)
    : undefined;
  if (active) {
    await applyTranslations(active);
    const url = `${ACTIVE_PATH}?v=${encodeURIComponent(active.content.version)}`;
    return new ContentInUse(url, await loadManifest(url), active.content.version);
  }
  return new ContentInUse(
    DEFAULT_MANIFEST_URL,
    await loadManifest(DEFAULT_MANIFEST_URL),
    BUILTIN_CONTENT_VERSION,
  );
}

/**
 * Puts the set's approved translations in place of the notice's shipped text, and marks those
 * languages reviewed. A translation that cannot be read leaves the shipped text.
 */
async function applyTranslations(active: ActiveSet): Promise<void> {
  for (const item of active.content.items) {
    if (item.kind !== 'text') continue;
    try {
      const strings = (await (await fetch(contentPath(item.sha256))).json()) as object;
      i18n.addResourceBundle(item.lang, TEXT_NAMESPACE, strings, true, true);
      // Its text is reviewed on this device now, so the notice no longer says "draft".
      const locale = findLocale(item.lang);
      if (locale) locale.status = 'reviewed';
    } catch (error) {
      console.error(`Forewarn could not apply the ${item.lang} translation:`, error);
    }
  }
}

/** Calls `onChange` with the content in use now, and again whenever this device switches sets. */
export function watchContent(onChange: (content: ContentInUse) => void): void {
  const update = () =>
    read().then(onChange, (error: unknown) =>
      console.error('Forewarn could not read the content in use:', error),
    );
  void update();
  new BroadcastChannel(CONTENT_CHANNEL).onmessage = () => void update();
}
