import { FwNotice } from './notice.js';

if (!customElements.get('fw-notice')) customElements.define('fw-notice', FwNotice);

declare global {
  interface HTMLElementTagNameMap {
    'fw-notice': FwNotice;
  }
}

export { FwNotice };
