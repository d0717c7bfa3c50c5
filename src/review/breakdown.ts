import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import { inOwnLanguage } from '../i18n/own-language.js';
import type { SummaryGroup } from '../schema/api.js';
import { formatCount, formatDay, formatPercent, ratio } from './format.js';
import { barChart, lineChart, type ChartDatum } from './plot.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

export interface BreakdownRow extends SummaryGroup {
  /** The group's name as the reader reads it. */
  label: string;
  /**
   * For a language: the endonym that starts the label, and its own language and direction, so the
   * table marks it (WCAG 3.1.2).
   */
  endonym?: { text: string; lang: string; dir: string };
}

/** `count`: notices per group; `rate`: the acknowledged share per group; `trend`: per week. */
export type BreakdownKind = 'count' | 'rate' | 'trend';

/**
 * One breakdown of the notices: a chart (an SVG image with a title and a description) beside a
 * table of the same numbers, so the figures are there for screen readers, for copying and for
 * print. A suppressed count is written as "fewer than 10" in the table and not drawn in the chart.
 *
 * @summary A chart beside its data table.
 */
export class FwReviewBreakdown extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  @property() heading = '';
  /** The level of the heading: 2 in the report's top sections, 3 inside a section. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel: 2 | 3 = 3;
  /** The first column's header: "Format", "Language", … */
  @property({ attribute: 'group-heading' }) groupHeading = '';
  @property() note = '';
  /** What an empty table says, when "no notices" would not be true (the ipag role's tables). */
  @property() empty = '';
  @property() kind: BreakdownKind = 'count';
  /** Show the acknowledged, shown and not-possible columns as well as the total. */
  @property({ type: Boolean }) detail = false;
  @property({ attribute: false }) rows: BreakdownRow[] = [];

  @state() private width = 0;
  private chart?: SVGSVGElement;
  private observed?: Element;
  private readonly resize = new ResizeObserver(([entry]) => {
    const width = Math.round(entry?.contentRect.width ?? 0);
    // Redraw only for a real change, so a scroll bar appearing does not redraw in a loop.
    if (width > 0 && Math.abs(width - this.width) > 24) this.width = width;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  protected override updated(): void {
    // The chart is drawn at the width of its own column, so its text is never scaled down.
    const figure = this.renderRoot.querySelector('figure');
    if (figure && figure !== this.observed) {
      this.resize.disconnect();
      this.resize.observe(figure);
      this.observed = figure;
    }
  }

  override disconnectedCallback(): void {
    this.resize.disconnect();
    super.disconnectedCallback();
  }

  private value(row: BreakdownRow): number | null {
    return this.kind === 'rate' ? ratio(row.acknowledged, row.count) : row.count;
  }

  /** The group's figure is hidden from this role: a count under 10, for the ipag role. */
  private suppressed(row: BreakdownRow): boolean {
    return row.count === null || (this.kind === 'rate' && row.acknowledged === null);
  }

  private say(value: number | null, row: BreakdownRow): string {
    const { t, lang } = this.i18n;
    if (this.kind !== 'rate') return formatCount(t, lang, value);
    if (value !== null) return formatPercent(lang, value);
    return row.count === 0 ? t('review:counts.notAvailable') : t('review:counts.suppressed');
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!['rows', 'kind', 'width', 'heading'].some((k) => changed.has(k))) return;
    const { lang } = this.i18n;
    const width = Math.max(260, Math.min(this.width || 480, 960));
    if (!this.rows.length) {
      this.chart = undefined;
      return;
    }
    this.chart =
      this.kind === 'trend'
        ? lineChart(
            this.rows.map((r) => ({
              label: r.label,
              value: r.count,
              date: new Date(`${r.key}T00:00:00Z`),
            })),
            { width, lang },
          )
        : barChart(
            this.rows.map((r): ChartDatum => ({ label: r.label, value: this.value(r) })),
            { width, lang, percent: this.kind === 'rate' },
          );
    this.chart.setAttribute('role', 'img');
    this.chart.setAttribute('aria-labelledby', 'chart-title');
    this.chart.setAttribute('aria-describedby', 'chart-desc');
  }

  private description(): string {
    const { t, lang } = this.i18n;
    const rows = this.rows;
    // Only a suppressed count (the ipag role's figures under 10) leaves a group out of the
    // chart for that reason; a reviewer's small counts are drawn as they are, as the table beside
    // the chart gives them (and the CSV export has every row anyway). A rate with no notices to
    // divide by is not drawn either, and its item below says "not available".
    const hidden = rows.some((r) => this.suppressed(r))
      ? ` ${t('review:breakdowns.suppressedBars')}`
      : '';
    if (this.kind === 'trend') {
      const top = rows.reduce<BreakdownRow | undefined>(
        (best, r) => (r.count !== null && (best?.count ?? -1) < r.count ? r : best),
        undefined,
      );
      return (
        t('review:breakdowns.trendDescription', {
          first: formatDay(lang, rows[0]!.key),
          last: formatDay(lang, rows.at(-1)!.key),
          max: formatCount(t, lang, top?.count ?? 0),
          maxWeek: formatDay(lang, (top ?? rows[0]!).key),
        }) + hidden
      );
    }
    const items = rows
      .map((r) =>
        t('review:breakdowns.chartItem', { label: r.label, value: this.say(this.value(r), r) }),
      )
      .join('; ');
    const key =
      this.kind === 'rate' ? 'review:rate.chartDescription' : 'review:breakdowns.chartDescription';
    return t(key, { title: this.heading, items }) + hidden;
  }

  /** The row's name, its endonym (if it starts with one) in an element of its own language. */
  private rowName(row: BreakdownRow) {
    const endonym = row.endonym;
    if (!endonym || !row.label.startsWith(endonym.text)) return row.label;
    return html`${inOwnLanguage(endonym.text, endonym.lang, endonym.dir)}${row.label.slice(
      endonym.text.length,
    )}`;
  }

  private renderTable() {
    const { t, lang } = this.i18n;
    const rate = this.kind === 'rate';
    const number = (value: SummaryGroup['count']) =>
      html`<td class="number">${formatCount(t, lang, value)}</td>`;
    return html`<div
      class="table-scroll"
      role="region"
      tabindex="0"
      aria-label=${t('review:breakdowns.tableScroll', { title: this.heading })}
    >
      <table>
        <caption>
          ${this.heading}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.groupHeading}</th>
            <th scope="col" class="number">${t('review:columns.notices')}</th>
            ${
              this.detail || rate
                ? html`<th scope="col" class="number">${t('review:columns.acknowledged')}</th>`
                : nothing
            }
            ${
              this.detail
                ? html`<th scope="col" class="number">${t('review:columns.shown')}</th>
                    <th scope="col" class="number">${t('review:columns.notPossible')}</th>`
                : nothing
            }
            ${rate ? html`<th scope="col" class="number">${t('review:columns.rate')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (row) =>
              html`<tr>
                <th scope="row">${this.rowName(row)}</th>
                ${number(row.count)} ${this.detail || rate ? number(row.acknowledged) : nothing}
                ${this.detail ? html`${number(row.shown)}${number(row.notPossible)}` : nothing}
                ${rate ? html`<td class="number">${this.say(this.value(row), row)}</td>` : nothing}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const heading =
      this.headingLevel === 2
        ? html`<h2 id="heading">${this.heading}</h2>`
        : html`<h3 id="heading">${this.heading}</h3>`;
    return html`<section aria-labelledby="heading" class="breakdown">
      ${heading} ${this.note ? html`<p class="hint note">${this.note}</p>` : nothing}
      ${
        this.rows.length
          ? html`<div class="pair">
              <figure class="chart keep-together">
                <figcaption>
                  <span id="chart-title" class="visually-hidden">${this.heading}</span>
                  <span id="chart-desc" class="visually-hidden">${this.description()}</span>
                </figcaption>
                ${this.chart}
              </figure>
              ${this.renderTable()}
            </div>`
          : html`<p class="message">${this.empty || t('review:breakdowns.empty')}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-breakdown': FwReviewBreakdown;
  }
}
