/**
 * NoticeEvent schema v1: the enumerations, written once.
 * The browser, the server, the exports, the review filters and the tests all read them from here.
 */

export const FORMATS = ['visual', 'large-text', 'easy-read', 'bsl', 'audio', 'vibration'] as const;
export type Format = (typeof FORMATS)[number];

export const CIRCUMSTANCES = [
  'stop-search',
  'arrest',
  'use-of-force',
  'domestic',
  'other-power',
  'other',
  'unspecified',
] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];

export const OUTCOMES = ['acknowledged', 'shown', 'not-possible'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REASONS = [
  'immediate-risk',
  'person-left',
  'device-unavailable',
  'format-unavailable',
  'other',
] as const;
export type Reason = (typeof REASONS)[number];

/** The notice shown when an officer taps "Show notice" once. */
export const DEFAULT_FORMATS: readonly Format[] = ['visual', 'large-text'];

/** The language tag recorded when a notice is given in British Sign Language alone. */
export const BSL_TAG = 'bfi';

export function isFormat(value: unknown): value is Format {
  return (FORMATS as readonly unknown[]).includes(value);
}

/** Formats in schema order, without repeats, so equal sets always compare and log the same. */
export function normaliseFormats(formats: Iterable<Format>): Format[] {
  const chosen = new Set(formats);
  return FORMATS.filter((f) => chosen.has(f));
}

/** The language a notice was given in: `bfi` when only BSL was used, otherwise the text language. */
export function noticeLang(formats: readonly Format[], lang: string): string {
  return formats.length === 1 && formats[0] === 'bsl' ? BSL_TAG : lang;
}
