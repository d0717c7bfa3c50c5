/**
 * Audio start-up for the whole page: one shared AudioContext, and Tone.js loaded only on demand.
 *
 * Browsers let an AudioContext sound only if it was created or resumed during a tap, and Tone.js
 * is about 60 KB gzipped and makes an AudioContext of its own the moment it is imported. So the
 * kiosk's first paint never waits on Tone, and the context is started inside the tap itself:
 *
 * - `unlockAudio()`: call it synchronously from any click or tap handler (the kiosk's "Show
 *   notice" button does). It creates the shared context once, resumes it, and starts loading Tone.
 * - `warmAudio()`: starts loading Tone when the page is idle after first paint, so the first tap
 *   does not wait for the download. It never touches the AudioContext.
 *
 * Tone is only ever loaded here, with `import('tone')`; nothing imports it statically.
 */

import type { Earcon } from './earcon.js';
import { whenIdle } from '../shared/after-paint.js';

export type ToneModule = typeof import('tone');
type EarconModule = typeof import('./earcon.js');

let context: AudioContext | undefined;
let tone: Promise<ToneModule> | undefined;
let toneModule: ToneModule | undefined;
/** The earcon's own code loads with Tone, so neither is in the first paint. */
let earconModule: EarconModule | undefined;
/** The earcon the last tap started, and when. */
let tapEarcon: { at: number; earcon: Promise<Earcon | undefined> } | undefined;

/** Loads Tone.js once; every caller shares the same download. A failed load can be retried. */
export function loadTone(): Promise<ToneModule> {
  tone ??= Promise.all([import('tone'), import('./earcon.js')]).then(
    ([module, earcon]) => {
      toneModule = module;
      earconModule = earcon;
      stopClock(module);
      return module;
    },
    (error: unknown) => {
      tone = undefined;
      throw error;
    },
  );
  return tone;
}

/** Whether Tone.js has been loaded. Mounting a component must never make this true. */
export function isToneLoaded(): boolean {
  return toneModule !== undefined;
}

/** The page's one AudioContext, once a tap has created it. */
export function sharedAudioContext(): AudioContext | undefined {
  return context;
}

/**
 * Creates (once) and resumes the shared AudioContext, and starts loading Tone.js. Must be called
 * synchronously inside a click or tap handler: after an `await` the browser no longer counts the
 * tap, and the context stays silent.
 *
 * With `earcon`, the attention earcon starts here too, inside the tap: Tone is normally loaded
 * already (warmAudio), so the first note is scheduled before the handler returns, not after the
 * notice has rendered. An `fw-audio-cue` that starts within a second takes this earcon over
 * (takeTapEarcon) rather than chiming again.
 */
export function unlockAudio({ earcon = false }: { earcon?: boolean } = {}): void {
  if (typeof AudioContext === 'function' && (!context || context.state === 'closed')) {
    context = new AudioContext({ latencyHint: 'interactive' });
  }
  // A refused resume leaves the context suspended; the player checks its state and says so.
  if (context && context.state !== 'running') context.resume().catch(() => undefined);
  // Binding Tone now, rather than at the first sound, keeps it off the next tap's critical path.
  const ready = loadTone().then(useSharedContext);
  void ready.catch(() => undefined);
  if (!earcon || !context) return;
  const chime = (Tone: ToneModule) => earconModule!.scheduleEarcon(useSharedContext(Tone));
  tapEarcon = {
    at: performance.now(),
    earcon: (toneModule ? Promise.resolve(chime(toneModule)) : ready.then(chime)).catch(
      () => undefined,
    ),
  };
}

/** The earcon a tap started in the last second, if any; each is handed over once. */
export function takeTapEarcon(): Promise<Earcon | undefined> | undefined {
  const found = tapEarcon;
  tapEarcon = undefined;
  return found && performance.now() - found.at < 1000 ? found.earcon : undefined;
}

/**
 * Makes Tone play through the shared context (closing the one Tone made on import) with no
 * look-ahead: Tone's default 100 ms suits sequencing, not a reply to a tap.
 */
export function useSharedContext(Tone: ToneModule): ToneModule {
  if (context && Tone.getContext().rawContext !== context) Tone.setContext(context, true);
  Tone.getContext().lookAhead = 0;
  stopClock(Tone);
  return Tone;
}

/**
 * Stops Tone's clock. Tone ticks its transport from a worker, 20 times a second by default and
 * 100 times with no look-ahead, waking the main thread for ever. The earcon schedules its notes
 * directly on the audio clock and never uses the transport, so the ticks are pure cost: they
 * drain a tablet's battery and sit in the way of the next tap.
 */
function stopClock(Tone: ToneModule): void {
  const current = Tone.getContext();
  if (current instanceof Tone.Context) current.clockSource = 'offline';
}

/** Starts loading Tone.js in idle time after the next paint, without touching any AudioContext. */
export function warmAudio(): void {
  whenIdle(() => void loadTone().catch(() => undefined));
}

/**
 * Whether sound may start now without a tap: the shared context is already running, or the page
 * has a live user gesture. This is the default autoplay gate of `fw-audio-cue`.
 */
export function isAudioUnlocked(): boolean {
  return context?.state === 'running' || navigator.userActivation?.isActive === true;
}
