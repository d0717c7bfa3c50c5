import type { ResourceKey } from 'i18next';

// Every locale's lab strings, one chunk each; see registerNamespace.
export default import.meta.glob<ResourceKey>('../../locales/*/lab.json', { import: 'default' });
