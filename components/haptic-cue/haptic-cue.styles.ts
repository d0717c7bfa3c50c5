import { css } from 'lit';

export const hapticCueStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
    max-inline-size: 100%;
  }

  button svg {
    inline-size: 1.5em;
    block-size: 1.5em;
  }

  /* Waiting for a tap: the button is the only way to start the vibration, so it is hard to miss. */
  button.gate {
    font-size: var(--fw-haptic-cue-gate-size, 1.5rem);
    padding: 0.75em 1.25em;
  }

  .status {
    margin: 0;
    min-block-size: 1.4em;
  }
`;
