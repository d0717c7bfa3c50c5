import { css, html, nothing, type SVGTemplateResult } from 'lit';

/**
 * The control the audio and haptic cues share: one toggle button with a pictogram, and a polite
 * status line. While the browser waits for a tap before it will play or vibrate, the button grows,
 * because it is then the only way to start the cue.
 */
export const cueControlStyles = css`
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

  button.gate {
    font-size: var(--fw-cue-gate-size, 1.5rem);
    padding: 0.75em 1.25em;
  }

  .status {
    margin: 0;
    min-block-size: 1.4em;
  }
`;

export interface CueControl {
  pictogram: SVGTemplateResult;
  label: string;
  /** True while the cue is waiting for a tap to start. */
  gate: boolean;
  /** The polite status, or empty when there is nothing to say. */
  status: string;
  onToggle: () => void;
}

export function cueControl({ pictogram, label, gate, status, onToggle }: CueControl) {
  return html`
    <button type="button" part="button" class=${gate ? 'gate' : ''} @click=${onToggle}>
      <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">${pictogram}</svg>
      ${label}
    </button>
    <p part="status" class="status" role="status">${status || nothing}</p>
  `;
}
