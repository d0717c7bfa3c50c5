import { FwBeacon } from './beacon.js';

if (!customElements.get('fw-beacon')) customElements.define('fw-beacon', FwBeacon);

declare global {
  interface HTMLElementTagNameMap {
    'fw-beacon': FwBeacon;
  }
}

export { FwBeacon };
