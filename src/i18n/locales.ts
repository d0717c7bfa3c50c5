// The import attribute lets Node (the verifier, Playwright) load this module as well as Vite.
import index from '../../locales/index.json' with { type: 'json' };

export const REVIEW_STATUSES = ['draft', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface LocaleInfo {
  /** BCP 47 tag, as used in `?lang=`, `<html lang>` and the NoticeEvent `lang`. */
  tag: string;
  /** The language's name in its own script. Languages are always offered by endonym, never by flag. */
  endonym: string;
  /** The English name, for officers and for search. */
  name: string;
  dir: 'ltr' | 'rtl';
  status: ReviewStatus;
}

export const SOURCE_LOCALE = index.source;
export const LOCALES: readonly LocaleInfo[] = index.locales as LocaleInfo[];

const byLowerTag = new Map(LOCALES.map((l) => [l.tag.toLowerCase(), l]));

export function findLocale(tag: string | null | undefined): LocaleInfo | undefined {
  return tag ? byLowerTag.get(tag.toLowerCase()) : undefined;
}

/**
 * The supported locale closest to a requested tag: exact (case-insensitive), then the first
 * locale sharing its primary language (`en` → `en-GB`, `zh-CN` → `zh-Hans`), else the source.
 */
export function resolveLocale(requested: string | null | undefined): LocaleInfo {
  const exact = findLocale(requested);
  if (exact) return exact;
  const primary = requested?.toLowerCase().split(/[-_]/)[0];
  const sameLanguage =
    primary && LOCALES.find((l) => l.tag.toLowerCase().split('-')[0] === primary);
  return sameLanguage || (findLocale(SOURCE_LOCALE) as LocaleInfo);
}

export function localeDir(tag: string): 'ltr' | 'rtl' {
  return findLocale(tag)?.dir ?? 'ltr';
}
