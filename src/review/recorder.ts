import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { NOTICE_SENTENCES } from '../../components/shared/sentences.js';
import { I18nController } from '../i18n/controller.js';
import { loadLocale, translate } from '../i18n/i18n.js';
import { localeDir } from '../i18n/locales.js';
import type { ContentKind } from '../schema/content.js';
import { clipStyles, reviewStyles } from './review.styles.js';
import { clock } from '../content/captions.js';
import { withWebmDuration } from '../content/webm-duration.js';

type Phase = 'idle' | 'ready' | 'countdown' | 'recording' | 'review';

/** Seconds of countdown before recording starts, so the signer or speaker can get ready. */
export const COUNTDOWN_S = 3;

declare global {
  interface HTMLElementEventMap {
    'fw-content-recorded': CustomEvent<{ file: File; durationMs: number }>;
  }
}

/** The first container and codec this browser records, WebM first (what the server takes). */
function recordingType(kind: ContentKind): string {
  const types =
    kind === 'sign'
      ? ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4']
      : ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];
  return types.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
}

/**
 * @summary Records a sign-language clip with the camera, or a spoken recording with the
 * microphone, in the browser: a live preview, a countdown, a re-take and a preview of the take
 * before it is used. For a spoken recording, the text to read is shown in large type, in the
 * recording's language. MediaRecorder writes WebM with no duration, which players and the server
 * need, so the measured duration is written into the file before it is used.
 *
 * @fires fw-content-recorded - The editor chose to use a take. Detail: `{ file, durationMs }`.
 */
