/**
 * How the lab names a notice: its format, then its language by endonym with the English name
 * after it. The endonym is marked with its own `lang` and `dir` wherever it appears (a card's Try
 * button, the preview's heading, the feedback form), so a screen reader speaks "العربية" with an
 * Arabic voice and right to left, not as English (WCAG 3.1.2).
 */
import { html, type TemplateResult } from 'lit';
import { findLocale } from '../i18n/locales.js';
import { inOwnLanguage } from '../i18n/own-language.js';
import { BSL_TAG, type Format } from '../schema/notice-event.js';
import type { Entry } from './state.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface LanguageName {
  endonym: string;
  english: string;
  /** The endonym's language tag; empty for BSL alone, whose name is in the page's language. */
  lang: string;
  dir: 'ltr' | 'rtl' | '';
}

export function languageName(t: Translate, tag: string): LanguageName {
  if (tag === BSL_TAG) {
    return {
      endonym: t('lab:gallery.bslAlone'),
      english: t('lab:gallery.bslAloneName'),
      lang: '',
      dir: '',
    };
  }
  const locale = findLocale(tag)!;
  return { endonym: locale.endonym, english: locale.name, lang: locale.tag, dir: locale.dir };
}

export function formatName(t: Translate, format: Format): string {
  return t(`notice:formats.${format}.name`);
}

/** The endonym in an element of its own language and direction. */
export function endonym(name: LanguageName): TemplateResult {
  return inOwnLanguage(name.endonym, name.lang, name.dir);
}

/** "Easy Read, Polski (Polish)", with the endonym marked. */
export function entryName(t: Translate, entry: Entry): TemplateResult {
  const name = languageName(t, entry.lang);
  const english = name.endonym === name.english ? '' : ` (${name.english})`;
  return html`${formatName(t, entry.format)}, ${endonym(name)}${english}`;
}

/**
 * A translated sentence with the notice's name in it, keeping the name's markup: the sentence is
 * translated with a marker where `{{notice}}` goes, and the name is put in at the marker.
 */
export function withNotice(t: Translate, key: string, notice: TemplateResult): TemplateResult {
  const marker = '\u2063notice\u2063';
  const [before = '', after = ''] = t(key, { notice: marker }).split(marker);
  return html`${before}${notice}${after}`;
}
