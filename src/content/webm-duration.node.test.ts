import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeMedia } from '../server/media.js';
import { withWebmDuration } from './webm-duration.js';

const fixture = (name: string) =>
  new Uint8Array(
    readFileSync(new URL(`../../test/fixtures/media/content/${name}`, import.meta.url)),
  );

describe('withWebmDuration', () => {
  it('gives a streamed WebM, which has no duration, the one it was recorded for', async () => {
    const live = fixture('clip-live.webm');
    expect((await probeMedia(live))?.durationMs).toBeUndefined();
    const fixed = withWebmDuration(live, 4_960);
    expect(await probeMedia(fixed)).toMatchObject({
      container: 'webm',
      durationMs: 4_960,
      hasVideo: true,
    });
    // The media itself is untouched: every byte after the Info is the same.
    expect(fixed.subarray(fixed.length - 10_000)).toEqual(live.subarray(live.length - 10_000));
  });

  it("gives Chromium's MediaRecorder output, whose segment and clusters have no size, a duration the server reads", async () => {
    // Recorded by Chromium 150 from its fake camera (2.5 s, VP9); see make.sh.
    const recorded = fixture('recorded.webm');
    expect(await probeMedia(recorded)).toBeUndefined();
    expect(await probeMedia(withWebmDuration(recorded, 2_500))).toMatchObject({
      container: 'webm',
      durationMs: 2_500,
      hasVideo: true,
    });
  });

  it('rewrites a duration the file already has', async () => {
    const fixed = withWebmDuration(fixture('clip-5s.webm'), 7_250);
    expect((await probeMedia(fixed))?.durationMs).toBe(7_250);
  });

  it('refuses a file that is not WebM', () => {
    expect(() => withWebmDuration(fixture('clip-5s.mp4'), 1_000)).toThrow(/not a WebM file/);
  });
});
