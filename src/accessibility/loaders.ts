import type { ResourceKey } from 'i18next';

// Every locale's statement strings, one chunk each; see registerNamespace. Only en-GB exists until
// translations are made; other locales fall back to it, and the statement marks itself English.
export default import.meta.glob<ResourceKey>('../../locales/*/accessibility.json', {
  import: 'default',
});
