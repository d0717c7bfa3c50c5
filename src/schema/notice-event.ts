/**
 * NoticeEvent schemas v1 and v2, written once: the enumerations here, the validator and the record's
 * types in validator.ts. The browser, the server, the exports, the review filters and the tests
 * all read them from this folder. (The validator is its own module so that the kiosk's first
 * paint, which needs only the enumerations, does not carry valibot.)
 */
import { LOCALES } from '../i18n/locales.js';

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

/** The schema new events are written in; v1 events stay valid for ever (a chain may hold both). */
export const SCHEMA_VERSION = 2;

/** The prevHash of a device's first event: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every language a notice can be recorded in: the locales, and BSL alone. */
export const NOTICE_LANGS: readonly string[] = [...LOCALES.map((l) => l.tag), BSL_TAG];

export type { NoticeEvent, NoticeRecord, UnsignedEvent } from './validator.js';
