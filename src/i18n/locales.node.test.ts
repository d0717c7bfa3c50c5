import { describe, expect, it } from 'vitest';
import { i18n, loadLocale, translate } from './i18n.js';
import { LOCALES, SOURCE_LOCALE, findLocale, resolveLocale } from './locales.js';

describe('locale registry', () => {
  it('offers at least 22 languages, each by its endonym, with a review status', () => {
    expect(LOCALES.length).toBeGreaterThanOrEqual(22);
    for (const locale of LOCALES) {
      expect(locale.endonym.trim()).not.toBe('');
      expect(['draft', 'reviewed']).toContain(locale.status);
      expect(() => new Intl.Locale(locale.tag)).not.toThrow();
    }
  });

  it('uses ckb for Sorani Kurdish, not ku', () => {
    expect(findLocale('ckb')?.dir).toBe('rtl');
    expect(findLocale('ku')).toBeUndefined();
  });

  it.each(LOCALES.map((l) => [l.tag, l.dir]))(
    'gives %s the direction i18next expects (%s)',
    (tag, dir) => {
      expect(i18n.dir(tag)).toBe(dir);
    },
  );

  it('resolves requested tags to the closest supported locale', () => {
    expect(resolveLocale('AR').tag).toBe('ar');
    expect(resolveLocale('en').tag).toBe('en-GB');
    expect(resolveLocale('zh-CN').tag).toBe('zh-Hans');
    expect(resolveLocale('xx').tag).toBe(SOURCE_LOCALE);
    expect(resolveLocale(null).tag).toBe(SOURCE_LOCALE);
  });
});

describe('notice text', () => {
  const words = (lang: string) =>
    ['heading', 'plain.camera', 'plain.recording', 'plain.evidence', 'plain.ask']
      .map((key) => translate(lang, key))
      .join(' ')
      .split(/\s+/).length;

  it('is plain English of at most 45 words', () => {
    expect(words('en-GB')).toBeLessThanOrEqual(45);
  });

  it('says each thing the policy requires', () => {
    const text = ['plain.camera', 'plain.recording', 'plain.evidence', 'plain.ask']
      .map((k) => translate('en-GB', k))
      .join(' ');
    expect(text).toMatch(/police body-worn camera/);
    expect(text).toMatch(/video and sound/);
    expect(text).toMatch(/evidence/);
    expect(text).toMatch(/ask the officer/);
    expect(text).toMatch(/copy/);
  });

  it('falls back to British English for a string a locale lacks, never showing a raw key', async () => {
    await loadLocale('cy');
    i18n.addResource('en-GB', 'notice', 'testOnly.englishOnly', 'Only in English');
    expect(translate('cy', 'testOnly.englishOnly')).toBe('Only in English');
    expect(translate('cy', 'acknowledge')).not.toBe(translate('en-GB', 'acknowledge'));
  });
});
