import { expect, test, type APIRequestContext, type Page, type Request } from '@playwright/test';
import type {
  EnrolmentCodeReply,
  IntegrityReply,
  SessionReply,
  SummaryReply,
} from '../../src/schema/api.js';
import type { FwLogPanel } from '../../src/kiosk/log-panel.js';
import type { Circumstance, Format, NoticeRecord } from '../../src/schema/notice-event.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations } from './helpers.js';

// In order, in one worker: the week-offline test signs and sends 2,000 events, and beside it on a
// two-core machine the others' axe runs outlast their time.
test.describe.configure({ mode: 'default' });

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

/** Enrols the kiosk through its log panel with a one-time code; returns the device's id. */
async function enrolKiosk(page: Page, code: string): Promise<string> {
  await page.getByLabel('One-time enrolment code').fill(code);
  await page.getByRole('button', { name: 'Enrol this device' }).click();
  const device = page.getByText(/^Device: dev-/);
  await expect(device).toBeVisible();
  return ((await device.textContent()) ?? '').replace('Device: ', '').trim();
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
  expect(await axeViolations(page)).toEqual([]);

  await enrolKiosk(page, await enrolmentCode(admin, csrf, area));
  await expect(page.getByText(`Area: ${area}`)).toBeVisible();
  await expect(page.getByText('Last sent: never')).toBeVisible();

  await context.setOffline(true);
  for (let i = 0; i < 5; i++) await acknowledgedNotice(page);
  await expect(page.getByText('5 waiting to send')).toBeVisible();
  await expect(page.getByText(/^No connection\./)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

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
  const deviceId = await enrolKiosk(page, await enrolmentCode(admin, csrf));

  const revoked = await admin.post(`/api/devices/${deviceId}/revoke`, {
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(revoked.status()).toBe(204);

  await acknowledgedNotice(page);
  await expect(page.getByRole('alert')).toContainText('Ask your administrator');
  await expect(page.getByText('1 waiting to send')).toBeVisible();

  // The administrator gives a new code; the same device, with the same chain, sends again.
  expect(await enrolKiosk(page, await enrolmentCode(admin, csrf))).toBe(deviceId);
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByText('0 waiting to send')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await admin.dispose();
});

test('a device offline for 7 days with 2,000 events sends them in batches of at most 100, and the officer sees the progress', async ({
  page,
  context,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const area = `WEEK-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const admin = await playwright.request.newContext({ baseURL });
  const csrf = await signIn(admin, 'admin');
  const reviewer = await playwright.request.newContext({ baseURL });
  await signIn(reviewer, 'reviewer');

  await page.goto('/');
  const deviceId = await enrolKiosk(page, await enrolmentCode(admin, csrf, area));
  await expect(page.getByText(`Area: ${area}`)).toBeVisible();

  // A week with no connection: 2,000 notices, oldest first, through the kiosk's own log (each one
  // validated, chained, signed with the device's key and written durably, as a tap would).
  await context.setOffline(true);
  const COUNT = 2_000;
  await page.locator('fw-log-panel').evaluate(async (element, count) => {
    const log = await (element as FwLogPanel).writer.open();
    const week = 7 * 24 * 60 * 60 * 1000;
    const start = Date.now() - week;
    const circumstances: Circumstance[] = [
      'stop-search',
      'arrest',
      'use-of-force',
      'domestic',
      'unspecified',
    ];
    const langs = ['en-GB', 'pl', 'ro', 'ar', 'en-GB', 'uk', 'bfi'];
    for (let i = 0; i < count; i++) {
      const lang = langs[i % langs.length]!;
      const formats: Format[] =
        lang === 'bfi' ? ['bsl'] : i % 5 === 0 ? ['visual', 'audio'] : ['visual', 'large-text'];
      const notPossible = i % 25 === 0;
      const record: NoticeRecord = {
        // Spread over the week, a minute or so either side of an even spacing, never out of order.
        shownAt: new Date(start + ((i + 0.5 + (i % 3) * 0.1) * week) / count).toISOString(),
        durationMs: notPossible ? 0 : 20_000 + ((i * 7919) % 100_000),
        formats,
        lang,
        circumstance: circumstances[i % circumstances.length]!,
        ...(notPossible
          ? { outcome: 'not-possible', reason: 'person-left' }
          : { outcome: i % 4 === 0 ? 'shown' : 'acknowledged' }),
      };
      await log.append(record);
    }
  }, COUNT);
  // The officer checks the log and asks to send: the panel counts what waits, and says why it
  // cannot go yet.
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByText('2000 events not yet sent or exported')).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText('Integrity: all 2000 events on this device verify.')).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByText('2,000 waiting to send')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^No connection\./)).toBeVisible();
  // The progress's live region is in the accessibility tree before its first message, so that
  // message is announced.
  const syncSection = page.getByRole('region', { name: "Sending to the force's server" });
  await expect(syncSection.getByRole('status').filter({ hasText: /^$/ })).toHaveCount(1);

  // Every batch the server is sent; the second is held until the officer's view has been checked.
  const batches: number[] = [];
  const ids = new Set<string>();
  page.on('request', (request: Request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/api/events')) return;
    const { events } = request.postDataJSON() as { events: Array<{ id: string }> };
    batches.push(events.length);
    for (const event of events) ids.add(event.id);
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let routed = 0;
  await page.route('**/api/events', async (route) => {
    if (++routed === 2) await released;
    await route.continue();
  });

  await context.setOffline(false);
  const progress = page.getByRole('status').filter({ hasText: /^Sending / });
  await expect(progress).toHaveText('Sending 100 of 2,000', { timeout: 15_000 });
  const bar = page.getByRole('progressbar', { name: "Sending to the force's server" });
  await expect(bar).toHaveJSProperty('value', 100);
  await expect(bar).toHaveJSProperty('max', 2000);
  await expect(bar).toHaveAttribute('aria-valuetext', 'Sending 100 of 2,000');
  await expect(page.getByRole('button', { name: 'Send now' })).toBeDisabled();
  await progress.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('sync-progress-1280x800.png') });
  expect(await axeViolations(page)).toEqual([]);
  release();

  await expect(page.getByText('0 waiting to send', { exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await expect(progress).toHaveCount(0);
  await expect(page.getByText(/^Last sent \d\d:\d\d$/)).toBeVisible();
  await expect(page.getByText('0 events not yet sent or exported', { exact: true })).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByRole('button', { name: 'Send now' })).toBeEnabled();

  // Bounded batches: twenty of 100, each event sent once.
  expect(batches).toEqual(Array<number>(20).fill(100));
  expect(ids.size).toBe(COUNT);

  // The server holds all 2,000, as one unbroken chain from this device.
  const summary = (await (await reviewer.get(`/api/summary?area=${area}`)).json()) as SummaryReply;
  expect(summary.total.count).toBe(COUNT);
  const integrity = (await (await reviewer.get('/api/integrity')).json()) as IntegrityReply;
  expect(integrity.devices.find((d) => d.deviceId === deviceId)).toMatchObject({
    status: 'ok',
    events: COUNT,
    firstSeq: 1,
    lastSeq: COUNT,
  });

  await admin.dispose();
  await reviewer.dispose();
});
