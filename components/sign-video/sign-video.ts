import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { FwConfigError } from '../shared/config-error.js';
import { FwElement } from '../shared/fw-element.js';
import {
  DEFAULT_MANIFEST_URL,
  loadManifest,
  type SignClip,
  type TextTrackFile,
} from '../shared/media-manifest.js';
import { ReducedMotionController } from '../shared/motion.js';
import { baseStyles } from '../shared/styles.js';
import { signVideoStyles } from './sign-video.styles.js';

export const UNAVAILABLE_REASONS = ['no-clip', 'manifest', 'media-error'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface SignVideoUnavailableDetail {
  signLang: string;
  reason: UnavailableReason;
}

export interface SignVideoEndedDetail {
  signLang: string;
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-sign-video-unavailable': SignVideoUnavailableDetail;
    'fw-sign-video-ended': SignVideoEndedDetail;
  }
}

const SLOW_RATE = 0.75;

/** The file in the person's language, else the first: a transcript in any language beats none. */
function pick(files: TextTrackFile[], lang: string): TextTrackFile | undefined {
  return files.find((f) => f.lang.toLowerCase() === lang.toLowerCase()) ?? files[0];
}

/** Paragraphs are separated by a blank line; the lines within one keep their breaks. */
function paragraphs(text: string): string[][] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
}

/**
 * @summary The sign-language video player: the notice signed, with captions, a transcript,
 * replay, slow speed, sound and full screen.
 *
 * Sound is off until the person turns it on, and `autoplay` only ever starts the clip muted; under
 * `prefers-reduced-motion` it does not start at all. Captions are on by default. A clip the
 * manifest marks `sample` is labelled as a sample on the player itself, so nothing passes for a
 * real British Sign Language translation. The `<video>` is CORS-enabled so that a clip the app has
 * precached plays offline; when the clip cannot be shown, the player says so in words.
 *
 * @csspart player - The wrapper that goes full screen, holding everything below.
 * @csspart sample - The "sample clip" label above the video.
 * @csspart video - The `<video>`.
 * @csspart unavailable - The message shown in place of the video when the clip cannot be shown.
 * @csspart controls - The row of buttons.
 * @csspart transcript - The transcript disclosure.
 * @cssproperty --fw-color-video-bg - Behind the video and its letterboxing.
 * @fires fw-sign-video-unavailable - The clip cannot be shown: the manifest failed to load, it has
 * no clip for `sign-lang`, or the video failed (for example offline and not cached). Detail:
 * `{ signLang, reason: 'no-clip' | 'manifest' | 'media-error' }`.
 * @fires fw-sign-video-ended - The clip played to its end. Detail: `{ signLang }`.
 */
export class FwSignVideo extends FwElement {
  static override styles = [baseStyles, signVideoStyles];

  /** The sign language to show, as a key of the manifest's `sign` clips (`bfi` is BSL). */
  @property({ attribute: 'sign-lang' }) signLang = 'bfi';

  /** The URL of the media manifest. */
  @property() manifest = DEFAULT_MANIFEST_URL;

  /** Starts the clip, muted, once it has loaded; ignored under `prefers-reduced-motion`. */
  @property({ type: Boolean }) autoplay = false;

  @state() private clip?: SignClip;
  @state() private failure?: UnavailableReason;
  @state() private transcript?: { lang: string; paragraphs: string[][] };
  @state() private playing = false;
  @state() private slow = false;
  @state() private captions = true;
  @state() private sound = false;
  @state() private fullscreen = false;

  @query('video') private video!: HTMLVideoElement | null;
  @query('.player') private player!: HTMLElement;

  private readonly reducedMotion = new ReducedMotionController(this);
  private loads = 0;
  private transcriptSrc?: string;

  /** Plays the clip again from the start, keeping the sound, speed and captions chosen. */
  replay(): void {
    const video = this.video;
    if (!video) return;
    video.currentTime = 0;
    this.play(video);
  }

  /** Pauses the clip where it is. */
  pause(): void {
    this.video?.pause();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('signLang') && !this.signLang.trim()) {
      throw new FwConfigError(
        this.localName,
        'sign-lang',
        'must name a sign language, such as "bfi"',
      );
    }
    if (changed.has('manifest') || changed.has('signLang')) void this.load();

