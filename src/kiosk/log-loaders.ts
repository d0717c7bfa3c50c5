import type { ResourceKey } from 'i18next';

// Every locale's log strings, one chunk each; see registerNamespace.
export default import.meta.glob<ResourceKey>('../../locales/*/log.json', { import: 'default' });
