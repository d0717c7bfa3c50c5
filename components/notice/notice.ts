import { type PropertyValues } from 'lit';
import { html, literal } from 'lit/static-html.js';
import { property, query } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import {
  DEFAULT_FORMATS,
  FORMATS,
  isFormat,
  normaliseFormats,
  noticeLang,
  type Format,
  type Outcome,
} from '../../src/schema/notice-event.js';
import { SOURCE_LOCALE, findLocale } from '../../src/i18n/locales.js';
import { FwElement } from '../shared/fw-element.js';
import { FwConfigError } from '../shared/config-error.js';
import { DEFAULT_MANIFEST_URL } from '../shared/media-manifest.js';
import { baseStyles } from '../shared/styles.js';
import { afterPaint } from '../shared/after-paint.js';
import '../beacon/define.js';
import '../text-notice/define.js';
import type { FwSignVideo } from '../sign-video/sign-video.js';
import type { FwAudioCue } from '../audio-cue/audio-cue.js';
import type { FwHapticCue } from '../haptic-cue/haptic-cue.js';
import { noticeStyles } from './notice.styles.js';

export type NoticeEndOutcome = Extract<Outcome, 'acknowledged' | 'shown'>;

export interface NoticeShownDetail {
  /** The formats presented, in schema order. */
  formats: Format[];
  /** The notice's language tag; `bfi` when only British Sign Language was presented. */
  lang: string;
  /** When the notice was first painted, ISO 8601 UTC with milliseconds. */
  startedAt: string;
}

export interface NoticeEndedDetail extends NoticeShownDetail {
  durationMs: number;
  /** `acknowledged` when the person pressed "I understand", otherwise `shown`. */
  outcome: NoticeEndOutcome;
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-notice-shown': NoticeShownDetail;
    'fw-notice-ended': NoticeEndedDetail;
  }
}

const HEADINGS = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

// The heavier formats load only when chosen, so the default notice paints without them.
const LOADERS: Partial<Record<Format, () => Promise<unknown>>> = {
  bsl: () => import('../sign-video/define.js'),
  audio: () => import('../audio-cue/define.js'),
  vibration: () => import('../haptic-cue/define.js'),
};

/**
 * @summary Presents the recording notice in the chosen formats and language, offers
 * "I understand", and reports the presentation.
 *
 * Formats combine: `visual` shows `fw-beacon`; `large-text` and `easy-read` show `fw-text-notice`
 * (the plain text shows when neither is chosen, so there is always something to read); `bsl`
 * plays `fw-sign-video` muted; `audio` plays `fw-audio-cue`; `vibration` runs `fw-haptic-cue`.
 * A draft translation says so on the notice. `muted` silences the audio format without hiding it.
 *
 * One element is one presentation. If the formats or language change while it is on screen, the
 * ended event reports every format presented and the language it ended in.
 * Calling `focus()` moves focus to the notice's heading.
 *
 * @csspart heading - The heading, "You are being recorded".
 * @csspart acknowledge - The "I understand" button.
 * @csspart draft - The note that the wording or translation is a draft.
 * @cssproperty --fw-notice-max-inline-size - The widest the notice grows (default 60rem).
 * @fires fw-notice-shown - The notice has been painted. Detail: `{ formats, lang, startedAt }`.
 * @fires fw-notice-ended - The presentation ended, by "I understand" or `end()`. Detail:
 * `{ formats, lang, startedAt, durationMs, outcome }`.
 */
export class FwNotice extends FwElement {
  static override styles = [baseStyles, noticeStyles];

  /** The formats to present, as a space-separated list of `visual large-text easy-read bsl audio vibration`. */
  @property({
    converter: {
      fromAttribute: (value: string | null) => (value ?? '').split(/\s+/).filter(Boolean),
      toAttribute: (value: Format[]) => value.join(' '),
    },
  })
  formats: Format[] = [...DEFAULT_FORMATS];

  /** The media manifest with the sign-language clip and any recorded audio. */
  @property() manifest = DEFAULT_MANIFEST_URL;

  /** The level of the notice's heading, 1 to 6. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Silences the audio format (see `fw-audio-cue`'s `muted`): the lab's muted-audio simulator. */
  @property({ type: Boolean, reflect: true }) muted = false;

  /** True once the presentation has ended; the notice then stays on screen but reports nothing more. */
  @property({ type: Boolean, reflect: true }) ended = false;

  @query('.heading') private heading?: HTMLElement;
  @query('fw-sign-video') private signVideo?: FwSignVideo;
  @query('fw-audio-cue') private audioCue?: FwAudioCue;
  @query('fw-haptic-cue') private hapticCue?: FwHapticCue;

