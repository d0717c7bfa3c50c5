import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Browser, type BrowserType, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';
import { FORMATS, type Format } from '../../src/schema/notice-event.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const strings = new Map<string, Record<string, unknown>>();

/** A string from the locale files on disk, as the product shows it (no fallback: a test must see gaps). */
export function t(lang: string, key: string): string {
  const [ns, path] = key.includes(':') ? key.split(':') : ['notice', key];
  const file = `${lang}/${ns}`;
  if (!strings.has(file)) {
    strings.set(
      file,
      JSON.parse(readFileSync(new URL(`../../locales/${file}.json`, import.meta.url), 'utf8')),
    );
  }
  let value: unknown = strings.get(file);
  for (const part of path!.split('.'))
    value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`No string ${key} in ${lang}`);
  return value;
}

export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
}

/** Records every Forewarn event the page dispatches, from before the page's own scripts run. */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: Array<{ type: string; detail: unknown }> = [];
    (window as unknown as { __fwEvents: typeof log }).__fwEvents = log;
    for (const type of [
      'fw-notice-shown',
      'fw-notice-ended',
      'fw-notice-not-possible',
      'fw-audio-cue-started',
      'fw-audio-cue-unavailable',
      'fw-haptic-cue-unsupported',
    ]) {
      document.addEventListener(
        type,
        (e) => log.push({ type, detail: (e as CustomEvent).detail }),
        true,
      );
    }
  });
}

export function events(page: Page, type?: string): Promise<RecordedEvent[]> {
  return page.evaluate(
    (wanted) =>
      ((window as unknown as { __fwEvents: RecordedEvent[] }).__fwEvents ?? []).filter(
        (e) => !wanted || e.type === wanted,
      ),
    type,
  );
}

/**
 * Replaces speechSynthesis (headless Chromium has no voices) with one that has the given voices
 * and records what it is asked to say.
 */
export async function mockSpeech(page: Page, voiceLangs: string[]): Promise<void> {
  await page.addInitScript((langs: string[]) => {
    const spoken: Array<{ text: string; lang: string }> = [];
    const voices = langs.map((lang) => ({
      lang,
      name: `Test ${lang}`,
      voiceURI: lang,
      default: false,
      localService: true,
    }));
    // Chromium only accepts its own voice objects on a real utterance, so the utterance is faked too.
    class FakeUtterance extends EventTarget {
      lang = '';
      voice: unknown = null;
      rate = 1;
      pitch = 1;
      volume = 1;
      onstart: ((e: Event) => void) | null = null;
      onend: ((e: Event) => void) | null = null;
      onerror: ((e: Event) => void) | null = null;
      constructor(public text = '') {
        super();
      }
      fire(type: 'start' | 'end') {
        const event = new Event(type);
        (type === 'start' ? this.onstart : this.onend)?.(event);
        this.dispatchEvent(event);
      }
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      value: FakeUtterance,
      configurable: true,
    });
    const queue: FakeUtterance[] = [];
    let speaking = false;
    const next = () => {
      const u = queue.shift();
      speaking = Boolean(u);
      if (!u) return;
      spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => {
        u.fire('start');
        setTimeout(() => {
          u.fire('end');
          next();
        }, 20);
      }, 5);
    };
    const synth = Object.assign(new EventTarget(), {
      getVoices: () => voices,
      speak: (u: FakeUtterance) => {
        queue.push(u);
        if (!speaking) next();
      },
      cancel: () => {
        queue.length = 0;
        speaking = false;
      },
      pause: () => undefined,
      resume: () => undefined,
      get speaking() {
        return speaking;
      },
      get pending() {
        return queue.length > 0;
      },
      paused: false,
      onvoiceschanged: null,
    });
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
  }, voiceLangs);
}

export function spoken(page: Page): Promise<Array<{ text: string; lang: string }>> {
  return page.evaluate(
    () => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken,
  );
}

/** Records vibration patterns, or removes the Vibration API as on iOS and Firefox. */
export async function mockVibration(page: Page, supported: boolean): Promise<void> {
  await page.addInitScript((isSupported: boolean) => {
    const patterns: Array<number | number[]> = [];
    (window as unknown as { __vibrations: typeof patterns }).__vibrations = patterns;
    if (isSupported) {
      Object.defineProperty(Navigator.prototype, 'vibrate', {
        value: (pattern: number | number[]) => {
          patterns.push(pattern);
          return true;
        },
        configurable: true,
      });
    } else {
      delete (Navigator.prototype as unknown as { vibrate?: unknown }).vibrate;
    }
  }, supported);
}

export function vibrations(page: Page): Promise<Array<number | number[]>> {
  return page.evaluate(
    () => (window as unknown as { __vibrations: Array<number | number[]> }).__vibrations,
  );
}

/** Presses and releases the home screen's format buttons until exactly these formats are chosen. */
export async function chooseFormats(page: Page, wanted: Format[], lang = 'en-GB'): Promise<void> {
  for (const format of FORMATS) {
    const button = page.getByRole('button', {
      name: t(lang, `formats.${format}.name`),
      exact: true,
    });
    const pressed = (await button.getAttribute('aria-pressed')) === 'true';
    if (pressed !== wanted.includes(format)) await button.click();
    await expect(button).toHaveAttribute('aria-pressed', String(wanted.includes(format)));
  }
}

