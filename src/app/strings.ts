import type { ResourceKey } from 'i18next';
import { registerNamespace } from '../i18n/i18n.js';

// The app's own strings: the shell (skip link, title, page not found) and the kiosk.
registerNamespace(
  'kiosk',
  import.meta.glob<ResourceKey>('../../locales/en-GB/kiosk.json', {
    eager: true,
    import: 'default',
  })['../../locales/en-GB/kiosk.json']!,
  import.meta.glob<ResourceKey>('../../locales/*/kiosk.json', { import: 'default' }),
);
