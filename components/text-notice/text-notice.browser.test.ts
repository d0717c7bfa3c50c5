import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import axe from 'axe-core';
import { loadLocale, translate } from '../../src/i18n/i18n.js';
import { LOCALES } from '../../src/i18n/locales.js';
import { describeViolations, mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './text-notice.fixtures.js';
import './define.js';
import type { FwTextNotice } from './text-notice.js';

afterEach(unmountAll);

const PLAIN = ['camera', 'recording', 'evidence', 'ask'];
const EASY_READ = ['camera', 'recording', 'video', 'sound', 'evidence', 'ask', 'copy'];

describe('fw-text-notice', () => {
  runElementSuite<FwTextNotice>({
    tag: 'fw-text-notice',
    fixtures,
    inItsLanguage: async (notice, lang) => {
      const keys =
        notice.variant === 'easy-read'
          ? EASY_READ.map((k) => `easyRead.${k}`)
          : PLAIN.map((k) => `plain.${k}`);
      const view = page.elementLocator(notice);
      for (const key of keys) {
        await expect.element(view.getByText(translate(lang, key), { exact: true })).toBeVisible();
      }
    },
    configErrors: [
      {
        attribute: 'variant',
        value: 'tiny',
        message: '<fw-text-notice> variant: "tiny" is not one of plain, large, easy-read',
      },
    ],
  });

  it('gives large text at 32 px or more with 7:1 contrast (WCAG AAA)', async () => {
    const notice = await mount<FwTextNotice>('<fw-text-notice variant="large"></fw-text-notice>');
    const paragraph = notice.shadowRoot!.querySelector('p')!;
    expect(parseFloat(getComputedStyle(paragraph).fontSize)).toBeGreaterThanOrEqual(32);
    const result = await axe.run(notice, { runOnly: ['color-contrast-enhanced'] });
    expect(describeViolations(result.violations)).toEqual([]);
  });

  it('puts a pictogram beside each Easy Read sentence, hidden from assistive technology', async () => {
    const notice = await mount<FwTextNotice>(
      '<fw-text-notice variant="easy-read"></fw-text-notice>',
    );
    const items = page.elementLocator(notice).getByRole('listitem');
    expect(items.elements()).toHaveLength(EASY_READ.length);
    for (const item of items.elements()) {
      const svg = item.querySelector('svg');
      expect(svg?.getAttribute('aria-hidden')).toBe('true');
      expect(svg?.querySelector('path, circle, rect, line, polyline, ellipse')).not.toBeNull();
    }
  });

  it('keeps each Easy Read sentence short: one idea, at most 12 words', async () => {
    for (const key of EASY_READ) {
      expect(translate('en-GB', `easyRead.${key}`).split(/\s+/).length).toBeLessThanOrEqual(12);
    }
  });

  it.each(LOCALES.map((l) => [l.tag]))(
    'reflows large text in %s to 320 px wide without horizontal overflow',
    async (tag) => {
      await loadLocale(tag);
      const notice = await mount<FwTextNotice>(
        `<fw-text-notice variant="large" lang="${tag}" style="display:block;inline-size:320px"></fw-text-notice>`,
      );
      expect(notice.scrollWidth).toBeLessThanOrEqual(320);
      for (const p of notice.shadowRoot!.querySelectorAll('p')) {
        expect(p.scrollWidth).toBeLessThanOrEqual(p.clientWidth);
      }
    },
  );
});
