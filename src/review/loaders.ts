import type { ResourceKey } from 'i18next';

// Every locale's review strings, one chunk each; see registerNamespace.
export default import.meta.glob<ResourceKey>('../../locales/*/review.json', { import: 'default' });
