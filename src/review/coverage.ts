import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provenanceLabel, signClipsInUse } from '../content/label.js';
import { I18nController } from '../i18n/controller.js';
import { LOCALES } from '../i18n/locales.js';
import { inOwnLanguage } from '../i18n/own-language.js';
import type { SummaryGroup, TranslationStatus } from '../schema/api.js';
import { SIGN_LANGUAGES, itemInUse, type ContentItem } from '../schema/content.js';
import { api, type ApiRequestError } from './api.js';
import { reportFailure } from './integrity.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

/**
 * The EIA report's "Content in use" and "Coverage": for each language, whether its text is a
 * reviewed translation and which approved recording (with its provenance) kiosks play; each sign
 * language's clip, or the sample; then the gaps: languages with no approved recording or clip,
 * and how many of the period's notices were given in a language whose text is still a draft.
 *
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewCoverage extends LitElement {
  static override styles = [reviewStyles];

  private readonly i18n = new I18nController(this);

  /** The period's notices per language (the report's own figures). */
  @property({ attribute: false }) langGroups: SummaryGroup[] = [];

  @state() private items?: ContentItem[];
  @state() private statuses?: TranslationStatus[];
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void Promise.all([api.content(), api.translations()]).then(
      ([items, statuses]) => {
        this.items = items;
        this.statuses = statuses;
      },
      (error: ApiRequestError) => {
        reportFailure(this, error);
        this.error = error.message;
      },
    );
  }

  private renderContent(items: ContentItem[], statuses: TranslationStatus[]) {
    const { t, lang } = this.i18n;
    const status = (tag: string) => statuses.find((s) => s.tag === tag)?.status ?? 'draft';
    return html`<section aria-labelledby="content-heading">
      <h2 id="content-heading">${t('review:coverage.contentHeading')}</h2>
      <p>${t('review:coverage.contentIntro')}</p>
      <div class="table-scroll" role="region" tabindex="0" aria-labelledby="content-caption">
        <table>
          <caption id="content-caption" class="visually-hidden">
            ${t('review:coverage.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('review:coverage.columns.language')}</th>
              <th scope="col">${t('review:coverage.columns.text')}</th>
              <th scope="col">${t('review:coverage.columns.recording')}</th>
            </tr>
          </thead>
          <tbody>
            ${LOCALES.map((locale) => {
              const recording = itemInUse(items, 'audio', locale.tag);
              const text = itemInUse(items, 'text', locale.tag);
              return html`<tr>
                <th scope="row">
                  ${inOwnLanguage(locale.endonym, locale.tag, locale.dir)}
                  ${locale.endonym === locale.name ? nothing : html`(${locale.name})`}
                </th>
                <td>
                  ${
                    text
                      ? provenanceLabel(t, lang, text)
                      : t(`review:coverage.text.${status(locale.tag)}`)
                  }
                </td>
                <td>
                  ${
                    recording
                      ? provenanceLabel(t, lang, recording)
                      : t('review:coverage.noRecording')
                  }
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <h3>${t('review:coverage.signHeading')}</h3>
      <ul>
        ${signClipsInUse(t, lang, items).map((line) => html`<li>${line}</li>`)}
      </ul>
    </section>`;
  }

  private renderCoverage(items: ContentItem[], statuses: TranslationStatus[]) {
    const { t, lang } = this.i18n;
    const withoutRecording = LOCALES.filter((l) => !itemInUse(items, 'audio', l.tag)).map(
      (l) => l.name,
    );
    const withoutClip = SIGN_LANGUAGES.filter((l) => !itemInUse(items, 'sign', l.tag)).map(
      (l) => l.name,
    );
    const list = (names: string[]) =>
      new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
    // A language whose text the library has approved is not a draft, whatever locales/ says.
    const draft = new Set(
      statuses
        .filter((s) => s.status === 'draft' && !itemInUse(items, 'text', s.tag))
        .map((s) => s.tag),
    );
    const count = (groups: SummaryGroup[]) => groups.reduce((n, g) => n + (g.count ?? 0), 0);
    return html`<section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">${t('review:coverage.coverageHeading')}</h2>
      <ul>
        <li>
          ${
            withoutRecording.length
              ? t('review:coverage.noRecordings', { list: list(withoutRecording) })
              : t('review:coverage.allRecordings')
          }
        </li>
        <li>
          ${
            withoutClip.length
              ? t('review:coverage.noClips', { list: list(withoutClip) })
              : t('review:coverage.allClips')
          }
        </li>
        <li>
          ${t('review:coverage.draftNotices', {
            // Numbers, formatted by i18next's own Intl formatter ({{count, number}}).
            count: count(this.langGroups.filter((g) => draft.has(g.key))),
            total: count(this.langGroups),
          })}
        </li>
      </ul>
    </section>`;
  }

  protected override render() {
    const { t } = this.i18n;
    if (this.error)
      return html`<p class="message problem">
        ${t('review:coverage.unavailable', { message: this.error })}
      </p>`;
    if (!this.items || !this.statuses) return html`<p>${t('review:loading')}</p>`;
    return html`${this.renderContent(this.items, this.statuses)}
    ${this.renderCoverage(this.items, this.statuses)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-coverage': FwReviewCoverage;
  }
}
