/** Registers the accessibility statement for `/accessibility`. */
// Through the kiosk's own module, as the lab does (see src/lab/define.ts): otherwise what the
// statement shares with the kiosk (base styles, the locale list) is split into chunks of its own,
// and the kiosk's first paint pays for the split, over its 40 kB budget.
import '../kiosk/define.js';
import '../app/site-header-define.js';
import { FwAccessibilityStatement } from './statement.js';

if (!customElements.get('fw-accessibility-statement'))
  customElements.define('fw-accessibility-statement', FwAccessibilityStatement);

declare global {
  interface HTMLElementTagNameMap {
    'fw-accessibility-statement': FwAccessibilityStatement;
  }
}
