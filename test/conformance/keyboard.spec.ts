import { expect, test, type Page } from '@playwright/test';
import { events, recordEvents, t } from '../e2e/helpers.js';
import { PAGES } from './fixtures.js';

/**
 * Keyboard-only walkthroughs of the kiosk: Tab, Shift+Tab, Enter and Space, nothing else. Every
 * stop Tab makes must show a focus indicator (an outline, or a box-shadow ring, of at least 2 px)
 * and be inside the viewport.
 */
interface Focused {
  name: string;
  tag: string;
  indicator: string;
  inViewport: boolean;
}

/** The focused element, through shadow roots, with its name and focus indicator. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = el.getAttribute('aria-labelledby');
    const name = (
      el.getAttribute('aria-label') ??
      (labelledBy
        ? labelledBy
            .split(' ')
            .map((id) => root.getElementById(id)?.textContent ?? '')
            .join(' ')
        : el.textContent) ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim();
    const style = getComputedStyle(el);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        ? `outline ${style.outlineWidth}`
        : '';
    // A ring drawn with box-shadow: the largest spread of any shadow, at least 2 px.
    const spreads = [
      ...style.boxShadow.matchAll(/(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px/g),
    ].map((m) => parseFloat(m[4]!));
    const ring = spreads.some((s) => s >= 2) ? `box-shadow ${Math.max(...spreads)}px` : '';
    const box = el.getBoundingClientRect();
    return {
      name,
      tag: el.localName,
      indicator: outline || ring,
      inViewport:
        box.width > 0 &&
        box.top >= -1 &&
        box.left >= -1 &&
        box.bottom <= innerHeight + 1 &&
        box.right <= innerWidth + 1,
    };
  });
}

/** Tabs until the focused element's name is `name`, checking the focus indicator at every stop. */
async function tabTo(page: Page, name: string, stops: string[], max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now) continue;
    const where = `${now.tag} "${now.name}"`;
    stops.push(where);
    expect(now.indicator, `${where} shows where focus is`).not.toBe('');
    expect(now.inViewport, `${where} is scrolled into view`).toBe(true);
    if (now.name === name) return;
  }
  throw new Error(`Tab never reached "${name}"; it stopped at: ${stops.slice(-12).join(', ')}`);
}

const kiosk = PAGES.find((p) => p.path === '/')!;

/**
 * Waits until the notice reports itself shown: it starts its clock after its first paint, and
 * "I understand" pressed before then is not recorded (on a busy machine Tab can get there first).
 */
async function noticeShown(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await events(page, 'fw-notice-shown')).length).toBe(count);
}

for (const size of [
  { width: 1024, height: 768 },
  { width: 320, height: 568 },
]) {
  test(`keyboard: the officer shows a notice and the person says "I understand" (${size.width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const stops: string[] = [];
    await recordEvents(page);
    await kiosk.open(page, 'en-GB');
    await tabTo(page, 'Show notice', stops);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { level: 1, name: t('en-GB', 'heading') }),
    ).toBeVisible();
    await noticeShown(page, 1);
    await tabTo(page, 'I understand', stops);
    await page.keyboard.press(' ');
    await expect(
      page.getByRole('heading', { level: 1, name: t('en-GB', 'kiosk:thanks.heading') }),
    ).toBeVisible();
    test.info().annotations.push({ type: 'keyboard', description: stops.join(' → ') });
  });

  test(`keyboard: the person chooses Easy Read and Cymraeg, then acknowledges (${size.width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const stops: string[] = [];
    await recordEvents(page);
    await kiosk.open(page, 'en-GB');
    await tabTo(page, 'Let them choose', stops);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Back to officer' })).toBeVisible();

    await tabTo(page, 'Cymraeg', stops);
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
    const easyRead = page.getByRole('button', {
      name: t('cy', 'formats.easy-read.name'),
      exact: true,
    });
    // Choosing a language re-renders the chooser in it; Tab on from where focus is.
    await tabTo(page, t('cy', 'formats.easy-read.name'), stops);
    await page.keyboard.press(' ');
    await expect(easyRead).toHaveAttribute('aria-pressed', 'true');

    await tabTo(page, t('cy', 'kiosk:home.show'), stops);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: t('cy', 'heading') })).toBeVisible();
    await noticeShown(page, 1);
    await tabTo(page, t('cy', 'acknowledge'), stops);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { level: 1, name: t('cy', 'kiosk:thanks.heading') }),
    ).toBeVisible();
    test.info().annotations.push({ type: 'keyboard', description: stops.join(' → ') });
  });
}
