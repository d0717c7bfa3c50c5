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
