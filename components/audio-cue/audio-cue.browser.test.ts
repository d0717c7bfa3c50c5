import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './audio-cue.fixtures.js';
import { findVoice } from './audio-cue.js';
import { isToneLoaded, loadTone, unlockAudio, warmAudio } from './audio-unlock.js';
import { FwAudioCue } from './define.js';

const RECORDED = '/test/fixtures/media/manifest.json';
/** A manifest with no recorded clips, so the device's voice is the only way to speak. */
const NO_CLIPS = 'data:application/json,{"version":1,"sign":{},"audio":{}}';
const SENTENCES = ['heading', 'plain.camera', 'plain.recording', 'plain.evidence', 'plain.ask'];

/** Headless Chromium has no voices: a stand-in that records what it is asked to say. */
class FakeUtterance extends EventTarget {
  lang = '';
  voice: SpeechSynthesisVoice | null = null;
  constructor(public text = '') {
    super();
  }
}

function voice(lang: string, localService = true): SpeechSynthesisVoice {
  return { lang, localService, name: lang, voiceURI: lang, default: false };
}

function fakeSpeech(initial: SpeechSynthesisVoice[]) {
  let voices = initial;
  const said: FakeUtterance[] = [];
  const synth = Object.assign(new EventTarget(), {
    getVoices: () => voices,
    speak: vi.fn((utterance: FakeUtterance) => void said.push(utterance)),
    cancel: vi.fn(),
  });
  vi.stubGlobal('speechSynthesis', synth);
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  return {
    synth,
    said,
    /** Finishes every queued utterance, as the real queue does one by one. */
    finish: () => said.forEach((u) => u.dispatchEvent(new Event('end'))),
    loadVoices(next: SpeechSynthesisVoice[]) {
      voices = next;
      synth.dispatchEvent(new Event('voiceschanged'));
    },
  };
}

const events: { type: string; detail: unknown }[] = [];
const record = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });
const TYPES = ['fw-audio-cue-started', 'fw-audio-cue-ended', 'fw-audio-cue-unavailable'];
const fired = (type: string) => events.filter((e) => e.type === type).map((e) => e.detail);

const defaultGate = FwAudioCue.canAutoplay;

beforeEach(() => {
  events.length = 0;
  for (const type of TYPES) document.addEventListener(type, record);
  performance.clearMarks('fw-earcon-scheduled');
});

afterEach(() => {
  unmountAll();
  for (const type of TYPES) document.removeEventListener(type, record);
  FwAudioCue.canAutoplay = defaultGate;
  vi.unstubAllGlobals();
});

function playButton(cue: FwAudioCue, lang = 'en-GB') {
  return page.elementLocator(cue).getByRole('button', { name: translate(lang, 'audio.play') });
}

function stopButton(cue: FwAudioCue, lang = 'en-GB') {
  return page.elementLocator(cue).getByRole('button', { name: translate(lang, 'audio.stop') });
}

/** A cue with an English voice, tapped to play, once it has queued every sentence. */
async function speaking() {
  const speech = fakeSpeech([voice('en-GB')]);
  const cue = await mount<FwAudioCue>(`<fw-audio-cue manifest='${NO_CLIPS}'></fw-audio-cue>`);
  await playButton(cue).click();
  await vi.waitFor(() => expect(speech.said).toHaveLength(5), { timeout: 5000 });
  return { speech, cue };
}

