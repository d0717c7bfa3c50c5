import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import { UNDERSTOOD, type Feedback, type FeedbackReply } from '../schema/api.js';
import { api, type ApiRequestError } from './api.js';
import { formatNumber, formatTime, groupLabel, languageLabel } from './format.js';
import { reportFailure } from './integrity.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

/** How many of the latest comments the review shows. */
export const LATEST_COMMENTS = 20;

/**
 * Feedback from the independent advisory group: a table per format and language (how many
 * responses, whether the notice was understood, the mean rating) and, on the review only, the
 * latest comments. A comment is whatever a tester typed: it is bound as text, never as markup.
 * In the report (`mode="report"`) only the summary is shown, with a note on the method.
 *
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewFeedback extends LitElement {
  static override styles = [
    reviewStyles,
    css`
      ol.comments {
        list-style: none;
        padding: 0;
        margin: 0;
        max-inline-size: 70ch;
      }
      ol.comments li {
        border-inline-start: 4px solid var(--fw-color-muted, #484949);
        padding-inline-start: 0.75rem;
        margin-block-end: 1rem;
      }
      .comment {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin-block: 0 0.25rem;
      }
      @media print {
        ol.comments li {
          break-inside: avoid;
        }
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  /** `review`: the summary and the latest comments; `report`: the summary and the method. */
  @property() mode: 'review' | 'report' = 'review';

  @state() private reply?: FeedbackReply;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.reply = await api.feedbackAll();
      this.error = '';
    } catch (error) {
      const failure = error as ApiRequestError;
      this.error =
        failure.status === 0
          ? this.i18n.t('review:errors.network')
          : this.i18n.t('review:errors.server', { message: failure.message });
      reportFailure(this, error);
    }
  }

  private renderSummary(reply: FeedbackReply) {
    const { t, lang } = this.i18n;
    const n = (value: number) => formatNumber(lang, value);
    return html`<div
      class="table-scroll"
      role="region"
      tabindex="0"
      aria-labelledby="feedback-caption"
    >
      <table>
        <caption id="feedback-caption">
          ${t('review:feedback.tableCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('review:feedback.format')}</th>
            <th scope="col">${t('review:feedback.language')}</th>
            <th scope="col" class="number">${t('review:feedback.testers')}</th>
            ${UNDERSTOOD.map(
              (u) =>
                html`<th scope="col" class="number">
                  ${t(`review:feedback.understoodCol.${u}`)}
                </th>`,
            )}
            <th scope="col" class="number">${t('review:feedback.meanRating')}</th>
          </tr>
        </thead>
        <tbody>
          ${reply.summary.map(
            (s) =>
              html`<tr>
                <th scope="row">${groupLabel(t, lang, 'format', s.format)}</th>
                <td>${languageLabel(t, s.lang)}</td>
                <td class="number">${n(s.count)}</td>
                ${UNDERSTOOD.map((u) => html`<td class="number">${n(s.understood[u])}</td>`)}
                <td class="number">
                  ${new Intl.NumberFormat(lang, {
                    minimumFractionDigits: 1,
                    maximumFractionDigits: 1,
                  }).format(s.meanRating)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** One comment, as text, with what it was about. */
  private renderComment(f: Feedback) {
    const { t, lang } = this.i18n;
    const about = [
      groupLabel(t, lang, 'format', f.format),
      languageLabel(t, f.lang),
      t('review:feedback.rated', { rating: f.rating }),
      t('review:feedback.understoodIs', { value: t(`review:feedback.understood.${f.understood}`) }),
      t(`review:feedback.assistiveTech.${f.assistiveTech}`),
      formatTime(lang, f.at),
    ].join(' · ');
    return html`<li>
      <p class="comment">${f.comment}</p>
      <p class="hint">${about}</p>
    </li>`;
  }

  private renderComments(reply: FeedbackReply) {
    const { t } = this.i18n;
    const latest = reply.feedback.filter((f) => f.comment).slice(0, LATEST_COMMENTS);
    return html`<h3 id="comments-heading">${t('review:feedback.commentsHeading')}</h3>
      <p class="hint">${t('review:feedback.commentsIntro', { count: LATEST_COMMENTS })}</p>
      ${
        latest.length
          ? html`<ol class="comments" aria-labelledby="comments-heading">
              ${latest.map((f) => this.renderComment(f))}
            </ol>`
          : html`<p class="message">${t('review:feedback.noComments')}</p>`
      }`;
  }

  protected override render() {
    const { t } = this.i18n;
    const reply = this.reply;
    const report = this.mode === 'report';
    return html`<section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">${t('review:feedback.heading')}</h2>
      <p>${t(report ? 'review:feedback.method' : 'review:feedback.intro')}</p>
      <p>${t('review:feedback.counting')}</p>
      ${this.error ? html`<p class="message problem" role="alert">${this.error}</p>` : nothing}
      ${
        !reply
          ? this.error
            ? nothing
            : html`<p>${t('review:loading')}</p>`
          : reply.summary.length === 0
            ? html`<p class="message">${t('review:feedback.none')}</p>`
            : html`${this.renderSummary(reply)} ${report ? nothing : this.renderComments(reply)}`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-feedback': FwReviewFeedback;
  }
}
