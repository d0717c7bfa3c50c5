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
import type { Fixture } from '../../components/shared/fixtures.js';
import { fixtures as audioCue } from '../../components/audio-cue/audio-cue.fixtures.js';
import { fixtures as beacon } from '../../components/beacon/beacon.fixtures.js';
import { fixtures as formatPicker } from '../../components/format-picker/format-picker.fixtures.js';
import { fixtures as hapticCue } from '../../components/haptic-cue/haptic-cue.fixtures.js';
import { fixtures as languagePicker } from '../../components/language-picker/language-picker.fixtures.js';
import { fixtures as notice } from '../../components/notice/notice.fixtures.js';
import { fixtures as signVideo } from '../../components/sign-video/sign-video.fixtures.js';
import { fixtures as textNotice } from '../../components/text-notice/text-notice.fixtures.js';

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
  /** Called before the page is opened. */
  setUp: (page: Page) => Promise<void>;
}

export const THEMES: Theme[] = [
  { name: 'light', setUp: (page) => page.emulateMedia({ colorScheme: 'light' }) },
  { name: 'dark', setUp: (page) => page.emulateMedia({ colorScheme: 'dark' }) },
  {
    name: 'high contrast',
    // The kiosk's own theme switch stores this; the page applies it before its first paint.
    setUp: async (page) => {
      await page.addInitScript(() => localStorage.setItem('fw-theme', 'contrast'));
    },
  },
  { name: 'forced colours', setUp: (page) => page.emulateMedia({ forcedColors: 'active' }) },
];

/** A state of a page a person reaches from the one before (the first is the page as opened). */
export interface PageState {
  name: string;
  enter: (page: Page, lang: string) => Promise<void>;
}

export interface PageFixture {
  path: string;
  /** Minimum target size in CSS px: 48 on the kiosk (gloves, rain, stress), 24 elsewhere (WCAG 2.5.8). */
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
        enter: async (page, lang) => {
          await page.getByRole('button', { name: t(lang, 'kiosk:notice.officer') }).click();
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
    // Until the lab lands this is the "page not found" view; it passes or fails honestly after.
    path: '/lab',
    minTarget: 24,
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
  check: (state: string) => Promise<void>,
): Promise<void> {
  await fixture.open(page, lang);
  for (const state of fixture.states) {
    await state.enter(page, lang);
    await check(state.name);
  }
}

/** One cell of the sweep. */
export interface SweepCell {
  page: PageFixture;
  lang: string;
  theme: Theme;
}

/**
 * The locales `npm test` sweeps in every theme: English, a right-to-left script, a Celtic language
 * with long words, and a CJK script.
 */
export const GATE_LOCALES = ['en-GB', 'ar', 'cy', 'zh-Hans'];

/** `FW_SWEEP=full` (npm run audit) sweeps the full product; otherwise the documented sample. */
export const FULL_SWEEP = process.env.FW_SWEEP === 'full';

/**
 * The full sweep is every page × every locale × every theme. The sample, to fit CI's time on two
 * cores: every page × GATE_LOCALES × every theme, plus every other locale once, in the light
 * theme, on one page in turn (so each page sees a share of them).
 */
export function sweep(full = FULL_SWEEP): SweepCell[] {
  const cells: SweepCell[] = [];
  const others = LOCALES.filter((lang) => !GATE_LOCALES.includes(lang));
  for (const [p, page] of PAGES.entries()) {
    for (const lang of LOCALES) {
      for (const theme of THEMES) {
        const sampled = GATE_LOCALES.includes(lang)
          ? true
          : theme === THEMES[0] && others.indexOf(lang) % PAGES.length === p;
        if (full || sampled) cells.push({ page, lang, theme });
      }
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

const COMPONENTS = {
  'fw-audio-cue': audioCue,
  'fw-beacon': beacon,
  'fw-format-picker': formatPicker,
  'fw-haptic-cue': hapticCue,
  'fw-language-picker': languagePicker,
  'fw-notice': notice,
  'fw-sign-video': signVideo,
  'fw-text-notice': textNotice,
};

/** Every component's fixtures list (components/<name>/<name>.fixtures.ts), for the ARIA snapshots. */
export const COMPONENT_FIXTURES: Array<Fixture & { component: string }> = Object.entries(
  COMPONENTS,
).flatMap(([component, list]) => list.map((fixture) => ({ component, ...fixture })));