/**
 * axe over the open page with the WCAG 2.2 A and AA rules, violations in full (passes count one
 * node per rule, at a fraction of the time). It runs axe.run() in the page itself ("legacy mode"):
 * the default runs each frame on its own and then merges the results in a new blank page, which
 * took two to three times as long on every page here, and is for cross-origin frames, which no
 * page of Forewarn has. A check that looks only at some rules narrows it with `withRules()`.
 */
export function axeBuilder(page: Page): AxeBuilder {
  return new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS);
}

/**
 * Runs axe with the WCAG 2.2 A and AA rules, less `exclude` (a selector for parts checked
 * elsewhere); returns readable violations.
 */
export async function axeViolations(page: Page, exclude?: string): Promise<string[]> {
  const axe = axeBuilder(page);
  if (exclude) axe.exclude(exclude);
  const result = await axe.analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

/** The notice's heading, which takes focus when a notice opens. */
export function noticeHeading(page: Page, lang = 'en-GB') {
  return page.getByRole('heading', { level: 1, name: t(lang, 'heading') });
}

/** Collects every Content-Security-Policy violation the page reports. */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to (CSP ${e.violatedDirective}) ${e.blockedURI} ${e.sourceFile}`),
    );
  });
  return violations;
}

/**
 * Waits until the page has painted what it has, fonts included: two animation frames after the
 * fonts are ready. Anything a click started (a transition, an animation) is running by then.
 */
export function painted(page: Page): Promise<void> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  });
}

/** Resolves once every element on the page, shadow roots included, has drawn itself. */
export async function drawn(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const all = (root: Document | ShadowRoot): Element[] =>
      [...root.querySelectorAll('*')].flatMap((el) =>
        el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el],
      );
    for (const el of all(document))
      await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  });
}

/** Test media made by Debian's ffmpeg (test/fixtures/media/content/make.sh). */
export const contentMedia = (name: string) =>
  fileURLToPath(new URL(`../fixtures/media/content/${name}`, import.meta.url));
/** A 2-second test pattern: the fake camera. */
const CAMERA = contentMedia('camera.y4m');
/** A tone at about −33 LUFS: the fake microphone. */
const MICROPHONE = contentMedia('mic.wav');

/** A browser of its own, whose camera and microphone are the test media. */
export async function withDevices(
  playwright: { chromium: BrowserType },
  run: (browser: Browser) => Promise<void>,
) {
  const options = chromiumLaunchOptions();
  const browser = await playwright.chromium.launch({
    ...options,
    args: [
      ...options.args,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${CAMERA}`,
      `--use-file-for-fake-audio-capture=${MICROPHONE}`,
    ],
  });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

/** The content library, signed in as the editor. */
export async function editorLibrary(page: Page): Promise<void> {
  await page.goto('/review/content');
  await page.getByLabel('Username').fill(TEST_ACCOUNTS.editor.username);
  await page.getByLabel('Password').fill(TEST_ACCOUNTS.editor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Content library' })).toBeVisible();
}

/**
 * As an editor in the content library: records a British Sign Language clip with the camera (a
 * live preview, a countdown, the take played back), times its captions with the helper (Space at
 * each sentence), and adds it as a draft.
 */
export async function recordSignClip(page: Page): Promise<void> {
  await page
    .getByRole('region', { name: 'Add a clip or a recording' })
    .getByLabel('Language')
    .selectOption({ label: 'British Sign Language' });

  // The camera: a live preview, a countdown, the take.
  await page.getByRole('button', { name: 'Record with the camera' }).click();
  const live = page.getByLabel('What the camera sees');
  await expect.poll(() => live.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recording starts in' })).toBeVisible();
  await expect(page.getByText('Recording. Press Stop when you have finished.')).toBeVisible({
    timeout: 10_000,
  });
  await page.waitForTimeout(5_000);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('Recorded. Watch or listen to the take')).toBeVisible();
  const take = page.getByLabel('The take');
  // The duration was written into the WebM, so the player (and the server) know it.
  await expect.poll(() => take.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(4);
  expect(await axeViolations(page)).toEqual([]);
  // A re-take starts again from the countdown; this one is used.
  await page.getByRole('button', { name: 'Use this recording' }).click();
  await expect(page.getByRole('button', { name: 'Record with the camera' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'The recording is the file to add' }),
  ).toBeVisible();

  // The caption-timing helper: the clip plays; Space marks each sentence's start.
  await page.getByText('Time the captions', { exact: true }).click();
  await page.getByRole('button', { name: 'Play the clip and time the captions' }).click();
  const mark = page.getByRole('button', { name: /^Starts now:/ });
  await expect(mark).toBeVisible();
  await mark.focus();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Space');
    await page.waitForTimeout(400);
  }
  await expect(page.getByText('Captions timed: 5 sentences.')).toBeVisible({ timeout: 10_000 });

  await page.getByRole('button', { name: 'Add as a draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added as a draft' })).toHaveText(
    'Added as a draft: Sign-language clip, British Sign Language. Someone else must now review it.',
  );
}
