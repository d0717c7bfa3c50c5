import { expect, test, type Page } from '@playwright/test';
import { events, noticeHeading, recordEvents } from '../e2e/helpers.js';

/**
 * What a screen reader is told without asking: every live region (role status, alert or log, or
 * aria-live), through shadow roots, from before the page's own scripts run. Each entry is numbered
 * in the order it happened, with focus moves among them, so a check can say "the message came
 * after focus reached the heading, in a region that was there before".
 */
interface Said {
  seq: number;
  kind: 'text' | 'focus' | 'mark';
  text: string;
  /** For text: which region said it, the entry number at which that region was first seen, and how loudly. */
  region?: number;
  regionSeen?: number;
  politeness?: 'polite' | 'assertive';
}

async function watchLiveRegions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: Array<Record<string, unknown>> = [];
    (window as unknown as { __fwSaid: typeof said }).__fwSaid = said;
    let seq = 0;
    const roots = new Set<Document | ShadowRoot>([document]);
    const ids = new WeakMap<Element, { id: number; seen: number; text: string }>();
    let nextId = 0;
    const SELECTOR = '[role="status"], [role="alert"], [role="log"], [aria-live]';
    const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

    // Reads every live region's text now; a region is registered empty, so a region that
    // arrives with its message shows as seen and spoken at the same moment.
    const scan = () => {
      for (const root of roots) {
        for (const el of root.querySelectorAll(SELECTOR)) {
          let region = ids.get(el);
          if (!region) {
            region = { id: nextId++, seen: ++seq, text: '' };
            ids.set(el, region);
          }
          const text = squash(el.textContent);
          if (text === region.text) continue;
          region.text = text;
          if (!text) continue;
          const live = el.getAttribute('aria-live');
          said.push({
            seq: ++seq,
            kind: 'text',
            text,
            region: region.id,
            regionSeen: region.seen,
            politeness:
              live === 'assertive' || (!live && el.getAttribute('role') === 'alert')
                ? 'assertive'
                : 'polite',
          });
        }
      }
    };
    const observer = new MutationObserver(scan);
    // Focus moving within one shadow root is not seen outside it (the event's target and related
    // target are the same host there), so every root listens; each move is entered once.
    const moves = new WeakSet<Event>();
    const onFocus = (event: Event) => {
      if (moves.has(event)) return;
      moves.add(event);
      // Text that changed before focus moved is entered first.
      scan();
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      said.push({
        seq: ++seq,
        kind: 'focus',
        text: `${el?.localName} ${squash(el?.textContent ?? '')}`,
      });
    };
    const observe = (root: Document | ShadowRoot) => {
      roots.add(root);
      observer.observe(root, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['role', 'aria-live'],
      });
      root.addEventListener('focusin', onFocus, true);
    };
    observe(document);
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = attachShadow.call(this, init);
      observe(root);
      return root;
    };
    (window as unknown as { __fwMark: (text: string) => void }).__fwMark = (text) => {
      scan();
      said.push({ seq: ++seq, kind: 'mark', text });
    };
  });
}

function said(page: Page): Promise<Said[]> {
  return page.evaluate(() => (window as unknown as { __fwSaid: Said[] }).__fwSaid);
}

/** Notes the present moment in the record, and returns its number. */
async function mark(page: Page, text: string): Promise<number> {
  await page.evaluate(
    (t) => (window as unknown as { __fwMark: (t: string) => void }).__fwMark(t),
    text,
  );
  return (await said(page)).findLast((s) => s.kind === 'mark' && s.text === text)!.seq;
}

/** The log panel has opened the log, read its figures and checked the chain: its load is over. */
async function logPanelSettled(page: Page): Promise<void> {
  await expect(page.getByText(/^Integrity: /)).toBeVisible();
  await page.waitForFunction(
    () => customElements.get('fw-log-panel') && customElements.get('fw-notice'),
  );
}

test('a clean load of the kiosk raises no alert', async ({ page }) => {
  await watchLiveRegions(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  // The late modules (the notice, the log panel, the connection check) have loaded and run.
  await logPanelSettled(page);
  const loud = (await said(page)).filter((s) => s.kind === 'text' && s.politeness === 'assertive');
  expect(loud, 'nothing is announced as an alert while the kiosk loads').toEqual([]);
});

/**
 * The message `text` was said after focus had moved to the heading `heading`, with no focus move
 * after it, in a region on the page since `since`; returns the region.
 */
function saidAfterFocus(record: Said[], text: string, heading: string, since: number): number {
  const message = record.findLast((s) => s.kind === 'text' && s.text === text);
  expect(message, `"${text}" is said`).toBeDefined();
  const story = record
    .filter((s) => s.seq >= since)
    .map((s) => `${s.seq} ${s.kind} ${s.text}`)
    .join('\n');
  const focusBefore = record.findLast((s) => s.kind === 'focus' && s.seq < message!.seq);
  expect(focusBefore?.text, `focus is on the view's heading before "${text}":\n${story}`).toBe(
    heading,
  );
  const focusAfter = record.filter((s) => s.kind === 'focus' && s.seq > message!.seq);
  expect(focusAfter, `focus stays put after "${text}"`).toEqual([]);
  expect(
    message!.regionSeen,
    `"${text}" is said in a region that was on the page before the view changed`,
  ).toBeLessThan(since);
  expect(message!.politeness).toBe('polite');
  return message!.region!;
}

test('"Saved in this device\'s log" is said once focus has settled, in one status region that stays across views', async ({
  page,
}) => {
  await recordEvents(page);
  await watchLiveRegions(page);
  await page.goto('/');
  await logPanelSettled(page);
  const saved = "Saved in this device's log.";

  // The person acknowledges: the thanks view's heading takes focus, then the officer hears the save.
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect(noticeHeading(page)).toBeFocused();
  await expect.poll(async () => (await events(page, 'fw-notice-shown')).length).toBe(1);
  const beforeThanks = await mark(page, 'before thanks');
  await page.getByRole('button', { name: 'I understand' }).click();
  await expect(page.getByRole('status').filter({ hasText: saved })).toBeVisible();
  const region = saidAfterFocus(await said(page), saved, 'h1 Thank you', beforeThanks);

  // The officer ends the next notice: home's heading takes focus, then the same region speaks.
  await page.getByRole('button', { name: 'Back to start' }).click();
  await expect(page.getByRole('status').filter({ hasText: saved })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect.poll(async () => (await events(page, 'fw-notice-shown')).length).toBe(2);
  await page.getByRole('button', { name: 'Officer: end notice' }).click();
  const beforeHome = await mark(page, 'before home');
  await page.getByRole('dialog').getByRole('button', { name: 'End notice' }).click();
  await expect(page.getByRole('status').filter({ hasText: saved })).toBeVisible();
  const record = await said(page);
  expect(saidAfterFocus(record, saved, 'h1 Recording notice', beforeHome)).toBe(region);

  // "Not possible" is said in the same region, once the dialog has given focus back.
  await page.getByRole('button', { name: 'Notice not possible' }).click();
  const beforeRecorded = await mark(page, 'before recorded');
  await page.getByRole('dialog').getByRole('button', { name: 'Person left' }).click();
  const recorded = 'Recorded: notice not possible (Person left).';
  await expect(page.getByRole('status').filter({ hasText: recorded })).toBeVisible();
  expect(
    saidAfterFocus(await said(page), recorded, 'button Notice not possible', beforeRecorded),
  ).toBe(region);
});
