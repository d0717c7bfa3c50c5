import { expect, test } from '@playwright/test';
import { axeBuilder, axeViolations, watchCsp } from '../e2e/helpers.js';
import { COLOUR_RULES, FULL_SWEEP, sweep, walk, walkTimeout } from './fixtures.js';

/**
 * axe with the WCAG 2.2 A and AA tags, in every state of every page of the sweep (fixtures.ts),
 * in each of the cell's themes: zero violations is the only pass, and the page breaks no rule of
 * its Content-Security-Policy on the way. Each page × locale × theme is
 * also attached as structured data, which `npm run audit` turns into its report.
 */
interface Found {
  rule: string;
  impact: string;
  help: string;
  state: string;
  targets: string[];
}

for (const { page: fixture, lang, themes } of sweep()) {
  test(`axe: ${fixture.path}, ${lang}, ${themes.map((t) => t.name).join(' + ')}`, async ({
    page,
  }) => {
    test.setTimeout(walkTimeout(themes.length));
    const csp = await watchCsp(page);
    const cells = new Map(themes.map((theme) => [theme.name, { passes: 0, found: [] as Found[] }]));
    await walk(page, fixture, lang, async (state, changed) => {
      for (const [i, theme] of themes.entries()) {
        await theme.apply(page);
        const axe = axeBuilder(page);
        // The first theme runs every rule; a theme after it changes only colours.
        if (i > 0 && !FULL_SWEEP) axe.withRules(COLOUR_RULES);
        // A dialog opened over a view checked in the state before: only the dialog is new.
        if (changed) axe.include({ fromShadowDom: changed });
        const result = await axe.analyze();
        const cell = cells.get(theme.name)!;
        cell.passes += result.passes.length;
        for (const v of result.violations) {
          cell.found.push({
            rule: v.id,
            impact: v.impact ?? 'unknown',
            help: v.help,
            state,
            targets: v.nodes.map((n) => n.target.join(' ')),
          });
        }
      }
      // The next state is entered as a person would see it by default.
      await themes[0]!.apply(page);
    });
    for (const [theme, { passes, found }] of cells) {
      test.info().annotations.push({
        type: 'axe',
        description: JSON.stringify({ page: fixture.path, lang, theme, passes, found }),
      });
    }
    expect(
      [...cells].flatMap(([theme, { found }]) =>
        found.map(
          (v) =>
            `${theme}, ${v.state}: ${v.rule} (${v.impact}): ${v.help} — ${v.targets.join(' | ')}`,
        ),
      ),
    ).toEqual([]);
    expect(csp).toEqual([]);
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
    expect(await axeViolations(page)).toEqual([]);
  });
}
