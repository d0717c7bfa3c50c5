import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { NOTICE_SENTENCES } from '../../components/shared/sentences.js';
import { I18nController } from '../i18n/controller.js';
import { translate } from '../i18n/i18n.js';
import { SOURCE_LOCALE } from '../i18n/locales.js';
import { clock, timedVtt } from '../content/captions.js';
import { clipStyles, reviewStyles } from './review.styles.js';

declare global {
  interface HTMLElementEventMap {
    'fw-captions-timed': CustomEvent<{ vtt: string; cues: number }>;
  }
}

/**
 * @summary The caption-timing helper: the clip plays while the editor presses "Starts now" at the
 * start of each sentence of the notice, and it writes the WebVTT from the notice's own sentences
 * (in the source language, which is what the captions give). Works with the keyboard alone: the
 * button keeps focus, and Space or Enter marks.
 *
 * @fires fw-captions-timed - Every sentence is marked and the clip has ended. Detail: `{ vtt, cues }`.
 */
export class FwCaptionTimer extends LitElement {
  static override styles = [
    ...reviewStyles,
    clipStyles,
    css`
      .mark {
        font-size: 1.25rem;
        min-block-size: 3rem;
      }
      ol {
        padding-inline-start: 1.5rem;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  /** The clip to time. */
  @property({ attribute: false }) file?: File;

  @state() private marks: number[] = [];
  @state() private running = false;
  @state() private status = '';
  @state() private url = '';

  @query('video') private video?: HTMLVideoElement;

  private readonly sentences = NOTICE_SENTENCES.map((key) =>
    translate(SOURCE_LOCALE, `notice:${key}`),
  );

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('file')) {
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = this.file ? URL.createObjectURL(this.file) : '';
      this.marks = [];
      this.running = false;
      this.status = '';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.url) URL.revokeObjectURL(this.url);
  }

  private readonly begin = async () => {
    const video = this.video!;
    this.marks = [];
    this.status = '';
    video.currentTime = 0;
    this.running = true;
    await video.play();
  };

  private readonly mark = () => {
    if (this.marks.length >= this.sentences.length) return;
    this.marks = [...this.marks, this.video!.currentTime];
  };

  private readonly ended = () => {
    if (!this.running) return;
    this.running = false;
    // The button under focus becomes "Time again": keep focus on it.
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('button')?.focus(),
    );
    const { t } = this.i18n;
    const video = this.video!;
    if (this.marks.length < this.sentences.length) {
      this.status = t('review:timer.incomplete', {
        marked: this.marks.length,
        total: this.sentences.length,
      });
      return;
    }
    try {
      const vtt = timedVtt(this.sentences, this.marks, video.duration);
      this.status = t('review:timer.done', { count: this.sentences.length });
      this.dispatchEvent(
        new CustomEvent('fw-captions-timed', {
          detail: { vtt, cues: this.sentences.length },
          bubbles: true,
        }),
      );
    } catch {
      this.status = t('review:timer.tooClose');
    }
  };

  protected override render() {
    const { t } = this.i18n;
    if (!this.file) return html`<p class="hint">${t('review:timer.needClip')}</p>`;
    const next = this.sentences[this.marks.length];
    return html`<p>${t('review:timer.intro')}</p>
      <video src=${this.url} muted playsinline @ended=${this.ended}></video>
      <div class="actions">
        ${
          this.running
            ? html`<button
                type="button"
                class="primary mark"
                aria-disabled=${next ? 'false' : 'true'}
                @click=${this.mark}
              >
                ${next ? t('review:timer.mark', { sentence: next }) : t('review:timer.waiting')}
              </button>`
            : html`<button type="button" class="primary" @click=${this.begin}>
                ${this.marks.length ? t('review:timer.again') : t('review:timer.start')}
              </button>`
        }
      </div>
      <ol>
        ${this.sentences.map(
          (sentence, i) =>
            html`<li>
              ${sentence}
              ${this.marks[i] === undefined ? nothing : html`<span class="hint">(${clock(this.marks[i]!)})</span>`}
            </li>`,
        )}
      </ol>
      <p role="status">${this.status}</p>`;
  }
}
