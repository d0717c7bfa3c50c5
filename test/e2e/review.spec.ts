import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { SessionReply } from '../../src/schema/api.js';
import { makeBundle, makeChain, testKeys } from '../log-fixtures.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { exportOf, nextEvents, unknownDevice } from '../server/harness.js';
import { axeViolations, watchCsp } from './helpers.js';

/**
 * The D&I review and the EIA report against the real server: sign-in, an imported device log,
 * the figures, the report, and axe (WCAG 2.2 A and AA) with zero violations on both pages, left
 * to right and right to left, on screen and in print. The test device's events are all on
 * 1 January 2026, so filtering to that day shows exactly them, whatever else other tests log.
 */
const DAY = 'from=2026-01-01&to=2026-01-01';
const EVENTS = 30;

let bundleText = '';
const folder = mkdtempSync(join(tmpdir(), 'fw-review-'));

test.beforeAll(async () => {
  const keys = await testKeys();
  bundleText = JSON.stringify(await makeBundle(await makeChain(EVENTS, keys), keys), null, 2);
});

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function signInApi(request: APIRequestContext, role: keyof typeof TEST_ACCOUNTS) {
  const response = await request.post('/api/session', { data: TEST_ACCOUNTS[role] });
  expect(response.status()).toBe(200);
  return ((await response.json()) as SessionReply).csrfToken;
}

/** Imports the test device's log through the API (idempotent: a second import changes nothing). */
async function seed(page: Page): Promise<void> {
  const csrf = await signInApi(page.request, 'reviewer');
  const response = await page.request.post('/api/import', {
    data: bundleText,
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
  });
  expect(response.status()).toBe(200);
}

