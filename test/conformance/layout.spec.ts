import { expect, test, type Page } from '@playwright/test';
import { LAYOUT_LOCALES, PAGES, VIEWPORTS, walk } from './fixtures.js';

/**
 * Layout checks on every state of every page (fixtures.ts), left to right and right to left:
 * - reflow (WCAG 1.4.10): no horizontal scrolling at 320 CSS px, nor at the other VIEWPORTS;
 * - target size: at least the page's minTarget (48 px on the kiosk, 44 px in the lab, WCAG 2.5.5,
 *   24 px elsewhere, WCAG 2.5.8), at every viewport;
 * - text spacing (WCAG 1.4.12): with the text-spacing bookmarklet's styles applied in the
 *   document and in every shadow root, no text is clipped, and no control's text spills out of
 *   the control (overflow that nothing clips, or that a scroll box clips on its start side).
 */

/**
 * Controls smaller than `min` in either direction, shadow roots included, less WCAG 2.5.8's
 * exceptions that can be measured (at 24 px, WCAG's own size): a link inline in a block of text,
 * and an undersized target with room around it (a 24 px square on its centre touches no other
 * target).
 */
function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minimum) => {
    const targets: Array<{ el: HTMLElement; box: DOMRect }> = [];
    // A link in a sentence or block of text: its size is set by the line height.
    const inline = (el: HTMLElement) => {
      if (el.localName !== 'a') return false;
      const block = el.closest('p, li, td, th, dd, figcaption, caption');
      return Boolean(block && (block.textContent ?? '').trim() !== (el.textContent ?? '').trim());
    };
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>(
        'button, a[href], select, input:not([type="hidden"]), summary, [role="button"], [tabindex="0"]',
      )) {
        const box = el.getBoundingClientRect();
        // The skip link is off screen until focused; when focused it is full width.
        if (!box.width || !box.height || el.classList.contains('skip-link')) continue;
        targets.push({ el, box });
      }
      for (const host of root.querySelectorAll('*')) if (host.shadowRoot) visit(host.shadowRoot);
    };
    visit(document);

    const found: string[] = [];
    for (const { el, box } of targets) {
      // A native checkbox or radio counts its label as part of the target.
      const label = (el as HTMLInputElement).labels?.[0]?.getBoundingClientRect();
      const width = Math.max(box.width, label?.width ?? 0);
      const height = Math.max(box.height, label?.height ?? 0);
      if (width >= minimum - 0.5 && height >= minimum - 0.5) continue;
      // The kiosk's 48 px is the product's own rule, for gloves and rain: no exceptions there.
      // WCAG 2.5.5 (44 px, AAA) and 2.5.8 (24 px) both exempt a link inside a sentence; only
      // 2.5.8 exempts a small target with room around it.
      const kiosk = minimum >= 48;
      const wcagOnly = minimum <= 24;
      if (!kiosk && inline(el)) continue;
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const half = minimum / 2;
      const crowded = targets.some(
        (other) =>
          other.el !== el &&
          !other.el.contains(el) &&
          !el.contains(other.el) &&
          other.box.left < cx + half &&
          other.box.right > cx - half &&
          other.box.top < cy + half &&
          other.box.bottom > cy - half,
      );
      if (wcagOnly && !crowded) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
      found.push(`${el.localName} "${name}" ${Math.round(width)}×${Math.round(height)}`);
    }
    return found;
  }, min);
}

for (const fixture of PAGES) {
  for (const lang of LAYOUT_LOCALES) {
    test(`reflow and targets: ${fixture.path}, ${lang}`, async ({ page }) => {
      const problems: string[] = [];
      await walk(page, fixture, lang, async (state) => {
        for (const size of VIEWPORTS) {
          await page.setViewportSize(size);
          const where = `${state} at ${size.width}×${size.height}`;
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (overflow > 0) problems.push(`reflow: ${where} scrolls ${overflow} px sideways`);
          for (const small of await smallTargets(page, fixture.minTarget))
            problems.push(`target under ${fixture.minTarget} px: ${where}: ${small}`);
        }
        await page.setViewportSize(VIEWPORTS[0]!);
      });
      expect(problems).toEqual([]);
    });

    test(`text spacing: ${fixture.path}, ${lang}`, async ({ page }) => {
      const problems: string[] = [];
      await page.setViewportSize(VIEWPORTS[0]!);
      await walk(page, fixture, lang, async (state) => {
        for (const clipped of await clippedText(page)) problems.push(`${state}: ${clipped}`);
      });
      expect(problems).toEqual([]);
    });
  }
}

