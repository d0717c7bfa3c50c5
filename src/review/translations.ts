import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import { findLocale, LOCALES } from '../i18n/locales.js';
import type { TranslationAudit, TranslationStatus } from '../schema/api.js';
import { api, type ApiRequestError } from './api.js';
import { formatTime } from './format.js';
import { reportFailure } from './integrity.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

/** How many of the latest status changes the review shows. */
export const AUDIT_ROWS = 20;

type Status = TranslationStatus['status'];

interface LastChange {
  tag: string;
  from: Status;
  to: Status;
}

/**
 * Each translation's review status (draft or reviewed), who changed it last and when, with a
 * button per language to change it, an undo for the last change (itself a change, so audited
 * too), and the latest entries of the audit trail.
 *
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewTranslations extends LitElement {
  static override styles = [
    reviewStyles,
    css`
      .status-line {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        min-block-size: 1.5rem;
      }
      .status-line .message {
        margin: 0;
      }
      td button {
        white-space: nowrap;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  @state() private statuses?: TranslationStatus[];
  @state() private audit?: TranslationAudit[];
  @state() private error = '';
  @state() private message = '';
  @state() private last?: LastChange;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private failure(error: unknown): string {
    const failure = error as ApiRequestError;
    reportFailure(this, error);
    return failure.status === 0
      ? this.i18n.t('review:errors.network')
      : this.i18n.t('review:errors.server', { message: failure.message });
  }

  async load(): Promise<void> {
    try {
      const [statuses, audit] = await Promise.all([api.translations(), api.translationAudit()]);
      this.statuses = statuses;
      this.audit = audit.slice(0, AUDIT_ROWS);
      this.error = '';
    } catch (error) {
      this.error = this.failure(error);
    }
  }

  /** The language as reviewers know it: endonym, and English name where that differs. */
  private language(tag: string): string {
    const locale = findLocale(tag);
    if (!locale) return tag;
    return locale.endonym === locale.name ? locale.name : `${locale.endonym} (${locale.name})`;
  }

  /** The endonym in its own language (so a screen reader says it right), then the English name. */
  private renderLanguage(tag: string) {
    const locale = findLocale(tag);
    if (!locale) return tag;
    return locale.endonym === locale.name
      ? locale.name
      : html`<span lang=${locale.tag} dir=${locale.dir}>${locale.endonym}</span> (${locale.name})`;
  }

  private async change(tag: string, to: Status, undo = false): Promise<void> {
    if (this.busy) return;
    const { t } = this.i18n;
    const from = this.statuses?.find((s) => s.tag === tag)?.status;
    this.busy = true;
    try {
      const updated = await api.setTranslationStatus(tag, to);
      this.statuses = this.statuses?.map((s) => (s.tag === tag ? updated : s));
      const language = this.language(tag);
      const status = t(`review:translations.statusInSentence.${to}`);
      this.message = undo
        ? t('review:translations.undone', { language, status })
        : t('review:translations.changed', { language, status });
      this.last = undo || !from || from === to ? undefined : { tag, from, to };
      this.audit = (await api.translationAudit()).slice(0, AUDIT_ROWS);
    } catch (error) {
      this.message = '';
      this.error = this.failure(error);
    } finally {
      this.busy = false;
    }
    if (undo) {
      // The undo button has gone: focus goes back to the language's own button.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#tr-${CSS.escape(tag)}`)?.focus();
    }
  }

  private renderStatuses(statuses: TranslationStatus[]) {
    const { t, lang } = this.i18n;
    return html`<div
      class="table-scroll"
      role="region"
      tabindex="0"
      aria-labelledby="translations-caption"
    >
      <table>
        <caption id="translations-caption">
          ${t('review:translations.tableCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('review:translations.language')}</th>
            <th scope="col">${t('review:translations.statusCol')}</th>
            <th scope="col">${t('review:translations.lastChanged')}</th>
            <th scope="col">${t('review:translations.action')}</th>
          </tr>
        </thead>
        <tbody>
          ${statuses.map((s) => {
            const language = this.language(s.tag);
            const to: Status = s.status === 'reviewed' ? 'draft' : 'reviewed';
            const label = t(`review:translations.mark.${to}`);
            return html`<tr>
              <th scope="row">${this.renderLanguage(s.tag)}</th>
              <td>${t(`review:translations.status.${s.status}`)}</td>
              <td>
                ${
                  s.changedBy && s.changedAt
                    ? t('review:translations.changedByAt', {
                        username: s.changedBy,
                        time: formatTime(lang, s.changedAt),
                      })
                    : t('review:translations.neverChanged')
                }
              </td>
              <td>
                <button
                  type="button"
                  id="tr-${s.tag}"
                  aria-label=${t('review:translations.markLabel', { action: label, language })}
                  aria-disabled=${this.busy ? 'true' : 'false'}
                  @click=${() => this.change(s.tag, to)}
                >
                  ${label}
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private renderAudit() {
    const { t, lang } = this.i18n;
    const audit = this.audit ?? [];
    return html`<h3 id="audit-heading">${t('review:translations.auditHeading')}</h3>
      <p class="hint">${t('review:translations.auditIntro', { count: AUDIT_ROWS })}</p>
      ${
        audit.length === 0
          ? html`<p class="message">${t('review:translations.auditNone')}</p>`
          : html`<div
              class="table-scroll"
              role="region"
              tabindex="0"
              aria-labelledby="audit-heading"
            >
              <table>
                <caption class="visually-hidden">
                  ${t('review:translations.auditHeading')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('review:translations.when')}</th>
                    <th scope="col">${t('review:translations.who')}</th>
                    <th scope="col">${t('review:translations.language')}</th>
                    <th scope="col">${t('review:translations.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${audit.map(
                    (a) =>
                      html`<tr>
                        <td>${formatTime(lang, a.at)}</td>
                        <td>${a.username}</td>
                        <td>${this.language(a.tag)}</td>
                        <td>
                          ${t('review:translations.fromTo', {
                            from: t(`review:translations.status.${a.from}`),
                            to: t(`review:translations.status.${a.to}`),
                          })}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`;
  }

  protected override render() {
    const { t } = this.i18n;
    const last = this.last;
    return html`<section aria-labelledby="translations-heading">
      <h2 id="translations-heading">${t('review:translations.heading')}</h2>
      <p>${t('review:translations.intro', { count: LOCALES.length })}</p>
      ${this.error ? html`<p class="message problem" role="alert">${this.error}</p>` : nothing}
      <div class="status-line">
        <p class="message" role="status">${this.message}</p>
        ${
          last
            ? html`<button
                type="button"
                aria-label=${t('review:translations.undoLabel', {
                  language: this.language(last.tag),
                  status: t(`review:translations.statusInSentence.${last.from}`),
                })}
                @click=${() => this.change(last.tag, last.from, true)}
              >
                ${t('review:translations.undo')}
              </button>`
            : nothing
        }
      </div>
      ${
        !this.statuses
          ? this.error
            ? nothing
            : html`<p>${t('review:loading')}</p>`
          : html`${this.renderStatuses(this.statuses)} ${this.renderAudit()}`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-translations': FwReviewTranslations;
  }
}
