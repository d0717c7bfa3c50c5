import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { FORMATS, type Format } from '../../src/schema/notice-event.js';

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
