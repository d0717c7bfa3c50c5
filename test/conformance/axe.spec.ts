import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { WCAG_TAGS } from '../e2e/helpers.js';
import { sweep, walk } from './fixtures.js';

/**
 * axe with the WCAG 2.2 A and AA tags, in every state of every page of the sweep (fixtures.ts):
 * zero violations is the only pass. Each violation is also attached as structured data, which
 * `npm run audit` turns into its report.
 */
for (const { page: fixture, lang, theme } of sweep()) {
  test(`axe: ${fixture.path}, ${lang}, ${theme.name}`, async ({ page }) => {
    await theme.setUp(page);
    const found: Array<{
      rule: string;
      impact: string;
      help: string;
      state: string;
      targets: string[];
    }> = [];
    let passes = 0;
    await walk(page, fixture, lang, async (state) => {
      // Only violations in full: passes still count one node per rule, at a fraction of the time.
      // options() replaces every option, so it goes before withTags() sets which rules run.
      const result = await new AxeBuilder({ page })
        .options({ resultTypes: ['violations'] })
        .withTags(WCAG_TAGS)
        .analyze();
      passes += result.passes.length;
      for (const v of result.violations) {
        found.push({
          rule: v.id,
          impact: v.impact ?? 'unknown',
          help: v.help,
          state,
          targets: v.nodes.map((n) => n.target.join(' ')),
        });
      }
    });
    test.info().annotations.push({
      type: 'axe',
      description: JSON.stringify({ page: fixture.path, lang, theme: theme.name, passes, found }),
    });
    expect(
      found.map((v) => `${v.state}: ${v.rule} (${v.impact}): ${v.help} — ${v.targets.join(' | ')}`),
    ).toEqual([]);
  });
}

// The audit report (npm run audit) is a static English page: checked once per colour scheme. It
// is the committed report; the audit itself writes a new one after this runs.
for (const scheme of ['light', 'dark'] as const) {
  test(`the audit report passes axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/audit/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Forewarn accessibility audit' }),
    ).toBeVisible();
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}
