import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { IntegrityReply } from '../schema/api.js';
import { api, type ApiRequestError } from './api.js';
import { loadReview, type ReviewData } from './data.js';
import { readFilters, writeFilters, type Filters } from './filters.js';
import { formatDay, formatTime, groupLabel, languageLabel } from './format.js';
import { ReviewPage } from './page.js';
import { pageStyles } from './page.styles.js';
import { renderHeadline } from './review.js';

/**
 * The page's own print rules, which a shadow root cannot give: A4 pages, the light palette
 * whatever the screen's theme, and no skip link. Adopted (a constructed sheet, allowed by the
 * strict style-src) while the report is on the page.
 */
const documentPrintStyles = css`
  @page {
    size: A4;
    margin: 16mm 15mm 18mm;
  }
  @media print {
    :root,
    :root[data-theme] {
      color-scheme: light !important;
      --fw-color-page: #ffffff !important;
      --fw-color-surface: #ffffff !important;
      --fw-color-text: #000000 !important;
      --fw-color-muted: #333333 !important;
      --fw-color-primary-bg: #1d2a44 !important;
      --fw-color-recording: #b3261e !important;
    }
    html,
    body {
      background: #ffffff !important;
      color: #000000 !important;
    }
    .skip-link {
      display: none !important;
    }
  }
`;

/**
 * The EIA evidence report at `/review/report`, with the same filters as the review: a printable
 * A4 document of the period, the figures, the trend, the acknowledgement rate per format, why
 * notices were not possible, IPAG feedback (summaries only), the integrity of the evidence, the
 * method and its limits, and the note on small numbers. Its summaries are asked for as `view=report`, so the disclosure log
 * records that the report was seen.
 *
 * @summary The printable EIA evidence report.
 */
export class FwReviewReport extends ReviewPage {
  static override styles = [
    pageStyles,
    css`
      .meta {
        color: var(--fw-color-muted, #484949);
      }
      .bar .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
        align-items: center;
      }
      ul.plain {
        padding-inline-start: 1.25rem;
        max-inline-size: 70ch;
      }
      ul.plain li {
        margin-block-end: 0.5rem;
      }
      @media print {
        h1 {
          font-size: 20pt;
        }
        h2 {
          font-size: 14pt;
          margin-block-start: 1.25rem;
        }
      }
    `,
  ];

  protected readonly permission = 'evidence' as const;

  @state() private filters: Filters = readFilters(location.search);
  @state() private integrity?: IntegrityReply;
  @state() private integrityError = '';
  private readonly generatedAt = new Date().toISOString();

  override connectedCallback(): void {
    super.connectedCallback();
    const sheet = documentPrintStyles.styleSheet;
    if (sheet && !document.adoptedStyleSheets.includes(sheet)) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
  }

  override disconnectedCallback(): void {
    const sheet = documentPrintStyles.styleSheet;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    super.disconnectedCallback();
  }

  protected async fetchData(): Promise<ReviewData> {
    this.filters = readFilters(location.search);
    const integrity = api.integrity().then(
      (reply) => {
        this.integrity = reply;
        this.integrityError = '';
      },
      (error: ApiRequestError) => {
        this.integrityError = error.message;
      },
    );
    const [data] = await Promise.all([loadReview(this.filters, 'report'), integrity]);
    return data;
  }

  private renderFiltersUsed() {
    const { t, lang } = this.i18n;
    const f = this.filters;
    const parts: string[] = [];
    if (f.area) parts.push(`${t('review:filters.area')}: ${f.area}`);
    if (f.circumstance) {
      parts.push(
        `${t('review:filters.circumstance')}: ${groupLabel(t, lang, 'circumstance', f.circumstance)}`,
      );
    }
    if (f.format) {
      parts.push(`${t('review:filters.format')}: ${groupLabel(t, lang, 'format', f.format)}`);
    }
    if (f.language) parts.push(`${t('review:filters.language')}: ${languageLabel(t, f.language)}`);
    if (f.outcome) {
      parts.push(`${t('review:filters.outcome')}: ${groupLabel(t, lang, 'outcome', f.outcome)}`);
    }
    return parts.length
      ? t('review:filters.filtersList', { list: parts.join('; ') })
      : t('review:filters.noFilters');
  }

  private renderIntegrity() {
    const { t } = this.i18n;
    const reply = this.integrity;
    if (this.integrityError) {
      return html`<p class="message problem">
        ${t('review:report.integrityUnavailable', { message: this.integrityError })}
      </p>`;
    }
    if (!reply) return html`<p>${t('review:loading')}</p>`;
    const count = (status: string) => reply.devices.filter((d) => d.status === status).length;
    const problems = count('gap') + count('broken');
    return html`<p>
        ${t('review:report.integrityStatement', { count: reply.devices.length })}
        ${t('review:report.integrityCounts', {
          ok: count('ok'),
          gap: count('gap'),
          broken: count('broken'),
        })}
        ${t('review:integrity.checkedAt', { time: formatTime(this.i18n.lang, reply.checkedAt) })}
      </p>
      <p>${problems ? t('review:report.integrityProblem') : t('review:report.integrityOk')}</p>`;
  }

