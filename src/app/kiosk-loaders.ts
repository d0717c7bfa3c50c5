import type { ResourceKey } from 'i18next';

// Every locale's kiosk strings, one chunk each; see registerNamespace.
export default import.meta.glob<ResourceKey>('../../locales/*/kiosk.json', { import: 'default' });
