import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { FORMATS, isFormat, normaliseFormats, type Format } from '../../src/schema/notice-event.js';
import { FwConfigError } from '../shared/config-error.js';
import { FwElement } from '../shared/fw-element.js';
import { PICTOGRAMS } from '../shared/pictograms.js';
import { baseStyles } from '../shared/styles.js';
import { formatPickerStyles } from './format-picker.styles.js';

export interface FormatChangeDetail {
  formats: Format[];
}

declare module '../shared/fw-element.js' {
  interface FwEventDetailMap {
    'fw-format-change': FormatChangeDetail;
  }
}

/**
 * @summary Lets a person choose how they are told they are being recorded: one big tile per
 * format, each with its pictogram, its name and a short hint. Formats combine, so any number of
 * tiles can be pressed.
 *
 * Each tile is a toggle button whose accessible name is exactly the format's name ("British Sign
 * Language"); the hint is its description, never part of the name, so the names stay a stable
 * contract. A pressed tile is filled, has a thicker border and shows a tick, so the state never
 * rests on colour alone.
 *
 * @csspart group - The fieldset around the tiles.
 * @csspart legend - The question, "How would you like to be told?".
 * @csspart tile - Each format's button.
 * @cssproperty --fw-color-selected-bg - The fill of a pressed tile.
 * @cssproperty --fw-color-selected-text - The text and pictogram colour of a pressed tile.
 * @fires fw-format-change - The person pressed or released a format. Detail: `{ formats }`, every
 * pressed format in schema order.
 */
export class FwFormatPicker extends FwElement {
  static override styles = [baseStyles, formatPickerStyles];

  /**
   * The pressed formats, kept in schema order without repeats. As an attribute, a space-separated
   * list: `value="visual large-text"`.
   */
  @property({
    converter: {
      fromAttribute: (list: string | null) => (list ?? '').split(/\s+/).filter(Boolean),
    },
  })
  value: Format[] = [];

  /** A denser layout for the officer: smaller pictograms, hints read out but not shown. */
  @property({ type: Boolean, reflect: true }) compact = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!changed.has('value')) return;
    const unknown = this.value.filter((f) => !isFormat(f));
    if (unknown.length) {
      throw new FwConfigError(
        this.localName,
        'value',
        `${unknown.map((f) => `"${f}"`).join(', ')} is not a format (use ${FORMATS.join(', ')})`,
      );
    }
    this.value = normaliseFormats(this.value);
  }

  private toggle(format: Format): void {
    const others = this.value.filter((f) => f !== format);
    this.value = normaliseFormats(others.length < this.value.length ? others : [...others, format]);
    this.emit('fw-format-change', { formats: this.value });
  }

  protected override render() {
    const { t } = this.i18n;
    return html`
      <fieldset part="group" aria-describedby="group-hint">
        <legend part="legend">${t('formats.legend')}</legend>
        <p id="group-hint" class="group-hint">${t('formats.hint')}</p>
        <div class="tiles">
          ${FORMATS.map(
            (format) => html`
              <button
                type="button"
                part="tile"
                aria-pressed=${this.value.includes(format) ? 'true' : 'false'}
                aria-labelledby="name-${format}"
                aria-describedby="hint-${format}"
                @click=${() => this.toggle(format)}
              >
                <svg class="pictogram" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
                  ${PICTOGRAMS[format]}
                </svg>
                <span class="name" id="name-${format}">${t(`formats.${format}.name`)}</span>
                <span class="hint ${this.compact ? 'visually-hidden' : ''}" id="hint-${format}"
                  >${t(`formats.${format}.hint`)}</span
                >
                <svg class="tick" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <circle cx="12" cy="12" r="10" />
                  <path d="M7 12.5l3.5 3.5L17 9" />
                </svg>
              </button>
            `,
          )}
        </div>
      </fieldset>
    `;
  }
}
