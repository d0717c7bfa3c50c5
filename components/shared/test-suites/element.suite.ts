/**
 * What every `fw-` element must do, written once. Each element's browser test calls
 * `runElementSuite` with its own tag, fixtures and triggers, as every Lion button variant calls
 * `test-suites/LionButton.suite.js` with its own class:
 *
 * - each fixture renders in its language and passes axe (WCAG 2.2 A and AA);
 * - a fixture with its own `lang` lays out in that language's direction, right to left in Arabic;
 * - a bad attribute value throws an FwConfigError naming the element and the attribute;
 * - under `prefers-reduced-motion: reduce` nothing moves: no running animation or transition, no
 *   video that starts by itself;
 * - in forced colours every fixture stays legible: axe passes with the system palette, no part
 *   opts out of forced colours with colours of its own, and keyboard focus shows as an outline;
 * - every event it fires (each `@fires` in its JSDoc, read from custom-elements.json) bubbles, is
 *   composed, and carries an object detail with the documented fields.
 *
 * The assertions are exported too (`expectDirection`, `expectStill`, …), for a test of its own.
 */
import { describe, expect, it, vi } from 'vitest';
import axe from 'axe-core';
import manifest from '../../../custom-elements.json';
import { localeDir } from '../../../src/i18n/locales.js';
import { FwConfigError } from '../config-error.js';
import type { Fixture } from '../fixtures.js';
import {
  axeViolations,
  describeViolations,
  mediaSettled,
  mount as mountMarkup,
  withMedia,
} from '../test-utils.js';

export interface ElementSuite<T extends HTMLElement> {
  /** The element's tag, as custom-elements.json names it. */
  tag: string;
  /** The element's fixtures (`<name>.fixtures.ts`); at least one must be right to left. */
  fixtures: Fixture[];
  /** Mounts markup and waits until the element can be looked at; test-utils' `mount` if not given. */
  mount?: (html: string) => Promise<T>;
  /** Asserts that a mounted fixture shows its words in `lang` (its own, else en-GB). */
  inItsLanguage: (element: T, lang: string) => Promise<unknown>;
  /** Bad attribute values it rejects, besides the unsupported `lang` that every element rejects. */
  configErrors?: ConfigErrorCase[];
  /** More it must show when it holds still (for example Play, rather than a paused video). */
  still?: (element: T) => Promise<unknown>;
  /** More that must stay legible in forced colours. */
  legible?: (element: T) => Promise<unknown>;
  /** How to make it fire each of its documented events; none if it documents none. */
  events?: EventCase<T>[];
}

export interface ConfigErrorCase {
  attribute: string;
  value: string;
  /** Part of the message, where the problem it names matters. */
  message?: string | RegExp;
}

export interface EventCase<T extends HTMLElement> {
  /** The markup to mount; the first fixture if not given. */
  html?: string;
  /** Runs before mounting, for a fake that an event needs (a device that cannot vibrate). */
  before?: () => void;
  /** What a person or a page does next; nothing for events fired on mounting. */
  trigger?: (element: T) => unknown;
  /** The events that must follow. */
  fires: string[];
}

/** Every contract of an `fw-` element, run with one element's data. */
export function runElementSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  describe('as every fw- element', () => {
    runFixtureSuite(suite);
    runDirectionSuite(suite);
    runConfigErrorSuite(suite);
    runReducedMotionSuite(suite);
    runForcedColoursSuite(suite);
    runEventSuite(suite);
  });
}

/** Test cases titled by name, for `it.each(…)('%s: …')`. */
function named<C extends { name: string }>(cases: C[]): (readonly [string, C])[] {
  return cases.map((c) => [c.name, c] as const);
}

function mounter<T extends HTMLElement>(suite: ElementSuite<T>): (html: string) => Promise<T> {
  return suite.mount ?? ((html) => mountMarkup<T>(html));
}

/** Each fixture renders in its language and passes axe. */
export function runFixtureSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  it.each(named(suite.fixtures))(
    '%s: renders in its language and passes axe',
    async (_, { html }) => {
      const element = await mounter(suite)(html);
      await suite.inItsLanguage(element, element.getAttribute('lang') || 'en-GB');
      expect(describeViolations(await axeViolations(element))).toEqual([]);
    },
  );
}

/** The `lang` a fixture's markup gives its element, if any. */
function ownLang(html: string): string | null {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild?.getAttribute('lang') ?? null;
}

