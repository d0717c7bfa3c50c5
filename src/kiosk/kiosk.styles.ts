import { css } from 'lit';
import { baseStyles } from '../../components/shared/styles.js';

export const kioskStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      min-block-size: 100dvh;
      background: var(--fw-color-page, #f3f2f1);
      font-size: 1.125rem;
    }

    .view {
      max-inline-size: 1366px;
      margin-inline: auto;
      padding: clamp(0.75rem, 2vw, 1.5rem);
    }

    h1,
    h2 {
      margin-block: 0 0.75rem;
      line-height: 1.2;
      overflow-wrap: anywhere;
    }

    h1 {
      font-size: clamp(1.5rem, 1.2rem + 1.5vw, 2.25rem);
    }

    h2 {
      font-size: 1.375rem;
    }

    h1:focus {
      outline: none;
    }

    legend {
      margin-block-end: 0.5rem;
    }

    .hint {
      margin-block: 0.5rem 0;
      color: var(--fw-color-muted, #484949);
    }

    /* The one status region, above every view. Empty, it takes no room but stays in the
       accessibility tree: a live region that appears with its message may not be announced. */
    .announcer {
      max-inline-size: 1366px;
      margin-inline: auto;
      padding-inline: clamp(0.75rem, 2vw, 1.5rem);
    }

    .status {
      margin-block: clamp(0.75rem, 2vw, 1.5rem) 0;
      padding: 0.75rem 1rem;
      border-inline-start: 6px solid var(--fw-color-text, #0b0c0c);
      background: var(--fw-color-surface, #ffffff);
      font-weight: 600;
    }

    .status:empty {
      margin: 0;
      padding: 0;
      border: 0;
    }

    .instruction {
      margin-block: 0 1.25rem;
      max-inline-size: 40em;
    }

    .show {
      inline-size: 100%;
      min-block-size: 6rem;
      font-size: clamp(1.75rem, 1.4rem + 1.5vw, 2.5rem);
      background: var(--fw-color-primary-bg, #1d2a44);
      color: var(--fw-color-primary-text, #ffffff);
      border-color: var(--fw-color-primary-bg, #1d2a44);
    }

    .show:hover {
      background: var(--fw-color-primary-hover, #2c3e63);
    }

    .secondary {
      background: transparent;
    }

    a.button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-block-size: 48px;
      padding: 0.5em 1em;
      border: 2px solid var(--fw-color-button-border, #0b0c0c);
      border-radius: var(--fw-radius, 8px);
      color: var(--fw-color-button-text, #0b0c0c);
      background: var(--fw-color-button-bg, #ffffff);
      font-weight: 600;
      text-decoration: underline;
    }

    /* ── Officer home ── */

    .home {
      display: grid;
      gap: 1.5rem;
      grid-template-columns: minmax(0, 1fr);
    }

    .primary {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1.25rem;
      align-content: start;
    }

    .chips,
    .actions,
    .themes,
    .notice-actions,
    .dialog-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .options {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1.25rem;
      align-content: start;
      --fw-language-picker-max-block-size: 24rem;
    }

    .settings {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 1rem 1.5rem;
      padding-block-start: 1rem;
      border-block-start: 2px solid var(--fw-color-muted, #484949);
    }

    .settings h2 {
      flex-basis: 100%;
      margin: 0;
    }

    .officer-lang {
      display: grid;
      gap: 0.25rem;
      font-weight: 700;
    }

    select {
      min-block-size: 48px;
      padding-inline: 0.75rem;
      border: 2px solid var(--fw-color-button-border, #0b0c0c);
      border-radius: var(--fw-radius, 8px);
      background: var(--fw-color-button-bg, #ffffff);
      color: var(--fw-color-button-text, #0b0c0c);
      font: inherit;
    }

    @media (min-width: 56rem) {
      .home {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        align-items: start;
      }
      .settings {
        grid-column: 1 / -1;
      }
    }

    .save-failure {
      display: grid;
      gap: 0.5rem;
      justify-items: start;
      padding: 1rem;
      border: 4px solid var(--fw-color-text, #0b0c0c);
      border-inline-start-width: 12px;
      background: var(--fw-color-officer-bg, #fff7bf);
      color: var(--fw-color-text, #0b0c0c);
      font-weight: 600;
    }

    .save-failure p {
      margin: 0;
    }

    .log {
      padding-block-start: 1rem;
      border-block-start: 2px solid var(--fw-color-muted, #484949);
    }

    .officer-line {
      font-size: 1.125rem;
    }

    @media (min-width: 56rem) {
      .log {
        grid-column: 1 / -1;
      }
    }

    /* ── Dialogs ── */

    dialog {
      inline-size: min(40rem, calc(100vw - 1.5rem));
      max-block-size: calc(100dvh - 1.5rem);
      padding: 1.5rem;
      border: 3px solid var(--fw-color-text, #0b0c0c);
      border-radius: var(--fw-radius, 8px);
      background: var(--fw-color-surface, #ffffff);
      color: var(--fw-color-text, #0b0c0c);
    }

    dialog::backdrop {
      background: rgb(0 0 0 / 0.6);
    }

    #change {
      inline-size: min(60rem, calc(100vw - 1.5rem));
    }

    #change[open] {
      display: grid;
      gap: 1.25rem;
    }

    .reasons {
      display: grid;
      gap: 0.5rem;
      margin-block-end: 1rem;
    }

    .danger {
      border-width: 3px;
    }

    /* ── Notice ── */

    .notice {
      display: flex;
      flex-direction: column;
      min-block-size: 100dvh;
      padding-block-end: 0;
    }

    .stage {
      flex: 1;
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1.5rem;
      align-content: start;
      padding-block-end: 1.5rem;
      transition: transform 0.4s ease;
    }

    /* The notice's own controls line up with the notice above them. */
    .notice-actions {
      inline-size: 100%;
      max-inline-size: var(--fw-notice-max-inline-size, 60rem);
      margin-inline: auto;
    }

    /* Flip turns the notice to face a person across a table; the officer's strip stays put. */
    .stage[data-flipped] {
      transform: rotate(180deg);
    }

    .officer {
      position: sticky;
      inset-block-end: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-inline: calc(-1 * clamp(0.75rem, 2vw, 1.5rem));
      padding: 0.5rem clamp(0.75rem, 2vw, 1.5rem);
      border-block-start: 3px solid var(--fw-color-officer-border, #0b0c0c);
      background: var(--fw-color-officer-bg, #fff7bf);
      font-size: 1rem;
    }

    /* Where the strip would cover too much of a short viewport, it sits after the notice instead
       (see sticky-strip.ts). */
    .officer[data-static] {
      position: static;
    }

    .notes {
      margin: 0;
      padding-inline-start: 1.25rem;
    }

    .notes:empty {
      display: none;
    }

    .officer-button {
      margin-inline-start: auto;
    }

    /* ── Thanks ── */

    .thanks {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1.5rem;
      align-content: center;
      justify-items: start;
      min-block-size: 80dvh;
      font-size: 1.75rem;
    }

    .thanks p {
      margin: 0;
    }

    @media (prefers-reduced-motion: reduce) {
      .stage {
        transition: none;
      }
    }

    @media (forced-colors: active) {
      .show {
        border: 3px solid ButtonText;
      }
      .officer {
        border-block-start-color: CanvasText;
      }
      dialog {
        border-color: CanvasText;
      }
    }
  `,
];