/**
 * Applies the WCAG 1.4.12 spacing (the bookmarklet's values) to the document and every shadow
 * root, then lists every element whose text no longer fits: overflow hidden or clip with more
 * content than room, an ellipsis with no full text in its accessible name or title, or a
 * control (a button, a link, a summary) whose text lies outside its box. The last is measured from
 * the text's own rectangles: text that overflows a button with `overflow: visible` is not clipped
 * by the button, and the language tiles' "Українська" spilled out that way, into the scrolling
 * list, which cut off its first letter where no scrolling reaches (an `auto` overflow, which the
 * overflow test above does not count as clipping).
 */
async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const css = `* {
      line-height: 1.5 !important;
      letter-spacing: 0.12em !important;
      word-spacing: 0.16em !important;
    }
    p { margin-block-end: 2em !important; }`;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const roots: Array<Document | ShadowRoot> = [];
    const collect = (root: Document | ShadowRoot) => {
      roots.push(root);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
    };
    collect(document);
    for (const root of roots) {
      if (!root.adoptedStyleSheets.includes(sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

    const found: string[] = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el instanceof SVGElement || el.localName === 'video' || el.localName === 'canvas')
          continue;
        const text = (el.textContent ?? '').trim();
        if (!text) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        // Visually hidden text for screen readers is clipped on purpose; it is not lost.
        if (el.clientWidth <= 1 || el.clientHeight <= 1 || style.clip !== 'auto') continue;
        if (style.clipPath !== 'none') continue;
        const hides = (v: string) => v === 'hidden' || v === 'clip';
        const clipsX = hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        const clipsY = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
        const ellipsis =
          style.textOverflow === 'ellipsis' &&
          el.scrollWidth > el.clientWidth + 1 &&
          !(el.title || el.getAttribute('aria-label') || '').includes(text);
        if (clipsX || clipsY || ellipsis) {
          const what = ellipsis ? 'cut short with an ellipsis' : 'clipped';
          found.push(
            `${el.localName}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${text.slice(0, 40)}" is ${what} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
          );
        }
      }
    }

    for (const root of roots) {
      for (const control of root.querySelectorAll<HTMLElement>(
        'button, a[href], [role="button"], summary',
      )) {
        if (!control.clientWidth || !control.clientHeight) continue;
        const box = control.getBoundingClientRect();
        const inside = {
          left: box.left + control.clientLeft,
          top: box.top + control.clientTop,
          right: box.left + control.clientLeft + control.clientWidth,
          bottom: box.top + control.clientTop + control.clientHeight,
        };
        const texts = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          const text = (node.textContent ?? '').trim();
          if (!text) continue;
          // Text hidden on purpose (visually hidden, or clipped away) has no place on screen.
          let hidden = false;
          for (let el = node.parentElement; el && el !== control; el = el.parentElement) {
            const style = getComputedStyle(el);
            if (style.clipPath !== 'none' || style.clip !== 'auto' || style.position === 'absolute')
              hidden = true;
          }
          if (hidden) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const out = Math.max(
            0,
            ...[...range.getClientRects()].map((line) =>
              Math.max(
                inside.left - line.left,
                line.right - inside.right,
                inside.top - line.top,
                line.bottom - inside.bottom,
              ),
            ),
          );
          if (out > 1) {
            const name = (control.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
            found.push(
              `${control.localName} "${name}": "${text.slice(0, 40)}" spills ${Math.ceil(out)} px out of it`,
            );
          }
        }
      }
    }
    return found;
  });
}