  private readonly presented = new Set<Format>();
  private startedAt?: Date;
  private startedMs = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('formats')) {
      const unknown = this.formats.filter((f) => !isFormat(f));
      if (unknown.length || !this.formats.length) {
        throw new FwConfigError(
          this.localName,
          'formats',
          unknown.length
            ? `unknown format "${unknown.join(' ')}"; use ${FORMATS.join(', ')}`
            : `choose at least one of ${FORMATS.join(', ')}`,
        );
      }
      this.formats = normaliseFormats(this.formats);
      for (const format of this.formats) {
        if (!this.ended) this.presented.add(format);
        void LOADERS[format]?.();
      }
    }
    if (changed.has('headingLevel') && !HEADINGS[this.headingLevel - 1]) {
      throw new FwConfigError(
        this.localName,
        'heading-level',
        `"${this.headingLevel}" is not 1 to 6`,
      );
    }
  }

  protected override firstUpdated(): void {
    afterPaint(() => {
      if (!this.isConnected || this.startedAt) return;
      this.startedAt = new Date();
      this.startedMs = performance.now();
      this.emit('fw-notice-shown', this.detail());
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A notice taken off screen without an ending still happened; report it rather than lose it.
    if (this.startedAt && !this.ended) this.end('shown');
  }

  override focus(options?: FocusOptions): void {
    this.heading?.focus(options);
  }

  // The cue elements load on demand, so one may be in the tree but not yet upgraded: call its
  // methods only once it has them.

  /** Plays the notice again from the start: the sign video, the spoken notice and the vibration. */
  replay(): void {
    this.signVideo?.replay?.();
    void this.audioCue?.play?.();
    this.hapticCue?.start?.();
  }

  /** Stops sound, video and vibration, leaving the notice on screen. */
  stop(): void {
    this.signVideo?.pause?.();
    this.audioCue?.stop?.();
    this.hapticCue?.stop?.();
  }

  /** Ends the presentation and reports it. Ending twice reports once. */
  end(outcome: NoticeEndOutcome): NoticeEndedDetail | undefined {
    if (this.ended || !this.startedAt) return undefined;
    this.stop();
    this.ended = true;
    const detail: NoticeEndedDetail = {
      ...this.detail(),
      durationMs: Math.round(performance.now() - this.startedMs),
      outcome,
    };
    this.emit('fw-notice-ended', detail);
    return detail;
  }

  private detail(): NoticeShownDetail {
    const formats = normaliseFormats(this.presented);
    return {
      formats,
      lang: noticeLang(formats, this.i18n.lang),
      startedAt: (this.startedAt ?? new Date()).toISOString(),
    };
  }

  private draftNote(): string {
    const lang = this.i18n.lang;
    if (findLocale(lang)?.status !== 'draft') return '';
    return this.i18n.t(lang === SOURCE_LOCALE ? 'status.draftSource' : 'status.draftTranslation');
  }

  protected override render() {
    const { t, lang } = this.i18n;
    const has = (format: Format) => this.formats.includes(format);
    const heading = HEADINGS[this.headingLevel - 1];
    // The heading level is configurable with static tags from lit/static-html.js, which the lit
    // lint rules cannot tell from bindings.
    /* eslint-disable lit/binding-positions, lit/no-invalid-html */
    const headingTemplate = html`<${heading} class="heading" part="heading" tabindex="-1">${t('heading')}</${heading}>`;
    /* eslint-enable lit/binding-positions, lit/no-invalid-html */
    const draft = this.draftNote();
    // The heading comes first: it takes focus when the notice opens, and Tab from there must reach
    // everything after it, the beacon's pause button first (WCAG 2.2.2, 2.4.3).
    return html`
      ${headingTemplate} ${has('visual') ? html`<fw-beacon lang=${lang}></fw-beacon>` : null}
      ${has('large-text') ? html`<fw-text-notice variant="large" lang=${lang}></fw-text-notice>` : null}
      ${has('easy-read') ? html`<fw-text-notice variant="easy-read" lang=${lang}></fw-text-notice>` : null}
      ${has('large-text') || has('easy-read') ? null : html`<fw-text-notice lang=${lang}></fw-text-notice>`}
      ${
        has('bsl')
          ? html`<fw-sign-video lang=${lang} manifest=${this.manifest} autoplay></fw-sign-video>`
          : null
      }
      ${
        has('audio')
          ? keyed(
              lang,
              html`<fw-audio-cue
                lang=${lang}
                manifest=${this.manifest}
                autoplay
                ?muted=${this.muted}
              ></fw-audio-cue>`,
            )
          : null
      }
      ${has('vibration') ? html`<fw-haptic-cue active></fw-haptic-cue>` : null}
      ${draft ? html`<p class="draft" part="draft">${draft}</p>` : null}
      <button
        type="button"
        class="acknowledge"
        part="acknowledge"
        ?disabled=${this.ended}
        @click=${() => this.end('acknowledged')}
      >
        ${t('acknowledge')}
      </button>
    `;
  }
}