/** Each fixture with its own `lang` lays out in that language's direction. */
export function runDirectionSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  const cases = suite.fixtures.flatMap(({ name, html }) => {
    const lang = ownLang(html);
    return lang ? [{ name, html, dir: localeDir(lang) }] : [];
  });
  if (!cases.some((c) => c.dir === 'rtl')) {
    throw new Error(`${suite.tag}: add a right-to-left fixture (lang="ar") to test its direction`);
  }
  it.each(cases.map((c) => [c.name, c.dir, c] as const))(
    '%s: lays out %s',
    async (_, dir, { html }) => {
      expectDirection(await mounter(suite)(html), dir);
    },
  );
}

function describeElement(element: Element): string {
  const className = element.getAttribute('class');
  return className
    ? `${element.localName}.${className.trim().replace(/\s+/g, '.')}`
    : element.localName;
}

/**
 * The element, and everything in its shadow root that does not set a direction of its own (an
 * endonym, a `dir="auto"` line), lays out in `dir`: the `dir` attribute a page reads, the computed
 * `direction`, and `:dir()`.
 */
export function expectDirection(element: HTMLElement, dir: 'ltr' | 'rtl'): void {
  expect(element.getAttribute('dir')).toBe(dir);
  expect(getComputedStyle(element).direction).toBe(dir);
  // A media element's <source> and <track> have no layout, so no computed direction.
  const inner = [...element.shadowRoot!.querySelectorAll('*')].filter(
    (e) => !e.closest('[dir]') && !(e.parentElement instanceof HTMLMediaElement),
  );
  expect(inner.length).toBeGreaterThan(0);
  const wrong = inner.filter(
    (e) => !e.matches(`:dir(${dir})`) || getComputedStyle(e).direction !== dir,
  );
  expect(wrong.map(describeElement)).toEqual([]);
}

/** A bad attribute value, and an unsupported `lang`, throw an FwConfigError naming both. */
export function runConfigErrorSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  const cases: ConfigErrorCase[] = [
    { attribute: 'lang', value: 'tlh', message: '"tlh" is not a supported language' },
    ...(suite.configErrors ?? []),
  ];
  it.each(cases.map((c) => [`${c.attribute}="${c.value}"`, c] as const))(
    'throws an FwConfigError naming the element and the attribute for %s',
    (_, bad) => expectConfigError(suite.tag, bad),
  );
}

export async function expectConfigError(tag: string, bad: ConfigErrorCase): Promise<void> {
  const element = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
  element.setAttribute(bad.attribute, bad.value);
  // Lit rejects the update promise with what the update threw; listen before it can.
  const outcome = element.updateComplete.then(
    () => undefined,
    (error: unknown) => error,
  );
  document.body.append(element);
  try {
    const error = await outcome;
    expect(error).toBeInstanceOf(FwConfigError);
    const { tagName, attribute, message } = error as FwConfigError;
    expect({ tagName, attribute }).toEqual({ tagName: tag, attribute: bad.attribute });
    expect(message.startsWith(`<${tag}> ${bad.attribute}: `)).toBe(true);
    if (bad.message) expect(message).toMatch(bad.message);
  } finally {
    element.remove();
  }
}

/** Every element below `host`, through its shadow root and those of the elements inside it. */
function shadowTree(host: Element): Element[] {
  const found: Element[] = [];
  const visit = (root: ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return found;
}

/** Every running animation or transition in the element's shadow tree that lasts any time. */
function moving(host: Element): string[] {
  const roots = [host, ...shadowTree(host)].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []));
  return roots
    .flatMap((root) => root.getAnimations())
    .filter(
      (a) =>
        a.playState === 'running' && Number(a.effect?.getComputedTiming().activeDuration ?? 0) > 0,
    )
    .map((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      const name =
        (a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? '';
      return `${target ? describeElement(target) : '?'} ${name}`;
    });
}

/**
 * Nothing in the element moves: no animation or transition runs, and no video autoplays or plays
 * (checked once each video has done what it does by itself: `mediaSettled`).
 */
export async function expectStill(element: Element): Promise<void> {
  const videos = shadowTree(element).filter((e) => e instanceof HTMLVideoElement);
  await Promise.all(videos.map((video) => mediaSettled(video)));
  expect(moving(element)).toEqual([]);
  const started = videos.flatMap((video) => [
    ...(video.autoplay ? ['video autoplay'] : []),
    ...(video.paused ? [] : ['video playing']),
  ]);
  expect(started).toEqual([]);
}

/** One test per fixture: mounted with media features emulated, then checked in turn. */
function eachFixtureWith<T extends HTMLElement>(
  suite: ElementSuite<T>,
  features: Record<string, string>,
  title: string,
  checks: (((element: T) => Promise<unknown>) | undefined)[],
): void {
  it.each(named(suite.fixtures))(`%s: ${title}`, (_, { html }) =>
    withMedia(features, async () => {
      const element = await mounter(suite)(html);
      for (const check of checks) await check?.(element);
    }),
  );
}

