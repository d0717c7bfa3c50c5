import { describe, expect, it } from 'vitest';
import { checkCaptions, clock, timedVtt } from './captions.js';

const SENTENCES = [
  'You are being recorded',
  'This is a police body-worn camera.',
  'It is recording.',
];

describe('timedVtt', () => {
  it('writes one cue per sentence, each to the next mark, the last to the end of the clip', async () => {
    const vtt = timedVtt(SENTENCES, [0.4, 2.25, 4.1], 6.5);
    expect(vtt).toBe(
      'WEBVTT\n\n' +
        '1\n00:00:00.400 --> 00:00:02.250\nYou are being recorded\n\n' +
        '2\n00:00:02.250 --> 00:00:04.100\nThis is a police body-worn camera.\n\n' +
        '3\n00:00:04.100 --> 00:00:06.500\nIt is recording.\n',
    );
    // What the helper writes passes the same check as an uploaded file.
    const check = await checkCaptions(vtt, 6500);
    expect(check).toMatchObject({ ok: true, cues: [{ startMs: 400, endMs: 2250 }, {}, {}] });
  });

  it('writes hours and minutes for a long clip', () => {
    expect(timedVtt(['a'], [3661.5], 3700)).toContain('01:01:01.500 --> 01:01:40.000');
  });

  it('refuses two sentences marked at the same moment, or a mark past the end', () => {
    expect(() => timedVtt(SENTENCES, [1, 1, 2], 5)).toThrow(/sentence 1/);
    expect(() => timedVtt(SENTENCES, [1, 2, 6], 5)).toThrow(/sentence 2/);
    expect(() => timedVtt(SENTENCES, [1, 2], 5)).toThrow(/one start per sentence/);
  });
});

describe('clock', () => {
  it('gives minutes, seconds and tenths', () => {
    expect(clock(4.24)).toBe('0:04.2');
    expect(clock(75.06)).toBe('1:15.1');
  });
});
