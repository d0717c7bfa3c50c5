import { expect, test, type Page } from '@playwright/test';
import { PAGES, THEMES, walk, walkTimeout, type PageFixture } from './fixtures.js';

/**
 * Text contrast on focus (WCAG 1.4.3 holds in every state, focus included): Tab through every
 * page, in every theme, and at each stop measure the focused control's text against the
 * background it is actually drawn on, from the rendered colours (getComputedStyle, the background
 * found by walking up through ancestors, slots and shadow hosts, compositing any translucent
 * layer). Every stop's text must reach 4.5:1. Axe's colour rules never see a focused state; this
 * is the check that does.
 */

/** The most stops a page may have before the walk is taken to be going round in circles. */
const MAX_STOPS = 400;

interface Stop {
  /** What a person would call it: its tag and the start of its name. */
  what: string;
  /** Each piece of its text that is under 4.5:1, with its colours. */
  low: string[];
}

/** The focused element, through shadow roots, measured; null when focus has left the page. */
function measureFocus(page: Page): Promise<(Stop & { key: string }) | null> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el || el === document.body || el === document.documentElement) return null;

    type Rgba = [number, number, number, number];
    // Colours as Chromium serialises them: rgb()/rgba(), or color(srgb …) for some light-dark().
    const parse = (value: string): Rgba => {
      const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)/.exec(value);
      if (srgb) {
        return [
          Number(srgb[1]) * 255,
          Number(srgb[2]) * 255,
          Number(srgb[3]) * 255,
          srgb[4] === undefined ? 1 : Number(srgb[4]),
        ];
      }
      const rgb = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(value);
      if (!rgb) return [0, 0, 0, 0];
      return [
        Number(rgb[1]),
        Number(rgb[2]),
        Number(rgb[3]),
        rgb[4] === undefined ? 1 : Number(rgb[4]),
      ];
    };
    /** `top` drawn over an opaque `bottom`. */
    const over = (top: Rgba, bottom: Rgba): Rgba => [
      top[0] * top[3] + bottom[0] * (1 - top[3]),
      top[1] * top[3] + bottom[1] * (1 - top[3]),
      top[2] * top[3] + bottom[2] * (1 - top[3]),
      1,
    ];
    /** The flat tree's parent: a slot for slotted content, the host at a shadow root's top. */
    const parentOf = (node: Element): Element | null =>
      node.assignedSlot ??
      node.parentElement ??
      ((node.getRootNode() as ShadowRoot).host as Element | undefined) ??
      null;
    /** The opaque colour an element's text is drawn on: every background beneath it, composited. */
    const backgroundOf = (start: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let node: Element | null = start; node; node = parentOf(node)) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      // Under everything, the canvas: white, or near black where the root asks for dark.
      const canvas: Rgba =
        getComputedStyle(document.documentElement).colorScheme.includes('dark') &&
        matchMedia('(prefers-color-scheme: dark)').matches
          ? [18, 18, 18, 1]
          : [255, 255, 255, 1];
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), canvas);
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const hex = (c: Rgba) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;
    /** Text that is drawn: not hidden, not the visually-hidden pattern (1 px, clipped). */
    const drawn = (node: Element) => {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      return (
        style.visibility !== 'hidden' &&
        style.display !== 'none' &&
        Number(style.opacity) > 0 &&
        box.width > 1 &&
        box.height > 1 &&
        style.clipPath === 'none'
      );
    };

    // The elements whose own text the focused control shows; a text field shows what is typed.
    const texts: Element[] = [];
    const field = ['input', 'select', 'textarea'].includes(el.localName);
    const kind = (el as HTMLInputElement).type;
    if (field && !['checkbox', 'radio', 'range', 'color', 'file'].includes(kind)) texts.push(el);
    if (!field) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node && texts.length < 40; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || texts.includes(parent)) continue;
        if (parent.closest('svg')) continue;
        texts.push(parent);
      }
    }
    const low: string[] = [];
    for (const node of texts) {
      if (!drawn(node)) continue;
      const colour = parse(getComputedStyle(node).color);
      const background = backgroundOf(node);
      const text = over(colour, background);
      const contrast = ratio(text, background);
      if (contrast < 4.5) {
        const words = (node.textContent ?? (node as HTMLInputElement).value ?? '')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 40);
        low.push(
          `"${words}" ${hex(text)} on ${hex(background)}, ${contrast.toFixed(2)}:1 (under 4.5:1)`,
        );
      }
    }
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 40);
    // Identifies the stop, so the walk knows when it has come round to the start again.
    const path: string[] = [];
    for (let node: Element | null = el; node; node = parentOf(node)) {
      const siblings = node.parentNode ? [...node.parentNode.children] : [];
      path.push(`${node.localName}${siblings.indexOf(node)}`);
    }
    return { what: `${el.localName} "${name}"`, low, key: path.join('<') };
  });
}

/** Tabs from the top of the page until focus leaves it or comes round again; every stop, measured. */
async function tabThrough(page: Page): Promise<Stop[]> {
  // Start at the first stop, the skip link: focusing it also moves where Tab starts from, which
  // blurring would not (Chromium would go on from the element last focused).
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('.skip-link')!.focus();
  });
  const stops: Array<Stop & { key: string }> = [];
  for (let i = 0; i < MAX_STOPS; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    const stop = await measureFocus(page);
    // Done when focus leaves the page or comes round to the skip link again.
    if (!stop || (stops.length && stop.key === stops[0]!.key)) return stops;
    // A date field takes several presses of Tab (day, month, year): one control, measured once.
    if (stop.key !== stops.at(-1)?.key) stops.push(stop);
  }
  throw new Error(`More than ${MAX_STOPS} tab stops: focus seems to be trapped`);
}

async function checkEveryTheme(page: Page, where: string, problems: string[]): Promise<void> {
  for (const theme of THEMES) {
    await theme.apply(page);
    const stops = await tabThrough(page);
    expect(stops.length, `${where}, ${theme.name}: Tab reaches the controls`).toBeGreaterThan(1);
    for (const stop of stops) {
      for (const low of stop.low) problems.push(`${where}, ${theme.name}: ${stop.what}: ${low}`);
    }
  }
}

// The views are checked in every state they have; the kiosk on its home screen only (its other
// states are the kiosk's own keyboard walkthroughs, keyboard.spec.ts).
const kiosk = PAGES.find((p) => p.path === '/')!;
const views = PAGES.filter((p) => p !== kiosk);

for (const fixture of views) {
  test(`focused text keeps its contrast: ${fixture.path}, every theme`, async ({ page }) => {
    test.setTimeout(walkTimeout(THEMES.length));
    const problems: string[] = [];
    await walk(page, fixture, 'en-GB', (state) =>
      checkEveryTheme(page, `${fixture.path} (${state})`, problems),
    );
    expect(problems).toEqual([]);
  });
}

test('focused text keeps its contrast: / (home), every theme', async ({ page }) => {
  test.setTimeout(walkTimeout(THEMES.length));
  const problems: string[] = [];
  const home: PageFixture = { ...kiosk, states: kiosk.states.slice(0, 1) };
  await walk(page, home, 'en-GB', (state) => checkEveryTheme(page, `/ (${state})`, problems));
  expect(problems).toEqual([]);
});
