import kioskSource from '../../locales/en-GB/kiosk.json' with { type: 'json' };
import { registerNamespace } from '../i18n/i18n.js';

// The app's own strings: the shell (skip link, title, page not found) and the kiosk.
registerNamespace('kiosk', kioskSource, () => import('./kiosk-loaders.js'));