    // Follows the language as well as the clip, so it is checked on every update.
    const src = this.clip && pick(this.clip.transcripts, this.i18n.lang)?.src;
    if (src !== this.transcriptSrc) {
      this.transcriptSrc = src;
      this.transcript = undefined;
      if (src) void this.loadTranscript(src);
    }
  }

  protected override updated(): void {
    // `default` alone is not reliable for a track created by script (Lit) in Chromium, and the
    // Captions button must win over it, so the mode is always set explicitly.
    for (const track of this.video?.textTracks ?? []) {
      track.mode = this.captions ? 'showing' : 'hidden';
    }
  }

  private async load(): Promise<void> {
    const id = ++this.loads;
    this.clip = undefined;
    this.failure = undefined;
    this.playing = false;
    let clip: SignClip | undefined;
    try {
      clip = (await loadManifest(this.manifest)).sign[this.signLang];
    } catch {
      if (id === this.loads) this.fail('manifest');
      return;
    }
    if (id !== this.loads) return;
    if (clip?.sources.length) this.clip = clip;
    else this.fail('no-clip');
  }

  private async loadTranscript(src: string): Promise<void> {
    const lang = pick(this.clip?.transcripts ?? [], this.i18n.lang)?.lang ?? '';
    try {
      const response = await fetch(src);
      if (!response.ok) return;
      const text = await response.text();
      if (src === this.transcriptSrc) this.transcript = { lang, paragraphs: paragraphs(text) };
    } catch {
      // No transcript means no disclosure; the captions still carry the words.
    }
  }

  private fail(reason: UnavailableReason): void {
    if (this.failure) return;
    this.failure = reason;
    this.playing = false;
    this.emit('fw-sign-video-unavailable', { signLang: this.signLang, reason });
  }

  private play(video: HTMLVideoElement): void {
    // A refusal (no playable source) is reported by the media error handler instead.
    video.play().catch(() => undefined);
  }

  private togglePlay(): void {
    const video = this.video;
    if (!video) return;
    if (video.paused) this.play(video);
    else video.pause();
  }

  private toggleFullscreen(): void {
    if (this.shadowRoot?.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void this.player.requestFullscreen().catch(() => undefined);
  }

  private readonly onPlayState = (event: Event) => {
    this.playing = !(event.target as HTMLVideoElement).paused;
    if (event.type === 'ended') this.emit('fw-sign-video-ended', { signLang: this.signLang });
  };

  private readonly onMediaError = () => this.fail('media-error');

  private renderVideo(clip: SignClip) {
    const { t } = this.i18n;
    const captions = pick(clip.captions, this.i18n.lang);
    const rate = this.slow ? SLOW_RATE : 1;
    const last = clip.sources.length - 1;
    return html`
      <video
        part="video"
        aria-label=${t('video.label')}
        crossorigin="anonymous"
        playsinline
        preload="auto"
        poster=${clip.poster ?? nothing}
        ?autoplay=${this.autoplay && !this.reducedMotion.matches}
        .muted=${!this.sound}
        .defaultPlaybackRate=${rate}
        .playbackRate=${rate}
        @play=${this.onPlayState}
        @pause=${this.onPlayState}
        @ended=${this.onPlayState}
        @error=${this.onMediaError}
      >
        ${clip.sources.map(
          (source, i) =>
            // With <source> children, a failure to load is reported on the last one.
            html`<source
              src=${source.src}
              type=${source.type}
              @error=${i === last ? this.onMediaError : nothing}
            />`,
        )}
        ${
          captions
            ? html`<track
                kind="captions"
                srclang=${captions.lang}
                label=${captions.label ?? captions.lang}
                src=${captions.src}
                default
              />`
            : nothing
        }
      </video>
    `;
  }

  private renderControls() {
    const { t } = this.i18n;
    const pressed = (on: boolean) => (on ? 'true' : 'false');
    return html`
      <div class="controls" part="controls">
        <button type="button" @click=${this.togglePlay}>
          ${this.playing ? t('video.pause') : t('video.play')}
        </button>
        <button type="button" @click=${this.replay}>${t('video.replay')}</button>
        <button
          type="button"
          aria-pressed=${pressed(this.slow)}
          @click=${() => (this.slow = !this.slow)}
        >
          ${t('video.slow')}
        </button>
        <button
          type="button"
          aria-pressed=${pressed(this.captions)}
          @click=${() => (this.captions = !this.captions)}
        >
          ${t('video.captions')}
        </button>
        <button
          type="button"
          aria-pressed=${pressed(this.sound)}
          @click=${() => (this.sound = !this.sound)}
        >
          ${t('video.sound')}
        </button>
        ${
          document.fullscreenEnabled
            ? html`<button
                type="button"
                aria-pressed=${pressed(this.fullscreen)}
                @click=${this.toggleFullscreen}
              >
                ${t('video.fullscreen')}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  protected override render() {
    const { t } = this.i18n;
    const { clip, failure, transcript } = this;
    return html`
      <div
        class="player"
        part="player"
        @fullscreenchange=${() => (this.fullscreen = this.shadowRoot?.fullscreenElement === this.player)}
      >
        ${clip?.sample ? html`<p class="sample" part="sample">${t('video.sample')}</p>` : nothing}
        <div class="stage">
          ${
            failure
              ? html`<p class="unavailable" part="unavailable" role="alert">
                  ${t('video.unavailable')}
                </p>`
              : clip && this.renderVideo(clip)
          }
        </div>
        ${clip && !failure ? this.renderControls() : nothing}
        ${
          transcript
            ? html`<details part="transcript">
                <summary>${t('video.transcript')}</summary>
                <div class="transcript" lang=${transcript.lang}>
                  ${transcript.paragraphs.map(
                    (lines) =>
                      html`<p dir="auto">
                        ${lines.map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}
                      </p>`,
                  )}
                </div>
              </details>`
            : nothing
        }
      </div>
    `;
  }
}
