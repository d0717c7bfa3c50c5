// Registers <fw-sign-video> alone, as a page using the library would: its define module, which
// brings the element, Lit, i18next and the bundled en-GB strings, and nothing else.
import '../../components/sign-video/define.js';
