import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { FwElement } from '../shared/fw-element.js';
import { baseStyles } from '../shared/styles.js';
import { ReducedMotionController } from '../shared/motion.js';
import { PICTOGRAMS } from '../shared/pictograms.js';
import { beaconStyles } from './beacon.styles.js';

export interface BeaconToggleDetail {
  paused: boolean;
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-beacon-toggle': BeaconToggleDetail;
  }
}

/**
 * @summary The visual recording indicator that stands in for the camera's red LED: the word
 * "Recording" and its symbol, with a slow pulse that is never a flash.
 *
 * The pulse is smooth, 0.5 Hz, small and not saturated red (WCAG 2.3.1). It runs until paused
 * (WCAG 2.2.2), holds still under `prefers-reduced-motion` (or a page's override, see
 * `setReducedMotion` in shared/motion.ts), and is static and legible in forced-colours mode. When
 * it holds still the pause button is not needed and is hidden.
 *
 * @csspart indicator - The outlined symbol and word together.
 * @csspart symbol - The recording symbol.
 * @csspart label - The word "Recording".
 * @csspart pause - The button that pauses and restarts the pulse.
 * @cssproperty --fw-color-recording - The colour of the symbol and the outline. Keep it a muted red
 * (WCAG's red-flash rule counts saturated red).
 * @cssproperty --fw-beacon-font-size - The size of the label; the symbol scales with it.
 * @fires fw-beacon-toggle - The person paused or restarted the pulse. Detail: `{ paused }`.
 */
export class FwBeacon extends FwElement {
  static override styles = [baseStyles, beaconStyles];

  /** Holds the pulse still. */
  @property({ type: Boolean, reflect: true }) paused = false;

  private readonly motion = new ReducedMotionController(this);

  private toggle(): void {
    this.paused = !this.paused;
    this.emit('fw-beacon-toggle', { paused: this.paused });
  }

  protected override render() {
    const { t } = this.i18n;
    const still = this.motion.matches;
    return html`
      <span class="indicator ${still ? 'still' : ''}" part="indicator">
        <span class="symbol" part="symbol">
          <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">${PICTOGRAMS.rec}</svg>
        </span>
        <span class="label" part="label">${t('beacon.label')}</span>
      </span>
      ${
        still
          ? nothing
          : html`<button
              type="button"
              part="pause"
              aria-pressed=${this.paused ? 'true' : 'false'}
              @click=${this.toggle}
            >
              ${t('beacon.pause')}
            </button>`
      }
    `;
  }
}
