import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { axeViolations, describeViolations, mount, unmountAll } from '../shared/test-utils.js';
import { fixtures } from './beacon.fixtures.js';
import './define.js';
import type { FwBeacon } from './beacon.js';

afterEach(unmountAll);

function pulse(beacon: FwBeacon): Animation[] {
  return beacon.shadowRoot!.getAnimations();
}

describe('fw-beacon', () => {
  describe.each(fixtures)('$name', ({ html }) => {
    it('says "Recording" in its language and passes axe', async () => {
      const beacon = await mount<FwBeacon>(html);
      const lang = beacon.lang || 'en-GB';
      await expect
        .element(page.elementLocator(beacon).getByText(translate(lang, 'beacon.label')))
        .toBeVisible();
      expect(describeViolations(await axeViolations(beacon))).toEqual([]);
    });
  });

  it('lays out right to left in Arabic', async () => {
    const beacon = await mount<FwBeacon>('<fw-beacon lang="ar"></fw-beacon>');
    expect(beacon.getAttribute('dir')).toBe('rtl');
    expect(getComputedStyle(beacon).direction).toBe('rtl');
  });

  it('pulses until the person pauses it, and says so in an event', async () => {
    const beacon = await mount<FwBeacon>('<fw-beacon></fw-beacon>');
    const [animation] = pulse(beacon);
    expect(animation?.playState).toBe('running');

    const toggles: boolean[] = [];
    beacon.addEventListener('fw-beacon-toggle', (e) => toggles.push(e.detail.paused));
    const button = page.elementLocator(beacon).getByRole('button', { name: 'Pause animation' });
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
