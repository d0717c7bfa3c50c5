import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { t } from '../e2e/helpers.js';
import { PAGES, THEMES } from './fixtures.js';

/**
 * The focus indicator's colours, read from the rendered page (WCAG 2.4.13, and 1.4.11 for the
 * indicator itself): on the kiosk, each kind of control is focused from the keyboard and
 * screenshotted focused and not, and on each side a line of pixels is read outward from the
 * control's edge. On every side:
 * - the indicator stands apart from the control: the first pixel outside the control contrasts
 *   at least 3:1 with the control's own edge (a white ring on a yellow control does not);
 * - the indicator changes the page: at least 2 px in a row differ by 3:1 or more between the
 *   focused and unfocused states (a black halo on a black page does not).
 */

/** How far out from the control's edge the pixels are read: past the ring, short of neighbours. */
const REACH = 12;

type Rgb = [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (c: Rgb) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

/** Focuses a control as a keyboard user does, so `:focus-visible` applies. */
async function focusFromKeyboard(page: Page, control: Locator): Promise<void> {
  await control.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect.poll(() => control.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
}

interface Side {
  side: string;
  /** Contrast between the control's edge and the first pixel outside it, focused. */
  apart: number;
  /** The longest run of pixels outside the control that focus changed by 3:1 or more. */
  changed: number;
  colours: string;
}

/** Reads the focus indicator around a control on each of its four sides. */
async function indicator(page: Page, control: Locator): Promise<Side[]> {
  await page.mouse.move(0, 0);
  await control.scrollIntoViewIfNeeded();
  await focusFromKeyboard(page, control);
  const box = (await control.boundingBox())!;
  const clip = {
    x: Math.floor(box.x) - REACH,
    y: Math.floor(box.y) - REACH,
    width: Math.ceil(box.width) + 2 * REACH,
    height: Math.ceil(box.height) + 2 * REACH,
  };
  const shot = async () =>
    PNG.sync.read(await page.screenshot({ clip, animations: 'disabled', caret: 'hide' }));
  const focused = await shot();
  await control.evaluate((el) => (el as HTMLElement).blur());
  const unfocused = await shot();
  const pixel = (png: PNG, x: number, y: number): Rgb => {
    const i = (png.width * (y - clip.y) + (x - clip.x)) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };

  const midX = Math.round(box.x + box.width / 2);
  const midY = Math.round(box.y + box.height / 2);
  const [right, bottom] = [box.x + box.width, box.y + box.height];
  // Each side: the last pixel wholly inside the control's edge, the first wholly outside it (a
  // box may start part way through a pixel, which then holds both), and the way outward.
  const sides = [
    {
      side: 'left',
      inside: [Math.ceil(box.x), midY],
      out: [Math.floor(box.x) - 1, midY],
      step: [-1, 0],
    },
    {
      side: 'right',
      inside: [Math.floor(right) - 1, midY],
      out: [Math.ceil(right), midY],
      step: [1, 0],
    },
    {
      side: 'top',
      inside: [midX, Math.ceil(box.y)],
      out: [midX, Math.floor(box.y) - 1],
      step: [0, -1],
    },
    {
      side: 'bottom',
      inside: [midX, Math.floor(bottom) - 1],
      out: [midX, Math.ceil(bottom)],
      step: [0, 1],
    },
  ] as const;
  return sides.map(({ side, inside: [ix, iy], out: [ox, oy], step: [dx, dy] }) => {
    const inside = pixel(focused, ix, iy);
    const ray = Array.from({ length: REACH - 2 }, (_, i) => [ox + dx * i, oy + dy * i]);
    const after = ray.map(([x, y]) => pixel(focused, x!, y!));
    const before = ray.map(([x, y]) => pixel(unfocused, x!, y!));
    let run = 0;
    let changed = 0;
    for (const [i, colour] of after.entries()) {
      run = contrast(colour, before[i]!) >= 3 ? run + 1 : 0;
      changed = Math.max(changed, run);
    }
    return {
      side,
      apart: contrast(inside, after[0]!),
      changed,
      colours: [inside, ...after].map(hex).join(' '),
    };
  });
}

const kiosk = PAGES.find((p) => p.path === '/')!;
const lang = 'en-GB';

/** One control of each kind on the kiosk's home: yellow when pressed or primary, black otherwise. */
const CONTROLS: Array<{ kind: string; find: (page: Page) => Locator }> = [
  {
    kind: 'primary button ("Show notice")',
    find: (page) => page.getByRole('button', { name: t(lang, 'kiosk:home.show') }),
  },
  {
    kind: 'pressed button (a circumstance)',
    find: (page) =>
      page.getByRole('button', { name: t(lang, 'kiosk:circumstances.arrest'), pressed: true }),
  },
  {
    kind: 'button (a circumstance)',
    find: (page) => page.getByRole('button', { name: t(lang, 'kiosk:circumstances.domestic') }),
  },
  {
    kind: 'pressed language tile',
    find: (page) => page.getByRole('button', { name: 'English', exact: true, pressed: true }),
  },
  {
    kind: 'language tile',
    find: (page) => page.getByRole('button', { name: 'Cymraeg', exact: true }),
  },
  { kind: 'search box', find: (page) => page.getByRole('searchbox') },
  {
    kind: 'select (officer language)',
    find: (page) => page.getByRole('combobox', { name: t(lang, 'kiosk:settings.officerLanguage') }),
  },
];

for (const themeName of ['high contrast', 'light']) {
  const theme = THEMES.find((th) => th.name === themeName)!;
  test(`the focus indicator stands apart from each control and from the page: kiosk, ${themeName}`, async ({
    page,
  }) => {
    await kiosk.open(page, lang);
    await page.getByRole('button', { name: t(lang, 'kiosk:circumstances.arrest') }).click();
    await theme.apply(page);
    const problems: string[] = [];
    for (const { kind, find } of CONTROLS) {
      for (const s of await indicator(page, find(page))) {
        const where = `${kind}, ${s.side} (${s.colours})`;
        if (s.apart < 3)
          problems.push(`${where}: the indicator is ${s.apart.toFixed(2)}:1 against the control`);
        if (s.changed < 2)
          problems.push(`${where}: focus changes only ${s.changed} px of the page by 3:1`);
      }
    }
    expect(problems).toEqual([]);
  });
}
