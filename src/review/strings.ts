import reviewSource from '../../locales/en-GB/review.json' with { type: 'json' };
import { registerNamespace } from '../i18n/i18n.js';

// The review's strings load with the review's chunk; the kiosk never carries them.
registerNamespace('review', reviewSource, () => import('./loaders.js'));
