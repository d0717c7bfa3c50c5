import source from '../../locales/en-GB/accessibility.json' with { type: 'json' };
import { registerNamespace } from '../i18n/i18n.js';

// The statement's strings load with its chunk; the kiosk never carries them.
registerNamespace('accessibility', source, () => import('./loaders.js'));
