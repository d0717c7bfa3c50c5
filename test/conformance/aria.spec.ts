import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { COMPONENT_FIXTURES } from './fixtures.js';

/**
 * Accessible-tree snapshots: every component fixture, shown alone on the examples page
 * (`/examples/?only=<id>`: the fixture is all there is in <main>, drawn by the component library
 * alone), must expose the roles, names and states committed in aria.spec.ts-snapshots/. A change
 * to what a screen reader hears shows up as a diff to review.
 */
for (const { component, name, id, html } of COMPONENT_FIXTURES) {
  test(`accessible tree: ${component}, ${name}`, async ({ page }) => {
    // The fixtures' media, answered whole from disk: a clip the server streams in ranges keeps a
    // request open while it plays, and the network would never go idle.
    await page.route('**/test/fixtures/media/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      return route.fulfill({ body: readFileSync(new URL(`../..${path}`, import.meta.url)) });
    });
    await page.goto(`/examples/?only=${id}`);
    await page.waitForFunction((tag) => customElements.get(tag), component);
    // Drawn again from here, where Chromium counts the script as a tap: the tree is what a person
    // hears once they have touched the page. Before any tap, Chrome refuses to vibrate, and a
    // haptic cue drawn `active` falls back to its "Vibrate" button.
    await page.getByRole('main').evaluate((main, markup) => {
      main.innerHTML = markup;
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
    await expect(page.getByRole('main')).toMatchAriaSnapshot({
      name: `${component}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.aria.yml`,
    });
  });
}
