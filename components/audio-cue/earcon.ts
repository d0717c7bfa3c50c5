import type { ToneModule } from './audio-unlock.js';

/*
 * The earcon: two soft triangle notes a perfect fourth apart (E5, A5), rising. A rising interval
 * reads as "attention, something follows" without the urgency of an alarm's repeated or falling
 * tones; the pitches sit where small tablet speakers are clear. 180 ms notes with gentle attack
 * and release, 650 ms in all.
 */
const EARCON = {
  notes: ['E5', 'A5'],
  noteS: 0.18,
  stepS: 0.22,
  envelope: { attack: 0.02, decay: 0.08, sustain: 0.5, release: 0.25 },
  volumeDb: -12,
} as const;
const EARCON_MS = (EARCON.stepS + EARCON.noteS + EARCON.envelope.release) * 1000;

export interface Earcon {
  /** Resolves when the earcon has finished sounding, or at once when it is stopped. */
  finished: Promise<void>;
  /** Silences the earcon at once. */
  stop(): void;
}

/**
 * Schedules the earcon now, on Tone's current context (the shared one, see useSharedContext). The
 * notes go straight onto the audio clock, so nothing waits on Tone's transport.
 */
export function scheduleEarcon(Tone: ToneModule): Earcon {
  const synth = new Tone.PolySynth(Tone.Synth, {
    oscillator: { type: 'triangle' },
    envelope: EARCON.envelope,
    volume: EARCON.volumeDb,
  }).toDestination();
  const start = Tone.now();
  EARCON.notes.forEach((note, i) => {
    synth.triggerAttackRelease(note, EARCON.noteS, start + i * EARCON.stepS);
    // The bench measures tap → first audio scheduled from this mark.
    if (i === 0) performance.mark('fw-earcon-scheduled');
  });
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = () => {
    clearTimeout(timer);
    if (!synth.disposed) synth.dispose();
    finish();
  };
  const timer = setTimeout(stop, EARCON_MS);
  return { finished, stop };
}