/** Under `prefers-reduced-motion: reduce`, each fixture holds still. */
export function runReducedMotionSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  const reduce = { 'prefers-reduced-motion': 'reduce' };
  eachFixtureWith(suite, reduce, 'holds still under prefers-reduced-motion', [
    expectStill,
    suite.still,
  ]);
}

const SYSTEM_COLOURS = [
  'Canvas',
  'CanvasText',
  'LinkText',
  'VisitedText',
  'ActiveText',
  'ButtonFace',
  'ButtonText',
  'ButtonBorder',
  'Field',
  'FieldText',
  'Highlight',
  'HighlightText',
  'SelectedItem',
  'SelectedItemText',
  'Mark',
  'MarkText',
  'GrayText',
  'AccentColor',
  'AccentColorText',
];

/** The system colours, as computed now (so in the forced palette while forced colours are on). */
function systemPalette(): Set<string> {
  const probe = document.createElement('span');
  probe.style.forcedColorAdjust = 'none';
  document.body.append(probe);
  const palette = new Set(['rgba(0, 0, 0, 0)']);
  for (const colour of SYSTEM_COLOURS) {
    probe.style.color = colour;
    palette.add(getComputedStyle(probe).color);
  }
  probe.remove();
  return palette;
}

/** The colours an element paints with: text, background, visible borders and outline, SVG paint. */
function paints(element: Element): [string, string][] {
  const style = getComputedStyle(element);
  const found: [string, string][] = [
    ['color', style.color],
    ['background-color', style.backgroundColor],
  ];
  for (const side of ['top', 'right', 'bottom', 'left']) {
    const width = parseFloat(style.getPropertyValue(`border-${side}-width`));
    if (width > 0 && style.getPropertyValue(`border-${side}-style`) !== 'none') {
      found.push([`border-${side}-color`, style.getPropertyValue(`border-${side}-color`)]);
    }
  }
  if (style.outlineStyle !== 'none') found.push(['outline-color', style.outlineColor]);
  if (element instanceof SVGElement) {
    for (const property of ['fill', 'stroke']) {
      const value = style.getPropertyValue(property);
      if (value.startsWith('rgb')) found.push([property, value]);
    }
  }
  return found;
}

const FOCUSABLE =
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Text axe could not judge but measured below its contrast: text the colour of its background, which
 * axe leaves for a person to review. In forced colours that is text a person cannot see.
 */
async function unreadableText(element: Element): Promise<string[]> {
  const { violations, incomplete } = await axe.run(element, { runOnly: ['color-contrast'] });
  return [...violations, ...incomplete]
    .flatMap((result) => result.nodes)
    .flatMap((node) =>
      node.any
        .filter((check) => {
          const data = check.data as { contrastRatio?: number; expectedContrastRatio?: string };
          return (
            typeof data?.contrastRatio === 'number' &&
            data.contrastRatio < parseFloat(data.expectedContrastRatio ?? '4.5')
          );
        })
        .map((check) => `${node.target.join(' ')}: ${check.message}`),
    );
}

/**
 * Legible in forced colours (to be called while they are on): axe passes with the system palette,
 * and no text is the colour of its background; what opts out with `forced-color-adjust: none`
 * paints only in system colours; and each control shows keyboard focus as an outline of at least
 * 2 px, since forced colours drop box shadows.
 */
export async function expectLegibleInForcedColours(element: Element): Promise<void> {
  expect(describeViolations(await axeViolations(element)), 'axe').toEqual([]);
  expect(await unreadableText(element), 'text the colour of its background').toEqual([]);

  const palette = systemPalette();
  const tree = shadowTree(element);
  const ownColours = tree
    .filter((e) => getComputedStyle(e).forcedColorAdjust === 'none')
    .flatMap((e) =>
      paints(e)
        .filter(([, colour]) => !palette.has(colour))
        .map(([property, colour]) => `${describeElement(e)} ${property}: ${colour}`),
    );
  expect(ownColours, 'forced-color-adjust: none with colours not in the system palette').toEqual(
    [],
  );

  const controls = tree.filter(
    (e): e is HTMLElement =>
      e instanceof HTMLElement && e.matches(FOCUSABLE) && e.checkVisibility(),
  );
  const unmarked: string[] = [];
  for (const control of controls) {
    control.focus({ focusVisible: true } as FocusOptions);
    const style = getComputedStyle(control);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
      unmarked.push(
        `${describeElement(control)} outline: ${style.outlineStyle} ${style.outlineWidth}`,
      );
    }
    control.blur();
  }
  expect(unmarked, 'keyboard focus without an outline').toEqual([]);
}

