import { html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { loadLocale, translate } from '../../src/i18n/i18n.js';
import { resolveLocale } from '../../src/i18n/locales.js';
import { FwElement } from '../shared/fw-element.js';
import { DEFAULT_MANIFEST_URL, loadManifest } from '../shared/media-manifest.js';
import { NOTICE_SENTENCES } from '../shared/sentences.js';
import { PICTOGRAMS } from '../shared/pictograms.js';
import { baseStyles } from '../shared/styles.js';
import { cueControl, cueControlStyles } from '../shared/cue-control.js';
import {
  isAudioUnlocked,
  loadTone,
  sharedAudioContext,
  takeTapEarcon,
  unlockAudio,
  useSharedContext,
} from './audio-unlock.js';
import { scheduleEarcon, type Earcon } from './earcon.js';

export const AUDIO_SOURCES = ['recording', 'speech', 'earcon-only'] as const;
/** What follows the earcon: the force's recorded clip, the device's voice, or nothing. */
export type AudioSource = (typeof AUDIO_SOURCES)[number];
/** How the notice was last spoken, or `unavailable` when this device could not speak it. */
export type SpokenAs = 'recording' | 'speech' | 'unavailable';

export interface AudioCueStartedDetail {
  lang: string;
  source: AudioSource;
}

export interface AudioCueEndedDetail {
  lang: string;
}

export interface AudioCueUnavailableDetail {
  lang: string;
  reason: 'no-voice' | 'blocked';
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-audio-cue-started': AudioCueStartedDetail;
    'fw-audio-cue-ended': AudioCueEndedDetail;
    'fw-audio-cue-unavailable': AudioCueUnavailableDetail;
  }
}

/** Voices load asynchronously in Chrome; longer than this and the device has none to offer. */
const VOICE_WAIT_MS = 1500;
/** How long a suspended context may take to resume before the autoplay policy counts as refusing. */
const RESUME_WAIT_MS = 500;

type Source = { kind: 'recording'; src: string } | { kind: 'speech'; voice: SpeechSynthesisVoice };

