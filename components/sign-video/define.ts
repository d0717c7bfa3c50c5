import { FwSignVideo } from './sign-video.js';

if (!customElements.get('fw-sign-video')) customElements.define('fw-sign-video', FwSignVideo);

declare global {
  interface HTMLElementTagNameMap {
    'fw-sign-video': FwSignVideo;
  }
}

export { FwSignVideo };