/** In forced colours, each fixture stays legible. */
export function runForcedColoursSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  const forced = { 'forced-colors': 'active' };
  eachFixtureWith(suite, forced, 'stays legible in forced colours', [
    expectLegibleInForcedColours,
    suite.legible,
  ]);
}

interface ManifestEvent {
  name: string;
  description?: string;
}

interface DocumentedEvent {
  name: string;
  /** The fields its description names after "Detail:", or undefined where it names none. */
  fields?: string[];
}

/** The events an element documents with `@fires`, from custom-elements.json. */
export function documentedEvents(tag: string): DocumentedEvent[] {
  const modules = (manifest as { modules: { declarations?: unknown[] }[] }).modules;
  const declaration = modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => (d as { tagName?: string }).tagName === tag) as
    { events?: ManifestEvent[] } | undefined;
  if (!declaration) throw new Error(`${tag} is not in custom-elements.json (npm run cem)`);
  return (declaration.events ?? []).map(({ name, description }) => {
    const detail = /Detail: `\{([^`]*)\}`/.exec(description ?? '')?.[1];
    const fields = detail
      ?.split(',')
      .map((part) => /^\s*(\w+)/.exec(part)?.[1])
      .filter((field): field is string => Boolean(field));
    return { name, fields };
  });
}

/**
 * Each event fired by an element with `tag` while `run` runs (found by watching dispatchEvent, so an
 * undocumented one is seen too) bubbles, is composed, is heard on the document, and carries an
 * object detail with exactly the fields its `@fires` documents.
 */
export async function expectEventContract(
  tag: string,
  fires: string[],
  run: () => Promise<unknown>,
): Promise<void> {
  const documented = new Map(documentedEvents(tag).map((e) => [e.name, e.fields]));
  const heard = new Set<Event>();
  const hear = (event: Event) => heard.add(event);
  for (const name of fires) document.addEventListener(name, hear);
  const dispatch = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
  const fired = () =>
    dispatch.mock.calls
      .map(([event], i) => ({ event, target: dispatch.mock.contexts[i] as unknown }))
      .filter(({ target }) => target instanceof Element && target.localName === tag)
      .map(({ event }) => event)
      .filter((event) => event.type.startsWith('fw-'));
  let events: Event[];
  try {
    await run();
    await vi.waitFor(
      () => expect(fired().map((e) => e.type)).toEqual(expect.arrayContaining(fires)),
      { timeout: 5000 },
    );
  } finally {
    // Restoring the spy forgets its calls.
    events = fired();
    dispatch.mockRestore();
    for (const name of fires) document.removeEventListener(name, hear);
  }
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) {
    expect(documented.has(event.type), `${event.type} is documented with @fires`).toBe(true);
    expect({ bubbles: event.bubbles, composed: event.composed }, event.type).toEqual({
      bubbles: true,
      composed: true,
    });
    if (fires.includes(event.type)) {
      expect(heard.has(event), `${event.type} heard on the document`).toBe(true);
    }
    const { detail } = event as CustomEvent<unknown>;
    expect(event, event.type).toBeInstanceOf(CustomEvent);
    expect(
      typeof detail === 'object' && detail !== null && !Array.isArray(detail),
      event.type,
    ).toBe(true);
    const fields = Object.entries(detail as object)
      .filter(([, value]) => value !== undefined)
      .map(([field]) => field);
    expect(fields.sort(), event.type).toEqual([...(documented.get(event.type) ?? [])].sort());
  }
}

/**
 * Its events are documented, each with its detail, and each has a case here; each case's events
 * keep the contract.
 */
export function runEventSuite<T extends HTMLElement>(suite: ElementSuite<T>): void {
  const cases = suite.events ?? [];
  it('documents each event it fires with its detail, and each is fired here', () => {
    const documented = documentedEvents(suite.tag);
    expect(documented.filter((e) => !e.fields).map((e) => e.name)).toEqual([]);
    expect([...new Set(cases.flatMap((c) => c.fires))].sort()).toEqual(
      documented.map((e) => e.name).sort(),
    );
  });
  const titled = cases.map((c) => [c.fires.join(', '), c] as const);
  it.each(titled)('fires %s bubbling and composed, with the documented detail', (_, c) =>
    expectEventContract(suite.tag, c.fires, async () => {
      c.before?.();
      const element = await mounter(suite)(c.html ?? suite.fixtures[0]!.html);
      await c.trigger?.(element);
    }),
  );
}
