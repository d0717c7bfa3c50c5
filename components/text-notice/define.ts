import { FwTextNotice } from './text-notice.js';

if (!customElements.get('fw-text-notice')) customElements.define('fw-text-notice', FwTextNotice);

declare global {
  interface HTMLElementTagNameMap {
    'fw-text-notice': FwTextNotice;
  }
}

export { FwTextNotice };
