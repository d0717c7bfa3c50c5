import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import { setFocus } from '../app/focus.js';
import { api, ApiRequestError } from './api.js';
import { errorSummary } from './error-summary.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

type Field = 'current' | 'next';
interface FieldError {
  field: Field;
  message: string;
}

declare global {
  interface HTMLElementEventMap {
    'fw-review-password-changed': CustomEvent<Record<string, never>>;
    'fw-review-password-cancelled': CustomEvent<Record<string, never>>;
  }
}

/**
 * Changing one's own password, for every role, in the GOV.UK pattern of the sign-in form. With
 * `forced`, it is the first thing a person with a one-time password sees, and cannot be left
 * (the server refuses everything else until it is done).
 *
 * @fires fw-review-password-changed - The server accepted the new password; detail `{}`.
 * @fires fw-review-password-cancelled - The person chose Cancel; detail `{}`.
 */
export class FwReviewPassword extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  /** The password in use is a one-time one: say why, and offer no Cancel. */
  @property({ type: Boolean }) forced = false;
  @state() private errors: FieldError[] = [];
  @state() private busy = false;

  @query('.error-summary') private summary?: HTMLElement;

  private fieldError(field: Field): string {
    return this.errors.find((e) => e.field === field)?.message ?? '';
  }

  private emit(name: 'fw-review-password-changed' | 'fw-review-password-cancelled'): void {
    this.dispatchEvent(new CustomEvent(name, { detail: {}, bubbles: true, composed: true }));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t } = this.i18n;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    const errors: FieldError[] = [];
    if (!current) errors.push({ field: 'current', message: t('review:signIn.passwordMissing') });
    if ([...next].length < 12) errors.push({ field: 'next', message: t('review:password.weak') });
    this.errors = errors;
    if (errors.length) return this.showSummary();
    this.busy = true;
    try {
      await api.changePassword(current, next);
      form.reset();
      this.emit('fw-review-password-changed');
    } catch (error) {
      const failure = error as ApiRequestError;
      this.errors = [
        failure.code === 'bad-credentials'
          ? { field: 'current', message: t('review:password.wrongCurrent') }
          : failure.code === 'weak-password'
            ? { field: 'next', message: t('review:password.weak') }
            : failure.code === 'slow-down'
              ? {
                  field: 'current',
                  message: t('review:signIn.slowDownFor', {
                    count: Math.ceil((failure.retryAfter ?? 60) / 60),
                  }),
                }
              : {
                  field: 'current',
                  message:
                    failure.status === 0
                      ? t('review:errors.network')
                      : t('review:errors.server', { message: failure.message }),
                },
      ];
      await this.showSummary();
    } finally {
      this.busy = false;
    }
  }

  private async showSummary(): Promise<void> {
    await this.updateComplete;
    setFocus(this.summary ?? null);
  }

  private focusField(event: Event, field: Field): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLInputElement>(`#${field}`)?.focus();
  }

  private renderField(field: Field, autocomplete: string, hint?: string) {
    const { t } = this.i18n;
    const error = this.fieldError(field);
    const described = [hint ? `${field}-hint` : '', error ? `${field}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for=${field}>${t(`review:password.${field}`)}</label>
      ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing}
      ${
        error
          ? html`<p class="error-message" id="${field}-error">
              <span class="visually-hidden">${t('review:signIn.errorTitle')}:</span> ${error}
            </p>`
          : nothing
      }
      <input
        id=${field}
        name=${field}
        type="password"
        autocomplete=${autocomplete}
        spellcheck="false"
        autocapitalize="none"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<div class="sign-in">
      ${errorSummary(
        t('review:signIn.errorTitle'),
        this.errors,
        (e, field) => this.focusField(e, field),
        'password-summary-title',
      )}
      <h1>${t(this.forced ? 'review:password.forcedHeading' : 'review:nav.changePassword')}</h1>
      ${this.forced ? html`<p>${t('review:password.forcedIntro')}</p>` : nothing}
      <form @submit=${this.submit} novalidate class="stack">
        ${this.renderField('current', 'current-password')}
        ${this.renderField('next', 'new-password', t('review:password.hint'))}
        <div class="buttons">
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${t('review:password.submit')}
          </button>
          ${
            this.forced
              ? nothing
              : html`<button
                  type="button"
                  @click=${() => this.emit('fw-review-password-cancelled')}
                >
                  ${t('review:password.cancel')}
                </button>`
          }
        </div>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-password': FwReviewPassword;
  }
}
