/** Registers the accessibility statement: `/accessibility` loads this chunk alone. */
import { FwAccessibilityStatement } from './statement.js';

if (!customElements.get('fw-accessibility-statement'))
  customElements.define('fw-accessibility-statement', FwAccessibilityStatement);

declare global {
  interface HTMLElementTagNameMap {
    'fw-accessibility-statement': FwAccessibilityStatement;
  }
}
