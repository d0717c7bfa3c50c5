/**
 * The notice as sentences, in reading order (keys of the `notice` strings): what the audio cue
 * speaks one utterance at a time, what a recording reads, and what a sign clip's captions say.
 */
export const NOTICE_SENTENCES = [
  'heading',
  'plain.camera',
  'plain.recording',
  'plain.evidence',
  'plain.ask',
] as const;
