import { expect, test, type Page } from '@playwright/test';
import { axeViolations, noticeHeading, t } from './helpers.js';

/**
 * axe (WCAG 2.2 A and AA) on the kiosk's views, in a left-to-right, a right-to-left and a
 * Celtic-language locale, in every theme. Zero violations is the only pass.
 */
const LOCALES = ['en-GB', 'ar', 'cy'];

const THEMES: Array<{ name: string; setUp: (page: Page) => Promise<void> }> = [
  { name: 'light', setUp: async (page) => page.emulateMedia({ colorScheme: 'light' }) },
  { name: 'dark', setUp: async (page) => page.emulateMedia({ colorScheme: 'dark' }) },
  {
    name: 'high contrast',
    setUp: async (page) => {
      await page.addInitScript(() => localStorage.setItem('fw-theme', 'contrast'));
    },
  },
  { name: 'forced colours', setUp: async (page) => page.emulateMedia({ forcedColors: 'active' }) },
];

const VIEWS: Array<{ name: string; open: (page: Page, lang: string) => Promise<void> }> = [
  {
    name: 'home',
    open: async (page, lang) => {
      await expect(page.getByRole('button', { name: t(lang, 'kiosk:home.show') })).toBeVisible();
    },
  },
  {
    name: 'notice',
    open: async (page, lang) => {
      await page.getByRole('button', { name: t(lang, 'kiosk:home.show') }).click();
      await expect(noticeHeading(page, lang)).toBeVisible();
    },
  },
  {
    name: 'notice with Easy Read and sign video',
    open: async (page, lang) => {
      await page
        .getByRole('button', { name: t(lang, 'formats.easy-read.name'), exact: true })
        .click();
      await page.getByRole('button', { name: t(lang, 'formats.bsl.name'), exact: true }).click();
      await page.getByRole('button', { name: t(lang, 'kiosk:home.show') }).click();
      await expect(page.locator('video')).toBeVisible();
    },
  },
  {
    name: 'chooser',
    open: async (page, lang) => {
      await page.getByRole('button', { name: t(lang, 'kiosk:home.choose') }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: t(lang, 'kiosk:home.heading') }),
      ).toBeVisible();
    },
  },
];

for (const theme of THEMES) {
  for (const lang of LOCALES) {
    for (const view of VIEWS) {
      test(`axe: ${view.name}, ${lang}, ${theme.name}`, async ({ page }) => {
        await theme.setUp(page);
        await page.goto(`/?lang=${lang}`);
        await view.open(page, lang);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  }
}

test('axe: the "not possible" and "end notice" dialogs', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Notice not possible' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'Officer' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

// Phone, tablet and large tablet, each held both ways: 320 to 1366 CSS px wide.
for (const [short, long] of [
  [320, 568],
  [768, 1024],
  [1024, 1366],
]) {
  for (const orientation of ['portrait', 'landscape'] as const) {
    const size =
      orientation === 'portrait'
        ? { width: short!, height: long! }
        : { width: long!, height: short! };
    test(`no horizontal scrolling at ${size.width}×${size.height}, and targets of 48 px`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      for (const lang of ['en-GB', 'ar']) {
        await page.goto(`/?lang=${lang}`);
        await expect(page.locator('fw-kiosk')).toBeVisible();
        // Home; the person's chooser; then the notice with every format, sign video included.
        for (const step of ['home', 'chooser', 'notice']) {
          const path = lang;
          if (step === 'chooser') {
            await page.getByRole('button', { name: t(lang, 'kiosk:home.choose') }).click();
          }
          if (step === 'notice') {
            for (const format of ['easy-read', 'bsl', 'audio', 'vibration']) {
              await page
                .getByRole('button', { name: t(lang, `formats.${format}.name`), exact: true })
                .click();
            }
            await page.getByRole('button', { name: t(lang, 'kiosk:home.show') }).click();
            await expect(page.locator('video')).toBeVisible();
          }
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, `${path} ${step}`).toBeLessThanOrEqual(0);
          const small = await page.evaluate(() => {
            const found: string[] = [];
            const visit = (root: Document | ShadowRoot) => {
              for (const el of root.querySelectorAll<HTMLElement>(
                'button, a[href], select, input, summary',
              )) {
                const box = el.getBoundingClientRect();
                if (
                  box.width &&
                  box.height &&
                  (box.width < 47.5 || box.height < 47.5) &&
                  !el.classList.contains('skip-link')
                ) {
                  found.push(
                    `${el.localName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${box.width}×${box.height}`,
                  );
                }
              }
              for (const host of root.querySelectorAll('*'))
                if (host.shadowRoot) visit(host.shadowRoot);
            };
            visit(document);
            return found;
          });
          expect(small, `${path} ${step}`).toEqual([]);
        }
      }
    });
  }
}