describe('fw-audio-cue', () => {
  // First, while nothing has asked for sound: Tone.js must not be in the page yet.
  it('does not load Tone.js until audio is warmed, unlocked or played', async () => {
    fakeSpeech([]);
    FwAudioCue.canAutoplay = () => false;
    for (const { html } of fixtures) await mount(html);
    const toneRequests = () =>
      performance.getEntriesByType('resource').filter((e) => /\/tone(\.js)?([?#]|$)/.test(e.name));

    expect(isToneLoaded()).toBe(false);
    expect(toneRequests()).toEqual([]);

    warmAudio();
    await vi.waitFor(() => expect(isToneLoaded()).toBe(true), { timeout: 10_000 });
    expect(toneRequests()).toHaveLength(1);
  });

  runElementSuite<FwAudioCue>({
    tag: 'fw-audio-cue',
    fixtures,
    // No voices, and no sound before a tap, as in headless Chromium.
    mount: (html) => {
      fakeSpeech([]);
      FwAudioCue.canAutoplay = () => false;
      return mount<FwAudioCue>(html);
    },
    inItsLanguage: (cue, lang) => expect.element(playButton(cue, lang)).toBeVisible(),
    events: [
      {
        html: `<fw-audio-cue lang="pl" manifest='${NO_CLIPS}'></fw-audio-cue>`,
        trigger: (cue) => playButton(cue, 'pl').click(),
        fires: ['fw-audio-cue-started', 'fw-audio-cue-unavailable', 'fw-audio-cue-ended'],
      },
    ],
  });

  it('chimes, then speaks the notice one sentence at a time in its language', async () => {
    const welsh = voice('cy-GB');
    const speech = fakeSpeech([voice('en-GB'), welsh]);
    const cue = await mount<FwAudioCue>(
      `<fw-audio-cue lang="cy" manifest='${NO_CLIPS}'></fw-audio-cue>`,
    );

    await playButton(cue, 'cy').click();

    await vi.waitFor(() => expect(speech.said).toHaveLength(5), { timeout: 5000 });
    expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toHaveLength(1);
    expect(speech.said.map((u) => u.text)).toEqual(SENTENCES.map((key) => translate('cy', key)));
    expect(speech.said.every((u) => u.lang === 'cy' && u.voice === welsh)).toBe(true);
    expect(fired('fw-audio-cue-started')).toEqual([{ lang: 'cy', source: 'speech' }]);
    await expect
      .element(page.elementLocator(cue).getByRole('status'))
      .toHaveTextContent(translate('cy', 'audio.speaking'));
    await expect.element(stopButton(cue, 'cy')).toBeVisible();

    speech.finish();

    await vi.waitFor(() => expect(fired('fw-audio-cue-ended')).toEqual([{ lang: 'cy' }]));
    expect(cue.spoken).toBe('speech');
    await expect.element(playButton(cue, 'cy')).toBeVisible();
    await expect.element(page.elementLocator(cue).getByRole('status')).toHaveTextContent('');
  });

  it('waits for the device to load its voices', async () => {
    const speech = fakeSpeech([]);
    const cue = await mount<FwAudioCue>(`<fw-audio-cue manifest='${NO_CLIPS}'></fw-audio-cue>`);
    await playButton(cue).click();
    setTimeout(() => speech.loadVoices([voice('en-GB')]), 200);

    await vi.waitFor(() => expect(speech.said).toHaveLength(5), { timeout: 5000 });
    expect(fired('fw-audio-cue-unavailable')).toEqual([]);
  });

  it('picks the exact voice, then the same language, preferring voices on the device', () => {
    const us = voice('en-US');
    const gbOnline = voice('en_GB', false);
    const gbLocal = voice('en-GB');
    expect(findVoice([us, gbOnline, gbLocal], 'en-GB')).toBe(gbLocal);
    expect(findVoice([us, gbOnline], 'en-GB')).toBe(gbOnline);
    expect(findVoice([us], 'en-GB')).toBe(us);
    expect(findVoice([us], 'cy')).toBeUndefined();
  });

  it("plays the force's recorded clip where there is one, and does not use speech", async () => {
    const speech = fakeSpeech([voice('en-GB')]);
    const cue = await mount<FwAudioCue>(`<fw-audio-cue manifest='${RECORDED}'></fw-audio-cue>`);
    const clip = cue.shadowRoot!.querySelector('audio')!;
    const playing = new Promise((resolve) => clip.addEventListener('playing', resolve));

    await playButton(cue).click();

    await playing;
    expect(new URL(clip.currentSrc).pathname).toBe('/test/fixtures/media/audio/notice.en-GB.ogg');
    expect(clip.paused).toBe(false);
    expect(fired('fw-audio-cue-started')).toEqual([{ lang: 'en-GB', source: 'recording' }]);
    expect(cue.spoken).toBe('recording');

    await stopButton(cue).click();

    expect(clip.paused).toBe(true);
    expect(speech.synth.speak).not.toHaveBeenCalled();
    expect(fired('fw-audio-cue-ended')).toEqual([{ lang: 'en-GB' }]);
  });

  it('tells the kiosk when there is no clip and no voice for the language', async () => {
    const speech = fakeSpeech([]);
    const cue = await mount<FwAudioCue>(
      `<fw-audio-cue lang="pl" manifest='${NO_CLIPS}'></fw-audio-cue>`,
    );

    await cue.play();

    expect(events).toEqual([
      { type: 'fw-audio-cue-started', detail: { lang: 'pl', source: 'earcon-only' } },
      { type: 'fw-audio-cue-unavailable', detail: { lang: 'pl', reason: 'no-voice' } },
      { type: 'fw-audio-cue-ended', detail: { lang: 'pl' } },
    ]);
    expect(cue.spoken).toBe('unavailable');
    expect(speech.synth.speak).not.toHaveBeenCalled();
    await expect.element(playButton(cue, 'pl')).toBeVisible();
  });

  it('does not autoplay without a tap: it waits on its button, then plays', async () => {
    const speech = fakeSpeech([voice('en-GB')]);
    FwAudioCue.canAutoplay = () => false;
    const cue = await mount<FwAudioCue>(
      `<fw-audio-cue autoplay manifest='${NO_CLIPS}'></fw-audio-cue>`,
    );
    // Refused autoplay is said at once; then it waits on its button.
    await vi.waitFor(() =>
      expect(events).toEqual([
        { type: 'fw-audio-cue-unavailable', detail: { lang: 'en-GB', reason: 'blocked' } },
      ]),
    );
    await expect.element(playButton(cue)).toBeVisible();
    expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toEqual([]);
    expect(speech.synth.speak).not.toHaveBeenCalled();

    await playButton(cue).click();

    await vi.waitFor(() => expect(speech.said).toHaveLength(5), { timeout: 5000 });
    expect(fired('fw-audio-cue-started')).toEqual([{ lang: 'en-GB', source: 'speech' }]);
  });

  it('autoplays once audio is unlocked', async () => {
    const speech = fakeSpeech([voice('en-GB')]);
    FwAudioCue.canAutoplay = () => true;
    await mount<FwAudioCue>(`<fw-audio-cue autoplay manifest='${NO_CLIPS}'></fw-audio-cue>`);

    await vi.waitFor(() => expect(speech.said).toHaveLength(5), { timeout: 5000 });
    expect(fired('fw-audio-cue-started')).toEqual([{ lang: 'en-GB', source: 'speech' }]);
  });

  it('marks the moment the earcon is scheduled, for the latency benchmark', async () => {
    fakeSpeech([voice('en-GB')]);
    const cue = await mount<FwAudioCue>(`<fw-audio-cue manifest='${NO_CLIPS}'></fw-audio-cue>`);
    expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toEqual([]);

    void cue.play();

    await vi.waitFor(() =>
      expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toHaveLength(1),
    );
  });

  it('chimes inside the tap that unlocks audio, and the cue that follows does not chime again', async () => {
    const speech = fakeSpeech([voice('en-GB')]);
    await loadTone();
    unlockAudio({ earcon: true });
    // Scheduled before the tap handler returned: no render, no await.
    expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toHaveLength(1);

    FwAudioCue.canAutoplay = () => true; // The tap's user activation, which a test cannot give.
    await mount<FwAudioCue>(`<fw-audio-cue autoplay manifest='${NO_CLIPS}'></fw-audio-cue>`);
    await vi.waitFor(() => expect(speech.said).toHaveLength(5), { timeout: 5000 });
    expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toHaveLength(1);
  });

  it('stop() silences the speech', async () => {
    const { speech, cue } = await speaking();

    cue.stop();

    expect(speech.synth.cancel).toHaveBeenCalled();
    expect(fired('fw-audio-cue-ended')).toEqual([{ lang: 'en-GB' }]);
    await expect.element(playButton(cue)).toBeVisible();
    await expect.element(page.elementLocator(cue).getByRole('status')).toHaveTextContent('');
  });

  it('falls silent when removed from the page', async () => {
    const { speech, cue } = await speaking();

    cue.remove();

    expect(speech.synth.cancel).toHaveBeenCalled();
    expect(cue.playing).toBe(false);
  });

  it('restarts from the chime when played again', async () => {
    const { speech, cue } = await speaking();

    void cue.play();

    expect(speech.synth.cancel).toHaveBeenCalled();
    await vi.waitFor(() => expect(speech.said).toHaveLength(10), { timeout: 5000 });
    expect(performance.getEntriesByName('fw-earcon-scheduled', 'mark')).toHaveLength(2);
    expect(fired('fw-audio-cue-started')).toHaveLength(2);
    expect(fired('fw-audio-cue-ended')).toEqual([{ lang: 'en-GB' }]);
  });
});
