import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { COMPONENT_FIXTURES } from './fixtures.js';

/**
 * Accessible-tree snapshots: every component fixture, mounted on a plain page with the library
 * build alone (public/examples/fixture.html), must expose the roles, names and states committed in
 * aria.spec.ts-snapshots/. A change to what a screen reader hears shows up as a diff to review.
 */
// One page per component (a page load costs more than the check); each fixture is its own snapshot.
const byComponent = new Map<string, typeof COMPONENT_FIXTURES>();
for (const f of COMPONENT_FIXTURES)
  byComponent.set(f.component, [...(byComponent.get(f.component) ?? []), f]);

for (const [component, list] of byComponent) {
  test(`accessible tree: ${component} (${list.length} fixtures)`, async ({ page }) => {
    // The fixtures' media manifest lives with the test fixtures, not in the built app.
    await page.route('**/test/fixtures/media/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      return route.fulfill({ body: readFileSync(new URL(`../..${path}`, import.meta.url)) });
    });
    await page.goto('/examples/fixture.html');
    await page.waitForFunction((tag) => customElements.get(tag), component);
    for (const { name, html } of list) {
      await page.evaluate((markup) => {
        document.getElementById('fixture')!.innerHTML = markup;
      }, html);
      // Every element drawn, its strings loaded, and its media manifest read.
      await page.waitForLoadState('networkidle');
      await page.evaluate(async () => {
        const all = (root: Document | ShadowRoot): Element[] =>
          [...root.querySelectorAll('*')].flatMap((el) =>
            el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el],
          );
        for (const el of all(document))
          await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
      });
      await expect.soft(page.locator('#fixture'), name).toMatchAriaSnapshot({
        name: `${component}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.aria.yml`,
      });
    }
  });
}
