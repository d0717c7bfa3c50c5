import { css } from 'lit';

export const formatPickerStyles = css`
  /* The host is the container, so the grid follows the space it is given, not the viewport. */
  :host {
    display: block;
    container-type: inline-size;
  }

  legend {
    font-size: 1.5rem;
  }

  .group-hint {
    margin-block: 0.25rem 1rem;
    font-size: 1.125rem;
  }

  .tiles {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.75rem;
  }

  @container (min-inline-size: 36rem) {
    .tiles {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }

  button {
    position: relative;
    flex-direction: column;
    justify-content: flex-start;
    gap: 0.375rem;
    min-block-size: 9rem;
    padding: 1rem 0.75rem;
    text-align: center;
    /* Break a long word only when it cannot fit on a line of its own. */
    overflow-wrap: break-word;
    hyphens: auto;
  }

  /* A thicker border when pressed; the padding gives back the width so nothing shifts. */
  button[aria-pressed='true'] {
    border-width: 5px;
    padding: calc(1rem - 3px) calc(0.75rem - 3px);
  }

  .pictogram {
    inline-size: 3.5rem;
    block-size: 3.5rem;
  }

  .name {
    font-size: 1.25rem;
    font-weight: 700;
  }

  .hint {
    font-size: 1rem;
    font-weight: 400;
  }

  .tick {
    position: absolute;
    inset-block-start: 0.375rem;
    inset-inline-end: 0.375rem;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .tick path {
    display: none;
  }

  button[aria-pressed='true'] .tick path {
    display: inline;
  }

  /* The officer's compact list stacks on a narrow screen, so no name has to break. */
  @container (max-inline-size: 26rem) {
    :host([compact]) .tiles {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  :host([compact]) button {
    flex-direction: row;
    justify-content: flex-start;
    min-block-size: 4rem;
    padding-inline-end: 2.5rem;
    text-align: start;
  }

  :host([compact]) button[aria-pressed='true'] {
    padding-inline-end: calc(2.5rem - 3px);
  }

  :host([compact]) .pictogram {
    inline-size: 2.25rem;
    block-size: 2.25rem;
  }

  :host([compact]) .name {
    font-size: 1.125rem;
  }

  :host([compact]) .tick {
    inset-block-start: 50%;
    translate: 0 -50%;
  }
`;
