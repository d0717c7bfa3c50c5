import { LitElement, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import { setFocus } from '../app/focus.js';
import type { SessionReply } from '../schema/api.js';
import { startAuthentication } from '@simplewebauthn/browser';
import { api, ApiRequestError } from './api.js';
import { errorSummary } from './error-summary.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

export interface SignedInDetail {
  session: SessionReply;
}

declare global {
  interface HTMLElementEventMap {
    'fw-review-signed-in': CustomEvent<SignedInDetail>;
  }
}

type Field = 'username' | 'password' | 'code';
interface FieldError {
  field: Field;
  message: string;
}

/**
 * The review's sign-in form, in the GOV.UK pattern: an error summary that takes focus and links
 * to each field, and each field's own message. Says plainly when too many wrong passwords mean a wait.
 *
 * @fires fw-review-signed-in - The server accepted the sign-in; detail `{ session }`.
 */
export class FwReviewSignIn extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  /** A message above the form: "You have signed out", "Your sign-in has ended". */
  @state() notice = '';
  @state() private errors: FieldError[] = [];
  /** An error about the whole form (bad credentials, locked, unreachable). */
  @state() private formError = '';
  @state() private busy = false;
  /** The password was right and a passkey (or a recovery code) is owed: the second step. */
  @state() private pending = false;

  @query('.error-summary') private summary?: HTMLElement;
  @query('h1') private heading?: HTMLElement;

  focusHeading(): void {
    void this.updateComplete.then(() => setFocus(this.heading));
  }

  private fieldError(field: Field): string {
    return this.errors.find((e) => e.field === field)?.message ?? '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t } = this.i18n;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: FieldError[] = [];
    if (!username) errors.push({ field: 'username', message: t('review:signIn.usernameMissing') });
    if (!password) errors.push({ field: 'password', message: t('review:signIn.passwordMissing') });
    this.errors = errors;
    this.formError = '';
    if (errors.length) return this.showSummary();
    this.busy = true;
    try {
      const reply = await api.signIn(username, password);
      if (!reply.user) {
        this.pending = true;
        await this.updateComplete;
        setFocus(this.heading ?? null);
        return;
      }
      this.signedIn(reply);
    } catch (error) {
      this.formError = this.explain(error as ApiRequestError);
      (form.elements.namedItem('password') as HTMLInputElement).value = '';
      await this.showSummary();
    } finally {
      this.busy = false;
    }
  }

  private signedIn(session: SessionReply): void {
    this.pending = false;
    this.dispatchEvent(
      new CustomEvent('fw-review-signed-in', {
        detail: { session },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** The second step with a passkey: the server's options, the browser's ceremony, the answer. */
  private async usePasskey(): Promise<void> {
    this.busy = true;
    this.formError = '';
    try {
      const optionsJSON = await api.mfaOptions();
      this.signedIn(await api.confirmPasskey(await startAuthentication({ optionsJSON })));
    } catch {
      this.formError = this.i18n.t('review:mfa.failed');
      await this.showSummary();
    } finally {
      this.busy = false;
    }
  }

  private async useRecoveryCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = String(new FormData(event.target as HTMLFormElement).get('code') ?? '').trim();
    if (!code) return;
    this.busy = true;
    this.formError = '';
    try {
      this.signedIn(await api.confirmRecoveryCode(code));
    } catch (error) {
      const failure = error as ApiRequestError;
      this.formError =
        failure.code === 'slow-down' ? this.explain(failure) : this.i18n.t('review:mfa.failed');
      await this.showSummary();
    } finally {
      this.busy = false;
    }
  }

  private renderSecondStep() {
    const { t } = this.i18n;
    return html`<div class="sign-in">
      ${errorSummary(
        t('review:signIn.errorTitle'),
        this.formError ? [{ field: 'code' as const, message: this.formError }] : [],
        (e) => this.focusField(e, 'code'),
      )}
      <h1>${t('review:mfa.heading')}</h1>
      <p>${t('review:mfa.intro')}</p>
      <p>
        <button type="button" class="primary" ?disabled=${this.busy} @click=${this.usePasskey}>
          ${t('review:mfa.usePasskey')}
        </button>
      </p>
      <form @submit=${this.useRecoveryCode} novalidate class="stack">
        <div class="field">
          <label for="code">${t('review:mfa.code')}</label>
          <input
            id="code"
            name="code"
            type="text"
            autocomplete="one-time-code"
            spellcheck="false"
          />
        </div>
        <div>
          <button type="submit" ?disabled=${this.busy}>${t('review:mfa.useCode')}</button>
        </div>
      </form>
    </div>`;
  }

  private explain(error: ApiRequestError): string {
    const { t } = this.i18n;
    // slow-down (429): too many wrong passwords for this username from here, for a while.
    if (error.code === 'slow-down') {
      return error.retryAfter
        ? t('review:signIn.slowDownFor', { count: Math.ceil(error.retryAfter / 60) })
        : t('review:signIn.slowDown');
    }
    if (error.code === 'bad-credentials' || error.status === 401) {
      return t('review:signIn.badCredentials');
    }
    if (error.status === 0) return t('review:errors.network');
    return t('review:errors.server', { message: error.message });
  }

  private async showSummary(): Promise<void> {
    await this.updateComplete;
    this.summary?.focus();
  }

  private focusField(event: Event, field: Field): void {
    // The fields are in this element's shadow root, where a #fragment link cannot reach.
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${field}`);
    input?.focus();
    input?.scrollIntoView({ block: 'center' });
  }

  private renderField(field: Field, type: string, autocomplete: string) {
    const { t } = this.i18n;
    const error = this.fieldError(field);
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for=${field}>${t(`review:signIn.${field}`)}</label>
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
        type=${type}
        autocomplete=${autocomplete}
        spellcheck="false"
        autocapitalize="none"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${field}-error` : nothing}
      />
    </div>`;
  }

  protected override render() {
    if (this.pending) return this.renderSecondStep();
    const { t } = this.i18n;
    const problems = [
      ...(this.formError ? [{ field: 'username' as Field, message: this.formError }] : []),
      ...this.errors,
    ];
    return html`<div class="sign-in">
      ${errorSummary(t('review:signIn.errorTitle'), problems, (e, field) =>
        this.focusField(e, field),
      )}
      ${this.notice ? html`<p class="message" role="status">${this.notice}</p>` : nothing}
      <h1>${t('review:signIn.heading')}</h1>
      <p>${t('review:signIn.intro')}</p>
      <form @submit=${this.submit} novalidate class="stack">
        ${this.renderField('username', 'text', 'username')}
        ${this.renderField('password', 'password', 'current-password')}
        <div>
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${t('review:signIn.submit')}
          </button>
        </div>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-sign-in': FwReviewSignIn;
  }
}
