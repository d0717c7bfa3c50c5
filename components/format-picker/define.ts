import { FwFormatPicker } from './format-picker.js';

if (!customElements.get('fw-format-picker'))
  customElements.define('fw-format-picker', FwFormatPicker);

declare global {
  interface HTMLElementTagNameMap {
    'fw-format-picker': FwFormatPicker;
  }
}

export { FwFormatPicker };
