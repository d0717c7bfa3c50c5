/**
 * How the review says numbers, dates and the schema's values, in the reader's language. One place,
 * so the tables, the charts' descriptions and the report say the same thing the same way.
 */
import type { TOptions } from 'i18next';
import { findLocale } from '../i18n/locales.js';
import { BSL_TAG } from '../schema/notice-event.js';
import type { Count, GroupBy } from '../schema/api.js';

export type Translate = (key: string, options?: TOptions) => string;

export function formatNumber(lang: string, value: number): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** A count, or the words for a suppressed one: never 0 for a count that was hidden. */
export function formatCount(t: Translate, lang: string, value: Count): string {
  return value === null ? t('review:counts.suppressed') : formatNumber(lang, value);
}

/** A share, or null when either part is suppressed or there is nothing to divide by. */
export function ratio(part: Count, whole: Count): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return part / whole;
}

export function formatPercent(lang: string, value: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A UTC day (YYYY-MM-DD) as the reader writes dates: "3 Mar 2026". */
export function formatDay(lang: string, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A moment, in the reader's own time zone. */
export function formatTime(lang: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Minutes or seconds, rounded, for a clock offset. */
export function formatDuration(lang: string, ms: number): string {
  const abs = Math.abs(ms);
  const [value, unit] =
    abs >= 3_600_000
      ? [abs / 3_600_000, 'hour']
      : abs >= 60_000
        ? [abs / 60_000, 'minute']
        : [abs / 1000, 'second'];
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: unit === 'second' ? 0 : 1,
  }).format(value);
}

/** A language tag as officers and reviewers know it: its endonym, and its English name. */
export function languageLabel(t: Translate, tag: string): string {
  if (tag === BSL_TAG) return t('review:values.bsl');
  const locale = findLocale(tag);
  if (!locale) return tag;
  return locale.endonym === locale.name ? locale.name : `${locale.endonym} (${locale.name})`;
}

/**
 * A language as an option in a list: its label, and the endonym's own language and direction
 * (WCAG 3.1.2). An option holds text only, so the whole option carries the endonym's `lang`:
 * "العربية (Arabic)" is then spoken by an Arabic voice, which is how a screen reader can say the
 * endonym at all. A language whose endonym is its English name is English.
 */
export function languageOption(
  t: Translate,
  tag: string,
): { label: string; lang?: string; dir?: 'ltr' | 'rtl' } {
  const locale = findLocale(tag);
  const label = languageLabel(t, tag);
  if (!locale || tag === BSL_TAG) return { label };
  return { label, lang: locale.tag, dir: locale.dir };
}

/** The words for one group's key in a breakdown. */
export function groupLabel(t: Translate, lang: string, by: GroupBy, key: string): string {
  switch (by) {
    case 'format':
      return t(`review:values.formats.${key}`, { defaultValue: key });
    case 'circumstance':
      return t(`review:values.circumstances.${key}`, { defaultValue: key });
    case 'outcome':
      return t(`review:values.outcomes.${key}`, { defaultValue: key });
    case 'reason':
      return key
        ? t(`review:values.reasons.${key}`, { defaultValue: key })
        : t('review:breakdowns.noReason');
    case 'lang':
      return languageLabel(t, key);
    case 'area':
      return key || t('review:breakdowns.noArea');
    case 'week':
      return formatDay(lang, key);
  }
}
