import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { FwElement } from '../shared/fw-element.js';
import { FwConfigError } from '../shared/config-error.js';
import { baseStyles } from '../shared/styles.js';
import {
  EASY_READ_PICTOGRAMS,
  type EasyReadPictogramName,
} from '../shared/easy-read-pictograms.js';
import { textNoticeStyles } from './text-notice.styles.js';

export const TEXT_VARIANTS = ['plain', 'large', 'easy-read'] as const;
export type TextVariant = (typeof TEXT_VARIANTS)[number];

/** The notice in plain words: four sentences, at most 45 words with the heading. */
const PLAIN_SENTENCES = ['camera', 'recording', 'evidence', 'ask'] as const;

/** The Easy Read notice: one idea a sentence, each beside its own pictogram. */
const EASY_READ_SENTENCES: readonly EasyReadPictogramName[] = [
  'camera',
  'recording',
  'video',
  'sound',
  'evidence',
  'ask',
  'copy',
];

/**
 * @summary The recording notice as text: plain, large text, or Easy Read with pictograms.
 *
 * `large` is at least 32 CSS px with 7:1 contrast, and reflows down to 320 px wide without
 * truncating any language (long words wrap). `easy-read` gives one short sentence a line, each
 * beside one of the project's own pictograms; the pictograms are decorative, since each sentence
 * carries its meaning in words.
 *
 * @csspart sentences - The list of sentences.
 * @csspart pictogram - Each Easy Read pictogram.
 * @cssproperty --fw-text-notice-font-size - The text size of the `large` variant (at least 2rem).
 */
export class FwTextNotice extends FwElement {
  static override styles = [baseStyles, textNoticeStyles];

  /** `plain`, `large` or `easy-read`. */
  @property({ reflect: true }) variant: TextVariant = 'plain';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!TEXT_VARIANTS.includes(this.variant)) {
      throw new FwConfigError(
        this.localName,
        'variant',
        `"${this.variant}" is not one of ${TEXT_VARIANTS.join(', ')}`,
      );
    }
  }

  protected override render() {
    const { t } = this.i18n;
    if (this.variant === 'easy-read') {
      // role="list" because Safari drops list semantics from a list styled without markers.
      // eslint-disable-next-line lit-a11y/no-redundant-role
      return html`<ul part="sentences" role="list">
        ${EASY_READ_SENTENCES.map(
          (name) =>
            html`<li>
              <svg part="pictogram" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
                ${EASY_READ_PICTOGRAMS[name]}
              </svg>
              <span>${t(`easyRead.${name}`)}</span>
            </li>`,
        )}
      </ul>`;
    }
    return html`<div part="sentences">
      ${PLAIN_SENTENCES.map((name) => html`<p>${t(`plain.${name}`)}</p>`)}
    </div>`;
  }
}
