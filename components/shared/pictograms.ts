import { svg, type SVGTemplateResult } from 'lit';

/*
 * Forewarn's own pictograms, drawn on a 48x48 grid. Render one as
 * `<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">${PICTOGRAMS[name]}</svg>`
 * beside text that carries the meaning. Shapes paint with currentColor so they follow the text
 * colour, themes and forced-colours mode; `.accent` shapes (the recording dot) default to
 * currentColor too, and component CSS may tint them with `--fw-pictogram-accent`.
 */

/** Wraps a drawing in the shared line style: 3-unit strokes, round caps and joins, no fill. */
export const line = (content: SVGTemplateResult): SVGTemplateResult =>
  svg`<g fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${content}</g>`;

export const PICTOGRAMS = {
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
