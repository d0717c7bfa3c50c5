import type { ResourceKey } from 'i18next';

// Every locale's content strings, one chunk each; see registerNamespace.
export default import.meta.glob<ResourceKey>('../../locales/*/content.json', { import: 'default' });
