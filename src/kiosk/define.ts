import { FwKiosk } from './kiosk.js';

if (!customElements.get('fw-kiosk')) customElements.define('fw-kiosk', FwKiosk);

declare global {
  interface HTMLElementTagNameMap {
    'fw-kiosk': FwKiosk;
  }
}

export { FwKiosk };
