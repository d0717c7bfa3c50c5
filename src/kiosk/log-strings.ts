import logSource from '../../locales/en-GB/log.json' with { type: 'json' };
import { registerNamespace } from '../i18n/i18n.js';

// The log's strings (the officer's panel, save confirmations and failures) load with the log,
// after the kiosk's first paint.
registerNamespace('log', logSource, () => import('./log-loaders.js'));
