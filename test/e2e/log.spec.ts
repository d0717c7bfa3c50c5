import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readBundle, verifyBundle } from '../../src/log/verify.js';
import type { Bundle } from '../../src/log/bundle.js';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';

async function exportJson(page: Page): Promise<Bundle> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^forewarn-log-local-[0-9a-f]+-.*\.json$/);
  return readBundle(await readFile((await download.path())!, 'utf8'));
}

async function acknowledgedNotice(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'I understand' }).click();
  await expect(page.getByText("Saved in this device's log.")).toBeVisible();
  await page.getByRole('button', { name: 'Back to start' }).click();
}

/** The officer panel's count of today's notices (which includes other tabs' writes). */
async function todayCount(page: Page): Promise<number> {
  const text = (await page.getByText(/\d+ notices? today/).textContent()) ?? '';
  return Number(/(\d+) notices? today/.exec(text)?.[1]);
}

/** Records "notice not possible" and waits until this tab's log has it. */
async function notPossible(page: Page, reason = 'Person left'): Promise<void> {
  const before = await todayCount(page);
  await page.getByRole('button', { name: 'Notice not possible' }).click();
  await page.getByRole('dialog').getByRole('button', { name: reason }).click();
  await expect(page.getByText(`Recorded: notice not possible (${reason}).`)).toBeVisible();
  await expect.poll(() => todayCount(page)).toBeGreaterThan(before);
}

test('three notices survive a reload, in order, in a chain that verifies', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Arrest', exact: true }).click();
  await acknowledgedNotice(page);
  await notPossible(page, 'Immediate risk');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'Officer: end notice' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End notice' }).click();
  await expect(page.getByText("Saved in this device's log.")).toBeVisible();

  await page.reload();
  await expect(page.getByText('3 notices today')).toBeVisible();
  await expect(page.getByText('1 of them not possible')).toBeVisible();
  await expect(page.getByText('3 events not yet sent or exported')).toBeVisible();
  await expect(page.getByText('Integrity: all 3 events on this device verify.')).toBeVisible();

  const bundle = await exportJson(page);
  expect(bundle.events.map((e) => [e.seq, e.outcome, e.circumstance])).toEqual([
    [1, 'acknowledged', 'arrest'],
    [2, 'not-possible', 'unspecified'],
    [3, 'shown', 'unspecified'],
  ]);
  expect(bundle.events[1]!.reason).toBe('immediate-risk');
  expect(bundle.events[0]).toMatchObject({ formats: ['visual', 'large-text'], lang: 'en-GB' });
  expect(await verifyBundle(bundle)).toEqual({ ok: true, count: 3, firstSeq: 1, lastSeq: 3 });
  await expect(page.getByText('0 events not yet sent or exported')).toBeVisible();
});

test('a notice confirmed as saved just before the page closes is there exactly once after reopening', async ({
  context,
}) => {
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'I understand' }).click();
  await expect(page.getByText("Saved in this device's log.")).toBeVisible();
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto('/');
  const bundle = await exportJson(reopened);
  expect(bundle.events.map((e) => e.outcome)).toEqual(['acknowledged']);
});

test('two tabs logging at once keep one gapless chain', async ({ playwright, baseURL }) => {
  // Headless Chromium draws a tab that is not in front at about one frame a second, and
  // Playwright's actionability checks wait on frames: 30 s for ten taps, all of it the harness.
  // A browser of its own with unthrottled frames lets both tabs run as a tablet's two tabs would.
  const options = chromiumLaunchOptions();
  const browser = await playwright.chromium.launch({
    ...options,
    args: [...options.args, '--disable-frame-rate-limit'],
  });
  try {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    const [first, second] = [await context.newPage(), await context.newPage()];
    await Promise.all([first.goto('/'), second.goto('/')]);
    const burst = async (page: Page) => {
      for (let i = 0; i < 5; i++) await notPossible(page);
    };
    await Promise.all([burst(first), burst(second)]);
    const bundle = await exportJson(first);
    expect(bundle.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await verifyBundle(bundle)).toMatchObject({ ok: true, count: 10 });
  } finally {
    await browser.close();
  }
});

test('a failed save is shown to the officer at once, kept, and saved by "Try again"', async ({
  page,
}) => {
  // Storage that refuses writes, as a full disk does.
  await page.addInitScript(() => {
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      if ((window as unknown as { __full?: boolean }).__full) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return add.apply(this, args);
    };
  });
  await page.goto('/');
  await page.evaluate(() => ((window as unknown as { __full: boolean }).__full = true));
  await page.getByRole('button', { name: 'Notice not possible' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Person left' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(alert).toContainText("this device's storage is full");
  await expect(alert).toContainText('1 notice is waiting to be saved.');
  await expect(page.getByText('Recorded: notice not possible')).toHaveCount(0);

  // A notice given while the first waits is kept behind it, in order.
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'I understand' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
    '2 notices are waiting',
  );
  await page.getByRole('button', { name: 'Back to start' }).click();

  await page.evaluate(() => ((window as unknown as { __full: boolean }).__full = false));
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveCount(0);
  const bundle = await exportJson(page);
  expect(bundle.events.map((e) => e.outcome)).toEqual(['not-possible', 'acknowledged']);
});

test('where the browser blocks storage, the officer is told what to do', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('Storage is blocked.', 'SecurityError');
    };
  });
  await page.goto('/');
  await notPossibleExpectingFailure(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
    'private browsing or blocked storage',
  );
  await expect(page.getByText('The log cannot be opened on this device')).toBeVisible();
});

async function notPossibleExpectingFailure(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Notice not possible' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Other reason' }).click();
}

test('the CSV export has a byte-order mark, the schema fields in snake_case and one row per event', async ({
  page,
}) => {
  await page.goto('/');
  await notPossible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, row, end] = csv.slice(1).split('\r\n');
  expect(header).toBe(
    'id,v,device_id,seq,shown_at,duration_ms,formats,lang,circumstance,outcome,reason,area,prev_hash,content_version,content_items,check,hash,sig',
  );
  expect(row).toContain(',visual;large-text,en-GB,unspecified,not-possible,person-left,');
  expect(end).toBe('');
});

test('the retention setting is saved, and a nonsense value is refused with a clear error', async ({
  page,
}) => {
  await page.goto('/');
  const days = page.getByRole('spinbutton', { name: 'Keep sent or exported events for (days)' });
  await expect(days).toHaveValue('90');
  await days.fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Enter a whole number of days from 1 to 3650.')).toBeVisible();
  await expect(days).toBeFocused();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await days.fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    page.getByText('Saved: sent or exported events are kept for 30 days.'),
  ).toBeVisible();
  await page.reload();
  await expect(days).toHaveValue('30');
});

test('the officer sees whether the browser will keep the log', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText(/^Storage: /)).toBeVisible();
});
