/**
 * A sign clip's captions, checked the same way in /review (before upload) and on the server (on
 * upload): WebVTT that parses strictly (media-captions, Vidstack's parser), with at least one cue,
 * and every cue inside the clip. Each problem is said with its line, in words an editor can act on.
 */
import { parseText } from 'media-captions';

export interface Cue {
  startMs: number;
  endMs: number;
  text: string;
}

export type CaptionsCheck = { ok: true; cues: Cue[] } | { ok: false; message: string };

export async function checkCaptions(vtt: string, durationMs: number): Promise<CaptionsCheck> {
  let cues: Cue[];
  try {
    const parsed = await parseText(vtt, { strict: true, type: 'vtt' });
    cues = parsed.cues.map((c) => ({
      startMs: Math.round(c.startTime * 1000),
      endMs: Math.round(c.endTime * 1000),
      text: c.text,
    }));
  } catch (error) {
    const { message } = error as Error;
    return { ok: false, message: `The captions are not valid WebVTT: ${message}.` };
  }
  if (!vtt.trimStart().startsWith('WEBVTT'))
    return { ok: false, message: 'The captions are not WebVTT: the file must start with WEBVTT.' };
  if (cues.length === 0) return { ok: false, message: 'The captions have no cues.' };
  const clip = formatTime(durationMs);
  for (const [i, cue] of cues.entries()) {
    if (cue.endMs <= cue.startMs)
      return {
        ok: false,
        message: `Caption ${i + 1} ("${cue.text}") ends before it starts.`,
      };
    if (cue.endMs > durationMs)
      return {
        ok: false,
        message: `Caption ${i + 1} ("${cue.text}") ends at ${formatTime(cue.endMs)}, after the clip ends at ${clip}.`,
      };
  }
  return { ok: true, cues };
}

/** mm:ss.t, as an editor reads a clip's time. */
export function formatTime(ms: number): string {
  const tenths = Math.round(ms / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = ((tenths % 600) / 10).toFixed(1).padStart(4, '0');
  return `${minutes}:${seconds}`;
}

/** "0:04.2": a time in a clip, to the tenth of a second. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${(seconds - m * 60).toFixed(1).padStart(4, '0')}`;
}

/** A WebVTT timestamp: "00:00:04.200". */
function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = (ms / 1000) % 60;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${s.toFixed(3).padStart(6, '0')}`;
}

/**
 * WebVTT with one cue per sentence: each from the moment it was marked to the next sentence's
 * mark, and the last to the end of the clip. Marks must rise and fall within the clip.
 */
export function timedVtt(
  sentences: readonly string[],
  starts: readonly number[],
  end: number,
): string {
  if (starts.length !== sentences.length) throw new RangeError('one start per sentence');
  const cues = sentences.map((sentence, i) => {
    const from = starts[i]!;
    const to = starts[i + 1] ?? end;
    if (!(from < to) || to > end) throw new RangeError(`sentence ${i + 1} has no time of its own`);
    return `${i + 1}\n${timestamp(from)} --> ${timestamp(to)}\n${sentence}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
