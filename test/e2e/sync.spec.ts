import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { EnrolmentCodeReply, SessionReply, SummaryReply } from '../../src/schema/api.js';
import AxeBuilder from '@axe-core/playwright';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { WCAG_TAGS } from './helpers.js';

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Signs a role in on its own request context; returns the CSRF token for changes. */
async function signIn(
  request: APIRequestContext,
  role: keyof typeof TEST_ACCOUNTS,
): Promise<string> {
  const response = await request.post('/api/session', { data: TEST_ACCOUNTS[role] });
  expect(response.status()).toBe(200);
  return ((await response.json()) as SessionReply).csrfToken;
}

/** Issues a code as the admin signed in on `request` (with its CSRF token). */
async function enrolmentCode(
  request: APIRequestContext,
  csrf: string,
  area = 'KENT-N',
): Promise<string> {
  const response = await request.post('/api/enrolment-codes', {
    data: { area },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as EnrolmentCodeReply).code;
}

async function acknowledgedNotice(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'I understand' }).click();
  await expect(page.getByText("Saved in this device's log.")).toBeVisible();
  await page.getByRole('button', { name: 'Back to start' }).click();
}

test('a kiosk enrolled with a code logs five notices offline, and the server has five once it is back online', async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  // An area of this run's own, so the counts are this device's alone.
  const area = `SYNC-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const admin = await playwright.request.newContext({ baseURL });
  const csrf = await signIn(admin, 'admin');
  const reviewer = await playwright.request.newContext({ baseURL });
  await signIn(reviewer, 'reviewer');
  const before = (await (await reviewer.get(`/api/summary?area=${area}`)).json()) as SummaryReply;

  await page.goto('/');
  // A wrong code is refused, in plain words.
  await page.getByLabel('One-time enrolment code').fill('WRONG-CODE');
  await page.getByRole('button', { name: 'Enrol this device' }).click();
  await expect(page.getByText('That code does not work.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('One-time enrolment code')).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel('One-time enrolment code').fill(await enrolmentCode(admin, csrf, area));
  await page.getByRole('button', { name: 'Enrol this device' }).click();
  await expect(page.getByText(/^Device: dev-/)).toBeVisible();
  await expect(page.getByText(`Area: ${area}`)).toBeVisible();
  await expect(page.getByText('Last sent: never')).toBeVisible();

  await context.setOffline(true);
  for (let i = 0; i < 5; i++) await acknowledgedNotice(page);
  await expect(page.getByText('5 waiting to send')).toBeVisible();
  await expect(page.getByText(/^No connection\./)).toBeVisible();
  await expectNoAxeViolations(page);

  await context.setOffline(false);
  await expect(page.getByText('0 waiting to send')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText(/^Last sent \d\d:\d\d$/)).toBeVisible();
  await expect(page.getByText('0 events not yet sent or exported')).toBeVisible();

  await expect
    .poll(async () => {
      const summary = (await (
        await reviewer.get(`/api/summary?area=${area}`)
      ).json()) as SummaryReply;
      return (summary.total.count ?? 0) - (before.total.count ?? 0);
    })
    .toBe(5);

  // And the D&I team sees them in /review, within seconds of the kiosk coming back online.
  const review = await context.browser()!.newPage();
  await review.goto('/review');
  await review.getByLabel('Username').fill(TEST_ACCOUNTS.reviewer.username);
  await review.getByLabel('Password').fill(TEST_ACCOUNTS.reviewer.password);
  await review.getByRole('button', { name: 'Sign in' }).click();
  await review.getByLabel('Area', { exact: false }).first().fill(area);
  await review.getByRole('button', { name: 'Apply filters' }).click();
  await expect(
    review.locator('.figure', { hasText: 'Notices' }).first().locator('.number'),
  ).toHaveText('5');
  await review.close();

  // Sent events are not sent again.
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByText('0 waiting to send')).toBeVisible();
  const after = (await (await reviewer.get(`/api/summary?area=${area}`)).json()) as SummaryReply;
  expect((after.total.count ?? 0) - (before.total.count ?? 0)).toBe(5);

  await admin.dispose();
  await reviewer.dispose();
});

test('a revoked device stops sending, tells the officer to ask the administrator, and resumes with a new code', async ({
  page,
  playwright,
  baseURL,
}) => {
  const admin = await playwright.request.newContext({ baseURL });
  const csrf = await signIn(admin, 'admin');
  await page.goto('/');
  await page.getByLabel('One-time enrolment code').fill(await enrolmentCode(admin, csrf));
  await page.getByRole('button', { name: 'Enrol this device' }).click();
  await expect(page.getByText(/^Device: dev-/)).toBeVisible();
  const deviceText = (await page.getByText(/^Device: dev-/).textContent()) ?? '';
  const deviceId = deviceText.replace('Device: ', '').trim();

  const revoked = await admin.post(`/api/devices/${deviceId}/revoke`, {
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(revoked.status()).toBe(204);

  await acknowledgedNotice(page);
  await expect(page.getByRole('alert')).toContainText('Ask your administrator');
  await expect(page.getByText('1 waiting to send')).toBeVisible();

  // The administrator gives a new code; the same device, with the same chain, sends again.
  await page.getByLabel('One-time enrolment code').fill(await enrolmentCode(admin, csrf));
  await page.getByRole('button', { name: 'Enrol this device' }).click();
  await expect(page.getByText(`Device: ${deviceId}`)).toBeVisible();
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByText('0 waiting to send')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await admin.dispose();
});
