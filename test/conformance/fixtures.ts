/**
 * The conformance gate's one fixtures list: every page, how to open it signed in as whom, what to
 * wait for, and the states a person moves through on it; every locale; every theme. Each check in
 * this folder iterates these lists, so a page, state, locale or theme added here is checked the
 * day it is added. See README.md for the checks and for which subset `npm test` runs.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { makeBundle, makeChain, testKeys } from '../log-fixtures.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { t } from '../e2e/helpers.js';
import type { SessionReply } from '../../src/schema/api.js';

const index = JSON.parse(
  readFileSync(new URL('../../locales/index.json', import.meta.url), 'utf8'),
) as { locales: Array<{ tag: string; dir: 'ltr' | 'rtl' }> };

/** Every locale the product offers, from locales/index.json. */
export const LOCALES: string[] = index.locales.map((l) => l.tag);

export function dirOf(lang: string): 'ltr' | 'rtl' {
  return index.locales.find((l) => l.tag === lang)?.dir ?? 'ltr';
}

export interface Theme {
  name: string;
  /**
   * Puts the open page in this theme, in place: every theme is CSS over the same DOM (light-dark(),
   * `data-theme`, forced colours), so one walk through a page's states checks every theme, without
   * loading the page again for each. Each call sets the whole theme, whichever came before.
   */
  apply: (page: Page) => Promise<void>;
}

/** `data-theme` on <html>, as the kiosk's theme switch (src/app/theme.ts) sets it. */
function dataTheme(page: Page, theme: string | null): Promise<void> {
  return page.evaluate((value) => {
    if (value) document.documentElement.dataset.theme = value;
    else delete document.documentElement.dataset.theme;
  }, theme);
}

export const THEMES: Theme[] = [
  {
    name: 'light',
    apply: async (page) => {
      await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
      await dataTheme(page, null);
    },
  },
  {
    name: 'dark',
    apply: async (page) => {
      await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'none' });
      await dataTheme(page, null);
    },
  },
  {
    name: 'high contrast',
    apply: async (page) => {
      await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
      await dataTheme(page, 'contrast');
    },
  },
  {
    name: 'forced colours',
    apply: async (page) => {
      await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
      await dataTheme(page, null);
    },
  },
];

/** A state of a page a person reaches from the one before (the first is the page as opened). */
export interface PageState {
  name: string;
  enter: (page: Page, lang: string) => Promise<void>;
  /**
   * Where this state differs from the one before, as a path through shadow roots (axe's
   * `fromShadowDom`): a modal dialog opened over a view already checked. Checks that look at
   * the whole page (axe) look only there. Without it, the whole page changed.
   */
  changed?: [string, string, ...string[]];
}

export interface PageFixture {
  path: string;
  /**
   * Minimum target size in CSS px: 48 on the kiosk (gloves, rain, stress; no exceptions), 44 in
   * the lab (WCAG 2.5.5, AAA: the people who test there may need it most; links inside a
   * sentence exempt), 24 elsewhere (WCAG 2.5.8, with its inline and spacing exceptions).
   */
  minTarget: number;
  /** Opens the page in a locale (signing in and seeding first where the page needs it). */
  open: (page: Page, lang: string) => Promise<void>;
  states: PageState[];
}

// The review's seeded device logs 30 events on 1 January 2026; filtering to that day shows them.
const DAY = 'from=2026-01-01&to=2026-01-01';
let bundle: Promise<string> | undefined;
function deviceLog(): Promise<string> {
  bundle ??= testKeys().then(async (keys) =>
    JSON.stringify(await makeBundle(await makeChain(30, keys), keys)),
  );
  return bundle;
}

/** Signs in as a reviewer through the API (the page shares the cookie) and imports the device log. */
async function signInAndSeed(page: Page): Promise<void> {
  const session = await page.request.post('/api/session', { data: TEST_ACCOUNTS.reviewer });
  expect(session.status()).toBe(200);
  const { csrfToken } = (await session.json()) as SessionReply;
  // Idempotent: every test imports the same log and only the first one adds anything.
  const imported = await page.request.post('/api/import', {
    data: await deviceLog(),
    headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
  });
  expect(imported.status()).toBe(200);
}

/** Signs in as an editor (the page shares the cookie) and adds a sign clip as a draft. */
async function signInWithDraft(page: Page): Promise<void> {
  const session = await page.request.post('/api/session', { data: TEST_ACCOUNTS.editor });
  expect(session.status()).toBe(200);
  const { csrfToken } = (await session.json()) as SessionReply;
  const added = await page.request.post('/api/content', {
    headers: { 'X-CSRF-Token': csrfToken },
    multipart: {
      kind: 'sign',
      lang: 'bfi',
      madeBy: 'human-signer',
      captions: 'WEBVTT\n\n00:00:00.500 --> 00:00:04.500\nThis is a police body-worn camera.\n',
      file: {
        name: 'clip.webm',
        mimeType: 'video/webm',
        buffer: readFileSync(new URL('../fixtures/media/content/clip-5s.webm', import.meta.url)),
      },
    },
  });
  expect(added.status()).toBe(201);
}

