import contentSource from '../../locales/en-GB/content.json' with { type: 'json' };
import { registerNamespace } from '../i18n/i18n.js';

// The content library's shared strings (how an item was made, who approved it, the kiosk's
// delivery): loaded by whatever shows a provenance label, never in the kiosk's first paint.
registerNamespace('content', contentSource, () => import('./loaders.js'));
