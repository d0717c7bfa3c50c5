import { expect, test, type Page } from '@playwright/test';
import type { Format } from '../../src/schema/notice-event.js';
import {
  chooseFormats,
  events,
  mockSpeech,
  mockVibration,
  noticeHeading,
  recordEvents,
  t,
} from '../e2e/helpers.js';
import { LOCALES } from './fixtures.js';

/**
 * Focus not obscured (WCAG 2.4.11, and 2.4.12's "no part hidden"): on the notice, every focus
 * stop Tab reaches, and the heading that takes focus when it opens, must be drawn on screen
 * uncovered, above all by the officer's strip at the foot of the screen, however many notes to the
 * officer it holds. 320×256 CSS px is a 1280×1024 screen at 400% zoom (WCAG 1.4.10); 1024×768 is
 * a tablet on its side, where the strip sticks to the foot of the screen.
 */
interface Stop {
  name: string;
  /** The stop overlaps the officer's strip (and is not in it). */
  underStrip: boolean;
  /** What is drawn, at points of the stop's box inside the viewport, instead of the stop. */
  coveredBy: string[];
  /** The stop is on screen: wholly, or (when taller than the viewport) in part. */
  onScreen: boolean;
  strip: { position: string; height: number };
}

/** The focused element of the notice view, through shadow roots, and what covers it; null outside the view. */
function focusedStop(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const kiosk = document.querySelector('fw-kiosk')!.shadowRoot!;
    const view = kiosk.querySelector('[data-view="notice"]');
    const strip = kiosk.querySelector<HTMLElement>('aside.officer');
    const within = (node: Node | null, container: Node | null) => {
      for (let n = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null)
        if (n === container) return true;
      return false;
    };
    if (!el || !view || !strip || !within(el, view)) return null;
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const box = el.getBoundingClientRect();
    const bar = strip.getBoundingClientRect();
    const inStrip = within(el, strip);
    const underStrip =
      !inStrip &&
      box.bottom > bar.top &&
      box.top < bar.bottom &&
      box.right > bar.left &&
      box.left < bar.right;
    // The element drawn at a point, through shadow roots.
    const drawnAt = (x: number, y: number) => {
      let hit = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit;
    };
    // A grid of points well inside the box (its rounded corners are not part of it).
    const along = (start: number, size: number) => [0.2, 0.5, 0.8].map((f) => start + f * size);
    const xs = along(box.left, box.width);
    const ys = along(box.top, box.height);
    const coveredBy = new Set<string>();
    for (const x of xs) {
      for (const y of ys) {
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        const hit = drawnAt(x, y);
        if (!within(hit, el))
          coveredBy.add(
            hit ? `${hit.localName}${hit.className ? `.${hit.className}` : ''}` : 'nothing',
          );
      }
    }
    const fits = box.height <= innerHeight;
    const onScreen = fits
      ? box.top >= -1 && box.bottom <= innerHeight + 1
      : box.top < innerHeight && box.bottom > 0;
    return {
      name: `${el.localName} "${name.slice(0, 60)}"`,
      underStrip,
      coveredBy: [...coveredBy],
      onScreen: onScreen && box.left >= -1 && box.right <= innerWidth + 1,
      strip: { position: getComputedStyle(strip).position, height: Math.round(bar.height) },
    };
  });
}

function expectUncovered(stop: Stop | null): asserts stop is Stop {
  expect(stop, 'focus is on the notice').not.toBeNull();
  const where = `${stop!.name} (strip ${stop!.strip.position}, ${stop!.strip.height} px)`;
  expect(stop!.onScreen, `${where} is scrolled into view`).toBe(true);
  expect(stop!.underStrip, `${where} is not under the officer's strip`).toBe(false);
  expect(stop!.coveredBy, `${where} is not covered`).toEqual([]);
}

const ALL_FORMATS: Format[] = ['visual', 'large-text', 'easy-read', 'bsl', 'audio', 'vibration'];

/**
 * The notes the officer's strip holds come from the notice: a sample sign clip (this build's
 * clip is the project's sample), and a notice in a draft language other than the officer's. Every
 * case has a voice for the audio and a device that vibrates, so no other note appears.
 */
const CASES: Array<{ notes: number; formats: Format[]; otherLanguage: boolean }> = [
  { notes: 0, formats: ALL_FORMATS.filter((f) => f !== 'bsl'), otherLanguage: false },
  { notes: 1, formats: ALL_FORMATS, otherLanguage: false },
  { notes: 2, formats: ALL_FORMATS, otherLanguage: true },
];

const RUNS = [
  { size: { width: 320, height: 256 }, langs: ['en-GB', 'ar'] },
  { size: { width: 1024, height: 768 }, langs: ['en-GB'] },
];

for (const { size, langs } of RUNS) {
  for (const lang of langs) {
    for (const { notes, formats, otherLanguage } of CASES) {
      test(`focus is never hidden on the notice at ${size.width}×${size.height}, ${lang}, with ${notes} officer note${notes === 1 ? '' : 's'}`, async ({
        page,
      }) => {
        await page.setViewportSize(size);
        await recordEvents(page);
        await mockSpeech(page, LOCALES);
        await mockVibration(page, true);
        await page.goto(`/?lang=${lang}`);
        const show = page.getByRole('button', { name: t(lang, 'kiosk:home.show') });
        await expect(show).toBeVisible();
        await chooseFormats(page, formats, lang);
        const noticeLang = otherLanguage ? (lang === 'en-GB' ? 'pl' : 'en-GB') : lang;
        if (otherLanguage) {
          await page
            .getByRole('button', { name: noticeLang === 'pl' ? 'Polski' : 'English', exact: true })
            .click();
        }
        await show.click();

        await expect(noticeHeading(page, noticeLang)).toBeFocused();
        await expect.poll(async () => (await events(page, 'fw-notice-shown')).length).toBe(1);
        const strip = page.getByRole('complementary');
        await expect(strip.getByRole('listitem')).toHaveCount(notes);
        if (formats.includes('bsl')) await expect(page.locator('video')).toBeVisible();

        // The heading that took focus, then every stop Tab reaches until it leaves the notice.
        const stops: string[] = [];
        let stop = await focusedStop(page);
        expectUncovered(stop);
        stops.push(stop.name);
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          stop = await focusedStop(page);
          if (!stop) break;
          expectUncovered(stop);
          stops.push(stop.name);
        }
        expect(stop, 'Tab leaves the notice in the end').toBeNull();
        expect(stops.length).toBeGreaterThan(formats.includes('bsl') ? 12 : 6);
        await expect(strip.getByRole('listitem')).toHaveCount(notes);
        test.info().annotations.push({ type: 'focus stops', description: stops.join(' → ') });
      });
    }
  }
}
