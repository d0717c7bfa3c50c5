import { css } from 'lit';

export const languagePickerStyles = css`
  :host {
    display: block;
  }

  fieldset {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }

  /* The same inset as the list's, so the search box lines up with the buttons. */
  legend,
  label,
  input,
  .count {
    margin-inline: 0.5rem;
  }

  legend {
    margin-block-end: 0.5rem;
    font-size: 1.5rem;
  }

  label {
    font-size: 1.125rem;
    font-weight: 600;
  }

  input {
    min-block-size: var(--fw-target-size, 48px);
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--fw-color-button-border, #0b0c0c);
    border-radius: var(--fw-radius, 8px);
    background: var(--fw-color-surface, #ffffff);
    color: var(--fw-color-text, #0b0c0c);
    font: inherit;
    font-size: 1.25rem;
  }

  .count {
    margin-block: 0;
    font-size: 1rem;
  }

  /*
   * The list alone scrolls, so the search box above it stays in view. overflow-y is the fallback
   * for browsers without overflow-block. The padding keeps the focus ring clear of the scroll edge,
   * which clips it.
   */
  .list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.25rem), 1fr));
    /* Rows keep their content's height when the list is limited in height and scrolls. */
    grid-auto-rows: max-content;
    gap: 0.5rem;
    max-block-size: var(--fw-language-picker-max-block-size, none);
    overflow-y: auto;
    overflow-block: auto;
    padding: 0.5rem;
  }

  button {
    position: relative;
    flex-direction: column;
    gap: 0.125rem;
    padding: 1.25rem 0.25rem 0.75rem;
    text-align: center;
    /*
     * A long endonym wraps inside its tile rather than spilling out of it, as "Українська" did with
     * wider letter spacing (WCAG 1.4.12). "anywhere", unlike "break-word", lets the name shrink to
     * the tile's width, so it breaks only when it cannot fit whole; the tile's lang hyphenates it
     * where the browser knows the language.
     */
    overflow-wrap: anywhere;
    hyphens: auto;
  }

  .endonym,
  .name {
    max-inline-size: 100%;
  }

  /* A thicker border when chosen; the padding gives back the width so nothing shifts. */
  button[aria-pressed='true'] {
    border-width: 5px;
    padding: calc(1.25rem - 3px) calc(0.25rem - 3px) calc(0.75rem - 3px);
  }

  .endonym {
    font-size: 1.375rem;
    font-weight: 700;
  }

  .name {
    font-size: 1rem;
    font-weight: 400;
  }

  .tick {
    display: none;
    position: absolute;
    inset-block-start: 0.125rem;
    inset-inline-end: 0.125rem;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 3;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  button[aria-pressed='true'] .tick {
    display: block;
  }

  @media (forced-colors: active) {
    input {
      border-color: CanvasText;
    }
  }
`;
