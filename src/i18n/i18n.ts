import i18next, {
  type BackendModule,
  type i18n as I18n,
  type ResourceKey,
  type TOptions,
} from 'i18next';
import noticeSource from '../../locales/en-GB/notice.json' with { type: 'json' };
import { LOCALES, SOURCE_LOCALE, localeDir, resolveLocale } from './locales.js';

type Loader = () => Promise<ResourceKey>;
/** A module whose default export maps `…/<locale>/<ns>.json` to a loader for that file. */
export type LoaderModule = Promise<{ default: Record<string, Loader> }>;

/**
 * For each namespace, how to get its loaders. The loaders themselves (one per locale, each a chunk)
 * are a module of their own, fetched the first time any other locale is needed: listing every
 * locale's chunk in the first bundle would cost the kiosk's first paint nearly a kilobyte.
 */
const namespaces = new Map<string, () => LoaderModule>();

/**
 * Reads a locale's strings from its chunk. Written here rather than taken from
 * i18next-resources-to-backend because it is a few lines and the kiosk's first paint has a 40 kB
 * budget; only registered locales and namespaces (the glob keys) can ever be read.
 */
const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(lng, ns, callback) {
    const loaders = namespaces.get(ns);
    if (!loaders) return callback(new Error(`No ${ns} strings`), false);
    loaders()
      .then(({ default: byPath }) => {
        const load = byPath[`../../locales/${lng}/${ns}.json`];
        if (!load) throw new Error(`No ${ns} strings for ${lng}`);
        return load();
      })
      .then(
        (data) => callback(null, data),
        (error: Error) => callback(error, false),
      );
  },
};

export const i18n: I18n = i18next.createInstance();

void i18n.use(chunkBackend).init({
  partialBundledLanguages: true,
  lng: SOURCE_LOCALE,
  fallbackLng: SOURCE_LOCALE,
  supportedLngs: LOCALES.map((l) => l.tag),
  // Tags such as zh-Hans and en-GB are complete in themselves: never try `zh` or `en`.
  load: 'currentOnly',
  ns: [],
  defaultNS: 'notice',
  // Lit escapes every interpolated value; escaping here as well would show `&amp;` to the person.
  interpolation: { escapeValue: false },
  initAsync: false,
});

/**
 * Adds a namespace of strings: the source locale's, bundled so that nothing waits on a fetch to
 * paint, and the module of loaders for every other locale (each its own chunk, precached for
 * offline use). Each user of strings registers only what it needs: the component library
 * registers `notice`, the app its views' namespaces.
 */
export function registerNamespace(
  ns: string,
  source: ResourceKey,
  loaders: () => LoaderModule,
): void {
  if (namespaces.has(ns)) return;
  namespaces.set(ns, loaders);
  i18n.addResourceBundle(SOURCE_LOCALE, ns, source);
  // Adds the namespace, and loads it for the language already in use.
  void i18n.loadNamespaces(ns);
}

registerNamespace('notice', noticeSource, () => import('./notice-loaders.js'));

/** Loads every registered namespace of a locale; i18next shares loads already under way. */
export async function loadLocale(tag: string): Promise<void> {
  if (!isLocaleLoaded(tag)) await i18n.loadLanguages(tag);
}

export function isLocaleLoaded(tag: string): boolean {
  return [...namespaces.keys()].every((ns) => i18n.hasResourceBundle(tag, ns));
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
  // The document changes first: elements re-render on languageChanged and read its lang then.
  const root = document.documentElement;
  root.lang = tag;
  root.dir = localeDir(tag);
  // Changing to the language already in use would re-render every element for nothing.
  if (i18n.language !== tag) await i18n.changeLanguage(tag);
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
