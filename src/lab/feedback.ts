import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import {
  ASSISTIVE_TECH,
  MAX_COMMENT,
  UNDERSTOOD,
  type Feedback,
  type FeedbackRequest,
} from '../schema/api.js';
import type { Format } from '../schema/notice-event.js';
import { api, ApiRequestError } from '../review/api.js';
import { labStyles } from './lab.styles.js';
import { clearDraft, readDraft, saveDraft, type Draft } from './draft.js';
import { entryName, withNotice } from './names.js';
import './strings.js';

type Field = 'understood' | 'rating' | 'assistiveTech' | 'comment';
const FIELDS: readonly Field[] = ['understood', 'rating', 'assistiveTech', 'comment'];
const RATINGS = ['1', '2', '3', '4', '5'] as const;

interface Problem {
  /** The field to go to; a problem with the whole form goes to the first field. */
  field: Field;
  message: string;
}

declare global {
  interface HTMLElementEventMap {
    /** The server said the session has ended: the lab asks for a sign-in again. */
    'fw-lab-session-ended': CustomEvent<Record<string, never>>;
  }
}

const isField = (value: unknown): value is Field => FIELDS.includes(value as Field);

/**
 * @summary A signed-in tester's feedback on one notice, in the GOV.UK pattern: an error summary
 * that takes focus and links to each field (the client's checks and the server's `field` errors
 * alike), each field's own message, a live character count, and the tester's earlier feedback on
 * the same notice. Comments are only ever shown as text.
 *
 * @fires fw-lab-session-ended - The server answered 401: the sign-in has ended. Detail: `{}`.
 */
