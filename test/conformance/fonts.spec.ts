import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { firstPaintFiles, precacheFiles } from '../../scripts/lib/bundle.mjs';
import { PAGES } from './fixtures.js';

/**
 * The fonts Forewarn ships (`npm run fonts`, src/app/fonts/) draw every endonym whose script a
 * device may have no font for, so none shows as empty boxes; and the service worker keeps them
 * for a kiosk that is offline.
 */

const index = JSON.parse(
  readFileSync(new URL('../../locales/index.json', import.meta.url), 'utf8'),
) as { locales: Array<{ tag: string; endonym: string }> };
const endonym = (tag: string) => index.locales.find((l) => l.tag === tag)!.endonym;

/** Each locale whose script Forewarn ships a font for, and that font's family name. */
const SHIPPED: Record<string, string> = {
  ti: 'Noto Sans Ethiopic',
  pa: 'Noto Sans Gurmukhi',
  bn: 'Noto Sans Bengali',
  gu: 'Noto Sans Gujarati',
  ne: 'Noto Sans Devanagari',
  ar: 'Noto Sans Arabic',
  ckb: 'Noto Sans Arabic',
  fa: 'Noto Sans Arabic',
  ps: 'Noto Sans Arabic',
  ur: 'Noto Sans Arabic',
  'zh-Hans': 'Noto Sans SC',
};

interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/**
 * The fonts Chromium drew a language tile's endonym with, as DevTools' "Rendered fonts" lists
 * them: a web font is a custom font; a font of the device is not.
 */
async function drawnWith(page: Page, tag: string): Promise<PlatformFont[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `(() => {
        const find = (root) => {
          const hit = root.getElementById?.(${JSON.stringify(`endonym-${tag}`)});
          if (hit) return hit;
          for (const el of root.querySelectorAll('*'))
            if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
          return null;
        };
        return find(document);
      })()`,
    });
    expect(result.objectId, `the endonym of ${tag} is on the page`).toBeTruthy();
    const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId! });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

const kiosk = PAGES.find((p) => p.path === '/')!;

test('every endonym in a script a device may lack is drawn with the font Forewarn ships', async ({
  page,
}) => {
  await kiosk.open(page, 'en-GB');
  for (const [tag, family] of Object.entries(SHIPPED)) {
    const name = endonym(tag);
    const tile = page.getByRole('button', { name, exact: true });
    await tile.scrollIntoViewIfNeeded();
    // The page asks for Forewarn's font for these characters, and it loads.
    const loaded = await page.evaluate(
      async (text) =>
        (await document.fonts.load('700 22px "Forewarn Noto"', text)).map(
          (face) => `${face.family} ${face.status}`,
        ),
      name,
    );
    expect(loaded.length, `a shipped font covers "${name}"`).toBeGreaterThan(0);
    expect(new Set(loaded)).toEqual(new Set(['Forewarn Noto loaded']));
    // And draws it: every glyph comes from the shipped font, but perhaps a space between words.
    const spaces = name.split(' ').length - 1;
    await expect
      .poll(async () => {
        const fonts = await drawnWith(page, tag);
        // A variable font may name itself after its default instance: "Noto Sans SC Thin".
        const shipped = (f: PlatformFont) => f.isCustomFont && f.familyName.startsWith(family);
        return fonts
          .filter((f) => !shipped(f) && f.glyphCount > spaces)
          .map(
            (f) =>
              `${f.familyName}${f.isCustomFont ? '' : ' (the device’s)'}: ${f.glyphCount} glyphs`,
          )
          .concat(fonts.some(shipped) ? [] : [`no ${family}`]);
      }, `"${name}" (${tag}) is drawn with ${family}, shipped`)
      .toEqual([]);
  }
});

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

test('the service worker precaches every shipped font, and no script carries one', () => {
  const shipped = readdirSync(fileURLToPath(new URL('../../src/app/fonts', import.meta.url)));
  const built = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.woff2'));
  // Vite names each font after its source, with a hash: noto-sans-ethiopic-<hash>.woff2.
  expect(built.map((f) => f.replace(/-[\w-]{8}\.woff2$/, '.woff2')).sort()).toEqual(shipped.sort());
  const precached = precacheFiles(dist).map((f) => f.url);
  for (const font of built) expect(precached).toContain(`assets/${font}`);
  // Fonts load from the CSS on demand, never inlined in the kiosk's first-paint JavaScript.
  for (const file of firstPaintFiles(dist).js)
    expect(readFileSync(join(dist, file), 'utf8')).not.toMatch(/font\/woff2|@font-face/);
});
