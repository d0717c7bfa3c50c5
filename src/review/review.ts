import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { CIRCUMSTANCES, FORMATS, NOTICE_LANGS, OUTCOMES } from '../schema/notice-event.js';
import { can, GROUP_BY, type GroupBy, type SummaryCounts } from '../schema/api.js';
import { publishedQuarters, type Quarter } from '../schema/period.js';
import { api } from './api.js';
import { loadReview, type ReviewData } from './data.js';
import { apiFilters, isDay, readFilters, writeFilters, type Filters } from './filters.js';
import {
  formatCount,
  formatDay,
  formatPercent,
  groupLabel,
  languageLabel,
  languageOption,
  ratio,
} from './format.js';
import { ReviewPage } from './page.js';
import { pageStyles } from './page.styles.js';

type FilterField = 'from' | 'to';
interface FilterError {
  field: FilterField;
  message: string;
}

/**
 * The D&I review at `/review`: filters kept in the address, headline figures, the weekly trend,
 * a chart and table for each breakdown, the acknowledgement rate per format, device integrity,
 * IPAG feedback, each translation's review status, imports, the CSV export and, for
 * administrators, devices and enrolment codes. An IPAG member gets the quarterly view instead:
 * one published quarter at a time, with small numbers withheld, and no other filter.
 *
 * @summary The D&I team's review of notice use.
 */
