import { css } from 'lit';
import { baseStyles } from '../../components/shared/styles.js';

/**
 * What every part of the review shares: type, forms, tables, messages and charts, on the app's
 * theme tokens. The review runs on a desktop, so targets are 44 px rather than the kiosk's 48,
 * still well over WCAG 2.5.8's 24.
 */
export const reviewStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      --fw-target-size: 44px;
      /* Marks in charts: at least 3:1 against the surface in every theme (WCAG 1.4.11). */
      --fw-chart-mark: var(--fw-color-primary-bg, #1d2a44);
      --fw-chart-grid: var(--fw-color-muted, #484949);
      font-size: 1.0625rem;
      container-type: inline-size;
    }

    h1,
    h2,
    h3 {
      margin-block: 0 0.75rem;
      line-height: 1.2;
      overflow-wrap: anywhere;
    }
    h1 {
      font-size: clamp(1.75rem, 1.4rem + 1.5vw, 2.5rem);
    }
    h2 {
      font-size: 1.5rem;
      margin-block-start: 2rem;
    }
    h3 {
      font-size: 1.25rem;
      margin-block-start: 1.5rem;
    }
    h1:focus,
    h2:focus {
      outline: none;
    }
    p {
      margin-block: 0 1rem;
      max-inline-size: 70ch;
    }

    a {
      color: var(--fw-color-link, var(--fw-color-text, #0b0c0c));
      text-decoration-thickness: max(1px, 0.0625rem);
      text-underline-offset: 0.15em;
    }
    a:hover {
      text-decoration-thickness: max(3px, 0.1875rem);
    }
    .hint {
      margin: 0;
      color: var(--fw-color-muted, #484949);
    }

    button.primary,
    a.button {
      background: var(--fw-color-primary-bg, #1d2a44);
      border-color: var(--fw-color-primary-bg, #1d2a44);
      color: var(--fw-color-primary-text, #ffffff);
    }
    button.primary:hover {
      background: var(--fw-color-primary-hover, #2c3e63);
    }
    a.button {
      display: inline-flex;
      align-items: center;
      min-block-size: var(--fw-target-size, 44px);
      padding: 0.5em 1em;
      border: 2px solid var(--fw-color-primary-bg, #1d2a44);
      border-radius: var(--fw-radius, 8px);
      font-weight: 600;
      text-decoration: none;
    }

    /* The IPAG member's quarter picker: the field, then its button, a gap apart. */
    form.quarter {
      display: grid;
      gap: 1rem;
      max-inline-size: 36rem;
      margin-block-end: 1.5rem;
    }

    /* Form fields, GOV.UK style: label, hint, error, then the control. */
    .field {
      display: grid;
      gap: 0.25rem;
      align-content: start;
      min-inline-size: 0;
    }
    label {
      font-weight: 700;
    }
    input,
    select {
      inline-size: 100%;
      max-inline-size: 100%;
      min-block-size: var(--fw-target-size, 44px);
      padding-inline: 0.5rem;
      border: 2px solid var(--fw-color-button-border, #0b0c0c);
      border-radius: 0;
      background: var(--fw-color-surface, #ffffff);
      color: var(--fw-color-text, #0b0c0c);
      font: inherit;
    }
    input[type='file'] {
      padding-block: 0.5rem;
      border-style: dashed;
    }
    input[aria-invalid='true'],
    select[aria-invalid='true'] {
      border-width: 4px;
      border-color: var(--fw-color-recording, #b3261e);
    }
    .field.invalid {
      padding-inline-start: 0.75rem;
      border-inline-start: 5px solid var(--fw-color-recording, #b3261e);
    }
    .error-message {
      margin: 0;
      font-weight: 700;
      color: var(--fw-color-recording, #b3261e);
    }

    .error-summary {
      margin-block: 0 1.5rem;
      padding: 1rem;
      border: 5px solid var(--fw-color-recording, #b3261e);
      background: var(--fw-color-surface, #ffffff);
    }
    .error-summary h2 {
      margin-block: 0 0.5rem;
      font-size: 1.25rem;
    }
    .error-summary ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .error-summary a {
      color: var(--fw-color-recording, #b3261e);
      font-weight: 700;
    }

    .message {
      margin-block: 0 1rem;
      padding: 0.75rem 1rem;
      border-inline-start: 6px solid var(--fw-color-text, #0b0c0c);
      background: var(--fw-color-surface, #ffffff);
      max-inline-size: 70ch;
    }
    .message.problem {
      border-inline-start-color: var(--fw-color-recording, #b3261e);
      font-weight: 600;
    }
    .message:empty {
      display: none;
    }

    .panel {
      padding: 1rem;
      background: var(--fw-color-surface, #ffffff);
      border: 1px solid var(--fw-color-muted, #484949);
    }

    /* A wide table scrolls inside its own labelled, focusable region rather than the page. */
    .table-scroll {
      max-inline-size: 100%;
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
      font-variant-numeric: tabular-nums;
      background: var(--fw-color-surface, #ffffff);
    }
    caption {
      padding-block-end: 0.5rem;
      font-weight: 700;
      text-align: start;
    }
    th,
    td {
      padding: 0.5rem 0.75rem;
      border-block-end: 1px solid var(--fw-color-muted, #484949);
      text-align: start;
      vertical-align: top;
    }
    thead th {
      border-block-end-width: 2px;
    }
    td.number,
    th.number {
      text-align: end;
      white-space: nowrap;
    }
    .flag {
      font-weight: 700;
    }

    /* A form's fields, one under another, narrow like GOV.UK's. */
    .stack {
      display: grid;
      gap: 1.25rem;
      max-inline-size: 24rem;
    }

    /* A chart beside its table, one above the other when there is no room. */
    .pair {
      display: grid;
      gap: 1.5rem;
      align-items: start;
    }
    @container (min-inline-size: 56rem) {
      .pair {
        grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
      }
    }
    figure {
      margin: 0;
      min-inline-size: 0;
    }
    .note {
      margin-block-end: 0.75rem;
    }

    /* Charts: Plot's own styles are removed (see plot.ts); these take their place. */
    .chart svg {
      display: block;
      inline-size: 100%;
      block-size: auto;
      max-inline-size: 100%;
      overflow: visible;
      color: var(--fw-color-text, #0b0c0c);
      font-family: var(--fw-font-family, system-ui, sans-serif);
      font-size: 12px;
    }
    .chart svg [data-mark='bar'],
    .chart svg [data-mark='line'],
    .chart svg [data-mark='dot'] {
      color: var(--fw-chart-mark);
    }
    .chart svg [data-mark$='grid'] {
      color: var(--fw-chart-grid);
    }
    .chart svg text {
      white-space: pre;
    }

    /*
     * A focused link, GOV.UK's way: black on the focus colour, with a black bar beneath. It comes
     * last, after every rule that colours a link (a.button's navy fill, the error summary's red), so a focused link
     * always has both its colour and its background from here: set apart, a rule of the same
     * specificity later on would win the background and leave black text on navy.
     */
    a:focus-visible,
    a.button:focus-visible {
      outline: 3px solid transparent;
      background: var(--fw-color-focus, #ffdd00);
      border-color: var(--fw-color-focus, #ffdd00);
      color: #0b0c0c;
      box-shadow:
        0 -2px var(--fw-color-focus, #ffdd00),
        0 4px #0b0c0c;
      text-decoration: none;
    }

    @media (forced-colors: active) {
      .chart svg,
      .chart svg [data-mark] {
        color: CanvasText;
      }
      .message,
      .error-summary,
      .panel {
        border-color: CanvasText;
      }
      a.button {
        border-color: LinkText;
      }
    }

    @media print {
      :host {
        font-size: 10.5pt;
      }
      button,
      .no-print {
        display: none !important;
      }
      a {
        color: inherit;
        text-decoration: none;
      }
      table,
      figure,
      .chart,
      .keep-together {
        break-inside: avoid;
      }
      h2,
      h3 {
        break-after: avoid;
      }
      .table-scroll {
        overflow: visible;
      }
      .panel,
      table,
      .message {
        background: none;
      }
      .chart svg {
        color: #000000;
      }
      .chart svg [data-mark='bar'],
      .chart svg [data-mark='line'],
      .chart svg [data-mark='dot'] {
        color: #1d2a44;
      }
    }
  `,
];

/** A clip in a form (the recorder's preview and take, the caption-timing helper's player). */
export const clipStyles = css`
  video {
    inline-size: 100%;
    max-inline-size: 32rem;
    background: #000;
  }
`;
