import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { axeViolations, describeViolations, mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './haptic-cue.fixtures.js';
import { CYCLE_MS, VIBRATION_PATTERN } from './haptic-cue.js';
import type { FwHapticCue } from './define.js';
import './define.js';

/** Records every navigator.vibrate() call; `allowed` false acts like Chrome before a tap. */
const vibration = { calls: [] as VibratePattern[], allowed: true };

function fakeVibrate(supported = true): void {
  const vibrate = supported
    ? (pattern: VibratePattern) => {
        vibration.calls.push(pattern);
        return vibration.allowed;
      }
    : undefined;
  Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
}

const events: { type: string; detail: unknown }[] = [];
const record = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });
const TYPES = ['fw-haptic-cue-started', 'fw-haptic-cue-stopped', 'fw-haptic-cue-unsupported'];

beforeEach(() => {
  vibration.calls = [];
  vibration.allowed = true;
  events.length = 0;
  for (const type of TYPES) document.addEventListener(type, record);
  fakeVibrate();
});

afterEach(() => {
  vi.useRealTimers();
  unmountAll();
  for (const type of TYPES) document.removeEventListener(type, record);
  delete (navigator as { vibrate?: unknown }).vibrate;
});

const PATTERN = [700, 300, 700, 300, 200, 150, 200, 1500];

function button(cue: FwHapticCue, key: 'vibration.start' | 'vibration.stop', lang = 'en-GB') {
  return page.elementLocator(cue).getByRole('button', { name: translate(lang, key) });
}

describe('fw-haptic-cue', () => {
  runElementSuite<FwHapticCue>({
    tag: 'fw-haptic-cue',
    fixtures,
    inItsLanguage: async (cue, lang) => {
      const status = page.elementLocator(cue).getByRole('status');
      if (cue.active) {
        await expect.element(button(cue, 'vibration.stop', lang)).toBeVisible();
        await expect.element(status).toHaveTextContent(translate(lang, 'vibration.active'));
      } else {
        await expect.element(button(cue, 'vibration.start', lang)).toBeVisible();
        await expect.element(status).toHaveTextContent('');
      }
    },
    configErrors: [{ attribute: 'cycles', value: '0', message: 'must be a whole number from 1' }],
    events: [
      {
        trigger: (cue) => {
          cue.start();
          cue.stop();
        },
        fires: ['fw-haptic-cue-started', 'fw-haptic-cue-stopped'],
      },
      { before: () => fakeVibrate(false), fires: ['fw-haptic-cue-unsupported'] },
    ],
  });

  it('vibrates long, long, short, short, then rests', () => {
    expect(VIBRATION_PATTERN).toEqual(PATTERN);
    expect(CYCLE_MS).toBe(4050);
  });

  it('repeats the pattern five times, about 20 seconds, then stops by itself', async () => {
    const cue = await mount<FwHapticCue>('<fw-haptic-cue></fw-haptic-cue>');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    await button(cue, 'vibration.start').click();

    expect(vibration.calls).toEqual([PATTERN]);
    expect(events).toEqual([{ type: 'fw-haptic-cue-started', detail: { cycles: 5 } }]);
    await expect.element(button(cue, 'vibration.stop')).toBeVisible();
    await expect
      .element(page.elementLocator(cue).getByRole('status'))
      .toHaveTextContent(translate('en-GB', 'vibration.active'));

    vi.advanceTimersByTime(4 * CYCLE_MS);
    expect(vibration.calls).toEqual([PATTERN, PATTERN, PATTERN, PATTERN, PATTERN]);
    expect(events).toHaveLength(1);

    vi.advanceTimersByTime(CYCLE_MS);
    expect(vibration.calls.at(-1)).toBe(0);
    expect(vibration.calls.filter((call) => call !== 0)).toHaveLength(5);
    expect(events.at(-1)).toEqual({
      type: 'fw-haptic-cue-stopped',
      detail: { reason: 'completed' },
    });
    await expect.element(button(cue, 'vibration.start')).toBeVisible();
    expect(cue.hasAttribute('active')).toBe(false);
  });

  it('repeats as many times as `cycles` says', async () => {
    const cue = await mount<FwHapticCue>('<fw-haptic-cue cycles="2"></fw-haptic-cue>');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    cue.start();
    vi.advanceTimersByTime(2 * CYCLE_MS);

    expect(vibration.calls).toEqual([PATTERN, PATTERN, 0]);
    expect(events.at(-1)).toEqual({
      type: 'fw-haptic-cue-stopped',
      detail: { reason: 'completed' },
    });
  });

  it('stop() ends the vibration at once', async () => {
    const cue = await mount<FwHapticCue>('<fw-haptic-cue active></fw-haptic-cue>');
    expect(vibration.calls).toEqual([PATTERN]);

    await button(cue, 'vibration.stop').click();

    expect(vibration.calls).toEqual([PATTERN, 0]);
    expect(events.at(-1)).toEqual({ type: 'fw-haptic-cue-stopped', detail: { reason: 'stopped' } });
    await expect.element(button(cue, 'vibration.start')).toBeVisible();
    await expect.element(page.elementLocator(cue).getByRole('status')).toHaveTextContent('');
  });

  it('starts and stops with the active attribute', async () => {
    const cue = await mount<FwHapticCue>('<fw-haptic-cue></fw-haptic-cue>');

    cue.setAttribute('active', '');
    await cue.updateComplete;
    expect(vibration.calls).toEqual([PATTERN]);

    cue.removeAttribute('active');
    await cue.updateComplete;
    expect(vibration.calls).toEqual([PATTERN, 0]);
    expect(events.map((e) => e.type)).toEqual(['fw-haptic-cue-started', 'fw-haptic-cue-stopped']);
  });

  it('stops vibrating when removed from the page', async () => {
    const cue = await mount<FwHapticCue>('<fw-haptic-cue active></fw-haptic-cue>');
    cue.remove();
    expect(vibration.calls).toEqual([PATTERN, 0]);
  });

  it('waits for a tap on "Vibrate" when the browser refuses to vibrate without one', async () => {
    vibration.allowed = false;
    const cue = await mount<FwHapticCue>('<fw-haptic-cue active></fw-haptic-cue>');

    expect(events).toEqual([]);
    expect(cue.active).toBe(false);
    await expect.element(button(cue, 'vibration.start')).toBeVisible();
    await expect.element(page.elementLocator(cue).getByRole('status')).toHaveTextContent('');

    vibration.allowed = true;
    await button(cue, 'vibration.start').click();

    expect(vibration.calls).toEqual([PATTERN, PATTERN]);
    expect(events).toEqual([{ type: 'fw-haptic-cue-started', detail: { cycles: 5 } }]);
    await expect.element(button(cue, 'vibration.stop')).toBeVisible();
  });

  it('shows the public nothing, and tells the kiosk once, where the device cannot vibrate', async () => {
    fakeVibrate(false);
    const cue = await mount<FwHapticCue>('<fw-haptic-cue active></fw-haptic-cue>');

    expect(cue.supported).toBe(false);
    expect(events).toEqual([
      { type: 'fw-haptic-cue-unsupported', detail: { reason: 'no-vibration-api' } },
    ]);
    expect(cue.shadowRoot!.textContent!.trim()).toBe('');
    const box = cue.getBoundingClientRect();
    expect(box.width * box.height).toBe(0);
    expect(describeViolations(await axeViolations(cue))).toEqual([]);

    cue.start();
    await cue.updateComplete;
    expect(events).toHaveLength(1);
  });
});
