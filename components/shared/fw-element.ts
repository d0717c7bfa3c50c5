import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { I18nController } from '../../src/i18n/controller.js';
import { findLocale } from '../../src/i18n/locales.js';
import { FwConfigError } from './config-error.js';

/**
 * Every Forewarn event's name and detail. Each component adds its own events to this map, so
 * `emit()` and `addEventListener()` are typed from one place.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FwEventDetailMap {}

type FwEvents = { [K in keyof FwEventDetailMap]: CustomEvent<FwEventDetailMap[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends FwEvents {}
  // Events bubble and are composed, so they can be heard on the document too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends FwEvents {}
}

/** The base of every `fw-` element: its language, its translations, and typed events. */
export class FwElement extends LitElement {
  /**
   * The language to present in, as a tag from locales/index.json. Empty means the document's.
   * Reflected, so assistive technology reads the content in the right language; never written as
   * `lang=""`, which would mean "unknown language" and override the page's.
   */
  @property({ reflect: true, converter: { toAttribute: (value: string) => value || null } })
  override lang = '';

  protected readonly i18n = new I18nController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('lang') && this.lang && !findLocale(this.lang)) {
      throw new FwConfigError(
        this.localName,
        'lang',
        `"${this.lang}" is not a supported language (see locales/index.json)`,
      );
    }
  }

  /** Dispatches a Forewarn event. Every event bubbles, crosses shadow roots, and has a detail. */
  protected emit<K extends keyof FwEventDetailMap>(
    name: K,
    detail: FwEventDetailMap[K],
  ): CustomEvent<FwEventDetailMap[K]> {
    const event = new CustomEvent(name, { bubbles: true, composed: true, detail });
    this.dispatchEvent(event);
    return event;
  }
}