/** Resolves at the first of `types` on `target`, or as soon as the run is stopped. */
function when(target: EventTarget, types: string[], signal: AbortSignal): Promise<Event | null> {
  return new Promise((resolve) => {
    const finish = (event: Event | null) => {
      for (const type of types) target.removeEventListener(type, finish);
      signal.removeEventListener('abort', stopped);
      resolve(event);
    };
    const stopped = () => finish(null);
    for (const type of types) target.addEventListener(type, finish);
    signal.addEventListener('abort', stopped);
    if (signal.aborted) stopped();
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

const normalise = (tag: string) => tag.toLowerCase().replace(/_/g, '-');
const primary = (tag: string) => normalise(tag).split('-')[0];

/**
 * The device's voice for a language: the exact tag, else the same primary language. On-device
 * voices come first, because network voices fail offline, which is where officers often are.
 */
export function findVoice(
  voices: readonly SpeechSynthesisVoice[],
  lang: string,
): SpeechSynthesisVoice | undefined {
  const pick = (matches: (voice: SpeechSynthesisVoice) => boolean) => {
    const found = voices.filter(matches);
    return found.find((voice) => voice.localService) ?? found[0];
  };
  return (
    pick((voice) => normalise(voice.lang) === normalise(lang)) ??
    pick((voice) => primary(voice.lang) === primary(lang))
  );
}

async function voiceFor(
  lang: string,
  signal: AbortSignal,
): Promise<SpeechSynthesisVoice | undefined> {
  if (!('speechSynthesis' in window)) return undefined;
  const synth = window.speechSynthesis;
  if (synth.getVoices().length === 0) {
    await Promise.race([when(synth, ['voiceschanged'], signal), sleep(VOICE_WAIT_MS, signal)]);
  }
  return findVoice(synth.getVoices(), lang);
}

/**
 * @summary The audio notice: a short, calm two-note chime, then the notice spoken in the element's
 * language.
 *
 * The spoken notice is the force's recorded clip where the media manifest has one for the
 * language (played with an `<audio>` element, which iOS's silent switch does not mute), else the
 * device's own speech voice, sentence by sentence. Where neither exists it fires
 * `fw-audio-cue-unavailable` so the kiosk can tell the officer; the public sees nothing of it.
 *
 * Browsers only let sound start from a tap. `play()` unlocks audio itself, so call it from a click
 * handler. With `autoplay`, the element plays on its own only when audio is already unlocked (see
 * `unlockAudio()` in audio-unlock.js); otherwise it waits, and its big button is the tap.
 *
 * With `muted`, the cue runs as usual (its button, its status, its events) but makes no sound: the
 * lab uses it to show what a person who cannot hear the notice is left with.
 *
 * @csspart button - The "Play the notice aloud" / "Stop the sound" button.
 * @csspart status - The polite live status, "Reading the notice aloud" while the notice is spoken.
 * @csspart clip - The `<audio>` element that plays a recorded clip.
 * @cssproperty --fw-cue-gate-size - The font size of the button when it is waiting for a tap.
 * @fires fw-audio-cue-started - The cue began: the earcon has been scheduled and what follows it is
 * known. Detail: `{ lang, source }`, where source is `recording`, `speech` or `earcon-only`.
 * @fires fw-audio-cue-ended - The cue finished or was stopped. Detail: `{ lang }`.
 * @fires fw-audio-cue-unavailable - The notice cannot be spoken: `no-voice` (no clip and no voice
 * for the language on this device) or `blocked` (the browser refused to start sound without a
 * tap). Detail: `{ lang, reason }`.
 */
export class FwAudioCue extends FwElement {
  static override styles = [baseStyles, cueControlStyles];

  /**
   * The autoplay gate: whether `autoplay` may start sound now, without a tap. Defaults to
   * `isAudioUnlocked()`. Replace it for a stricter page policy, or in tests to simulate a browser
   * that refuses autoplay.
   */
  static canAutoplay: () => boolean = isAudioUnlocked;

  /** The media manifest that lists the recorded clips. */
  @property() manifest = DEFAULT_MANIFEST_URL;

  /** Plays once when ready, if audio is already unlocked; otherwise shows the button to tap. */
  @property({ type: Boolean, reflect: true }) autoplay = false;

  /**
   * Makes no sound while everything else runs as usual: no earcon, the recorded clip muted, the
   * device's voice at volume 0. A recorded clip follows a change at once; speech from its next
   * sentence.
   */
  @property({ type: Boolean, reflect: true }) muted = false;

  @state() private run: { controller: AbortController; lang: string; started: boolean } | null =
    null;
  @state() private speaking = false;
  @state() private waitingForTap = false;
  @state() private spokenAs: SpokenAs | null = null;

  @query('audio') private clip!: HTMLAudioElement;

  /** How the notice was last spoken: `recording`, `speech`, `unavailable`, or null before a play. */
  get spoken(): SpokenAs | null {
    return this.spokenAs;
  }

  /** Whether the cue is sounding now. */
  get playing(): boolean {
    return this.run !== null;
  }

  /**
   * Plays the earcon, then the spoken notice; restarts if already playing. Unlocks audio
   * synchronously first, so it works when called straight from a click handler. Resolves when the
   * cue has ended, been stopped, or could not start.
   */
  play(): Promise<void> {
    unlockAudio();
    this.stop();
    const lang = resolveLocale(this.i18n.lang).tag;
    const run = { controller: new AbortController(), lang, started: false };
    this.run = run;
    this.waitingForTap = false;
    this.spokenAs = null;
    return this.perform(run);
  }

  /** Stops the earcon, the recorded clip and the speech. */
  stop(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    this.speaking = false;
    run.controller.abort();
    this.clip?.pause();
    this.clip?.removeAttribute('src');
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    if (run.started) this.emit('fw-audio-cue-ended', { lang: run.lang });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Once, on first connection: moving the element in the page must not replay the notice.
    if (!this.autoplay || this.hasUpdated) return;
    if (FwAudioCue.canAutoplay()) void this.play();
    else this.refused(resolveLocale(this.i18n.lang).tag);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private async perform(run: NonNullable<FwAudioCue['run']>): Promise<void> {
    const lang = run.lang;
    const signal = run.controller.signal;
    const source = this.findSource(lang, signal);
    const earcon = await this.startEarcon(signal);
    if (signal.aborted) return;
    if (!earcon) return this.refused(lang);

    const found = await source;
    if (signal.aborted) return;
    run.started = true;
    this.emit('fw-audio-cue-started', { lang, source: found?.kind ?? 'earcon-only' });
    if (!found) this.unavailable(lang);
    await earcon.finished;
    if (signal.aborted) return;

    let outcome = found && (await this.speak(found, lang, signal));
    if (outcome === 'failed') {
      // The clip would not play (a broken file, say): the device's voice is better than silence.
      const voice = await voiceFor(lang, signal);
      outcome = voice ? await this.speak({ kind: 'speech', voice }, lang, signal) : undefined;
      if (!outcome) this.unavailable(lang);
    }
    if (signal.aborted) return;
    if (outcome === 'blocked') return this.refused(lang);
    this.stop();
  }

  /**
   * Starts the earcon, or returns null when the browser refuses to start sound. A tap that just
   * unlocked audio has usually started the earcon already (see unlockAudio); that one is used, so
   * the person never hears it twice.
   */
  private async startEarcon(signal: AbortSignal): Promise<Pick<Earcon, 'finished'> | null> {
    const silent = { finished: Promise.resolve() };
    if (this.muted) return silent;
    const fromTap = takeTapEarcon();
    const context = sharedAudioContext();
    if (!context) return silent; // No Web Audio: go straight to the words.
    const running = () => context.state === 'running';
    if (!running()) {
      await Promise.race([context.resume().catch(() => undefined), sleep(RESUME_WAIT_MS, signal)]);
      if (!running()) {
        (await fromTap)?.stop();
        return null;
      }
    }
    try {
      const earcon = (await fromTap) ?? scheduleEarcon(useSharedContext(await loadTone()));
      if (signal.aborted) earcon.stop();
      else signal.addEventListener('abort', earcon.stop, { once: true });
      return earcon;
    } catch (error) {
      console.warn('<fw-audio-cue> could not load the earcon; speaking without it.', error);
      return silent;
    }
  }

  private async findSource(lang: string, signal: AbortSignal): Promise<Source | undefined> {
    const [clip] = await Promise.all([this.findClip(lang), loadLocale(lang)]);
    if (clip) return { kind: 'recording', src: clip };
    const voice = await voiceFor(lang, signal);
    return voice && { kind: 'speech', voice };
  }

  private async findClip(lang: string): Promise<string | undefined> {
    try {
      const clip = (await loadManifest(this.manifest)).audio[lang];
      await this.updateComplete; // The <audio> exists once the element has rendered.
      return clip && this.clip.canPlayType(clip.type) ? clip.src : undefined;
    } catch (error) {
      console.warn("<fw-audio-cue> no recorded clips; using the device's voice.", error);
      return undefined;
    }
  }

  private async speak(
    source: Source,
    lang: string,
    signal: AbortSignal,
  ): Promise<'done' | 'blocked' | 'failed'> {
    this.spokenAs = source.kind;
    this.speaking = true;
    if (source.kind === 'recording') {
      this.clip.src = source.src;
      this.clip.muted = this.muted;
      try {
        await this.clip.play();
      } catch (error) {
        if (signal.aborted) return 'done';
        return (error as DOMException).name === 'NotAllowedError' ? 'blocked' : 'failed';
      }
      const event = await when(this.clip, ['ended', 'error'], signal);
      return event?.type === 'error' ? 'failed' : 'done';
    }
    // One utterance per sentence: Chrome cuts a long utterance off mid-way.
    const utterances = NOTICE_SENTENCES.map((key) => {
      const utterance = new SpeechSynthesisUtterance(translate(lang, key));
      utterance.lang = lang;
      utterance.voice = source.voice;
      if (this.muted) utterance.volume = 0;
      return utterance;
    });
    for (const utterance of utterances) window.speechSynthesis.speak(utterance);
    // Utterances are spoken in queue order, so the last one ending is the notice ending.
    const event = await when(utterances.at(-1)!, ['end', 'error'], signal);
    return (event as SpeechSynthesisErrorEvent | null)?.error === 'not-allowed'
      ? 'blocked'
      : 'done';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('muted') && this.clip) this.clip.muted = this.muted;
  }

  private unavailable(lang: string): void {
    this.spokenAs = 'unavailable';
    this.emit('fw-audio-cue-unavailable', { lang, reason: 'no-voice' });
  }

  /** The browser would not start sound without a tap: wait for one on the big button. */
  private refused(lang: string): void {
    this.stop();
    this.waitingForTap = true;
    this.emit('fw-audio-cue-unavailable', { lang, reason: 'blocked' });
  }

  private toggle(): void {
    if (this.playing) this.stop();
    else void this.play();
  }

  protected override render() {
    const { t } = this.i18n;
    return html`
      ${cueControl({
        pictogram: PICTOGRAMS.audio,
        label: this.playing ? t('audio.stop') : t('audio.play'),
        gate: this.waitingForTap,
        status: this.speaking ? t('audio.speaking') : '',
        onToggle: () => this.toggle(),
      })}
      <audio part="clip" preload="none"></audio>
    `;
  }
}
