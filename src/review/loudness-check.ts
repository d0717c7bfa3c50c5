import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  loudnessVerdict,
  measureLoudness,
  normalisedWav,
  QUIETEST_LUFS,
  TARGET_LUFS,
  type Loudness,
  type LoudnessVerdict,
} from '../content/loudness.js';
import { I18nController } from '../i18n/controller.js';
import { reviewStyles } from './review.styles.js';

/** Decoded at 48 kHz, the rate the normalised file is written at. */
const RATE = 48_000;

interface Analysis {
  channels: Float32Array[];
  measured: Loudness;
  verdict: LoudnessVerdict;
}

/**
 * @summary A spoken recording's loudness (integrated LUFS, EBU R128), peak and silence at each end,
 * measured in the page as soon as it is chosen or recorded, and what will happen to it: brought
 * to the target level and added as a WAV file, or refused, saying why and what to do.
 */
export class FwLoudnessCheck extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  /** The recording to measure. */
  @property({ attribute: false }) file?: File;

  @state() private analysis?: Analysis | { error: string };
  private pending?: Promise<Analysis | { error: string }>;

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has('file')) return;
    this.analysis = undefined;
    const file = this.file;
    this.pending = file ? this.analyse(file) : undefined;
    void this.pending?.then((analysis) => {
      if (this.file === file) this.analysis = analysis;
    });
  }

  private async analyse(file: File): Promise<Analysis | { error: string }> {
    try {
      const buffer = await new OfflineAudioContext(1, 1, RATE).decodeAudioData(
        await file.arrayBuffer(),
      );
      const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) =>
        buffer.getChannelData(i),
      );
      const measured = measureLoudness(channels, RATE);
      return { channels, measured, verdict: loudnessVerdict(measured) };
    } catch (error) {
      return { error: (error as Error).message || String(error) };
    }
  }

  /**
   * The file to send: the recording brought to the target, as WAV; or why it cannot be added.
   * Waits for a measurement under way.
   */
  async prepared(): Promise<{ file: File } | { problem: string } | undefined> {
    const analysis = await this.pending;
    if (!analysis || !this.file) return undefined;
    if ('error' in analysis) return { problem: this.message(analysis) };
    if (!analysis.verdict.ok) return { problem: this.message(analysis) };
    const name = this.file.name.replace(/\.[^.]*$/, '') || 'recording';
    const wav = normalisedWav(analysis.channels, RATE, analysis.verdict.gainDb);
    return { file: new File([wav], `${name}.wav`, { type: 'audio/wav' }) };
  }

  private number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return new Intl.NumberFormat(this.i18n.lang, {
      maximumFractionDigits: 1,
      minimumFractionDigits: 1,
      ...options,
    }).format(value);
  }

  /** What happens to the recording, or why it cannot be used. */
  private message(analysis: Analysis | { error: string }): string {
    const { t } = this.i18n;
    if ('error' in analysis) return t('review:loudness.unreadable', { message: analysis.error });
    const { verdict, measured } = analysis;
    const target = this.number(TARGET_LUFS);
    if (!verdict.ok)
      return t(`review:loudness.${verdict.reason}`, {
        lufs: this.number(measured.integratedLufs),
        min: this.number(QUIETEST_LUFS),
      });
    const gain = this.number(verdict.gainDb, { signDisplay: 'always' });
    return verdict.resultLufs < TARGET_LUFS - 0.05
      ? t('review:loudness.limited', { gain, result: this.number(verdict.resultLufs), target })
      : t('review:loudness.normalise', { gain, target });
  }

  protected override render() {
    const { t } = this.i18n;
    if (!this.file) return nothing;
    const analysis = this.analysis;
    if (!analysis) return html`<p role="status">${t('review:loudness.measuring')}</p>`;
    const refused = 'error' in analysis || !analysis.verdict.ok;
    return html`<div role="status">
      ${
        'measured' in analysis
          ? html`<p>
              ${t('review:loudness.measured', {
                lufs: this.number(analysis.measured.integratedLufs),
                peak: this.number(analysis.measured.peakDbfs),
                lead: this.number(analysis.measured.leadingSilenceMs / 1000),
                trail: this.number(analysis.measured.trailingSilenceMs / 1000),
              })}
            </p>`
          : nothing
      }
      <p class=${refused ? 'problem' : 'hint'}>${this.message(analysis)}</p>
    </div>`;
  }
}
