import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, unmountAll } from '../../components/shared/test-utils.js';
import { REDUCED_MOTION_ATTRIBUTE } from '../../components/shared/motion.js';
import { LOCALES } from '../i18n/locales.js';
import { i18n, useLocale } from '../i18n/i18n.js';
import labSource from '../../locales/en-GB/lab.json' with { type: 'json' };
import { FORMATS } from '../schema/notice-event.js';
import type { Feedback, SessionReply, TranslationStatus } from '../schema/api.js';
import { ENTRIES, readState, writeState } from './state.js';
import './define.js';

/** Every element matching a selector, through every shadow root under a node. */
function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  const hosts = [...(root instanceof Element ? [root] : []), ...root.querySelectorAll('*')];
  for (const el of hosts) if (el.shadowRoot) found.push(...deepAll<T>(el.shadowRoot, selector));
  return found;
}

function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = deepAll<T>(root, selector)[0];
  if (!el) throw new Error(`Nothing matches ${selector}`);
  return el;
}

function byText<T extends Element = HTMLElement>(root: ParentNode, selector: string, text: string) {
  const el = deepAll<T>(root, selector).find(
    (e) => e.textContent?.replace(/\s+/g, ' ').trim() === text,
  );
  if (!el) throw new Error(`No ${selector} says "${text}"`);
  return el;
}

const until = (check: () => void, timeout = 4000) => vi.waitFor(check, { timeout, interval: 20 });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

interface Call {
  method: string;
  url: URL;
  body?: string;
  headers: Record<string, string>;
}

/** A fake /api; everything else (the media manifest) goes to the real server. */
function fakeApi(
  options: {
    signedIn?: boolean;
    translations?: TranslationStatus[] | null;
    /** Milliseconds from now until the sign-in ends; the server's sessions last 8 hours. */
    endsIn?: number;
    /** The sign-in has ended by the time the first feedback is sent: that POST answers 401. */
    endsBeforeSend?: boolean;
  } = {},
) {
  const calls: Call[] = [];
  const saved: Feedback[] = [];
  const newSession = (): SessionReply => ({
    user: { username: 'ira', role: 'ipag' },
    csrfToken: 'csrf-lab',
    expiresAt: new Date(Date.now() + (options.endsIn ?? 8 * 3_600_000)).toISOString(),
  });
  let session: SessionReply | null = options.signedIn ? newSession() : null;
  let endsBeforeSend = options.endsBeforeSend ?? false;
  const real = window.fetch.bind(window);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), location.origin);
      if (!url.pathname.startsWith('/api/')) return real(input, init);
      const method = init.method ?? 'GET';
      calls.push({
        method,
        url,
        body: init.body as string,
        headers: init.headers as Record<string, string>,
      });
      if (url.pathname === '/api/session' && method === 'POST') {
        session = newSession();
        return json(200, session);
      }
      if (url.pathname === '/api/session' && method === 'DELETE') {
        session = null;
        return new Response(null, { status: 204 });
      }
      if (url.pathname === '/api/session') {
        return session
          ? json(200, session)
          : json(401, { error: { code: 'unauthenticated', message: 'no' } });
      }
      if (url.pathname === '/api/translations') {
        return options.translations === null
          ? json(503, { error: { code: 'unavailable', message: 'down' } })
          : json(200, options.translations ?? []);
      }
      if (url.pathname === '/api/feedback' && method === 'GET') {
        return json(200, { feedback: saved, summary: [] });
      }
      if (url.pathname === '/api/feedback' && method === 'POST') {
        if (endsBeforeSend) {
          endsBeforeSend = false;
          session = null;
          return json(401, { error: { code: 'signed-out', message: 'Nobody is signed in.' } });
        }
        const body = JSON.parse(init.body as string);
        if (body.comment === 'server says no') {
          return json(400, {
            error: { code: 'invalid', message: 'Rating is not allowed', field: 'rating' },
          });
        }
        const entry = { ...body, id: `f${saved.length + 1}`, at: '2026-03-10T10:00:00.000Z' };
        saved.push(entry);
        return json(201, entry);
      }
      return json(404, { error: { code: 'not-found', message: url.pathname } });
    }),
  );
  return { calls };
}

/** Where the lab keeps a tester's unsent answers (src/lab/draft.ts). */
const DRAFTS = 'fw-lab-feedback-drafts';

const start = location.href;
beforeEach(() => history.replaceState(null, '', start));
afterEach(() => {
  sessionStorage.removeItem(DRAFTS);
  unmountAll();
  vi.unstubAllGlobals();
  history.replaceState(null, '', start);
});

