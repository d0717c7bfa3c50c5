/**
 * A spoken recording's loudness, its silence and its clipping, and the normalised file: so every
 * recording on a kiosk plays as loud as the next, and one that cannot be used is refused with a
 * reason. Loudness is integrated loudness as ITU-R BS.1770-4 defines it and EBU R128 uses it
 * (K-weighting, 400 ms blocks with 75% overlap, an absolute gate at −70 LUFS and a relative gate
 * 10 LU below), in LUFS. Pure arithmetic on samples: the page decodes the file with Web Audio,
 * which reads every format the library takes.
 */

/** Where a recording is brought to: a speech level for a tablet's own speaker. */
export const TARGET_LUFS = -16;
/** The highest sample a normalised recording may reach, so the gain never makes it clip. */
export const PEAK_CEILING_DBFS = -1;
/** Quieter than this, raising it would raise the noise with it: record again, nearer. */
export const QUIETEST_LUFS = -45;
/** Below this level, a stretch counts as silence. */
const SILENCE_DBFS = -50;

export interface Loudness {
  /** Integrated loudness, LUFS; −Infinity for silence. */
  integratedLufs: number;
  /** The highest sample, dBFS. */
  peakDbfs: number;
  leadingSilenceMs: number;
  trailingSilenceMs: number;
  /** Runs of three or more samples in a row at full scale: the recording clipped. */
  clippedRuns: number;
  durationMs: number;
}

type Biquad = [b0: number, b1: number, b2: number, a1: number, a2: number];

/** BS.1770's K-weighting for a sample rate (the two stages, as libebur128 derives them). */
function kWeighting(rate: number): [Biquad, Biquad] {
  let K = Math.tan((Math.PI * 1681.974450955533) / rate);
  const Q = 0.7071752369554196;
  const Vh = 10 ** (3.999843853973347 / 20);
  const Vb = Vh ** 0.4996667741545416;
  let a0 = 1 + K / Q + K * K;
  const shelf: Biquad = [
    (Vh + (Vb * K) / Q + K * K) / a0,
    (2 * (K * K - Vh)) / a0,
    (Vh - (Vb * K) / Q + K * K) / a0,
    (2 * (K * K - 1)) / a0,
    (1 - K / Q + K * K) / a0,
  ];
  K = Math.tan((Math.PI * 38.13547087602444) / rate);
  const Qh = 0.5003270373238773;
  a0 = 1 + K / Qh + K * K;
  const highPass: Biquad = [1, -2, 1, (2 * (K * K - 1)) / a0, (1 - K / Qh + K * K) / a0];
  return [shelf, highPass];
}

function filter(samples: ArrayLike<number>, [b0, b1, b2, a1, a2]: Biquad): Float64Array {
  const out = new Float64Array(samples.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    out[i] = y;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
  }
  return out;
}

const lufs = (meanSquare: number) => -0.691 + 10 * Math.log10(meanSquare);
const dbfs = (amplitude: number) => 20 * Math.log10(amplitude);

/** Integrated loudness (BS.1770-4) of channels weighted 1 each (mono, or left and right). */
function integrated(channels: Float32Array[], rate: number): number {
  const [shelf, highPass] = kWeighting(rate);
  const weighted = channels.map((c) => filter(filter(c, shelf), highPass));
  const block = Math.round(0.4 * rate);
  const step = Math.round(0.1 * rate);
  const powers: number[] = [];
  for (let start = 0; start + block <= (weighted[0]?.length ?? 0); start += step) {
    let power = 0;
    for (const channel of weighted) {
      let sum = 0;
      for (let i = start; i < start + block; i++) sum += channel[i]! * channel[i]!;
      power += sum / block;
    }
    powers.push(power);
  }
  const mean = (list: number[]) => list.reduce((s, p) => s + p, 0) / list.length;
  const absolute = powers.filter((p) => lufs(p) > -70);
  if (!absolute.length) return -Infinity;
  const relative = lufs(mean(absolute)) - 10;
  const gated = absolute.filter((p) => lufs(p) > relative);
  return lufs(mean(gated));
}

/** Measures a decoded recording: one Float32Array per channel, samples in [−1, 1]. */
export function measureLoudness(channels: Float32Array[], rate: number): Loudness {
  const length = channels[0]?.length ?? 0;
  let peak = 0;
  let clippedRuns = 0;
  for (const channel of channels) {
    let run = 0;
    for (const sample of channel) {
      const a = Math.abs(sample);
      if (a > peak) peak = a;
      run = a >= 0.999 ? run + 1 : 0;
      if (run === 3) clippedRuns++;
    }
  }
  // Silence at each end, in 10 ms windows whose RMS is below the threshold.
  const window = Math.max(1, Math.round(rate / 100));
  const loud = (start: number) => {
    let sum = 0;
    for (const channel of channels)
      for (let i = start; i < Math.min(start + window, length); i++) sum += channel[i]! ** 2;
    return dbfs(Math.sqrt(sum / (window * channels.length))) > SILENCE_DBFS;
  };
  let first = 0;
  while (first < length && !loud(first)) first += window;
  let last = length;
  while (last > first && !loud(Math.max(0, last - window))) last -= window;
  const ms = (samples: number) => Math.round((Math.min(samples, length) / rate) * 1000);
  return {
    integratedLufs: integrated(channels, rate),
    peakDbfs: peak ? dbfs(peak) : -Infinity,
    leadingSilenceMs: ms(first),
    trailingSilenceMs: ms(length - last),
    clippedRuns,
    durationMs: ms(length),
  };
}

export type LoudnessVerdict =
  | { ok: true; gainDb: number; resultLufs: number }
  | { ok: false; reason: 'silent' | 'too-quiet' | 'clipped' };

/**
 * What to do with a recording: the gain that brings it to the target without its peak passing the
 * ceiling, or why it cannot be used.
 */
export function loudnessVerdict(measured: Loudness): LoudnessVerdict {
  if (measured.integratedLufs === -Infinity) return { ok: false, reason: 'silent' };
  if (measured.clippedRuns > 0) return { ok: false, reason: 'clipped' };
  if (measured.integratedLufs < QUIETEST_LUFS) return { ok: false, reason: 'too-quiet' };
  const gainDb = Math.min(
    TARGET_LUFS - measured.integratedLufs,
    PEAK_CEILING_DBFS - measured.peakDbfs,
  );
  return { ok: true, gainDb, resultLufs: measured.integratedLufs + gainDb };
}

/** A mono, 16-bit PCM WAV of the channels mixed down, with `gainDb` applied. */
export function normalisedWav(channels: Float32Array[], rate: number, gainDb: number): Blob {
  const length = channels[0]?.length ?? 0;
  const gain = 10 ** (gainDb / 20) / channels.length;
  const data = new DataView(new ArrayBuffer(44 + length * 2));
  const text = (at: number, value: string) =>
    [...value].forEach((c, i) => data.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  data.setUint32(4, 36 + length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  data.setUint32(16, 16, true);
  data.setUint16(20, 1, true); // PCM
  data.setUint16(22, 1, true); // mono
  data.setUint32(24, rate, true);
  data.setUint32(28, rate * 2, true);
  data.setUint16(32, 2, true);
  data.setUint16(34, 16, true);
  text(36, 'data');
  data.setUint32(40, length * 2, true);
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i]!;
    const sample = Math.max(-1, Math.min(1, sum * gain));
    data.setInt16(44 + i * 2, Math.round(sample * 0x7fff), true);
  }
  return new Blob([data.buffer], { type: 'audio/wav' });
}
