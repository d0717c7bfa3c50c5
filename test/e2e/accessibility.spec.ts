import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { t } from './helpers.js';

/**
 * The accessibility statement states what the latest conformance run found, read from
 * /audit/latest.json, and claims nothing when no run is recorded.
 */
const run = JSON.parse(
  readFileSync(new URL('../../public/audit/latest.json', import.meta.url), 'utf8'),
) as {
  sweep: { cells: number };
  axe: { passed: number; cells: number };
  checks: { passed: boolean }[];
};

test("the statement's figures are the latest conformance run's", async ({ page }) => {
  await page.goto('/accessibility');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const result = t('en-GB', 'accessibility:preparation.result')
    .replace('{{passed}}', String(run.axe.passed))
    .replace('{{total}}', String(run.axe.cells))
    .replace('{{checksPassed}}', String(run.checks.filter((c) => c.passed).length))
    .replace('{{checks}}', String(run.checks.length));
  await expect(page.getByText(result)).toBeVisible();
  // The heading is not focused on arrival: a reader starts at the top anyway.
  await expect(page.getByRole('heading', { level: 1 })).not.toBeFocused();
});

test('with no run recorded, the statement says so and claims no result', async ({ page }) => {
  await page.route('**/audit/latest.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/accessibility');
  await expect(page.getByText(t('en-GB', 'accessibility:preparation.noRun')).first()).toBeVisible();
  await expect(page.getByText(t('en-GB', 'accessibility:nonAccessible.noneFound'))).toHaveCount(0);
  await expect(page.getByText(t('en-GB', 'accessibility:compliance.clean'))).toHaveCount(0);
});
