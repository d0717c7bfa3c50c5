import { describe, expect, it } from 'vitest';
import { loudnessVerdict, measureLoudness, normalisedWav, TARGET_LUFS } from './loudness.js';

const tone = (rate: number, seconds: number, amplitude: number, hz = 997) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate),
  );
const silence = (rate: number, seconds: number) => new Float32Array(Math.round(rate * seconds));
const join = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

describe('measureLoudness (BS.1770-4)', () => {
  it("gives a full-scale 997 Hz sine in one channel −3.01 LUFS, the standard's own figure", () => {
    for (const rate of [48_000, 44_100]) {
      expect(measureLoudness([tone(rate, 5, 1)], rate).integratedLufs).toBeCloseTo(-3.01, 1);
    }
  });

  it('gives a −20 dBFS sine −23 LUFS in one channel, and −20 LUFS in both of a stereo pair', () => {
    const rate = 48_000;
    const quiet = tone(rate, 5, 0.1);
    expect(measureLoudness([quiet], rate).integratedLufs).toBeCloseTo(-23.01, 1);
    expect(measureLoudness([quiet, quiet], rate).integratedLufs).toBeCloseTo(-20.0, 1);
  });

  it('gates out silence, and measures the silence at each end', () => {
    const rate = 48_000;
    const measured = measureLoudness(
      [join(silence(rate, 1), tone(rate, 3, 0.1), silence(rate, 0.5))],
      rate,
    );
    expect(measured.integratedLufs).toBeCloseTo(-23.01, 0);
    expect(measured.leadingSilenceMs).toBeGreaterThanOrEqual(990);
    expect(measured.leadingSilenceMs).toBeLessThanOrEqual(1010);
    expect(measured.trailingSilenceMs).toBeGreaterThanOrEqual(490);
    expect(measured.trailingSilenceMs).toBeLessThanOrEqual(510);
    expect(measured.durationMs).toBe(4500);
    expect(measured.peakDbfs).toBeCloseTo(-20, 1);
  });
});

describe('loudnessVerdict', () => {
  const rate = 48_000;

  it('brings a recording to the target', () => {
    const verdict = loudnessVerdict(measureLoudness([tone(rate, 4, 0.1)], rate));
    expect(verdict).toMatchObject({ ok: true });
    if (verdict.ok) {
      expect(verdict.gainDb).toBeCloseTo(TARGET_LUFS + 23.01, 1);
      expect(verdict.resultLufs).toBeCloseTo(TARGET_LUFS, 1);
    }
  });

  it('holds the gain back so the peak stays under the ceiling, and says where it ends up', () => {
    // Quiet speech with one loud click: the click limits the gain.
    const samples = tone(rate, 4, 0.02);
    samples[rate] = 0.9;
    const verdict = loudnessVerdict(measureLoudness([samples], rate));
    expect(verdict.ok).toBe(true);
    if (verdict.ok) {
      expect(verdict.gainDb).toBeCloseTo(-1 - 20 * Math.log10(0.9), 1);
      expect(verdict.resultLufs).toBeLessThan(TARGET_LUFS);
    }
  });

  it('refuses silence, a recording too quiet to raise, and one that clipped', () => {
    expect(loudnessVerdict(measureLoudness([silence(rate, 3)], rate))).toEqual({
      ok: false,
      reason: 'silent',
    });
    expect(loudnessVerdict(measureLoudness([tone(rate, 3, 0.001)], rate))).toEqual({
      ok: false,
      reason: 'too-quiet',
    });
    const clipped = tone(rate, 3, 1.5).map((s) => Math.max(-1, Math.min(1, s)));
    expect(loudnessVerdict(measureLoudness([clipped], rate))).toEqual({
      ok: false,
      reason: 'clipped',
    });
  });
});

describe('normalisedWav', () => {
  it('writes mono 16-bit PCM at the rate given, with the gain applied', async () => {
    const left = Float32Array.from([0.5, -0.5, 0.25]);
    const right = Float32Array.from([0.5, -0.5, 0.25]);
    const wav = new DataView(await normalisedWav([left, right], 22_050, 6.0206).arrayBuffer());
    const text = (at: number) => String.fromCharCode(...new Uint8Array(wav.buffer, at, 4));
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(wav.getUint16(22, true)).toBe(1);
    expect(wav.getUint32(24, true)).toBe(22_050);
    expect(wav.getUint32(40, true)).toBe(6);
    // +6.02 dB doubles 0.5 to full scale; 0.25 becomes 0.5.
    expect([0, 1, 2].map((i) => wav.getInt16(44 + i * 2, true))).toEqual([32767, -32767, 16384]);
  });
});
