/**
 * What the lab keeps in its address, so a tester can share exactly what they are looking at: the
 * notice being tried (`format`, `notice-lang`) and the conditions switched on. `?lang=` is the
 * page's own language everywhere, so the notice's language has a name of its own.
 */
import { BSL_TAG, FORMATS, isFormat, type Format } from '../schema/notice-event.js';
import { LOCALES, SOURCE_LOCALE, findLocale } from '../i18n/locales.js';

/** One notice in the gallery: a format in a language, or British Sign Language alone (`bfi`). */
export interface Entry {
  format: Format;
  /** A locale tag, or `bfi` for British Sign Language alone. */
  lang: string;
}

/**
 * Every format in every language, and BSL alone: the gallery's rows and what the tests iterate.
 * BSL alone is listed with the BSL notices, first.
 */
export const ENTRIES: readonly Entry[] = FORMATS.flatMap((format) => [
  ...(format === 'bsl' ? [{ format, lang: BSL_TAG }] : []),
  ...LOCALES.map((locale) => ({ format, lang: locale.tag })),
]);

export function isEntry(format: unknown, lang: unknown): boolean {
  return ENTRIES.some((e) => e.format === format && e.lang === lang);
}

/** The `lang` the kiosk would give `<fw-notice>`: BSL alone carries the source language's words. */
export function presentLang(entry: Entry): string {
  return entry.lang === BSL_TAG ? SOURCE_LOCALE : entry.lang;
}

export const VISIONS = [
  'typical',
  'protanopia',
  'deuteranopia',
  'tritanopia',
  'achromatopsia',
] as const;
export type Vision = (typeof VISIONS)[number];

export const ZOOMS = ['100', '200', '400'] as const;
export type Zoom = (typeof ZOOMS)[number];

/** The on-or-off conditions, in the order the lab offers them. */
export const TOGGLES = ['muted', 'blur', 'phone', 'still', 'forced'] as const;
export type Toggle = (typeof TOGGLES)[number];

export interface Simulation {
  toggles: ReadonlySet<Toggle>;
  vision: Vision;
  zoom: Zoom;
}

export const NO_SIMULATION: Simulation = { toggles: new Set(), vision: 'typical', zoom: '100' };

export interface LabState {
  entry: Entry | null;
  sim: Simulation;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  (list as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

export function readState(search: string): LabState {
  const params = new URLSearchParams(search);
  const format = params.get('format');
  const lang = params.get('notice-lang');
  const tag = lang === BSL_TAG ? BSL_TAG : findLocale(lang)?.tag;
  const entry = isFormat(format) && tag && isEntry(format, tag) ? { format, lang: tag } : null;
  const toggles = new Set(
    (params.get('sim') ?? '')
      .split(/[\s,]+/)
      .filter((t): t is Toggle => (TOGGLES as readonly string[]).includes(t)),
  );
  return {
    entry,
    sim: {
      toggles,
      vision: oneOf(VISIONS, params.get('vision'), 'typical'),
      zoom: oneOf(ZOOMS, params.get('zoom'), '100'),
    },
  };
}

/** The query string for a state, keeping any other parameter (such as `?lang=`) as it was. */
export function writeState(state: LabState, search: string): string {
  const params = new URLSearchParams(search);
  for (const key of ['format', 'notice-lang', 'sim', 'vision', 'zoom']) params.delete(key);
  if (state.entry) {
    params.set('format', state.entry.format);
    params.set('notice-lang', state.entry.lang);
  }
  const toggles = TOGGLES.filter((t) => state.sim.toggles.has(t));
  if (toggles.length) params.set('sim', toggles.join(' '));
  if (state.sim.vision !== 'typical') params.set('vision', state.sim.vision);
  if (state.sim.zoom !== '100') params.set('zoom', state.sim.zoom);
  const text = params.toString();
  return text ? `?${text}` : '';
}
