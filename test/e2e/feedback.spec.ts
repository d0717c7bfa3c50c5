import { expect, test, type Page } from '@playwright/test';
import type { Feedback, SessionReply } from '../../src/schema/api.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations } from './helpers.js';

/**
 * IPAG feedback and translation review against the real server: an IPAG member's feedback,
 * sent through the API as the lab sends it, reaches the review as text (markup in a comment never
 * becomes an element), a reviewer marks a translation reviewed and undoes it, each change lands
 * in the audit trail, and the new sections pass axe (WCAG 2.2 A and AA).
 */

/** Signs the page in as a role, in place of whoever was signed in (whose cookie would need CSRF). */
async function signInApi(page: Page, role: keyof typeof TEST_ACCOUNTS) {
  await page.context().clearCookies();
  const response = await page.request.post('/api/session', { data: TEST_ACCOUNTS[role] });
  expect(response.status()).toBe(200);
  return ((await response.json()) as SessionReply).csrfToken;
}

const MARKUP = '<img src=x onerror=alert(1)><script>alert(2)</script>';

/** Leaves one IPAG entry with a comment unique to this test; the page's cookie is then ipag's. */
async function leaveFeedback(page: Page, comment: string): Promise<Feedback> {
  const csrf = await signInApi(page, 'ipag');
  const response = await page.request.post('/api/feedback', {
    data: {
      format: 'easy-read',
      lang: 'pl',
      understood: 'partly',
      rating: 2,
      assistiveTech: 'screen-magnifier',
      comment,
    },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Feedback;
}

function failOnDialog(page: Page): void {
  page.on('dialog', (dialog) => {
    throw new Error(`A dialog opened: ${dialog.message()}`);
  });
}

test('an IPAG member leaves feedback; a reviewer sees it on /review, as text', async ({ page }) => {
  failOnDialog(page);
  const comment = `${MARKUP} Too small to read at arm's length ${Date.now()}`;
  const stored = await leaveFeedback(page, comment);
  expect(stored.comment).toBe(comment);

  // The IPAG member reads back only their own entries, with no usernames.
  const own = await (await page.request.get('/api/feedback')).json();
  expect(own.feedback.every((f: Feedback) => f.username === undefined)).toBe(true);

  await signInApi(page, 'reviewer');
  await page.goto('/review');
  const section = page.locator('fw-review-feedback');
  await expect(
    section.getByRole('heading', { name: 'Feedback from the advisory group' }),
  ).toBeVisible();
  const table = section.getByRole('table', { name: 'Feedback by format and language' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /Easy Read Polski \(Polish\)/ })).toBeVisible();
  await expect(section.getByText(comment, { exact: true })).toBeVisible();
  await expect(section.locator('img, script')).toHaveCount(0);

  // The report has the summary, and the method, but not the comment.
  await page.goto('/review/report');
  const inReport = page.locator('fw-review-feedback');
  await expect(
    inReport.getByRole('table', { name: 'Feedback by format and language' }),
  ).toBeVisible();
  await expect(inReport.getByText(/comments are not reproduced/)).toBeVisible();
  await expect(inReport.getByText(comment)).toHaveCount(0);
});

test('a reviewer marks Polish reviewed, sees it, and undoes it; both changes are audited', async ({
  page,
}) => {
  await signInApi(page, 'reviewer');
  await page.goto('/review');
  const section = page.locator('fw-review-translations');
  const mark = section.getByRole('button', { name: 'Mark as reviewed: Polski (Polish)' });
  await expect(mark).toBeVisible();
  await mark.click();
  await expect(section.getByRole('status')).toHaveText('Polski (Polish) is now marked reviewed.');
  const row = section
    .getByRole('table', { name: 'Review status of each translation' })
    .getByRole('row', { name: /Polski/ });
  await expect(row).toContainText('Reviewed');
  await expect(row).toContainText(`by ${TEST_ACCOUNTS.reviewer.username}`);
  const status = await (await page.request.get('/api/translations')).json();
  expect(status.find((s: { tag: string }) => s.tag === 'pl')).toMatchObject({
    status: 'reviewed',
    changedBy: TEST_ACCOUNTS.reviewer.username,
  });

  await section.getByRole('button', { name: 'Undo: mark Polski (Polish) as draft again' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Change undone: Polski (Polish) is draft again.',
  );
  await expect(
    section.getByRole('button', { name: 'Mark as reviewed: Polski (Polish)' }),
  ).toBeFocused();
  await expect(row).toContainText('Draft');

  const audit = await (await page.request.get('/api/translations/audit')).json();
  const pl = audit.filter((a: { tag: string }) => a.tag === 'pl').slice(0, 2);
  expect(pl).toMatchObject([
    { username: TEST_ACCOUNTS.reviewer.username, from: 'reviewed', to: 'draft' },
    { username: TEST_ACCOUNTS.reviewer.username, from: 'draft', to: 'reviewed' },
  ]);
  const trail = section.getByRole('region', { name: 'Changes to review status' });
  await expect(trail.getByRole('row', { name: /Polski.*Reviewed to Draft/ }).first()).toBeVisible();
});

for (const [lang, scheme] of [
  ['en-GB', 'light'],
  ['ar', 'dark'],
] as const) {
  test(`axe: the feedback and translations sections, ${lang}, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await leaveFeedback(page, `${MARKUP} axe ${lang}`);
    await signInApi(page, 'reviewer');
    for (const path of ['/review', '/review/report']) {
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('fw-review-feedback table')).toBeVisible();
      if (path === '/review')
        await expect(page.locator('fw-review-translations table').first()).toBeVisible();
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
}
