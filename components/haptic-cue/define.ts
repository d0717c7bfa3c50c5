import { FwHapticCue } from './haptic-cue.js';

if (!customElements.get('fw-haptic-cue')) customElements.define('fw-haptic-cue', FwHapticCue);

declare global {
  interface HTMLElementTagNameMap {
    'fw-haptic-cue': FwHapticCue;
  }
}

export { FwHapticCue };
