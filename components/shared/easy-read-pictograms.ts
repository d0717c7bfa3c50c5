import { svg, type SVGTemplateResult } from 'lit';
import { line } from './pictograms.js';

/*
 * The Easy Read pictograms, one beside each sentence of the Easy Read notice, drawn like the
 * others (see pictograms.ts). A module of their own because only the notice needs them, not the
 * kiosk's first screen.
 */
export const EASY_READ_PICTOGRAMS = {
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
} as const satisfies Record<string, SVGTemplateResult>;

export type EasyReadPictogramName = keyof typeof EASY_READ_PICTOGRAMS;