async function signInForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a reviewer signs in, imports a device log, sees its figures and opens the report', async ({
  page,
}) => {
  const csp = await watchCsp(page);
  await page.goto('/review');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to the review' }),
  ).toBeVisible();

  // A wrong password is refused plainly (an unknown name, so no real account is slowed down).
  await signInForm(page, 'nobody-here', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('The username or password is not right');

  await signInForm(page, TEST_ACCOUNTS.reviewer.username, TEST_ACCOUNTS.reviewer.password);
  const heading = page.getByRole('heading', { level: 1, name: 'Notice use review' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();

  // A file that is not a device log, and one changed after export, are refused before upload.
  const input = page.getByLabel('Device log file (JSON)');
  await input.setInputFiles(file('notes.json', '{"notes":"not a log"}'));
  await expect(page.getByText(/notes\.json cannot be read as a device log/)).toBeVisible();
  const tampered = JSON.parse(bundleText);
  tampered.events[2].durationMs += 1;
  await input.setInputFiles(file('tampered.json', JSON.stringify(tampered)));
  await expect(
    page.getByText(
      /tampered\.json has been changed since it was exported: the chain fails at seq 3/,
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import these events' })).toHaveCount(0);

  // The real file verifies in the browser, then the server says what it took.
  await input.setInputFiles(file('device.json', bundleText));
  await expect(page.getByText(`device.json is intact: ${EVENTS} events`)).toBeVisible();
  await page.getByRole('button', { name: 'Import these events' }).click();
  await expect(
    page.getByText(/^Imported from device .*: \d+ new, \d+ already held, 0 rejected\.$/),
  ).toBeVisible();

  // Filter to the test device's day: the address keeps the filters, the figures are its events.
  await page.getByLabel('From', { exact: true }).fill('2026-01-01');
  await page.getByLabel('To', { exact: true }).fill('2026-01-01');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-01-01/);
  await expect(page.locator('.headline .figure .number').first()).toHaveText(String(EVENTS));
  const formats = page.getByRole('table', { name: 'Notices by format' });
  await expect(formats).toBeVisible();
  await expect(page.getByRole('img', { name: 'Notices by format' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download CSV of these notices' })).toHaveAttribute(
    'href',
    /\/api\/export\.csv\?.*from=2026-01-01/,
  );

  await page.getByRole('link', { name: 'Open the EIA evidence report' }).click();
  await expect(page).toHaveURL(/\/review\/report\?from=2026-01-01&to=2026-01-01/);
  await expect(
    page.getByRole('heading', { level: 1, name: /Equality impact assessment evidence/ }),
  ).toBeVisible();
  await expect(
    page.getByText(/This report covers notices shown from 1 Jan 2026 to 1 Jan 2026/),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Method and limitations' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  expect(csp).toEqual([]);
});

test('a device the server does not know: its log is held until an admin approves it under Devices and enrolment', async ({
  page,
}) => {
  const stranger = await unknownDevice('KENT-E');
  const bundle = await exportOf(stranger, await nextEvents(stranger, 3));
  await signInApi(page.request, 'reviewer');
  await page.goto('/review');
  await page
    .getByLabel('Device log file (JSON)')
    .setInputFiles(file('stranger.json', JSON.stringify(bundle)));
  await page.getByRole('button', { name: 'Import these events' }).click();
  await expect(
    page.getByText(
      `stranger.json comes from device ${stranger.deviceId}, which this server does not know. It is held`,
    ),
  ).toBeVisible();

  await page.context().clearCookies();
  await signInApi(page.request, 'admin');
  await page.goto('/review');
  await expect(page.getByRole('heading', { name: 'Imports waiting for approval' })).toBeVisible();
  const waiting = page.getByRole('table', { name: 'Imports waiting for approval' });
  await expect(waiting.getByRole('row', { name: new RegExp(stranger.deviceId) })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: `Approve device ${stranger.deviceId}` }).click();
  await expect(
    page.getByText(`Device ${stranger.deviceId} is approved and its events are stored.`),
  ).toBeVisible();
  await expect(waiting.getByRole('row', { name: new RegExp(stranger.deviceId) })).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: 'Devices' }).getByRole('row', {
      name: new RegExp(stranger.deviceId),
    }),
  ).toBeVisible();
});

test('an IPAG member picks a whole quarter, with no dates or other filters, and is told why small numbers are missing', async ({
  page,
}) => {
  await page.goto('/review');
  await signInForm(page, TEST_ACCOUNTS.ipag.username, TEST_ACCOUNTS.ipag.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Notice use review' })).toBeVisible();
  await expect(page.getByText(/numbers under 10 are not shown/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'From' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Area' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Format' })).toHaveCount(0);
  const quarter = page.getByLabel('Quarter');
  await expect(quarter.locator('option')).toHaveCount(8);
  const older = await quarter.locator('option').nth(1).getAttribute('value');
  const summaries: URL[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/summary')) summaries.push(new URL(r.url()));
  });
  await quarter.selectOption(older!);
  await page.getByRole('button', { name: 'Show quarter' }).click();
  await expect(page).toHaveURL(new RegExp(`period=${older}`));
  await expect(page.getByRole('heading', { name: 'Headline figures' })).toBeVisible();
  expect(summaries.length).toBeGreaterThan(0);
  for (const url of summaries) expect(url.searchParams.get('period')).toBe(older);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

// axe on both pages, in every theme and the gate locales, with no CSP violation: the conformance
// sweep (test/conformance/axe.spec.ts).

test('axe: the report in print, and no horizontal scroll at 320 px', async ({ page }) => {
  await seed(page);
  await page.goto(`/review/report?${DAY}`);
  await expect(page.locator('table caption', { hasText: 'Notices by format' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'screen' });
  for (const path of ['/review', '/review/report']) {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`${path}?${DAY}`);
    await expect(page.locator('table caption', { hasText: 'Notices by format' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(320);
  }
});

test('nothing of the review loads on the kiosk', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  // What the kiosk loads after its first paint (the notice, the log panel) has arrived. Not
  // "networkidle": Tone.js's worker is a blob: request that Playwright counts as open for good.
  await page.waitForFunction(
    () => customElements.get('fw-notice') && customElements.get('fw-log-panel'),
  );
  const review = await page.evaluate(() => customElements.get('fw-review'));
  expect(review).toBeUndefined();
  expect(scripts.filter((s) => /review/.test(s))).toEqual([]);
});
