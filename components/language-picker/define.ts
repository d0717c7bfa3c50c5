import { FwLanguagePicker } from './language-picker.js';

if (!customElements.get('fw-language-picker')) {
  customElements.define('fw-language-picker', FwLanguagePicker);
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-language-picker': FwLanguagePicker;
  }
}

export { FwLanguagePicker };
