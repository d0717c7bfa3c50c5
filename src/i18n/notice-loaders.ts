import type { ResourceKey } from 'i18next';

// Every locale's notice strings, one chunk each; see registerNamespace.
export default import.meta.glob<ResourceKey>('../../locales/*/notice.json', { import: 'default' });
