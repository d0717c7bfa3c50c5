import { nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FwConfigError } from '../shared/config-error.js';
import { FwElement } from '../shared/fw-element.js';
import { PICTOGRAMS } from '../shared/pictograms.js';
import { baseStyles } from '../shared/styles.js';
import { cueControl, cueControlStyles } from '../shared/cue-control.js';

/**
 * One cycle of the pattern, in milliseconds, alternating vibrate and pause: long, long, short,
 * short, then a rest. Phones ring and notify with even pulses or short taps; two long buzzes
 * then two short ones, with a clear rest, does not feel like either, and the rest lets a person
 * feel the rhythm start again.
 */
export const VIBRATION_PATTERN = [700, 300, 700, 300, 200, 150, 200, 1500] as const;

/** How long one cycle of the pattern takes: 4.05 s. */
export const CYCLE_MS = VIBRATION_PATTERN.reduce((total, ms) => total + ms, 0);

/**
 * Five cycles, about 20 seconds: long enough to notice and recognise, then it stops by itself.
 * Bounded, because endless vibration soon stops being noticed, drains the battery, and would
 * still be buzzing when the device goes back to the officer; the person can always ask again.
 */
export const DEFAULT_CYCLES = 5;
const MAX_CYCLES = 15;

export interface HapticCueStartedDetail {
  cycles: number;
}

export interface HapticCueStoppedDetail {
  reason: 'completed' | 'stopped';
}

export interface HapticCueUnsupportedDetail {
  reason: 'no-vibration-api';
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-haptic-cue-started': HapticCueStartedDetail;
    'fw-haptic-cue-stopped': HapticCueStoppedDetail;
    'fw-haptic-cue-unsupported': HapticCueUnsupportedDetail;
  }
}

/**
 * @summary The vibration notice for deafblind people: a distinct pattern, repeated a few times,
 * with a support check.
 *
 * The pattern is `VIBRATION_PATTERN`, repeated `cycles` times (about 20 seconds) and then it
 * stops by itself. Chrome vibrates only after the person has touched the page, so when it
 * refuses, the "Vibrate" button is the tap that starts it.
 *
 * Where the device cannot vibrate at all (iOS, Firefox) the element shows nothing: it fires
 * `fw-haptic-cue-unsupported` once, so the kiosk can tell the officer, and the public is not told
 * about something they cannot use.
 *
 * @csspart button - The "Vibrate" / "Stop vibrating" button.
 * @csspart status - The polite live status, "Vibrating" while the pattern runs.
 * @cssproperty --fw-cue-gate-size - The font size of the button when it is waiting for a tap.
 * @fires fw-haptic-cue-started - The pattern started. Detail: `{ cycles }`.
 * @fires fw-haptic-cue-stopped - The pattern ended: `completed` after its cycles, or `stopped`.
 * Detail: `{ reason }`.
 * @fires fw-haptic-cue-unsupported - Once, when connected on a device that cannot vibrate. Detail:
 * `{ reason: 'no-vibration-api' }`.
 */
export class FwHapticCue extends FwElement {
  static override styles = [baseStyles, cueControlStyles];

  /** Vibrating now. Set it to start the pattern, remove it to stop; it clears when the pattern ends. */
  @property({ type: Boolean, reflect: true }) active = false;

  /** How many times the pattern repeats before it stops by itself: a whole number, 1 to 15. */
  @property({ type: Number }) cycles = DEFAULT_CYCLES;

  @state() private waitingForTap = false;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private done = 0;

  /** Whether this device can vibrate at all. */
  get supported(): boolean {
    return typeof navigator.vibrate === 'function';
  }

  /** Starts the pattern. Call it from a tap: without one, Chrome refuses to vibrate. */
  start(): void {
    this.active = true;
    this.begin();
  }

  /** Stops the pattern and any vibration in progress. */
  stop(): void {
    this.end('stopped');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (
      changed.has('cycles') &&
      !(Number.isInteger(this.cycles) && this.cycles >= 1 && this.cycles <= MAX_CYCLES)
    ) {
      throw new FwConfigError(
        this.localName,
        'cycles',
        `must be a whole number from 1 to ${MAX_CYCLES}`,
      );
    }
    if (changed.has('active')) {
      if (this.active && this.timer === undefined) this.begin();
      if (!this.active && this.timer !== undefined) this.end('stopped');
    }
  }

  protected override firstUpdated(): void {
    if (!this.supported) this.emit('fw-haptic-cue-unsupported', { reason: 'no-vibration-api' });
  }

  private begin(): void {
    if (this.timer !== undefined) return;
    this.waitingForTap = false;
    this.done = 0;
    if (!this.supported || !this.pulse()) {
      this.active = false;
      // Chrome refuses until the person has touched the page: the button is that touch.
      this.waitingForTap = this.supported;
      return;
    }
    this.emit('fw-haptic-cue-started', { cycles: this.cycles });
  }

  /**
   * Vibrates one cycle and schedules the next; false when the browser refused. The timer, not the
   * pattern, keeps the final rest: browsers drop a pattern's trailing pause.
   */
  private pulse(): boolean {
    if (!navigator.vibrate([...VIBRATION_PATTERN])) return false;
    this.done += 1;
    this.timer = setTimeout(() => {
      if (this.done >= this.cycles) this.end('completed');
      else if (!this.pulse()) this.end('stopped');
    }, CYCLE_MS);
    return true;
  }

  private end(reason: HapticCueStoppedDetail['reason']): void {
    if (this.supported) navigator.vibrate(0);
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.active = false;
    this.emit('fw-haptic-cue-stopped', { reason });
  }

  private toggle(): void {
    if (this.active) this.stop();
    else this.start();
  }

  protected override render() {
    if (!this.supported) return nothing;
    const { t } = this.i18n;
    return cueControl({
      pictogram: PICTOGRAMS.vibration,
      label: this.active ? t('vibration.stop') : t('vibration.start'),
      gate: this.waitingForTap,
      status: this.active ? t('vibration.active') : '',
      onToggle: () => this.toggle(),
    });
  }
}
