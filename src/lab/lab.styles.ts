import { css } from 'lit';
import { reviewStyles } from '../review/review.styles.js';

/**
 * The lab's styles: the review's forms, messages and error summary (one look for both desktop
 * tools), plus the gallery, the preview and its simulated conditions. Each condition is a class
 * on its own wrapper round the notice, so any of them combine.
 */
export const labStyles = [
  ...reviewStyles,
  css`
    :host {
      max-inline-size: 72rem;
      margin-inline: auto;
      padding: 1rem;
    }

    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      padding: 0;
      list-style: none;
    }
    /*
     * A link that stands alone (not inside a sentence) is a 44 px target, as GOV.UK's controls are
     * (WCAG 2.5.5, AAA): the lab is where people who need larger targets come to test.
     */
    .links a,
    .error-summary li a,
    a.back {
      display: inline-flex;
      align-items: center;
      min-block-size: 44px;
    }

    .message > p:last-child {
      margin-block-end: 0;
    }

    textarea {
      inline-size: 100%;
      max-inline-size: 100%;
      min-block-size: 8rem;
      padding: 0.5rem;
      border: 2px solid var(--fw-color-button-border, #0b0c0c);
      border-radius: 0;
      background: var(--fw-color-surface, #ffffff);
      color: var(--fw-color-text, #0b0c0c);
      font: inherit;
    }
    textarea[aria-invalid='true'] {
      border-width: 4px;
      border-color: var(--fw-color-recording, #b3261e);
    }
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline: 3px solid var(--fw-color-focus, #ffdd00);
      outline-offset: 0;
      box-shadow: inset 0 0 0 2px var(--fw-color-focus-halo, #0b0c0c);
    }
    .stack {
      max-inline-size: 36rem;
    }
    .count.over {
      font-weight: 700;
      color: var(--fw-color-recording, #b3261e);
    }

    /*
     * Radios and checkboxes as GOV.UK draws them: a 40 px box, and a label beside it that is part
     * of the target, 44 px high, so box and label together meet WCAG 2.5.5's 44 px (AAA).
     */
    .choices {
      display: grid;
      gap: 0.25rem;
      margin-block-start: 0.5rem;
    }
    .choices.inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: var(--fw-target-size, 44px);
    }
    .choice input {
      flex: none;
      inline-size: 40px;
      block-size: 40px;
      min-block-size: 0;
      margin: 0;
      accent-color: var(--fw-color-primary-bg, #1d2a44);
    }
    .choice label {
      display: flex;
      align-items: center;
      min-block-size: 44px;
      min-inline-size: 44px;
      font-weight: 400;
      padding-block: 0.25rem;
    }
    .choice .hint {
      flex-basis: 100%;
      padding-inline-start: calc(40px + 0.5rem);
      margin-block-start: -0.5rem;
    }
    .choice.with-hint {
      flex-wrap: wrap;
    }

    /* The gallery: filters, then cards that fill the row and drop to one column at 320 px. */
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
      gap: 1rem 1.25rem;
      align-items: end;
      margin-block-end: 1rem;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .card {
      display: grid;
      gap: 0.25rem;
      align-content: start;
      padding: 0.75rem;
      border: 1px solid var(--fw-color-muted, #484949);
      background: var(--fw-color-surface, #ffffff);
    }
    .card.current {
      border: 3px solid var(--fw-color-text, #0b0c0c);
    }
    .card p {
      margin: 0;
    }
    .card .format {
      font-weight: 700;
    }
    .card .english {
      display: block;
      color: var(--fw-color-muted, #484949);
    }
    .card button {
      justify-self: start;
      margin-block-start: 0.25rem;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    .tag {
      display: inline-block;
      padding: 0 0.4rem;
      border: 1px solid currentColor;
      font-size: 0.9375rem;
    }
    .tag.reviewed {
      font-weight: 700;
    }

    /* The preview. */
    .preview-panel {
      display: grid;
      gap: 1.5rem;
    }
    .simulators .choices {
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
      gap: 0.25rem 1.25rem;
    }
    .simulators fieldset fieldset {
      margin-block-start: 0.75rem;
    }
    .stage {
      /* Focusable (it scrolls), so a 44 px target even before a notice is in it. */
      min-block-size: 6rem;
      padding: 1rem;
      overflow: auto;
      border: 2px dashed var(--fw-color-muted, #484949);
      background: var(--fw-color-page, #f3f2f1);
    }
    .stage:focus-visible {
      outline: 3px solid var(--fw-color-focus, #ffdd00);
      box-shadow: 0 0 0 7px var(--fw-color-focus-halo, #0b0c0c);
    }
    /* 320 CSS px inside the frame, as on the phone; the frame's border is extra. */
    .sim-phone {
      box-sizing: content-box;
      inline-size: 320px;
      max-inline-size: calc(100% - 24px);
      block-size: 568px;
      margin-inline: auto;
      overflow: auto;
      border: 12px solid var(--fw-color-text, #0b0c0c);
      border-radius: 24px;
      background: var(--fw-color-page, #f3f2f1);
    }
    /* CSS zoom re-lays out the notice in the space it has, as browser zoom does: it reflows. */
    .zoom-200 {
      zoom: 2;
    }
    .zoom-400 {
      zoom: 4;
    }
    .sim-blur {
      filter: blur(3px);
    }
    .vision-protanopia {
      filter: url('#fw-lab-protanopia');
    }
    .vision-deuteranopia {
      filter: url('#fw-lab-deuteranopia');
    }
    .vision-tritanopia {
      filter: url('#fw-lab-tritanopia');
    }
    .vision-achromatopsia {
      filter: url('#fw-lab-achromatopsia');
    }
    .filters-defs {
      position: absolute;
      inline-size: 0;
      block-size: 0;
      overflow: hidden;
    }
    /*
     * Forced colours, simulated: the theme's tokens become the system palette, so the notice is
     * drawn in Canvas, CanvasText, ButtonText and Highlight as a contrast theme would draw it.
     * It cannot drop backgrounds and shadows as the real mode does.
     */
    .sim-forced {
      --fw-color-page: Canvas;
      --fw-color-surface: Canvas;
      --fw-color-text: CanvasText;
      --fw-color-muted: CanvasText;
      --fw-color-button-bg: ButtonFace;
      --fw-color-button-text: ButtonText;
      --fw-color-button-border: ButtonText;
      --fw-color-button-hover: ButtonFace;
      --fw-color-primary-bg: ButtonText;
      --fw-color-primary-hover: ButtonText;
      --fw-color-primary-text: ButtonFace;
      --fw-color-selected-bg: Highlight;
      --fw-color-selected-text: HighlightText;
      --fw-color-focus: Highlight;
      --fw-color-focus-halo: Canvas;
      --fw-color-recording: CanvasText;
      --fw-color-video-bg: Canvas;
      background: Canvas;
      color: CanvasText;
    }
    .officer-notes {
      margin: 0;
      padding-inline-start: 1.25rem;
    }

    .announce {
      margin: 0;
      padding-inline-start: 2rem;
      font-size: 1rem;
    }
    .announce li {
      padding-block: 0.125rem;
    }
    .announce .role {
      font-weight: 700;
    }

    .previous {
      padding-inline-start: 1.25rem;
    }
    .previous .comment {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      padding-inline-start: 0.75rem;
      border-inline-start: 4px solid var(--fw-color-muted, #484949);
    }

    @media (forced-colors: active) {
      .card,
      .stage,
      .sim-phone {
        border-color: CanvasText;
      }
    }
  `,
];
