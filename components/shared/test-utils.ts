import axe from 'axe-core';
import type { LitElement } from 'lit';
import { cdp } from 'vitest/browser';
import { loadLocale } from '../../src/i18n/i18n.js';

const mounted: HTMLElement[] = [];

/** Renders HTML into the page and waits until every Forewarn element in it has rendered. */
export async function mount<T extends HTMLElement = HTMLElement>(markup: string): Promise<T> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  mounted.push(host);
  const elements = [host, ...host.querySelectorAll('*')].filter((el) =>
    el.localName.startsWith('fw-'),
  ) as LitElement[];
  await Promise.all(elements.map((el) => (el.lang ? loadLocale(el.lang) : undefined)));
  await settle(elements);
  return host.firstElementChild as T;
}

/** Waits for pending renders, including those triggered by a locale that finished loading. */
export async function settle(elements: LitElement[]): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.all(elements.map((el) => el.updateComplete));
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

export function unmountAll(): void {
  for (const host of mounted.splice(0)) host.remove();
}

/** Runs axe with the WCAG 2.2 A and AA rules on an element; returns the violations. */
export async function axeViolations(el: Element): Promise<axe.Result[]> {
  const result = await axe.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  });
  return result.violations;
}

/** A readable summary of axe violations for a failing assertion. */
export function describeViolations(violations: axe.Result[]): string[] {
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}

/**
 * Runs `body` with CSS media features emulated (`prefers-reduced-motion`, `forced-colors`, …), as
 * Playwright's `page.emulateMedia` does: through Chromium's DevTools protocol, so stylesheets,
 * `matchMedia` and its change events all see them. The page's own features come back afterwards,
 * even when `body` fails.
 */
export async function withMedia<T>(
  features: Record<string, string>,
  body: () => Promise<T>,
): Promise<T> {
  const emulate = (list: { name: string; value: string }[]) =>
    cdp().send('Emulation.setEmulatedMedia', { features: list });
  await emulate(Object.entries(features).map(([name, value]) => ({ name, value })));
  try {
    return await body();
  } finally {
    await emulate([]);
  }
}

/**
 * Resolves once a media element has done what it does by itself: it has enough data to play
 * (where autoplay starts), or, where it does not preload the clip, the browser has stopped
 * fetching (networkState idle); or it failed, or it is playing. A test that says a video does not start
 * by itself asserts after this, not after a fixed wait.
 */
export async function mediaSettled(media: HTMLMediaElement): Promise<void> {
  const settled = () =>
    (media.readyState >= HTMLMediaElement.HAVE_ENOUGH_DATA &&
      (media.preload !== 'none' || media.networkState === HTMLMediaElement.NETWORK_IDLE)) ||
    (media.preload !== 'auto' && media.networkState === HTMLMediaElement.NETWORK_IDLE) ||
    media.error !== null ||
    !media.paused;
  const started = performance.now();
  while (!settled()) {
    if (performance.now() - started > 10_000)
      throw new Error(`${media.currentSrc || 'media'} neither loaded nor failed in 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Autoplay's play() runs in the task that reached HAVE_ENOUGH_DATA; let it land.
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