export class FwContentRecorder extends LitElement {
  static override styles = [
    ...reviewStyles,
    clipStyles,
    css`
      .script {
        font-size: 1.75rem;
        line-height: 1.4;
        max-inline-size: 40rem;
      }
      .count {
        font-size: 3rem;
        font-weight: 700;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  @property() kind: ContentKind = 'sign';
  /** For a spoken recording: the language of the text to read. */
  @property({ attribute: 'script-lang' }) scriptLang = 'en-GB';

  @state() private phase: Phase = 'idle';
  @state() private count = 0;
  @state() private elapsed = 0;
  @state() private problem = '';
  @state() private take?: { file: File; url: string; durationMs: number };
  @state() private script: string[] = [];

  @query('video.live') private live?: HTMLVideoElement;

  private stream?: MediaStream;
  private recorder?: MediaRecorder;
  private timer?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  /** Asks for the camera or microphone and shows what it sees. */
  private readonly open = async () => {
    const { t } = this.i18n;
    this.problem = '';
    try {
      this.stream = await navigator.mediaDevices.getUserMedia(
        this.kind === 'sign'
          ? { video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false }
          : // A voice for every kiosk: the recording as spoken, not a call's processing of it.
            {
              audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
              video: false,
            },
      );
    } catch (error) {
      const name = (error as DOMException).name;
      this.problem = t(
        name === 'NotAllowedError' ? 'review:recorder.denied' : 'review:recorder.noDevice',
        { message: (error as Error).message },
      );
      return;
    }
    if (this.kind === 'audio') {
      await loadLocale(this.scriptLang);
      this.script = NOTICE_SENTENCES.map((key) => translate(this.scriptLang, `notice:${key}`));
    }
    this.phase = 'ready';
    await this.updateComplete;
    if (this.live) this.live.srcObject = this.stream;
  };

  /** Counts down, then records. */
  private readonly start = () => {
    this.discardTake();
    this.phase = 'countdown';
    this.count = COUNTDOWN_S;
    this.timer = setInterval(() => {
      this.count--;
      if (this.count > 0) return;
      clearInterval(this.timer);
      this.record();
    }, 1000);
  };

  private record(): void {
    const stream = this.stream!;
    const type = recordingType(this.kind);
    const chunks: Blob[] = [];
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const started = performance.now();
    recorder.addEventListener('dataavailable', (e) => chunks.push(e.data));
    recorder.addEventListener('stop', () => {
      const durationMs = performance.now() - started;
      const mime = recorder.mimeType.split(';')[0] || type.split(';')[0]!;
      void new Blob(chunks, { type: mime }).arrayBuffer().then((buffer) => {
        const bytes = new Uint8Array(buffer);
        const extension = mime.endsWith('mp4') ? 'mp4' : 'webm';
        const data = extension === 'webm' ? withWebmDuration(bytes, durationMs) : bytes;
        const file = new File([data], `recording-${this.kind}.${extension}`, { type: mime });
        this.take = { file, url: URL.createObjectURL(file), durationMs };
        this.phase = 'review';
      });
    });
    this.recorder = recorder;
    recorder.start(1000);
    this.phase = 'recording';
    this.elapsed = 0;
    this.timer = setInterval(() => (this.elapsed = (performance.now() - started) / 1000), 250);
  }

  private readonly stop = () => {
    clearInterval(this.timer);
    this.recorder?.stop();
  };

  private readonly use = () => {
    const take = this.take;
    if (!take) return;
    this.dispatchEvent(
      new CustomEvent('fw-content-recorded', {
        detail: { file: take.file, durationMs: take.durationMs },
        bubbles: true,
      }),
    );
    this.close();
  };

  private readonly cancel = () => this.close();

  private discardTake(): void {
    if (this.take) URL.revokeObjectURL(this.take.url);
    this.take = undefined;
  }

  private close(): void {
    clearInterval(this.timer);
    if (this.recorder?.state === 'recording') this.recorder.stop();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.discardTake();
    this.phase = 'idle';
  }

  protected override render() {
    const { t } = this.i18n;
    const device = this.kind === 'sign' ? 'camera' : 'microphone';
    if (this.phase === 'idle')
      return html`<button type="button" @click=${this.open}>
          ${t(`review:recorder.open.${device}`)}
        </button>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}`;
    const status =
      this.phase === 'countdown'
        ? t('review:recorder.countdown', { count: this.count })
        : this.phase === 'recording'
          ? t('review:recorder.recording')
          : this.phase === 'review'
            ? t('review:recorder.review')
            : '';
    return html`<div class="recorder">
      ${
        this.kind === 'sign'
          ? html`<video
              class="live"
              muted
              autoplay
              playsinline
              aria-label=${t('review:recorder.preview')}
              ?hidden=${this.phase === 'review'}
            ></video>`
          : html`<div class="script" lang=${this.scriptLang} dir=${localeDir(this.scriptLang)}>
              ${this.script.map((sentence) => html`<p>${sentence}</p>`)}
            </div>`
      }
      ${this.phase === 'countdown' ? html`<p class="count" aria-hidden="true">${this.count}</p>` : nothing}
      ${this.phase === 'recording' ? html`<p>${clock(this.elapsed)}</p>` : nothing}
      <p role="status">${status}</p>
      ${
        this.take
          ? this.kind === 'sign'
            ? html`<video
                controls
                src=${this.take.url}
                aria-label=${t('review:recorder.take')}
              ></video>`
            : html`<audio
                controls
                src=${this.take.url}
                aria-label=${t('review:recorder.take')}
              ></audio>`
          : nothing
      }
      <div class="actions">
        ${
          this.phase === 'ready'
            ? html`<button type="button" class="primary" @click=${this.start}>
                ${t('review:recorder.start')}
              </button>`
            : nothing
        }
        ${
          this.phase === 'recording'
            ? html`<button type="button" class="primary" @click=${this.stop}>
                ${t('review:recorder.stop')}
              </button>`
            : nothing
        }
        ${
          this.phase === 'review'
            ? html`<button type="button" class="primary" @click=${this.use}>
                  ${t('review:recorder.use')}
                </button>
                <button type="button" @click=${this.start}>${t('review:recorder.retake')}</button>`
            : nothing
        }
        <button type="button" @click=${this.cancel}>${t('review:recorder.cancel')}</button>
      </div>
    </div>`;
  }
}
