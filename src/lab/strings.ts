import labSource from '../../locales/en-GB/lab.json' with { type: 'json' };
import { registerNamespace } from '../i18n/i18n.js';

// The lab's strings load with the lab's chunk. Until a locale has its own lab.json, i18next falls
// back to these English ones (and the lab marks itself lang="en-GB"; see lab.ts).
registerNamespace('lab', labSource, () => import('./loaders.js'));
