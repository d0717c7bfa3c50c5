/**
 * A photosensitive-flash analyser after WCAG 2.3.1 (three flashes or below threshold).
 *
 * A transition is a change in relative luminance of at least 0.1 where the darker state is below
 * 0.8; a flash is a pair of opposing transitions. A red transition is one into or out of a
 * saturated red (R / (R + G + B) >= 0.8). Every pixel is analysed on its own and the worst pixel
 * counts, which is stricter than WCAG (it ignores the small-area exemption), so a pass here is a
 * pass there.
 */

export interface Frame {
  /** Milliseconds since the first frame. */
  t: number;
  width: number;
  height: number;
  /** RGBA, 8 bits a channel. */
  data: Uint8Array | Uint8ClampedArray;
}

export interface FlashReport {
  /** The most general flashes seen in any one-second window, at any pixel. */
  maxFlashesPerSecond: number;
  /** The most red flashes seen in any one-second window, at any pixel. */
  maxRedFlashesPerSecond: number;
}

function channel(c8: number): number {
  const c = c8 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance(r: number, g: number, b: number): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function isSaturatedRed(r: number, g: number, b: number): boolean {
  const sum = r + g + b;
  return sum > 0 && r / sum >= 0.8;
}

/**
 * The times at which a series makes a transition: a move of at least `threshold` away from the
 * last extreme, in the opposite direction to the previous transition, with the darker state
 * below `darkLimit`.
 */
export function transitions(
  values: number[],
  times: number[],
  threshold = 0.1,
  darkLimit = 0.8,
): number[] {
  const found: number[] = [];
  let extreme = values[0] ?? 0;
  let direction = 0;
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    const change = v - extreme;
    const darker = Math.min(v, extreme);
    if (Math.abs(change) >= threshold && darker < darkLimit && Math.sign(change) !== direction) {
      found.push(times[i]!);
      direction = Math.sign(change);
      extreme = v;
    } else if ((direction >= 0 && v > extreme) || (direction <= 0 && v < extreme)) {
      // Follow the series further in the current direction: the extreme moves with it.
      extreme = v;
    }
  }
  return found;
}

/** The most flashes (pairs of opposing transitions) within any window of `windowMs`. */
export function maxFlashesInWindow(transitionTimes: number[], windowMs = 1000): number {
  let best = 0;
  for (let i = 0; i < transitionTimes.length; i++) {
    let j = i;
    while (j < transitionTimes.length && transitionTimes[j]! - transitionTimes[i]! < windowMs) j++;
    best = Math.max(best, Math.floor((j - i) / 2));
  }
  return best;
}

/** Analyses a sequence of equally sized frames. */
export function analyseFrames(frames: Frame[]): FlashReport {
  const first = frames[0];
  if (!first) return { maxFlashesPerSecond: 0, maxRedFlashesPerSecond: 0 };
  const times = frames.map((f) => f.t);
  const pixels = first.width * first.height;
  let maxFlashes = 0;
  let maxRed = 0;
  const lum = new Array<number>(frames.length);
  const red = new Array<number>(frames.length);
  for (let p = 0; p < pixels; p++) {
    const o = p * 4;
    let anyRed = false;
    for (let f = 0; f < frames.length; f++) {
      const d = frames[f]!.data;
      lum[f] = relativeLuminance(d[o]!, d[o + 1]!, d[o + 2]!);
      const saturated = isSaturatedRed(d[o]!, d[o + 1]!, d[o + 2]!);
      anyRed ||= saturated;
      // The red series: WCAG's (R - G - B) × 320 measure, only where the colour is saturated red.
      red[f] = saturated ? Math.max(0, (d[o]! - d[o + 1]! - d[o + 2]!) / 255) * 320 : 0;
    }
    maxFlashes = Math.max(maxFlashes, maxFlashesInWindow(transitions(lum, times)));
    if (anyRed)
      maxRed = Math.max(maxRed, maxFlashesInWindow(transitions(red, times, 20, Infinity)));
  }
  return { maxFlashesPerSecond: maxFlashes, maxRedFlashesPerSecond: maxRed };
}
