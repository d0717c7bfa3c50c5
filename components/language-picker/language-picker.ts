import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LOCALES, findLocale, type LocaleInfo } from '../../src/i18n/locales.js';
import { FwConfigError } from '../shared/config-error.js';
import { FwElement } from '../shared/fw-element.js';
import { baseStyles } from '../shared/styles.js';
import { languagePickerStyles } from './language-picker.styles.js';

export interface LanguageChangeDetail {
  lang: string;
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-language-change': LanguageChangeDetail;
  }
}

/** Case- and accent-blind, so "espanol" finds "Español" on a keyboard without accents. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// A line break never comes from the search box, so a query cannot match across two fields.
const SEARCH_TEXT = new Map(
  LOCALES.map((l) => [l.tag, fold([l.endonym, l.name, l.tag].join('\n'))]),
);

/**
 * @summary Lets a person choose a language by its own name: every supported language as a big
 * button showing its endonym, with the English name underneath, and a box to find one by typing.
 *
 * Each button's accessible name is exactly the endonym, in the language's own `lang` and `dir`, so
 * screen readers pronounce it and right-to-left names render correctly; the English name is its
 * description. Languages are never shown as flags. The element's own `lang` sets the language of
 * the picker's labels only.
 *
 * The search matches the endonym, the English name or the tag, ignoring case and accents, and a
 * polite live region says how many languages match. Escape clears it.
 *
 * @csspart group - The fieldset around the picker.
 * @csspart legend - The group's label, "Language".
 * @csspart filter - The search box.
 * @csspart count - How many languages match the search.
 * @csspart list - The scrolling grid of languages.
 * @csspart language - Each language's button.
 * @cssproperty --fw-language-picker-max-block-size - When set, the list scrolls within this height
 * and the search box stays in view. Unset, the list is as tall as its languages.
 * @fires fw-language-change - The person chose a language, also when it was already chosen, so a
 * flow can move on. Detail: `{ lang }`, the language's tag.
 */
export class FwLanguagePicker extends FwElement {
  static override styles = [baseStyles, languagePickerStyles];

  /** The chosen language's tag, from locales/index.json. Empty when none is chosen yet. */
  @property() value = '';

  @state() private query = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!changed.has('value') || !this.value) return;
    const locale = findLocale(this.value);
    if (!locale) {
      throw new FwConfigError(
        this.localName,
        'value',
        `"${this.value}" is not a supported language (see locales/index.json)`,
      );
    }
    this.value = locale.tag;
  }

  private get found(): readonly LocaleInfo[] {
    const query = fold(this.query.trim());
    return query ? LOCALES.filter((l) => SEARCH_TEXT.get(l.tag)!.includes(query)) : LOCALES;
  }

  private choose(tag: string): void {
    this.value = tag;
    this.emit('fw-language-change', { lang: tag });
  }

  private onInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
  }

  private onKeydown(event: KeyboardEvent): void {
    // Only a search with text in it takes Escape; an empty one lets it close a surrounding dialog.
    if (event.key !== 'Escape' || !this.query) return;
    event.preventDefault();
    event.stopPropagation();
    this.query = '';
  }

  protected override render() {
    const { t } = this.i18n;
    const found = this.found;
    return html`
      <fieldset part="group">
        <legend part="legend">${t('languages.legend')}</legend>
        <label for="filter">${t('languages.filter')}</label>
        <input
          id="filter"
          part="filter"
          type="search"
          dir="auto"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          .value=${live(this.query)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        />
        <p class="count" part="count" role="status">
          ${found.length ? t('languages.count', { count: found.length }) : t('languages.none')}
        </p>
        <div class="list" part="list">${found.map((l) => this.renderLanguage(l))}</div>
      </fieldset>
    `;
  }

  private renderLanguage(locale: LocaleInfo) {
    const { tag, endonym, name, dir } = locale;
    // "English" under "English" says nothing new.
    const showName = name !== endonym;
    return html`
      <button
        type="button"
        part="language"
        lang=${tag}
        dir=${dir}
        aria-pressed=${this.value === tag ? 'true' : 'false'}
        aria-labelledby="endonym-${tag}"
        aria-describedby=${ifDefined(showName ? `name-${tag}` : undefined)}
        @click=${() => this.choose(tag)}
      >
        <span class="endonym" id="endonym-${tag}">${endonym}</span>
        ${
          showName
            ? html`<span class="name" id="name-${tag}" lang="en" dir="ltr">${name}</span>`
            : nothing
        }
        <svg class="tick" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      </button>
    `;
  }
}
