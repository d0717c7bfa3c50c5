import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TOptions } from 'i18next';
import { i18n, isLocaleLoaded, loadLocale, translate } from './i18n.js';
import { localeDir, resolveLocale } from './locales.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Re-renders its host when the language changes or a locale finishes loading, and translates in
 * the host's own language: its `lang` attribute, else the document's. A host with its own `lang`
 * also gets the matching `dir`, so an Arabic notice lays out right-to-left on an English page.
 * Modelled on Lit's localized-controller.
 */
export class I18nController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }

  private readonly refresh = () => this.host.requestUpdate();

  hostConnected(): void {
    i18n.on('languageChanged', this.refresh);
    i18n.on('loaded', this.refresh);
  }

  hostDisconnected(): void {
    i18n.off('languageChanged', this.refresh);
    i18n.off('loaded', this.refresh);
  }

  hostUpdate(): void {
    const own = this.host.getAttribute('lang');
    // Only when it changes: setting an attribute, even to its value, invalidates style.
    if (own && this.host.dir !== localeDir(own)) this.host.dir = localeDir(own);
    if (!isLocaleLoaded(this.lang)) void loadLocale(this.lang);
  }

  /**
   * The language this host renders in: its own `lang` (validated by the element), else the
   * supported locale closest to the document's, so `<html lang="en">` renders en-GB.
   */
  get lang(): string {
    return (
      this.host.getAttribute('lang') ||
      resolveLocale(document.documentElement.lang || i18n.language).tag
    );
  }

  t = (key: string, options?: TOptions): string => translate(this.lang, key, options);
}
