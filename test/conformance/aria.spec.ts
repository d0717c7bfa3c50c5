import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { drawn } from '../e2e/helpers.js';
import { COMPONENT_FIXTURES } from './fixtures.js';

/**
 * Accessible-tree snapshots: every component fixture, shown alone on the examples page
 * (`/examples/?only=<id>`: the fixture is all there is in <main>, drawn by the component library
 * alone), must expose the roles, names and states committed in aria.spec.ts-snapshots/. A change
 * to what a screen reader hears shows up as a diff to review.
 */
// One page per component (a page load costs more than a snapshot); each fixture is drawn alone in
// <main> in turn and is its own snapshot.
const byComponent = new Map<string, typeof COMPONENT_FIXTURES>();
for (const f of COMPONENT_FIXTURES)
  byComponent.set(f.component, [...(byComponent.get(f.component) ?? []), f]);

for (const [component, list] of byComponent) {
  test(`accessible tree: ${component} (${list.length} fixtures)`, async ({ page }) => {
    // The fixtures' media, answered whole from disk: a clip the server streams in ranges keeps a
    // request open while it plays, and the network would never go idle.
    await page.route('**/test/fixtures/media/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      return route.fulfill({ body: readFileSync(new URL(`../..${path}`, import.meta.url)) });
    });
    await page.goto(`/examples/?only=${list[0]!.id}`);
    await page.waitForFunction((tag) => customElements.get(tag), component);
    for (const { name, html } of list) {
      // Drawn from here, where Chromium counts the script as a tap: the tree is what a person
      // hears once they have touched the page. Before any tap, Chrome refuses to vibrate, and a
      // haptic cue drawn `active` falls back to its "Vibrate" button.
      await page.getByRole('main').evaluate((main, markup) => {
        main.innerHTML = markup;
      }, html);
      // Every element drawn, its strings loaded, and its media manifest read.
      await page.waitForLoadState('networkidle');
      await drawn(page);
      await expect.soft(page.getByRole('main'), name).toMatchAriaSnapshot({
        name: `${component}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.aria.yml`,
      });
    }
  });
}
