import { css } from 'lit';
import { reviewStyles } from './review.styles.js';

/** The review's and the report's page: the bar, the column, the headline figures. */
export const pageStyles = [
  ...reviewStyles,
  css`
    :host {
      min-block-size: 100dvh;
      background: var(--fw-color-page, #f3f2f1);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.5rem clamp(0.75rem, 3vw, 2rem);
      background: var(--fw-color-primary-bg, #1d2a44);
      color: var(--fw-color-primary-text, #ffffff);
    }
    .bar .user {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    .bar a {
      color: inherit;
      display: inline-flex;
      align-items: center;
      min-block-size: 44px;
    }
    .bar a:focus-visible {
      color: #0b0c0c;
    }
    .page {
      max-inline-size: 72rem;
      margin-inline: auto;
      padding: clamp(1rem, 3vw, 2rem) clamp(0.75rem, 3vw, 2rem) 4rem;
    }
    .headline {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
      gap: 1rem;
      margin: 0 0 1.5rem;
    }
    .figure {
      padding: 1rem;
      background: var(--fw-color-surface, #ffffff);
      border-block-start: 6px solid var(--fw-color-primary-bg, #1d2a44);
    }
    .figure dt {
      font-weight: 700;
    }
    .figure dd {
      margin: 0.25rem 0 0;
    }
    .figure .number {
      display: block;
      font-size: 2rem;
      font-weight: 700;
      line-height: 1.1;
      font-variant-numeric: tabular-nums;
    }
    .share {
      color: var(--fw-color-muted, #484949);
    }
    .links {
      margin-block: 1.5rem;
    }
    .links .hint {
      display: block;
      margin-block-start: 0.25rem;
    }
    @media (forced-colors: active) {
      .bar {
        border-block-end: 2px solid CanvasText;
      }
      .figure {
        border: 1px solid CanvasText;
      }
    }
    @media print {
      :host {
        min-block-size: 0;
        background: none;
      }
      .page {
        max-inline-size: none;
        padding: 0;
      }
      .figure {
        padding: 0.5rem;
        border: 1px solid #000000;
        background: none;
      }
      .figure .number {
        font-size: 16pt;
      }
      .share {
        color: inherit;
      }
    }
  `,
];
