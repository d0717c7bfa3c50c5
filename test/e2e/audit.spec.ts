import { expect, test } from '@playwright/test';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations, t, watchCsp } from './helpers.js';

/**
 * The security audit log at /review/audit against the real server: an administrator finds a
 * failed sign-in, filters to sign-ins, and the page passes axe (WCAG 2.2 A and AA) left to right
 * and right to left. The password typed is never shown. Replies to a signed-in person are never
 * stored by the browser's cache, and the build's manifest and source maps are not served.
 */
test('an administrator reads the security audit log, filtered, with no password in it', async ({
  page,
}) => {
  const csp = await watchCsp(page);
  const wrong = 'Tr0ub4dor&3-not-it';
  const refused = await page.request.post('/api/session', {
    data: { username: TEST_ACCOUNTS.reviewer.username, password: wrong },
  });
  expect(refused.status()).toBe(401);
  const session = await page.request.post('/api/session', { data: TEST_ACCOUNTS.admin });
  expect(session.headers()['cache-control']).toBe('no-store');

  await page.goto('/review/audit');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Security audit log' })).toBeVisible();
  const failed = main.getByRole('row').filter({ hasText: 'Sign-in: failed' });
  await expect(failed.filter({ hasText: TEST_ACCOUNTS.reviewer.username }).first()).toBeVisible();
  await expect(failed.first()).toContainText('reason: bad-credentials');
  await expect(main).not.toContainText(wrong);

  await main.getByLabel('What').selectOption({ label: 'Enrolment code' });
  await main.getByRole('button', { name: 'Show entries' }).click();
  await expect(main.getByRole('status')).toContainText(/No entries match|Entries 1 to/);
  await main.getByLabel('What').selectOption({ label: 'Sign-in' });
  await main.getByRole('button', { name: 'Show entries' }).click();
  await expect(main.getByRole('status')).toHaveText(/Entries 1 to \d+, newest first\./);
  await expect(
    main.getByRole('row').filter({ hasText: 'Sign-in: succeeded' }).first(),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.goto('/review/audit?lang=ar');
  await expect(
    page.getByRole('heading', { level: 1, name: t('ar', 'review:audit.heading') }),
  ).toBeVisible();
  await expect(page.locator('tbody tr').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  expect(csp).toEqual([]);
});

test('the admin part of /review pages the disclosure log and links to the audit log', async ({
  page,
}) => {
  await page.request.post('/api/session', { data: TEST_ACCOUNTS.admin });
  await page.goto('/review');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Disclosure log' })).toBeVisible();
  await expect(main.getByRole('region', { name: 'Disclosure log' })).toBeVisible();
  await main.getByRole('link', { name: 'Open the security audit log' }).click();
  await expect(page).toHaveURL(/\/review\/audit$/);
  expect((await page.request.get('/.vite/manifest.json')).status()).toBe(404);
});