export class FwLabFeedback extends LitElement {
  static override styles = [
    ...labStyles,
    css`
      :host {
        padding: 0;
        margin-inline: 0;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  @property() format: Format = 'visual';
  /** A locale tag, or `bfi` for British Sign Language alone. */
  @property({ attribute: 'notice-lang' }) noticeLang = 'en-GB';

  @state() private problems: Problem[] = [];
  @state() private busy = false;
  @state() private sent = false;
  @state() private comment = '';
  /** The answers as last kept (see draft.ts): what the form shows when it is drawn again. */
  @state() private draft: Draft = readDraft('visual', 'en-GB');
  @state() private previous: Feedback[] | null = null;
  @state() private previousError = false;

  @query('.error-summary') private summary?: HTMLElement;
  @query('.sent') private sentMessage?: HTMLElement;
  @query('form') private form?: HTMLFormElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('format') || changed.has('noticeLang')) {
      this.problems = [];
      this.sent = false;
      // The tester's unsent answers on this notice, if a sign-in ended before they were sent.
      this.draft = readDraft(this.format, this.noticeLang);
      this.comment = this.draft.comment;
      void this.loadPrevious();
    }
  }

  private async loadPrevious(): Promise<void> {
    const { format, noticeLang } = this;
    this.previous = null;
    this.previousError = false;
    try {
      const reply = await api.feedbackOn(format, noticeLang);
      if (format !== this.format || noticeLang !== this.noticeLang) return;
      this.previous = [...reply.feedback].sort((a, b) => b.at.localeCompare(a.at));
    } catch (error) {
      if (this.ended(error)) return;
      this.previousError = true;
    }
  }

  private ended(error: unknown): boolean {
    if (error instanceof ApiRequestError && error.status === 401) {
      this.dispatchEvent(
        new CustomEvent('fw-lab-session-ended', { detail: {}, bubbles: true, composed: true }),
      );
      return true;
    }
    return false;
  }

  /** Keeps the answers as they stand, on every change, so nothing is lost if the sign-in ends. */
  private keepDraft(): void {
    if (!this.form) return;
    const data = new FormData(this.form);
    const value = (name: string) => String(data.get(name) ?? '');
    this.draft = {
      understood: value('understood'),
      rating: value('rating'),
      assistiveTech: value('assistiveTech'),
      comment: value('comment'),
    };
    saveDraft(this.format, this.noticeLang, this.draft);
  }

  private message(field: Field): string {
    return this.problems.find((p) => p.field === field)?.message ?? '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const { t } = this.i18n;
    this.keepDraft();
    const data = new FormData(event.target as HTMLFormElement);
    const understood = String(data.get('understood') ?? '');
    const rating = Number(data.get('rating') ?? 0);
    const assistiveTech = String(data.get('assistiveTech') ?? '');
    const comment = String(data.get('comment') ?? '').trim();
    const problems: Problem[] = [];
    if (!(UNDERSTOOD as readonly string[]).includes(understood)) {
      problems.push({ field: 'understood', message: t('lab:feedback.errors.understood') });
    }
    if (!(rating >= 1 && rating <= 5)) {
      problems.push({ field: 'rating', message: t('lab:feedback.errors.rating') });
    }
    if (!(ASSISTIVE_TECH as readonly string[]).includes(assistiveTech)) {
      problems.push({ field: 'assistiveTech', message: t('lab:feedback.errors.assistiveTech') });
    }
    if ([...comment].length > MAX_COMMENT) {
      problems.push({
        field: 'comment',
        message: t('lab:feedback.errors.comment', { max: MAX_COMMENT }),
      });
    }
    this.sent = false;
    this.problems = problems;
    if (problems.length) return this.focusSummary();

    const body = {
      format: this.format,
      lang: this.noticeLang,
      understood,
      rating,
      assistiveTech,
      ...(comment ? { comment } : {}),
    } as FeedbackRequest;
    this.busy = true;
    try {
      const saved = await api.feedback(body);
      this.previous = [saved, ...(this.previous ?? [])];
      this.sent = true;
      this.comment = '';
      clearDraft(body.format, body.lang);
      this.draft = readDraft(body.format, body.lang);
      this.form?.reset();
      await this.updateComplete;
      this.sentMessage?.focus();
    } catch (error) {
      if (this.ended(error)) return;
      const failure = error as ApiRequestError;
      this.problems = [
        {
          field: isField(failure.field) ? failure.field : 'understood',
          message:
            failure.status === 0
              ? t('lab:feedback.errors.network')
              : isField(failure.field)
                ? failure.message
                : t('lab:feedback.errors.server', { message: failure.message }),
        },
      ];
      await this.focusSummary();
    } finally {
      this.busy = false;
    }
  }

  private async focusSummary(): Promise<void> {
    await this.updateComplete;
    this.summary?.focus();
  }

  private goTo(event: Event, field: Field): void {
    // The fields are in this element's shadow root, where a #fragment link cannot reach.
    event.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(
      field === 'understood' || field === 'rating' ? `[name=${field}]` : `#${field}`,
    );
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }

  private errorMessage(field: Field) {
    const message = this.message(field);
    const { t } = this.i18n;
    return message
      ? html`<p class="error-message" id="${field}-error">
          <span class="visually-hidden">${t('lab:feedback.errorTitle')}:</span> ${message}
        </p>`
      : nothing;
  }

  private renderRadios(field: 'understood' | 'rating', values: readonly string[], hint?: string) {
    const { t } = this.i18n;
    const message = this.message(field);
    const describedBy = [hint ? `${field}-hint` : '', message ? `${field}-error` : '']
      .filter(Boolean)
      .join(' ');
    const labelKey = field === 'understood' ? 'understoodValues' : 'ratings';
    return html`<div class="field ${message ? 'invalid' : ''}">
      <fieldset aria-describedby=${describedBy || nothing}>
        <legend>${t(`lab:feedback.${field}`)}</legend>
        ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing}
        ${this.errorMessage(field)}
        <div class="choices ${field === 'rating' ? 'inline' : ''}">
          ${values.map(
            (value) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id="${field}-${value}"
                  name=${field}
                  .value=${value}
                  .checked=${this.draft[field] === value}
                />
                <label for="${field}-${value}">${t(`lab:feedback.${labelKey}.${value}`)}</label>
              </div>`,
          )}
        </div>
      </fieldset>
    </div>`;
  }

  private renderCount() {
    const { t } = this.i18n;
    const left = MAX_COMMENT - [...this.comment].length;
    return html`<p
      class="hint count ${left < 0 ? 'over' : ''}"
      id="comment-count"
      aria-live="polite"
    >
      ${
        left < 0
          ? t('lab:feedback.tooMany', { count: -left })
          : t('lab:feedback.remaining', { count: left })
      }
    </p>`;
  }

  private renderPrevious() {
    const { t, lang } = this.i18n;
    if (this.previousError) return html`<p class="hint">${t('lab:feedback.previousError')}</p>`;
    if (!this.previous) return nothing;
    if (!this.previous.length) return html`<p class="hint">${t('lab:feedback.noPrevious')}</p>`;
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<ul class="previous">
      ${this.previous.map(
        (f) =>
          html`<li>
            <p>
              ${t('lab:feedback.previousItem', {
                date: date.format(new Date(f.at)),
                understood: t(`lab:feedback.understoodValues.${f.understood}`),
                rating: f.rating,
                assistiveTech: t(`lab:feedback.assistiveTechValues.${f.assistiveTech}`),
              })}
            </p>
            ${f.comment ? html`<p class="comment">${f.comment}</p>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const commentError = this.message('comment');
    return html`
      ${
        this.problems.length
          ? html`<div
              class="error-summary"
              tabindex="-1"
              role="alert"
              aria-labelledby="summary-title"
            >
              <h3 id="summary-title">${t('lab:feedback.errorTitle')}</h3>
              <ul>
                ${this.problems.map(
                  (p) =>
                    html`<li>
                      <a href="#${p.field}" @click=${(e: Event) => this.goTo(e, p.field)}
                        >${p.message}</a
                      >
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      ${
        this.sent
          ? html`<p class="message sent" role="status" tabindex="-1">${t('lab:feedback.sent')}</p>`
          : nothing
      }
      <p class="about">
        ${withNotice(
          t,
          'lab:feedback.about',
          entryName(t, { format: this.format, lang: this.noticeLang }),
        )}
      </p>
      <form
        novalidate
        class="stack"
        @submit=${this.submit}
        @change=${this.keepDraft}
        @input=${this.keepDraft}
      >
        ${this.renderRadios('understood', UNDERSTOOD)}
        ${this.renderRadios('rating', RATINGS, t('lab:feedback.ratingHint'))}
        <div class="field ${this.message('assistiveTech') ? 'invalid' : ''}">
          <label for="assistiveTech">${t('lab:feedback.assistiveTech')}</label>
          ${this.errorMessage('assistiveTech')}
          <select
            id="assistiveTech"
            name="assistiveTech"
            aria-invalid=${this.message('assistiveTech') ? 'true' : 'false'}
            aria-describedby=${this.message('assistiveTech') ? 'assistiveTech-error' : nothing}
          >
            <option value="">${t('lab:feedback.choose')}</option>
            ${ASSISTIVE_TECH.map(
              (value) =>
                html`<option value=${value} ?selected=${this.draft.assistiveTech === value}>
                  ${t(`lab:feedback.assistiveTechValues.${value}`)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field ${commentError ? 'invalid' : ''}">
          <label for="comment">${t('lab:feedback.comment')}</label>
          <p class="hint" id="comment-hint">${t('lab:feedback.commentHint')}</p>
          ${this.errorMessage('comment')}
          <textarea
            id="comment"
            name="comment"
            rows="5"
            spellcheck="true"
            aria-invalid=${commentError ? 'true' : 'false'}
            aria-describedby=${[
              'comment-hint',
              commentError ? 'comment-error' : '',
              'comment-count',
            ]
              .filter(Boolean)
              .join(' ')}
            .value=${this.draft.comment}
            @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${this.renderCount()}
        </div>
        <div>
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.busy ? t('lab:feedback.sending') : t('lab:feedback.submit')}
          </button>
        </div>
      </form>
      <h3>${t('lab:feedback.previous')}</h3>
      ${this.renderPrevious()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-lab-feedback': FwLabFeedback;
  }
}
