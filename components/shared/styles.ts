import { css } from 'lit';

/**
 * Styles every component shares. Colours come from `--fw-*` custom properties so one theme on the
 * page restyles every element; the fallbacks are the light theme, so an element on a plain page
 * with no theme still meets 7:1 contrast. Forced-colours mode maps everything to system colours.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    color: var(--fw-color-text, #0b0c0c);
    font-family: var(--fw-font-family, system-ui, sans-serif);
    line-height: 1.4;
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  svg {
    flex: none;
  }

  /* A group of choices: a fieldset without the browser's frame, free to shrink below its content. */
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  legend {
    padding: 0;
    font-weight: 700;
    line-height: 1.25;
  }

  .accent {
    color: var(--fw-color-recording, #b3261e);
    fill: var(--fw-color-recording, #b3261e);
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-block-size: var(--fw-target-size, 48px);
    min-inline-size: var(--fw-target-size, 48px);
    padding: 0.5em 1em;
    border: 2px solid var(--fw-color-button-border, #0b0c0c);
    border-radius: var(--fw-radius, 8px);
    background: var(--fw-color-button-bg, #ffffff);
    color: var(--fw-color-button-text, #0b0c0c);
    font: inherit;
    font-size: 1.125rem;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
    touch-action: manipulation;
  }

  button:hover {
    background: var(--fw-color-button-hover, #f0f0f0);
  }

  button[aria-pressed='true'] {
    background: var(--fw-color-selected-bg, #0b0c0c);
    color: var(--fw-color-selected-text, #ffffff);
    border-color: var(--fw-color-selected-bg, #0b0c0c);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  /*
   * Two colours, so the ring holds against both the control and the page: by default a yellow
   * ring on the control's edge inside a black halo. --fw-focus-offset moves the ring out, leaving a
   * band of the halo colour between it and the control: the high-contrast theme's ring is white
   * outside a black band, which stands out from its yellow controls and its black page alike.
   */
  :focus-visible {
    outline: 3px solid var(--fw-color-focus, #ffdd00);
    outline-offset: var(--fw-focus-offset, 0px);
    box-shadow: 0 0 0 7px var(--fw-color-focus-halo, #0b0c0c);
  }

  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    /* Chromium draws a Canvas backing behind text in forced colours, which hides HighlightText
       on a Highlight fill; opt the pressed state out and use system colours directly. */
    button[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: CanvasText;
    }
    :focus-visible {
      outline: 3px solid Highlight;
      outline-offset: 3px;
      box-shadow: none;
    }
    .accent {
      color: CanvasText;
      fill: CanvasText;
    }
  }
`;