export class FwReview extends ReviewPage {
  static override styles = [
    pageStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
        gap: 1rem 1.25rem;
        align-items: end;
        margin-block-end: 1rem;
      }
      .filters .dates {
        grid-column: 1 / -1;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.25rem;
        align-items: center;
      }
    `,
  ];

  protected readonly permission = 'evidence' as const;

  @state() private filters: Filters = readFilters(location.search);
  @state() private filterErrors: FilterError[] = [];
  /** Read again after an import, so the integrity panel shows the new device. */
  @state() private revision = 0;

  @query('.error-summary') private errorSummary?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPopState);
    super.disconnectedCallback();
  }

  private readonly onPopState = () => {
    this.filters = readFilters(location.search);
    void this.load();
  };

  /** The ipag role may read the quarterly figures; every other part needs `evidence`. */
  protected override get permitted(): boolean {
    return can(this.session.session?.user.role, 'summary');
  }

  /** True for the ipag role: whole published quarters only, small numbers withheld. */
  private get quarterly(): boolean {
    return !can(this.session.session?.user.role, 'evidence');
  }

  protected fetchData(): Promise<ReviewData> {
    if (this.quarterly) {
      const period = this.filters.period ?? publishedQuarters()[0]!.period;
      return loadReview({ period }, 'review', { complete: false });
    }
    return loadReview(this.filters, 'review');
  }

  /** Events were stored (an import, or a held one approved), or an import is held: show it. */
  private readonly imported = (): void => {
    this.revision++;
    void this.load();
    void this.renderRoot.querySelector('fw-review-admin')?.loadHeld();
  };

  /** These views are now in the disclosure log: an admin sees them listed. */
  protected override afterLoad(): void {
    void this.renderRoot.querySelector('fw-review-admin')?.loadDisclosures();
  }

  private async apply(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t } = this.i18n;
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const errors: FilterError[] = [];
    for (const field of ['from', 'to'] as const) {
      if (text(field) && !isDay(text(field))) {
        errors.push({ field, message: t('review:filters.badDate') });
      }
    }
    if (!errors.length && text('from') && text('to') && text('from') > text('to')) {
      errors.push({ field: 'from', message: t('review:filters.fromAfterTo') });
    }
    this.filterErrors = errors;
    if (errors.length) {
      await this.updateComplete;
      this.errorSummary?.focus();
      return;
    }
    const params = new URLSearchParams();
    for (const [key, value] of data) params.set(key, String(value).trim());
    this.navigate(readFilters(params));
  }

  private showQuarter(event: SubmitEvent): void {
    event.preventDefault();
    const period = new FormData(event.target as HTMLFormElement).get('period');
    this.navigate(period ? { period: String(period) } : {});
  }

  private clear(): void {
    this.filterErrors = [];
    this.navigate({});
  }

  private navigate(filters: Filters): void {
    this.filters = filters;
    history.pushState(null, '', `${location.pathname}${writeFilters(filters, location.search)}`);
    void this.load();
  }

  private focusField(event: Event, field: FilterField): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLInputElement>(`#f-${field}`)?.focus();
  }

  private renderFilters() {
    const { t } = this.i18n;
    const period = this.data?.period;
    const f = this.filters;
    const error = (field: FilterField) => this.filterErrors.find((e) => e.field === field);
    const date = (field: FilterField) => {
      const problem = error(field);
      return html`<div class="field ${problem ? 'invalid' : ''}">
        <label for="f-${field}">${t(`review:filters.${field}`)}</label>
        ${
          problem
            ? html`<p class="error-message" id="f-${field}-error">${problem.message}</p>`
            : nothing
        }
        <input
          id="f-${field}"
          name=${field}
          type="date"
          .value=${f[field] ?? period?.[field] ?? ''}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby="dates-hint ${problem ? `f-${field}-error` : ''}"
        />
      </div>`;
    };
    const select = (
      name: 'circumstance' | 'format' | 'language' | 'outcome',
      options: ReadonlyArray<{ value: string; label: string; lang?: string; dir?: string }>,
    ) =>
      html`<div class="field">
        <label for="f-${name}">${t(`review:filters.${name}`)}</label>
        <select id="f-${name}" name=${name}>
          <option value="" ?selected=${!f[name]}>${t('review:filters.any')}</option>
          ${options.map(
            (o) =>
              html`<option
                value=${o.value}
                lang=${o.lang ?? nothing}
                dir=${o.dir ?? nothing}
                ?selected=${f[name] === o.value}
              >
                ${o.label}
              </option>`,
          )}
        </select>
      </div>`;
    const values = (by: 'circumstance' | 'format' | 'outcome', list: readonly string[]) =>
      list.map((value) => ({ value, label: groupLabel(t, this.i18n.lang, by, value) }));
    return html`<section aria-labelledby="filters-heading" class="no-print">
      <h2 id="filters-heading">${t('review:filters.heading')}</h2>
      ${
        this.filterErrors.length
          ? html`<div
              class="error-summary"
              tabindex="-1"
              role="alert"
              aria-labelledby="filter-errors"
            >
              <h2 id="filter-errors">${t('review:signIn.errorTitle')}</h2>
              <ul>
                ${this.filterErrors.map(
                  (e) =>
                    html`<li>
                      <a href="#f-${e.field}" @click=${(ev: Event) => this.focusField(ev, e.field)}
                        >${e.message}</a
                      >
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      <form method="get" action="/review" @submit=${this.apply} novalidate>
        <div class="filters">
          <fieldset class="dates" aria-describedby="dates-hint">
            <legend class="visually-hidden">${t('review:report.period')}</legend>
            <p class="hint" id="dates-hint">
              ${t('review:filters.dateHint')}
              ${period?.isDefault && !f.from && !f.to ? t('review:period.default') : ''}
            </p>
            <div class="filters">${date('from')} ${date('to')}</div>
          </fieldset>
          <div class="field">
            <label for="f-area">${t('review:filters.area')}</label>
            <p class="hint" id="area-hint">${t('review:filters.areaHint')}</p>
            <input
              id="f-area"
              name="area"
              maxlength="64"
              autocomplete="off"
              .value=${f.area ?? ''}
              aria-describedby="area-hint"
            />
          </div>
          ${select('circumstance', values('circumstance', CIRCUMSTANCES))}
          ${select('format', values('format', FORMATS))}
          ${select(
            'language',
            NOTICE_LANGS.map((value) => ({ value, ...languageOption(t, value) })),
          )}
          ${select('outcome', values('outcome', OUTCOMES))}
        </div>
        <div class="buttons">
          <button type="submit" class="primary">${t('review:filters.apply')}</button>
          <button type="button" @click=${this.clear}>${t('review:filters.clear')}</button>
        </div>
      </form>
    </section>`;
  }

  private describeFilters(): string {
    const { t, lang } = this.i18n;
    const data = this.data;
    if (!data) return '';
    const f = this.filters;
    const parts: string[] = [];
    if (f.area) parts.push(`${t('review:filters.area')}: ${f.area}`);
    if (f.circumstance) {
      parts.push(
        `${t('review:filters.circumstance')}: ${groupLabel(t, lang, 'circumstance', f.circumstance)}`,
      );
    }
    if (f.format)
      parts.push(`${t('review:filters.format')}: ${groupLabel(t, lang, 'format', f.format)}`);
    if (f.language) parts.push(`${t('review:filters.language')}: ${languageLabel(t, f.language)}`);
    if (f.outcome)
      parts.push(`${t('review:filters.outcome')}: ${groupLabel(t, lang, 'outcome', f.outcome)}`);
    return t('review:filters.applied', {
      period: t('review:period.range', {
        from: formatDay(lang, data.period.from),
        to: formatDay(lang, data.period.to),
      }),
      filters: parts.length
        ? t('review:filters.filtersList', { list: parts.join('; ') })
        : t('review:filters.noFilters'),
    });
  }

  protected renderHeadline(total: SummaryCounts) {
    return renderHeadline(this.i18n.t, this.i18n.lang, total);
  }

  private renderData(data: ReviewData) {
    const { t } = this.i18n;
    const query = { ...apiFilters(this.filters), from: data.period.from, to: data.period.to };
    const reportHref = `/review/report${writeFilters(this.filters, location.search)}`;
    const breakdown = (by: 'format' | 'lang' | 'circumstance' | 'area' | 'outcome' | 'reason') =>
      html`<fw-review-breakdown
        heading=${t(`review:breakdowns.${by}.title`)}
        group-heading=${t(`review:breakdowns.${by}.group`)}
        note=${by === 'format' || by === 'reason' ? t(`review:breakdowns.${by}.note`) : ''}
        ?detail=${by !== 'outcome' && by !== 'reason'}
        .rows=${this.rows(data, by)}
      ></fw-review-breakdown>`;
    return html`
      ${data.suppressed ? html`<p class="message">${t('review:counts.suppressedNote')}</p>` : nothing}
      ${this.renderHeadline(data.total)}
      <div class="links no-print">
        <p>
          <a class="button" href=${reportHref}>${t('review:report.open')}</a>
          <span class="hint">${t('review:report.openHint')}</span>
        </p>
        <p>
          <a href=${api.exportUrl(query)} download>${t('review:export.csv')}</a>
          <span class="hint">${t('review:export.hint')}</span>
        </p>
      </div>
      ${this.renderTrend(data)}
      <h2>${t('review:breakdowns.heading')}</h2>
      ${breakdown('format')} ${breakdown('lang')} ${breakdown('circumstance')} ${breakdown('area')}
      ${breakdown('outcome')} ${breakdown('reason')}
      <fw-review-breakdown
        heading=${t('review:rate.heading')}
        heading-level="2"
        group-heading=${t('review:breakdowns.format.group')}
        note=${t('review:rate.intro')}
        kind="rate"
        .rows=${this.rows(data, 'format')}
      ></fw-review-breakdown>
    `;
  }

  /** The ipag role's view: a quarter picker, why numbers are missing, and one-way tables. */
  private renderQuarterly() {
    const { t, lang } = this.i18n;
    const quarters = publishedQuarters();
    const selected = this.filters.period ?? quarters[0]!.period;
    const range = (q: { from: string; to: string }) =>
      t('review:period.range', { from: formatDay(lang, q.from), to: formatDay(lang, q.to) });
    const data = this.data;
    const breakdown = (by: GroupBy) =>
      html`<fw-review-breakdown
        heading=${t(`review:breakdowns.${by}.title`)}
        group-heading=${t(`review:breakdowns.${by}.group`)}
        note=${by === 'format' ? t('review:breakdowns.format.note') : ''}
        empty=${t('review:quarter.empty')}
        .rows=${data ? this.rows(data, by) : []}
      ></fw-review-breakdown>`;
    return html`<h1>${t('review:title')}</h1>
      <section aria-labelledby="filters-heading" class="no-print">
        <h2 id="filters-heading">${t('review:report.period')}</h2>
        <form class="quarter" method="get" action="/review" @submit=${this.showQuarter} novalidate>
          <div class="field">
            <label for="f-period">${t('review:quarter.label')}</label>
            <p class="hint" id="period-hint">${t('review:quarter.hint')}</p>
            <select id="f-period" name="period" aria-describedby="period-hint">
              ${quarters.map(
                (q: Quarter) =>
                  html`<option value=${q.period} ?selected=${q.period === selected}>
                    ${range(q)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="buttons">
            <button type="submit" class="primary">${t('review:quarter.show')}</button>
          </div>
        </form>
      </section>
      <p class="message">${t('review:quarter.privacy')}</p>
      <p class="message" role="status">
        ${
          this.loading
            ? t('review:loading')
            : data
              ? t('review:filters.applied', { period: range(data.period), filters: '' })
              : ''
        }
      </p>
      ${
        this.loadError
          ? html`<p class="message problem" role="alert">${this.loadError}</p>`
          : nothing
      }
      ${
        data
          ? html`${renderHeadline(t, lang, data.total, t('review:counts.withheld'))}
              <h2>${t('review:breakdowns.heading')}</h2>
              ${GROUP_BY.map(breakdown)}`
          : nothing
      }
      <p><a href="/review/content">${t('review:restricted.content')}</a></p>
      <p><a href="/lab">${t('review:restricted.lab')}</a></p>`;
  }

  private renderContent() {
    const { t } = this.i18n;
    const role = this.session.session?.user.role;
    if (this.quarterly) return this.renderQuarterly();
    return html`<h1>${t('review:title')}</h1>
      ${this.renderFilters()}
      <p class="message" role="status">
        ${this.loading ? t('review:loading') : this.describeFilters()}
      </p>
      ${
        this.loadError
          ? html`<p class="message problem" role="alert">${this.loadError}</p>
              <button type="button" @click=${this.load}>${t('review:errors.tryAgain')}</button>`
          : nothing
      }
      ${this.data ? this.renderData(this.data) : nothing}
      <fw-review-feedback></fw-review-feedback>
      <fw-review-translations></fw-review-translations>
      <fw-review-integrity .revision=${this.revision}></fw-review-integrity>
      <fw-review-import @fw-review-imported=${this.imported}></fw-review-import>
      ${
        can(role, 'administer')
          ? html`<fw-review-admin @fw-review-imported=${this.imported}></fw-review-admin>`
          : nothing
      }`;
  }

  protected override render() {
    return html`${this.renderBar()}
      <div class="page">${this.renderGate(() => this.renderContent())}</div>`;
  }
}

/** The headline figures: every count, and each outcome's share of the total. */
export function renderHeadline(
  t: (key: string, options?: Record<string, unknown>) => string,
  lang: string,
  total: SummaryCounts,
  /** What a withheld count reads as: for the ipag role "withheld", as it may be 10 or more. */
  withheld?: string,
) {
  const share = (part: SummaryCounts['count']) => {
    const value = ratio(part, total.count);
    return value === null
      ? nothing
      : html`<span class="share"
          >${t('review:headline.ofTotal', { percent: formatPercent(lang, value) })}</span
        >`;
  };
  const figure = (key: string, value: SummaryCounts['count'], withShare: boolean) =>
    html`<div class="figure">
      <dt>${t(`review:headline.${key}`)}</dt>
      <dd>
        <span class="number"
          >${value === null && withheld ? withheld : formatCount(t, lang, value)}</span
        >
        ${withShare ? share(value) : nothing}
      </dd>
    </div>`;
  return html`<section aria-labelledby="headline-heading" class="keep-together">
    <h2 id="headline-heading">${t('review:headline.heading')}</h2>
    ${total.count === 0 ? html`<p class="message">${t('review:headline.none')}</p>` : nothing}
    <dl class="headline">
      ${figure('total', total.count, false)} ${figure('acknowledged', total.acknowledged, true)}
      ${figure('shown', total.shown, true)} ${figure('notPossible', total.notPossible, true)}
    </dl>
  </section>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review': FwReview;
  }
}
