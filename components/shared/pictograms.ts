import { svg, type SVGTemplateResult } from 'lit';

/*
 * Forewarn's own pictograms, drawn on a 48x48 grid. Render one as
 * `<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">${PICTOGRAMS[name]}</svg>`
 * beside text that carries the meaning. Shapes paint with currentColor so they follow the text
 * colour, themes and forced-colours mode; `.accent` shapes (the recording dot) default to
 * currentColor too, and component CSS may tint them with `--fw-pictogram-accent`.
 */

/** Wraps a drawing in the shared line style: 3-unit strokes, round caps and joins, no fill. */
const line = (content: SVGTemplateResult): SVGTemplateResult =>
  svg`<g fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${content}</g>`;

export const PICTOGRAMS = {
  /** A police officer, in a peaked cap, with a camera clipped to the chest. */
  camera: line(svg`
    <path d="M13 6.5Q24 2 35 6.5L32 12H16Z" />
    <path d="M14 13.5H34" />
    <path d="M17 14v1a7 7 0 0 0 14 0v-1" />
    <path d="M5 45v-8a11 11 0 0 1 11-11h16a11 11 0 0 1 11 11v8" />
    <rect x="13" y="30" width="22" height="14" rx="3" />
    <circle cx="20" cy="37" r="3.5" />
    <circle cx="20" cy="37" r="1" fill="currentColor" stroke="none" />
  `),

  /** A body-worn camera with its recording dot lit and "on" rays at its corner. */
  recording: line(svg`
    <rect x="3" y="14" width="34" height="26" rx="5" />
    <circle cx="16" cy="27" r="7" />
    <circle cx="16" cy="27" r="2.5" fill="currentColor" stroke="none" />
    <circle class="accent" cx="29.5" cy="21.5" r="4" fill="currentColor" stroke="none" />
    <path d="M37 9.5V6M40.2 10.8l2.5-2.5M41.5 14H45" />
  `),

  /** A person waving, framed by viewfinder corners. */
  video: line(svg`
    <path d="M5 14V8a3 3 0 0 1 3-3h6M34 5h6a3 3 0 0 1 3 3v6M43 34v6a3 3 0 0 1-3 3h-6M14 43H8a3 3 0 0 1-3-3v-6" />
    <circle cx="24" cy="14" r="4" fill="currentColor" />
    <path d="M24 20v9M15 16l9 6 9-6M18 37l6-8 6 8" />
  `),

  /** A head in profile, speaking, with sound waves from the mouth. */
  sound: line(svg`
    <path d="M12 43v-7C7 33 5 28 5 22 5 13 12 6 20 6c6 0 10 4 10 10l3 7h-3v4c0 3-2 4-5 4h-3v12" />
    <path d="M35 19a6 6 0 0 1 0 10M40 14a13 13 0 0 1 0 20" />
  `),

  /** A video screen beside the scales of justice. */
  evidence: line(svg`
    <rect x="3" y="5" width="24" height="18" rx="3" />
    <path d="M12.5 10v8l7-4Z" fill="currentColor" />
    <path d="M35 21v21M28 42h14M27.5 25h15" />
    <path d="M27.5 25l-3 8M27.5 25l3 8M42.5 25l-3 8M42.5 25l3 8" />
    <path d="M24.5 33h6a3 3 0 0 1-6 0ZM39.5 33h6a3 3 0 0 1-6 0Z" />
  `),

  /** A person with a speech bubble holding a question mark. */
  ask: line(svg`
    <circle cx="13" cy="27.5" r="4.5" />
    <path d="M3.5 45a9.5 9.5 0 0 1 19 0" />
    <path d="M27 3h12a6 6 0 0 1 6 6v9a6 6 0 0 1-6 6h-8l-8 5 1.3-5.65A6 6 0 0 1 21 18V9a6 6 0 0 1 6-6Z" />
    <path d="M30 10a3 3 0 1 1 4.5 2.6c-.9.5-1.5 1.2-1.5 2.1v.8" />
    <circle cx="33" cy="20" r="1.6" fill="currentColor" stroke="none" />
  `),

  /** Two overlapping video sheets; the front one has a play triangle. */
  copy: line(svg`
    <path d="M14 33H8a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h19a3 3 0 0 1 3 3v5" />
    <rect x="16" y="16" width="27" height="26" rx="3" />
    <path d="M26 23v12l9-6Z" fill="currentColor" />
  `),

  /** An open eye. */
  visual: line(svg`
    <path d="M3 24C8 15 15 10 24 10s16 5 21 14c-5 9-12 14-21 14S8 33 3 24Z" />
    <circle cx="24" cy="24" r="7" />
    <circle cx="24" cy="24" r="3" fill="currentColor" stroke="none" />
  `),

  /** A large capital A beside a small a. */
  'large-text': line(svg`
    <path d="M4 41 15.5 7 27 41M8.5 30h14" />
    <circle cx="37" cy="35" r="6" />
    <path d="M43 29v12" />
  `),

  /** A small picture (hill and sun) beside three short lines of text. */
  'easy-read': line(svg`
    <rect x="4" y="13" width="20" height="22" rx="3" />
    <path d="M4.5 32 12 24l4 4 3-3 4.5 5" />
    <circle cx="17.5" cy="18.5" r="2" fill="currentColor" />
    <path d="M30 16h14M30 24h14M30 32h9" />
  `),

  /** Two open hands, signing, with motion marks. Drawn at 2.5 so the fingers stay open at 48 px. */
  bsl: line(svg`
    <g stroke-width="2.5">
      <path d="M20.5 45l1-6.75V19.75a1.75 1.75 0 0 0-3.5 0v6.75-10.25a1.75 1.75 0 0 0-3.5 0v10.25-10.75a1.75 1.75 0 0 0-3.5 0v10.75-8.25a1.75 1.75 0 0 0-3.5 0V31L6 23.5a1.75 1.75 0 0 0-3.43.7L7.5 38l1 7" />
      <path d="M27.5 45l-1-6.75V19.75a1.75 1.75 0 0 1 3.5 0v6.75-10.25a1.75 1.75 0 0 1 3.5 0v10.25-10.75a1.75 1.75 0 0 1 3.5 0v10.75-8.25a1.75 1.75 0 0 1 3.5 0V31l1.5-7.5a1.75 1.75 0 0 1 3.43.7L40.5 38l-1 7" />
      <path d="M7.25 10.6a8 8 0 0 1 3.9-3.85M4.1 8a12 12 0 0 1 4.4-4.4M36.85 6.75a8 8 0 0 1 3.9 3.85M39.5 3.6a12 12 0 0 1 4.4 4.4" />
    </g>
  `),

  /** A loudspeaker with two sound waves. */
  audio: line(svg`
    <path d="M6.5 18h7l11-9v30l-11-9h-7Z" />
    <path d="M31.5 19a7 7 0 0 1 0 10M36.5 13a15 15 0 0 1 0 22" />
  `),

  /** A phone with vibration marks on both sides. */
  vibration: line(svg`
    <rect x="15" y="5" width="18" height="38" rx="4" />
    <path d="M21 37h6" />
    <path d="M9 17v14M4 20v8M39 17v14M44 20v8" />
  `),

  /** The recording beacon: a filled dot inside a ring. */
  rec: line(svg`
    <circle cx="24" cy="24" r="19" />
    <circle class="accent" cx="24" cy="24" r="11" fill="currentColor" stroke="none" />
  `),
} as const satisfies Record<string, SVGTemplateResult>;

export type PictogramName = keyof typeof PICTOGRAMS;
