import { describe, expect, it } from 'vitest';
import {
  analyseFrames,
  maxFlashesInWindow,
  relativeLuminance,
  transitions,
  type Frame,
} from './flash.js';

/** Frames of a 2×2 image whose colour at time t comes from `colour(t)`. */
function frames(colour: (t: number) => [number, number, number], seconds = 3, fps = 60): Frame[] {
  return Array.from({ length: seconds * fps }, (_, i) => {
    const t = (i * 1000) / fps;
    const [r, g, b] = colour(t);
    const data = new Uint8Array(16);
    for (let p = 0; p < 4; p++) data.set([r, g, b, 255], p * 4);
    return { t, width: 2, height: 2, data };
  });
}

const grey = (v: number): [number, number, number] => [v, v, v];

describe('flash analyser', () => {
  it('computes WCAG relative luminance', () => {
    expect(relativeLuminance(255, 255, 255)).toBeCloseTo(1);
    expect(relativeLuminance(0, 0, 0)).toBe(0);
    expect(relativeLuminance(119, 119, 119)).toBeCloseTo(0.184, 2);
  });

  it('finds a flash in a black-white square wave at 5 Hz: 5 flashes a second, a failure', () => {
    const report = analyseFrames(frames((t) => grey(Math.floor(t / 100) % 2 ? 255 : 0)));
    expect(report.maxFlashesPerSecond).toBe(5);
  });

  it('passes a smooth 0.5 Hz pulse', () => {
    const report = analyseFrames(
      frames((t) => grey(128 + 100 * Math.sin((2 * Math.PI * t) / 2000)), 4),
    );
    expect(report.maxFlashesPerSecond).toBeLessThanOrEqual(1);
  });

  it('ignores changes too small to be a flash', () => {
    const report = analyseFrames(frames((t) => grey(Math.floor(t / 100) % 2 ? 130 : 120)));
    expect(report.maxFlashesPerSecond).toBe(0);
  });

  it('ignores changes between very bright states (the darker above 0.8)', () => {
    const report = analyseFrames(frames((t) => grey(Math.floor(t / 100) % 2 ? 255 : 240)));
    expect(report.maxFlashesPerSecond).toBe(0);
  });

  it('counts saturated red flashes separately', () => {
    const report = analyseFrames(
      frames((t) => (Math.floor(t / 125) % 2 ? [255, 0, 0] : [60, 0, 0])),
    );
    expect(report.maxRedFlashesPerSecond).toBe(4);
  });

  it('counts flashes in the busiest one-second window', () => {
    expect(maxFlashesInWindow([0, 100, 200, 300, 1500, 1600])).toBe(2);
    expect(transitions([0, 0.5, 0, 0.5], [0, 1, 2, 3])).toEqual([1, 2, 3]);
  });
});
