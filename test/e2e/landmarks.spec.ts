import { expect, test, type Page } from '@playwright/test';
import type { SessionReply } from '../../src/schema/api.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';

/**
 * Landmarks on the desktop pages (WCAG 1.3.1): a banner with the site's name and a navigation of
 * its sections, outside <main> (so the skip link passes them), the current section marked; and
 * the endonyms of /review's language filter, each in an element of its own language.
 */
async function expectBanner(page: Page, current: string) {
  const banner = page.getByRole('banner');
  await expect(banner).toHaveCount(1);
  await expect(banner).toContainText('Forewarn');
  const nav = banner.getByRole('navigation');
  await expect(nav).toHaveCount(1);
  await expect(nav.getByRole('link')).toHaveText([
    'Review',
    'Content library',
    'IPAG lab',
    'Accessibility statement',
  ]);
  await expect(nav.getByRole('link', { name: current })).toHaveAttribute('aria-current', 'page');
  // Not inside the main landmark: the page's banner, which the skip link goes past.
  await expect(page.getByRole('main').getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('main')).toHaveCount(1);
}

test('/lab has a banner with the site name and a navigation of its sections', async ({ page }) => {
  await page.goto('/lab');
  await expect(page.getByRole('heading', { level: 1, name: 'IPAG lab' })).toBeVisible();
  await expectBanner(page, 'IPAG lab');
});

test('/review has the same banner and navigation, signed in', async ({ page }) => {
  const session = await page.request.post('/api/session', { data: TEST_ACCOUNTS.reviewer });
  expect(((await session.json()) as SessionReply).user.role).toBe('reviewer');
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 1, name: 'Notice use review' })).toBeVisible();
  await expectBanner(page, 'Review');
  // The skip link goes past the banner, to the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test("/review's language filter marks each endonym with its language and direction", async ({
  page,
}) => {
  await page.request.post('/api/session', { data: TEST_ACCOUNTS.reviewer });
  await page.goto('/review');
  const select = page.getByLabel('Language', { exact: true });
  await expect(select).toBeVisible();
  const options = await select.locator('option').evaluateAll((list) =>
    list.map((o) => ({
      text: (o.textContent ?? '').trim(),
      lang: o.closest('[lang]')?.getAttribute('lang'),
      dir: o.getAttribute('dir'),
    })),
  );
  const arabic = options.find((o) => o.text === 'العربية (Arabic)');
  expect(arabic).toEqual({ text: 'العربية (Arabic)', lang: 'ar', dir: 'rtl' });
  expect(options.find((o) => o.text.startsWith('Polski'))).toMatchObject({
    lang: 'pl',
    dir: 'ltr',
  });
  expect(options.find((o) => o.text.startsWith('简体中文'))).toMatchObject({ lang: 'zh-Hans' });
});
