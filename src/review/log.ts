import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import {
  AUDIT_KINDS,
  DISCLOSURE_ACTIONS,
  type AuditEntry,
  type AuditKind,
  type Disclosure,
  type DisclosureAction,
} from '../schema/api.js';
import { api, type ApiRequestError } from './api.js';
import { isDay } from './filters.js';
import { formatTime } from './format.js';
import { reportFailure } from './integrity.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

/** Entries a page; one more is asked for, to know whether there are older ones. */
export const LOG_PAGE_SIZE = 50;

type Entry = Disclosure | AuditEntry;

/**
 * One of the append-only logs, a page at a time, newest first: the disclosure log (who saw or
 * took what) or the security audit log. Filtered by what happened and by day; "Older entries"
 * goes back a page and "Newer entries" forward again. Each page is asked for by the id of the
 * last entry shown, so entries added meanwhile never shift or hide one. Stored details are shown
 * as text, never as markup.
 *
 * @summary A page of the disclosure log or the security audit log, with filters.
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewLog extends LitElement {
  static override styles = [
    reviewStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem 1.25rem;
        align-items: end;
        margin-block-end: 1rem;
      }
      .field {
        flex: 0 1 14rem;
      }
      .pages {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        margin-block-start: 0.75rem;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  /** Which log: `disclosures` or `audit`. */
  @property() log: 'disclosures' | 'audit' = 'disclosures';

  @state() private entries?: Entry[];
  @state() private more = false;
  @state() private error = '';
  @state() private filterError?: { field: 'from' | 'to'; message: string };
  @state() private status = '';
  private filters: { what?: string; from?: string; to?: string } = {};
  /** The `before` of each page shown so far: the last is this page's. */
  private cursors: string[] = [];

  @query('.table-scroll') private region?: HTMLElement;
  @query('.error-message') private errorMessage?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /** Reads this page again (the newest, unless the reader has gone back). */
  async reload(): Promise<void> {
    const before = this.cursors.at(-1);
    const page = { ...(before ? { before } : {}), ...this.filters, limit: LOG_PAGE_SIZE + 1 };
    const { what, ...rest } = page;
    try {
      const entries: Entry[] =
        this.log === 'audit'
          ? await api.audit({ ...rest, ...(what ? { kind: what as AuditKind } : {}) })
          : await api.disclosures({
              ...rest,
              ...(what ? { action: what as DisclosureAction } : {}),
            });
      this.more = entries.length > LOG_PAGE_SIZE;
      this.entries = entries.slice(0, LOG_PAGE_SIZE);
      this.error = '';
    } catch (error) {
      reportFailure(this, error);
      const failure = error as ApiRequestError;
      this.error =
        failure.status === 0
          ? this.i18n.t('review:errors.network')
          : this.i18n.t('review:errors.server', { message: failure.message });
    }
  }

  private async show(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t } = this.i18n;
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    this.filterError = undefined;
    for (const field of ['from', 'to'] as const) {
      if (text(field) && !isDay(text(field))) {
        this.filterError = { field, message: t('review:filters.badDate') };
      }
    }
    if (!this.filterError && text('from') && text('to') && text('from') > text('to'))
      this.filterError = { field: 'from', message: t('review:filters.fromAfterTo') };
    if (this.filterError) {
      await this.updateComplete;
      this.errorMessage?.focus();
      return;
    }
    this.filters = {
      ...(text('what') ? { what: text('what') } : {}),
      ...(text('from') ? { from: text('from') } : {}),
      ...(text('to') ? { to: text('to') } : {}),
    };
    this.cursors = [];
    await this.turned();
  }

  private async older(): Promise<void> {
    const last = this.entries?.at(-1);
    if (!last) return;
    this.cursors = [...this.cursors, last.id];
    await this.turned();
  }

  private async newer(): Promise<void> {
    this.cursors = this.cursors.slice(0, -1);
    await this.turned();
  }

  /** After a new page: say which entries these are, and take focus to them. */
  private async turned(): Promise<void> {
    await this.reload();
    const first = this.cursors.length * LOG_PAGE_SIZE + 1;
    const count = this.entries?.length ?? 0;
    this.status = count
      ? this.i18n.t('review:log.range', { first, last: first + count - 1 })
      : this.i18n.t('review:log.none');
    await this.updateComplete;
    this.region?.focus();
  }

  /** Stored details as `name: value` pairs; never rendered as markup. */
  private detail(detail: string | AuditEntry['detail']): string {
    try {
      const object = typeof detail === 'string' ? (JSON.parse(detail) as object) : detail;
      return (
        Object.entries(object)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', ') || '—'
      );
    } catch {
      return String(detail);
    }
  }

  private who(entry: Entry): string {
    const { t } = this.i18n;
    if ('username' in entry) return `${entry.username} (${t(`review:roles.${entry.role}`)})`;
    const { actor } = entry;
    switch (actor.type) {
      case 'account':
        return actor.name ?? actor.id ?? '';
      case 'device':
        return t('review:log.actor.device', { device: actor.id });
      case 'cli':
        return actor.name
          ? t('review:log.actor.cliNamed', { name: actor.name })
          : t('review:log.actor.cli');
      default:
        return t('review:log.actor.anonymous');
    }
  }

  private what(entry: Entry): string {
    const { t } = this.i18n;
    return 'action' in entry
      ? t(`review:admin.action.${entry.action}`)
      : `${t(`review:log.kind.${entry.kind}`)}: ${t(`review:log.outcome.${entry.outcome}`)}`;
  }

  private renderFilters() {
    const { t } = this.i18n;
    const options: readonly string[] = this.log === 'audit' ? AUDIT_KINDS : DISCLOSURE_ACTIONS;
    const label = (value: string) =>
      t(this.log === 'audit' ? `review:log.kind.${value}` : `review:admin.action.${value}`);
    const invalid = (field: 'from' | 'to') => this.filterError?.field === field;
    return html`<form @submit=${this.show} novalidate>
        ${
          this.filterError
            ? html`<p class="error-message" id="log-error" role="alert" tabindex="-1">
                ${this.filterError.message}
              </p>`
            : nothing
        }
        <div class="field">
          <label for="log-what">${t('review:admin.disclosuresWhat')}</label>
          <select id="log-what" name="what">
            <option value="">${t('review:filters.any')}</option>
            ${options.map((value) => html`<option value=${value}>${label(value)}</option>`)}
          </select>
        </div>
        ${(['from', 'to'] as const).map(
          (field) =>
            html`<div class="field">
              <label for="log-${field}">${t(`review:filters.${field}`)}</label>
              <input
                id="log-${field}"
                name=${field}
                type="date"
                aria-describedby=${invalid(field) ? 'log-error' : 'log-date-hint'}
                aria-invalid=${invalid(field) ? 'true' : 'false'}
              />
            </div>`,
        )}
        <button type="submit">${t('review:log.show')}</button>
      </form>
      <p class="hint" id="log-date-hint">${t('review:filters.dateHint')}</p>`;
  }

  private renderTable(entries: Entry[]) {
    const { t, lang } = this.i18n;
    return html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="log-caption">
      <table>
        <caption class="visually-hidden" id="log-caption">
          ${this.log === 'audit' ? t('review:audit.heading') : t('review:admin.disclosuresHeading')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('review:admin.disclosuresWhen')}</th>
            <th scope="col">${t('review:admin.disclosuresWho')}</th>
            <th scope="col">${t('review:admin.disclosuresWhat')}</th>
            <th scope="col">${t('review:admin.disclosuresDetail')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (entry) =>
              html`<tr>
                <td>${formatTime(lang, entry.at)}</td>
                <td>${this.who(entry)}</td>
                <td>${this.what(entry)}</td>
                <td>${this.detail(entry.detail)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const entries = this.entries;
    return html`${this.renderFilters()}
      <p class="visually-hidden" role="status">${this.status}</p>
      ${
        this.error
          ? html`<p class="message problem">${this.error}</p>`
          : !entries
            ? html`<p>${t('review:loading')}</p>`
            : entries.length
              ? this.renderTable(entries)
              : html`<p class="message">${t('review:log.none')}</p>`
      }
      ${
        this.more || this.cursors.length
          ? html`<div class="pages">
              ${
                this.cursors.length
                  ? html`<button type="button" @click=${this.newer}>
                      ${t('review:log.newer')}
                    </button>`
                  : nothing
              }
              ${
                this.more
                  ? html`<button type="button" @click=${this.older}>
                      ${t('review:log.older')}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-log': FwReviewLog;
  }
}