  private renderReport(data: ReviewData) {
    const { t, lang } = this.i18n;
    const user = this.session.session?.user;
    const breakdown = (by: 'format' | 'lang' | 'circumstance' | 'area' | 'outcome') =>
      html`<fw-review-breakdown
        heading=${t(`review:breakdowns.${by}.title`)}
        group-heading=${t(`review:breakdowns.${by}.group`)}
        note=${by === 'format' ? t('review:breakdowns.format.note') : ''}
        ?detail=${by !== 'outcome'}
        .rows=${this.rows(data, by)}
      ></fw-review-breakdown>`;
    const reasons = this.rows(data, 'reason');
    return html`
      <p class="meta">
        ${t('review:report.generated', {
          time: formatTime(lang, this.generatedAt),
          username: user?.username ?? '',
        })}
      </p>
      <section aria-labelledby="period-heading" class="keep-together">
        <h2 id="period-heading">${t('review:report.period')}</h2>
        <p>
          ${t('review:report.periodBody', {
            from: formatDay(lang, data.period.from),
            to: formatDay(lang, data.period.to),
          })}
          ${this.renderFiltersUsed()}
        </p>
      </section>
      ${renderHeadline(t, lang, data.total)} ${this.renderTrend(data)}
      <h2>${t('review:report.breakdowns')}</h2>
      ${breakdown('format')} ${breakdown('lang')} ${breakdown('circumstance')} ${breakdown('area')}
      ${breakdown('outcome')}
      <fw-review-breakdown
        heading=${t('review:rate.heading')}
        heading-level="2"
        group-heading=${t('review:breakdowns.format.group')}
        note=${t('review:rate.intro')}
        kind="rate"
        .rows=${this.rows(data, 'format')}
      ></fw-review-breakdown>
      ${
        reasons.length
          ? html`<fw-review-breakdown
              heading=${t('review:report.notPossible')}
              heading-level="2"
              group-heading=${t('review:breakdowns.reason.group')}
              note=${t('review:breakdowns.reason.note')}
              .rows=${reasons}
            ></fw-review-breakdown>`
          : html`<section aria-labelledby="np-heading">
              <h2 id="np-heading">${t('review:report.notPossible')}</h2>
              <p>${t('review:report.notPossibleNone')}</p>
            </section>`
      }
      <fw-review-coverage .langGroups=${data.groups.lang}></fw-review-coverage>
      <fw-review-feedback mode="report"></fw-review-feedback>
      <section aria-labelledby="integrity-heading" class="keep-together">
        <h2 id="integrity-heading">${t('review:report.integrityHeading')}</h2>
        ${this.renderIntegrity()}
      </section>
      <section aria-labelledby="method-heading">
        <h2 id="method-heading">${t('review:report.methodHeading')}</h2>
        ${(['collection', 'data', 'clocks', 'formats', 'translations'] as const).map(
          (key) => html`<p>${t(`review:report.method.${key}`)}</p>`,
        )}
        <ul class="plain">
          ${(['notPeople', 'cannotShow', 'unsynced'] as const).map(
            (key) => html`<li>${t(`review:report.limits.${key}`)}</li>`,
          )}
        </ul>
      </section>
      <section aria-labelledby="suppression-heading" class="keep-together">
        <h2 id="suppression-heading">${t('review:report.suppressionHeading')}</h2>
        <p>${t('review:report.suppression')}</p>
        ${data.suppressed ? html`<p>${t('review:report.suppressedHere')}</p>` : nothing}
      </section>
    `;
  }

  private renderContent() {
    const { t } = this.i18n;
    return html`<h1>${t('review:reportTitle')}</h1>
      ${this.loading && !this.data ? html`<p role="status">${t('review:loading')}</p>` : nothing}
      ${
        this.loadError
          ? html`<p class="message problem" role="alert">${this.loadError}</p>
              <button type="button" @click=${this.load}>${t('review:errors.tryAgain')}</button>`
          : nothing
      }
      ${this.data ? this.renderReport(this.data) : nothing}`;
  }

  protected override render() {
    const { t } = this.i18n;
    const back = `/review${writeFilters(this.filters, location.search)}`;
    const actions = this.permitted
      ? html`<div class="actions">
          <a href=${back}>${t('review:report.back')}</a>
          <button type="button" @click=${() => window.print()}>${t('review:report.print')}</button>
        </div>`
      : nothing;
    return html`${this.renderBar(actions)}
      <div class="page">${this.renderGate(() => this.renderContent())}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-report': FwReviewReport;
  }
}
