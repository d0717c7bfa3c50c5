import { FwAudioCue } from './audio-cue.js';

if (!customElements.get('fw-audio-cue')) customElements.define('fw-audio-cue', FwAudioCue);

declare global {
  interface HTMLElementTagNameMap {
    'fw-audio-cue': FwAudioCue;
  }
}

export { FwAudioCue };