async function lab(search = '') {
  history.replaceState(null, '', `/lab${search}`);
  const page = await mount('<fw-lab></fw-lab>');
  await until(() => deep(page, 'h1'));
  return page;
}

const notice = (page: Element) => deep(page, 'fw-notice');

describe('the gallery', () => {
  it('lists every format in every language, and BSL alone', async () => {
    fakeApi();
    const page = await lab();
    expect(ENTRIES).toHaveLength(FORMATS.length * LOCALES.length + 1);
    const cards = deepAll(page, '.card');
    expect(cards).toHaveLength(ENTRIES.length);
    // Each card names its format and language, and its button says which notice it tries.
    const names = deepAll<HTMLButtonElement>(page, '.card button').map((b) =>
      b.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(names).toContain('Try Visual, العربية (Arabic)');
    expect(names).toContain(
      'Try British Sign Language, British Sign Language alone (no written language)',
    );
    expect(new Set(names).size).toBe(names.length);
    expect(deep(page, '[role=status]').textContent).toContain(
      `Showing ${ENTRIES.length} of ${ENTRIES.length} notices`,
    );
  });

  it("shows each language's review status from the server, and the sample-clip flag on BSL", async () => {
    fakeApi({ translations: [{ tag: 'cy', status: 'reviewed', changedBy: 'r', changedAt: null }] });
    const page = await lab();
    await until(() => {
      const welsh = deepAll(page, '.card').find(
        (c) => c.textContent!.includes('Visual') && c.textContent!.includes('Cymraeg'),
      )!;
      expect(welsh.textContent).toContain('Reviewed translation');
    });
    const bsl = deepAll(page, '.card').find((c) =>
      c.textContent!.includes('British Sign Language alone'),
    )!;
    await until(() => expect(bsl.textContent).toContain('Sample sign clip'));
  });

  it('falls back to the statuses in locales/index.json when the server cannot say', async () => {
    fakeApi({ translations: null });
    const page = await lab();
    await until(() => expect(deep(page, '.hint').textContent).toBeTruthy());
    await until(() =>
      expect(page.shadowRoot!.textContent).toContain("the server's could not be read"),
    );
    expect(page.shadowRoot!.textContent).toContain('Draft translation');
  });

  it('filters by format and by language name in any script', async () => {
    fakeApi();
    const page = await lab();
    const select = deep<HTMLSelectElement>(page, '#filter-format');
    select.value = 'bsl';
    select.dispatchEvent(new Event('change'));
    await until(() => expect(deepAll(page, '.card')).toHaveLength(LOCALES.length + 1));
    const text = deep<HTMLInputElement>(page, '#filter-text');
    text.value = 'العربية';
    text.dispatchEvent(new Event('input'));
    await until(() => expect(deepAll(page, '.card')).toHaveLength(1));
    expect(deep(page, '[role=status]').textContent).toContain('Showing 1 of');
  });
});

describe('language and direction', () => {
  it("marks its words as the page's language, and as English where a language lacks the lab", async () => {
    fakeApi();
    await useLocale('ar');
    try {
      const page = await lab('?lang=ar');
      await until(() => expect(page.getAttribute('lang')).toBe('ar'));
      // A locale without lab strings falls back to English, and says so to assistive technology.
      const bundle = i18n.getResourceBundle('ar', 'lab') as object;
      i18n.removeResourceBundle('ar', 'lab');
      try {
        (page as HTMLElement & { requestUpdate(): void }).requestUpdate();
        await until(() => expect(page.getAttribute('lang')).toBe('en-GB'));
      } finally {
        i18n.addResourceBundle('ar', 'lab', bundle);
      }
    } finally {
      await useLocale('en-GB');
    }
  });

  it('lays out right to left in a right-to-left language', async () => {
    fakeApi();
    // Stands in for a translated lab.json, so the layout can be checked before one exists.
    i18n.addResourceBundle('ar', 'lab', labSource);
    await useLocale('ar');
    try {
      const page = await lab('?lang=ar');
      await until(() => expect(page.getAttribute('lang')).toBe('ar'));
      expect(getComputedStyle(page).direction).toBe('rtl');
      const card = deep(page, '.card').getBoundingClientRect();
      const button = deep(page, '.card button').getBoundingClientRect();
      // The button starts at the card's start, which is its right in Arabic.
      expect(card.right - button.right).toBeLessThan(card.width / 4);
      expect(button.left - card.left).toBeGreaterThan(card.width / 2);
    } finally {
      i18n.removeResourceBundle('ar', 'lab');
      await useLocale('en-GB');
    }
  });
});

describe('trying a notice', () => {
  it('opens the notice from the address, as the kiosk presents it', async () => {
    fakeApi();
    const page = await lab('?format=bsl&notice-lang=ar');
    const el = notice(page);
    expect(el.getAttribute('lang')).toBe('ar');
    expect((el as unknown as { formats: string[] }).formats).toEqual(['bsl']);
    expect(deep(page, '#preview-heading').textContent).toContain(
      'British Sign Language, العربية (Arabic)',
    );
  });

  it('puts the notice chosen with Try in the address, keeping the page language', async () => {
    fakeApi();
    const page = await lab('?lang=en-GB');
    byText(page, '.card button', 'Try Easy Read, Polski (Polish)').click();
    await until(() => expect(notice(page).getAttribute('lang')).toBe('pl'));
    const params = new URLSearchParams(location.search);
    expect(params.get('format')).toBe('easy-read');
    expect(params.get('notice-lang')).toBe('pl');
    expect(params.get('lang')).toBe('en-GB');
    // Focus moves to the preview, so a screen reader hears what opened.
    expect(page.shadowRoot!.activeElement?.id).toBe('preview-heading');
  });

  it('keeps the conditions in the address and reads them back', () => {
    const state = readState(
      '?format=audio&notice-lang=fr&sim=muted+blur&vision=tritanopia&zoom=400',
    );
    expect(state.entry).toEqual({ format: 'audio', lang: 'fr' });
    expect([...state.sim.toggles]).toEqual(['muted', 'blur']);
    expect(state.sim.vision).toBe('tritanopia');
    expect(state.sim.zoom).toBe('400');
    expect(readState(writeState(state, '?lang=ar'))).toEqual(state);
    expect(readState('?format=bogus&notice-lang=xx&zoom=9').entry).toBeNull();
  });
});

describe('the condition simulators', () => {
  const check = async (page: Element, id: string) => {
    deep<HTMLInputElement>(page, `#${id}`).click();
    await (page as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  };

  it('each applies its class to the preview only, and says so in the address', async () => {
    fakeApi();
    const page = await lab('?format=visual&notice-lang=en-GB');
    const cases: Array<[string, string, string]> = [
      ['sim-blur', 'blur', 'sim-blur'],
      ['sim-phone', 'frame', 'sim-phone'],
      ['sim-forced', 'tokens', 'sim-forced'],
      ['vision-protanopia', 'vision', 'vision-protanopia'],
      ['vision-deuteranopia', 'vision', 'vision-deuteranopia'],
      ['vision-tritanopia', 'vision', 'vision-tritanopia'],
      ['vision-achromatopsia', 'vision', 'vision-achromatopsia'],
      ['zoom-200', 'zoom', 'zoom-200'],
      ['zoom-400', 'zoom', 'zoom-400'],
    ];
    for (const [id, wrapper, className] of cases) {
      await check(page, id);
      expect(deep(page, `[data-testid=${wrapper}]`).classList.contains(className)).toBe(true);
    }
    // The filters are real: the colour-vision class points at an SVG filter in the page.
    const vision = deep(page, '[data-testid=vision]');
    expect(getComputedStyle(vision).filter).toContain('fw-lab-achromatopsia');
    expect(deep(page, '#fw-lab-achromatopsia feColorMatrix')).toBeTruthy();
    expect(getComputedStyle(deep(page, '[data-testid=blur]')).filter).toContain('blur');
    expect(getComputedStyle(deep(page, '[data-testid=zoom]')).zoom).toBe('4');
    expect(getComputedStyle(deep(page, '[data-testid=frame]')).width).toBe('320px');
    const params = new URLSearchParams(location.search);
    expect(params.get('sim')).toBe('blur phone forced');
    expect(params.get('vision')).toBe('achromatopsia');
    expect(params.get('zoom')).toBe('400');
    // Forced colours: the notice's own button is drawn in system colours.
    const button = deep(notice(page), 'button.acknowledge');
    expect(getComputedStyle(button).borderColor).toBe(
      (() => {
        const probe = document.createElement('span');
        probe.style.color = 'ButtonText';
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      })(),
    );
    // Unchecking takes it off again.
    await check(page, 'sim-blur');
    expect(deep(page, '[data-testid=blur]').classList.contains('sim-blur')).toBe(false);
  });

  it('reduced motion holds the beacon still and hides its pause button', async () => {
    fakeApi();
    const page = await lab('?format=visual&notice-lang=en-GB');
    await until(() => deep(notice(page), 'fw-beacon'));
    const beacon = deep(notice(page), 'fw-beacon');
    await until(() => expect(deepAll(beacon, 'button')).toHaveLength(1));
    await check(page, 'sim-still');
    expect(deep(page, '[data-testid=tokens]').hasAttribute(REDUCED_MOTION_ATTRIBUTE)).toBe(true);
    await until(() => expect(deepAll(beacon, 'button')).toHaveLength(0));
    const running = beacon.shadowRoot!.getAnimations().filter((a) => a.playState === 'running');
    expect(running).toEqual([]);
    await check(page, 'sim-still');
    await until(() => expect(deepAll(beacon, 'button')).toHaveLength(1));
  });

  it('muted audio mutes the notice’s audio cue', async () => {
    fakeApi();
    const page = await lab('?format=audio&notice-lang=en-GB&sim=muted');
    await until(() => deep(notice(page), 'fw-audio-cue'));
    expect(notice(page).hasAttribute('muted')).toBe(true);
    expect(deep(notice(page), 'fw-audio-cue').hasAttribute('muted')).toBe(true);
    await check(page, 'sim-muted');
    await until(() => expect(deep(notice(page), 'fw-audio-cue').hasAttribute('muted')).toBe(false));
  });
});

describe('what a screen reader would announce', () => {
  it("lists the notice's heading and its I understand button, as text", async () => {
    fakeApi();
    const page = await lab('?format=large-text&notice-lang=en-GB');
    await until(() => expect(deepAll(page, '[data-testid=announce] li').length).toBeGreaterThan(2));
    const items = deepAll(page, '[data-testid=announce] li').map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    const heading = items.findIndex((i) => i === 'heading, level 3: You are being recorded');
    const button = items.findIndex((i) => i === 'button: I understand');
    expect(heading).toBeGreaterThanOrEqual(0);
    expect(button).toBeGreaterThan(heading);
    expect(items).toContain('text: This is a police body-worn camera.');
    // Rendered as text: nothing in the list is markup from the notice.
    expect(deepAll(page, '[data-testid=announce] button')).toEqual([]);
  });

  it('reads the notice in its own language', async () => {
    fakeApi();
    const page = await lab('?format=visual&notice-lang=ar');
    await until(() => expect(deepAll(page, '[data-testid=announce] li').length).toBeGreaterThan(2));
    const heading = deepAll(page, '[data-testid=announce] li').find((li) =>
      li.textContent!.includes('heading'),
    )!;
    expect(heading.querySelector('[lang]')?.getAttribute('lang')).toBe('ar');
  });
});

describe('feedback', () => {
  it('asks for a sign-in when nobody is signed in', async () => {
    fakeApi();
    const page = await lab('?format=visual&notice-lang=en-GB');
    await until(() => byText(page, 'button', 'Sign in to leave feedback'));
    byText(page, 'button', 'Sign in to leave feedback').click();
    await until(() => deep(page, 'fw-review-sign-in'));
    expect(deepAll(page, 'h1').map((h) => h.textContent!.trim())).toEqual([
      'Sign in to the review',
    ]);
  });

  it('checks the form, then sends it with the CSRF token and shows the comment as text', async () => {
    const { calls } = fakeApi({ signedIn: true });
    const page = await lab('?format=bsl&notice-lang=ar');
    await until(() => deep(page, 'fw-lab-feedback'));
    const form = deep(page, 'fw-lab-feedback');
    await until(() => expect(form.shadowRoot!.textContent).toContain('You have not left feedback'));

    byText(form, 'button', 'Send feedback').click();
    await until(() => expect(deepAll(form, '.error-summary a')).toHaveLength(3));
    const summary = deep(form, '.error-summary');
    expect(form.shadowRoot!.activeElement).toBe(summary);
    expect(summary.textContent).toContain('Select whether you understood the notice');
    expect(summary.textContent).toContain('Select a rating from 1 to 5');
    // The summary's link goes to its field.
    deepAll<HTMLAnchorElement>(form, '.error-summary a')[1]!.click();
    expect(form.shadowRoot!.activeElement?.getAttribute('name')).toBe('rating');

    deep<HTMLInputElement>(form, '#understood-partly').click();
    deep<HTMLInputElement>(form, '#rating-4').click();
    const at = deep<HTMLSelectElement>(form, '#assistiveTech');
    at.value = 'screen-reader';
    const comment = deep<HTMLTextAreaElement>(form, '#comment');
    comment.value = 'x'.repeat(1001);
    comment.dispatchEvent(new Event('input'));
    await until(() =>
      expect(deep(form, '#comment-count').textContent).toContain('You have 1 character too many'),
    );
    byText(form, 'button', 'Send feedback').click();
    await until(() =>
      expect(deep(form, '.error-summary').textContent).toContain(
        'Comment must be 1000 characters or fewer',
      ),
    );

    const markup = '<img src=x onerror="window.__pwned=1"> clear but <b>slow</b>';
    comment.value = markup;
    comment.dispatchEvent(new Event('input'));
    byText(form, 'button', 'Send feedback').click();
    await until(() =>
      expect(deep(form, '.sent').textContent).toContain('Your feedback has been sent'),
    );
    const post = calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/feedback')!;
    expect(JSON.parse(post.body!)).toEqual({
      format: 'bsl',
      lang: 'ar',
      understood: 'partly',
      rating: 4,
      assistiveTech: 'screen-reader',
      comment: markup,
    });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-lab');
    expect(deep(form, '.previous .comment').textContent).toBe(markup);
    expect(deepAll(form, '.previous img')).toEqual([]);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("shows the server's field error in the summary, linked to its field", async () => {
    fakeApi({ signedIn: true });
    const page = await lab('?format=visual&notice-lang=cy');
    await until(() => deep(page, 'fw-lab-feedback'));
    const form = deep(page, 'fw-lab-feedback');
    deep<HTMLInputElement>(form, '#understood-yes').click();
    deep<HTMLInputElement>(form, '#rating-5').click();
    deep<HTMLSelectElement>(form, '#assistiveTech').value = 'none';
    const comment = deep<HTMLTextAreaElement>(form, '#comment');
    comment.value = 'server says no';
    byText(form, 'button', 'Send feedback').click();
    await until(() =>
      expect(deep(form, '.error-summary').textContent).toContain('Rating is not allowed'),
    );
    expect(deep(form, '#rating-error').textContent).toContain('Rating is not allowed');
  });
});

/** The element that has focus, through shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Answers every question on the feedback form, as a tester would, with events. */
async function answer(form: Element) {
  deep<HTMLInputElement>(form, '#understood-partly').click();
  deep<HTMLInputElement>(form, '#rating-2').click();
  const at = deep<HTMLSelectElement>(form, '#assistiveTech');
  at.value = 'braille-display';
  at.dispatchEvent(new Event('change', { bubbles: true }));
  const comment = deep<HTMLTextAreaElement>(form, '#comment');
  comment.value = 'The pictures helped; the second sentence was long.';
  comment.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('a sign-in that ends', () => {
  it('keeps the answers when the sign-in has ended on Send, with focus on the alert, and brings them back after signing in again', async () => {
    const { calls } = fakeApi({ signedIn: true, endsBeforeSend: true });
    const page = await lab('?format=easy-read&notice-lang=ar');
    await until(() => deep(page, '#comment'));
    await answer(deep(page, 'fw-lab-feedback'));
    byText(deep(page, 'fw-lab-feedback'), 'button', 'Send feedback').click();

    // The alert takes focus: it does not fall to <body>.
    await until(() => expect(focused()?.id).toBe('session-ended'));
    const alert = deep(page, '#session-ended');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Your sign-in has ended');
    expect(alert.textContent).toContain('Your answers have been kept');

    byText(page, 'button', 'Sign in to leave feedback').click();
    await until(() => deep(page, '#username'));
    const signIn = deep(page, 'fw-review-sign-in');
    deep<HTMLInputElement>(signIn, '#username').value = 'ira';
    deep<HTMLInputElement>(signIn, '#password').value = 'secret';
    byText(signIn, 'button', 'Sign in').click();

    await until(() =>
      expect(deep<HTMLInputElement>(page, '#understood-partly').checked).toBe(true),
    );
    const form = deep(page, 'fw-lab-feedback');
    expect(deep<HTMLInputElement>(form, '#rating-2').checked).toBe(true);
    expect(deep<HTMLSelectElement>(form, '#assistiveTech').value).toBe('braille-display');
    expect(deep<HTMLTextAreaElement>(form, '#comment').value).toBe(
      'The pictures helped; the second sentence was long.',
    );

    // Sent this time: the draft goes with it.
    byText(form, 'button', 'Send feedback').click();
    await until(() => expect(deep(form, '.sent').textContent).toContain('has been sent'));
    const sent = calls.filter((c) => c.method === 'POST' && c.url.pathname === '/api/feedback');
    expect(JSON.parse(sent.at(-1)!.body!)).toMatchObject({
      format: 'easy-read',
      lang: 'ar',
      understood: 'partly',
      rating: 2,
      assistiveTech: 'braille-display',
      comment: 'The pictures helped; the second sentence was long.',
    });
    expect(sessionStorage.getItem(DRAFTS)).toBeNull();
  });

  it('keeps only the answers in the draft, and drops it on signing out', async () => {
    fakeApi({ signedIn: true });
    const page = await lab('?format=visual&notice-lang=pl');
    await until(() => deep(page, '#comment'));
    await answer(deep(page, 'fw-lab-feedback'));
    const stored = sessionStorage.getItem(DRAFTS)!;
    expect(JSON.parse(stored)).toEqual({
      'visual pl': {
        understood: 'partly',
        rating: '2',
        assistiveTech: 'braille-display',
        comment: 'The pictures helped; the second sentence was long.',
      },
    });
    expect(stored).not.toContain('ira');
    byText(page, 'button', 'Sign out').click();
    await until(() => byText(page, 'button', 'Sign in to leave feedback'));
    expect(sessionStorage.getItem(DRAFTS)).toBeNull();
  });

  it('warns, as an alert saying when, in the last ten minutes of a sign-in', async () => {
    fakeApi({ signedIn: true, endsIn: 5 * 60_000 });
    const page = await lab('?format=visual&notice-lang=en-GB');
    await until(() => deep(page, '#session-ending'));
    const warning = deep(page, '#session-ending');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toMatch(/Your sign-in ends at \d{1,2}:\d{2}/);
    expect(warning.textContent).toContain('your answers are kept');
  });

  it('warns when the last ten minutes begin, on a page already open', async () => {
    // Two seconds before the warning is due: it comes by itself, with nothing pressed.
    fakeApi({ signedIn: true, endsIn: 10 * 60_000 + 2000 });
    const page = await lab('?format=visual&notice-lang=en-GB');
    await until(() => deep(page, '#comment'));
    await until(() => deep(page, '#session-ending'), 10_000);
  });

  it('gives no warning early in a sign-in', async () => {
    fakeApi({ signedIn: true });
    const page = await lab('?format=visual&notice-lang=en-GB');
    await until(() => deep(page, '#comment'));
    expect(deepAll(page, '#session-ending')).toEqual([]);
  });
});

describe('endonyms', () => {
  /** The element a piece of text is in, and the language that element is marked with. */
  const langOf = (root: Element, text: string) => {
    const span = deepAll(root, 'span').find((s) => s.textContent === text);
    return span && { lang: span.closest('[lang]')?.getAttribute('lang'), dir: span.dir };
  };

  it("marks each endonym with its language and direction: Try buttons, the preview's heading, the feedback form", async () => {
    fakeApi({ signedIn: true });
    const page = await lab('?format=easy-read&notice-lang=ar');
    for (const locale of LOCALES) {
      const button = byText(
        page,
        '.card button',
        `Try Visual, ${locale.endonym}${locale.endonym === locale.name ? '' : ` (${locale.name})`}`,
      );
      expect(langOf(button, locale.endonym), locale.tag).toEqual({
        lang: locale.tag,
        dir: locale.dir,
      });
    }
    expect(langOf(deep(page, '#preview-heading'), 'العربية')).toEqual({ lang: 'ar', dir: 'rtl' });
    await until(() => deep(page, '.about'));
    const about = deep(page, '.about');
    expect(about.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Your feedback on: Easy Read, العربية (Arabic)',
    );
    expect(langOf(about, 'العربية')).toEqual({ lang: 'ar', dir: 'rtl' });
  });
});

describe('target sizes', () => {
  it('draws checkboxes and radios as 40 px boxes with a 44 px label, and stand-alone links 44 px high', async () => {
    fakeApi();
    const page = await lab('?format=visual&notice-lang=en-GB');
    for (const input of deepAll<HTMLInputElement>(page, '.choice input')) {
      const box = input.getBoundingClientRect();
      expect([box.width, box.height], input.id).toEqual([40, 40]);
      expect(input.labels![0]!.getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
    }
    for (const link of deepAll(page, '.links a'))
      expect(link.getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
  });
});