async function inLanguage(page: Page, lang: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dirOf(lang));
}

async function reviewReady(page: Page, lang: string): Promise<void> {
  await inLanguage(page, lang);
  const ready = t(lang, 'review:breakdowns.format.title');
  await expect(page.locator('table caption', { hasText: ready }).first()).toBeVisible();
  await expect(page.locator('svg[role="img"]').first()).toBeVisible();
}

const formatButton = (page: Page, lang: string, format: string) =>
  page.getByRole('button', { name: t(lang, `formats.${format}.name`), exact: true });

export const PAGES: PageFixture[] = [
  {
    path: '/',
    minTarget: 48,
    open: async (page, lang) => {
      await page.goto(`/?lang=${lang}`);
      await inLanguage(page, lang);
      await expect(page.getByRole('button', { name: t(lang, 'kiosk:home.show') })).toBeVisible();
    },
    states: [
      { name: 'home', enter: async () => undefined },
      {
        name: '"not possible" dialog',
        changed: ['fw-kiosk', 'dialog[open]'],
        enter: async (page, lang) => {
          await page.getByRole('button', { name: t(lang, 'kiosk:home.notPossible') }).click();
          await expect(page.getByRole('dialog')).toBeVisible();
        },
      },
      {
        name: 'chooser',
        enter: async (page, lang) => {
          await page.keyboard.press('Escape');
          await expect(page.getByRole('dialog')).toBeHidden();
          await page.getByRole('button', { name: t(lang, 'kiosk:home.choose') }).click();
          await expect(
            page.getByRole('button', { name: t(lang, 'kiosk:chooser.back') }),
          ).toBeVisible();
        },
      },
      {
        name: 'notice in every format',
        enter: async (page, lang) => {
          for (const format of ['easy-read', 'bsl', 'audio', 'vibration']) {
            await formatButton(page, lang, format).click();
            await expect(formatButton(page, lang, format)).toHaveAttribute('aria-pressed', 'true');
          }
          await page.getByRole('button', { name: t(lang, 'kiosk:home.show') }).click();
          await expect(
            page.getByRole('heading', { level: 1, name: t(lang, 'heading') }),
          ).toBeVisible();
          await expect(page.locator('video')).toBeVisible();
        },
      },
      {
        name: '"end notice" dialog',
        changed: ['fw-kiosk', 'dialog[open]'],
        enter: async (page, lang) => {
          await page.getByRole('button', { name: t(lang, 'kiosk:notice.officerEnd') }).click();
          await expect(page.getByRole('dialog')).toBeVisible();
        },
      },
    ],
  },
  {
    path: '/review',
    minTarget: 24,
    open: async (page, lang) => {
      await signInAndSeed(page);
      await page.goto(`/review?lang=${lang}&${DAY}`);
      await reviewReady(page, lang);
    },
    states: [{ name: 'signed in as a reviewer', enter: async () => undefined }],
  },
  {
    path: '/review/report',
    minTarget: 24,
    open: async (page, lang) => {
      await signInAndSeed(page);
      await page.goto(`/review/report?lang=${lang}&${DAY}`);
      await reviewReady(page, lang);
    },
    states: [{ name: 'EIA evidence report', enter: async () => undefined }],
  },
  {
    path: '/review/content',
    minTarget: 24,
    open: async (page, lang) => {
      await signInWithDraft(page);
      await page.goto(`/review/content?lang=${lang}`);
      await inLanguage(page, lang);
      await expect(
        page.getByRole('heading', { level: 1, name: t(lang, 'review:library.title') }),
      ).toBeVisible();
      await expect(page.locator('tbody tr').first()).toBeVisible();
    },
    states: [{ name: 'an editor, with a draft to review', enter: async () => undefined }],
  },
  {
    path: '/review/audit',
    minTarget: 24,
    open: async (page, lang) => {
      // A failed sign-in and then the admin's own: the log has entries of both outcomes.
      await page.request.post('/api/session', {
        data: { username: TEST_ACCOUNTS.admin.username, password: 'not the password' },
      });
      const session = await page.request.post('/api/session', { data: TEST_ACCOUNTS.admin });
      expect(session.status()).toBe(200);
      await page.goto(`/review/audit?lang=${lang}`);
      await inLanguage(page, lang);
      await expect(
        page.getByRole('heading', { level: 1, name: t(lang, 'review:audit.heading') }),
      ).toBeVisible();
      await expect(page.locator('tbody tr').first()).toBeVisible();
    },
    states: [{ name: 'an administrator', enter: async () => undefined }],
  },
  {
    // Until the lab lands this is the "page not found" view; it passes or fails honestly after.
    path: '/lab',
    minTarget: 44,
    open: async (page, lang) => {
      await page.goto(`/lab?lang=${lang}`);
      await inLanguage(page, lang);
      await expect(page.locator('h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
    },
    states: [{ name: 'gallery', enter: async () => undefined }],
  },
  {
    path: '/accessibility',
    minTarget: 24,
    open: async (page, lang) => {
      await page.goto(`/accessibility?lang=${lang}`);
      await inLanguage(page, lang);
      // The figures come from the latest audit, fetched after the page is drawn.
      await expect(page.locator('fw-accessibility-statement [data-audit]')).toBeVisible();
    },
    states: [{ name: 'statement', enter: async () => undefined }],
  },
];

/**
 * Opens a page and walks through its states, calling `check` in each one. A failure names the
 * state it was found in.
 */
export async function walk(
  page: Page,
  fixture: PageFixture,
  lang: string,
  check: (state: string, changed?: PageState['changed']) => Promise<void>,
): Promise<void> {
  await fixture.open(page, lang);
  for (const state of fixture.states) {
    await state.enter(page, lang);
    await check(state.name, state.changed);
  }
}

/**
 * The time allowed for a walk that checks `themes` themes at every state: each theme is one more
 * pass over every state. A timeout only catches a hang, so it is generous: on a loaded two-core
 * machine one axe pass over a view took 20–30 s.
 */
export const walkTimeout = (themes: number): number => 30_000 + 30_000 * themes;

/** One walk of the sweep: a page in a locale, checked in each of `themes` at every state. */
export interface SweepCell {
  page: PageFixture;
  lang: string;
  themes: Theme[];
}

/**
 * The locales `npm test` walks in every theme: left to right and right to left. Themes change
 * colours only (no theme rule changes layout, visibility or content), so the colour rules in
 * these two cover every locale.
 */
export const THEME_LOCALES = ['en-GB', 'ar'];

/**
 * The locales `npm test` walks on every page, with the light theme: THEME_LOCALES, a Celtic
 * language with long words, and a CJK script.
 */
export const GATE_LOCALES = [...THEME_LOCALES, 'cy', 'zh-Hans'];

/** `FW_SWEEP=full` (npm run audit) sweeps the full product; otherwise the documented sample. */
export const FULL_SWEEP = process.env.FW_SWEEP === 'full';

/**
 * The rules a theme can change the result of: themes are colours over the same DOM and layout.
 * The light theme runs every WCAG rule; the others run these (all rules in the full sweep).
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * The full sweep is every page × every locale × every theme, every rule. The sample, to keep
 * `npm test` within 10 minutes on two cores (test/conformance/README.md says what each part
 * stands for):
 * - every page × THEME_LOCALES × every theme;
 * - every page × the other GATE_LOCALES, light;
 * - every other locale once, light, on one page in turn (so each page sees a share of them).
 * Themes are switched in place (Theme.apply), so one walk covers all of a cell's themes.
 */
export function sweep(full = FULL_SWEEP): SweepCell[] {
  const cells: SweepCell[] = [];
  const others = LOCALES.filter((lang) => !GATE_LOCALES.includes(lang));
  const light = [THEMES[0]!];
  for (const [p, page] of PAGES.entries()) {
    for (const lang of LOCALES) {
      if (full || THEME_LOCALES.includes(lang)) cells.push({ page, lang, themes: THEMES });
      else if (GATE_LOCALES.includes(lang)) cells.push({ page, lang, themes: light });
      else if (others.indexOf(lang) % PAGES.length === p) cells.push({ page, lang, themes: light });
    }
  }
  return cells;
}

/** Locales the layout checks (reflow, targets, text spacing) run in: left to right and right to left. */
export const LAYOUT_LOCALES = ['en-GB', 'ar'];

/** The CSS px sizes reflow and targets are checked at: WCAG 1.4.10's 320 px, and tablets both ways. */
export const VIEWPORTS = [
  { width: 320, height: 568 },
  { width: 568, height: 320 },
  { width: 768, height: 1024 },
  { width: 1366, height: 1024 },
];

/**
 * Checks that live outside this folder's specs, listed here so the gate's list is complete:
 * `npm test` runs both.
 */
export const OTHER_CHECKS = [
  {
    name: 'no locale leaves a string in English by mistake',
    where: 'scripts/check-locales.mjs (npm test step "locales complete")',
  },
  {
    name: 'component axe sweep over every component fixture',
    where: 'components/*/*.test.ts (npm test step "unit and component tests")',
  },
];

/**
 * Every component's fixtures (components/<name>/<name>.fixtures.ts), each with its address on the
 * examples page: one list, which the examples page draws and the ARIA snapshots read.
 */
export { COMPONENT_FIXTURES, type ComponentFixture } from '../../examples/fixtures.js';
