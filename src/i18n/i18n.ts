import i18next, { type Resource, type ResourceKey, type TOptions } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { LOCALES, NAMESPACES, SOURCE_LOCALE, localeDir, resolveLocale } from './locales.js';

// The source locale ships in the first bundle so the kiosk never waits on a fetch to paint;
// every other locale is its own chunk, loaded on demand and precached for offline use.
const bundled = import.meta.glob<ResourceKey>('../../locales/en-GB/*.json', {
  eager: true,
  import: 'default',
});
const lazy = import.meta.glob<ResourceKey>('../../locales/*/*.json', { import: 'default' });

const resources: Resource = { [SOURCE_LOCALE]: {} };
for (const [path, data] of Object.entries(bundled)) {
  const ns = path.split('/').pop()!.replace('.json', '');
  resources[SOURCE_LOCALE]![ns] = data;
}

export const i18n = i18next.createInstance();

void i18n
  .use(
    resourcesToBackend((lng: string, ns: string) => {
      const load = lazy[`../../locales/${lng}/${ns}.json`];
      if (!load) return Promise.reject(new Error(`No ${ns} strings for ${lng}`));
      return load();
    }),
  )
  .init({
    resources,
    partialBundledLanguages: true,
    lng: SOURCE_LOCALE,
    fallbackLng: SOURCE_LOCALE,
    supportedLngs: LOCALES.map((l) => l.tag),
    // Tags such as zh-Hans and en-GB are complete in themselves: never try `zh` or `en`.
    load: 'currentOnly',
    ns: NAMESPACES,
    defaultNS: 'notice',
    // Lit escapes every interpolated value; escaping here as well would show `&amp;` to the person.
    interpolation: { escapeValue: false },
    initAsync: false,
  });

const loading = new Map<string, Promise<void>>();

/** Loads a locale's strings once; later calls share the same promise. */
export function loadLocale(tag: string): Promise<void> {
  if (isLocaleLoaded(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = i18n.loadLanguages(tag).then(() => undefined);
    loading.set(tag, pending);
  }
  return pending;
}

export function isLocaleLoaded(tag: string): boolean {
  return NAMESPACES.every((ns) => i18n.hasResourceBundle(tag, ns));
}

/** Translates in a given language, falling back to the source locale for a missing string. */
export function translate(lng: string, key: string, options?: TOptions): string {
  return i18n.t(key, { ...options, lng }) as string;
}

/**
 * Makes `tag` the locale in use: loads it, switches i18next, and sets `<html lang dir>`.
 * This is the one place the document's language and direction change.
 */
export async function useLocale(requested: string): Promise<string> {
  const { tag } = resolveLocale(requested);
  await loadLocale(tag);
  await i18n.changeLanguage(tag);
  const root = document.documentElement;
  root.lang = tag;
  root.dir = localeDir(tag);
  return tag;
}

const REMEMBERED_KEY = 'fw-lang';

/** The locale the officer last chose on this device, if any. */
export function rememberedLocale(): string | null {
  try {
    return localStorage.getItem(REMEMBERED_KEY);
  } catch {
    return null;
  }
}

/** Remembers the officer's locale for the next visit (not in private browsing). */
export function rememberLocale(tag: string): void {
  try {
    localStorage.setItem(REMEMBERED_KEY, tag);
  } catch {
    // Storage blocked: the choice lasts for this visit only.
  }
}

/** The English or localised name of a language for the officer: "Arabic" in en-GB, "Arabe" in fr. */
export function languageName(tag: string, inLanguage: string): string {
  try {
    const names = new Intl.DisplayNames([inLanguage], { type: 'language' });
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
