import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './beacon.fixtures.js';
import './define.js';
import type { FwBeacon } from './beacon.js';

afterEach(unmountAll);

function pulse(beacon: FwBeacon): Animation[] {
  return beacon.shadowRoot!.getAnimations();
}

function pauseButton(beacon: FwBeacon) {
  return page.elementLocator(beacon).getByRole('button', { name: 'Pause animation' });
}

describe('fw-beacon', () => {
  runElementSuite<FwBeacon>({
    tag: 'fw-beacon',
    fixtures,
    inItsLanguage: (beacon, lang) =>
      expect
        .element(page.elementLocator(beacon).getByText(translate(lang, 'beacon.label')))
        .toBeVisible(),
    // It needs no pause button when it holds still, and stands out as the camera's LED would.
    still: (beacon) => expect.element(pauseButton(beacon)).not.toBeInTheDocument(),
    legible: async (beacon) => {
      const label = page
        .elementLocator(beacon)
        .getByText(translate(beacon.lang || 'en-GB', 'beacon.label'));
      await expect.element(label).toBeVisible();
      const indicator = getComputedStyle(beacon.shadowRoot!.querySelector('.indicator')!);
      expect(parseFloat(indicator.borderTopWidth)).toBeGreaterThanOrEqual(3);
      expect(indicator.borderTopColor).toBe(indicator.color);
      expect(pulse(beacon).filter((a) => a.playState === 'running')).toEqual([]);
    },
    events: [{ trigger: (beacon) => pauseButton(beacon).click(), fires: ['fw-beacon-toggle'] }],
  });

  it('pulses until the person pauses it, and says so in an event', async () => {
    const beacon = await mount<FwBeacon>('<fw-beacon></fw-beacon>');
    const [animation] = pulse(beacon);
    expect(animation?.playState).toBe('running');

    const toggles: boolean[] = [];
    beacon.addEventListener('fw-beacon-toggle', (e) => toggles.push(e.detail.paused));
    const button = pauseButton(beacon);
    await button.click();
    await beacon.updateComplete;

    await expect.element(button).toHaveAttribute('aria-pressed', 'true');
    expect(pulse(beacon).every((a) => a.playState === 'paused')).toBe(true);
    expect(toggles).toEqual([true]);
  });

  it('can be paused and restarted from the keyboard', async () => {
    const beacon = await mount<FwBeacon>('<fw-beacon></fw-beacon>');
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{Enter}');
    await beacon.updateComplete;
    expect(beacon.paused).toBe(true);
    await userEvent.keyboard(' ');
    await beacon.updateComplete;
    expect(beacon.paused).toBe(false);
    expect(pulse(beacon)[0]?.playState).toBe('running');
  });
});
