import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { I18nController } from '../i18n/controller.js';
import { setFocus } from '../app/focus.js';
import { can, type GroupBy, type Permission } from '../schema/api.js';
import type { ApiRequestError } from './api.js';
import type { ApiFailedDetail } from './integrity.js';
import { groupLabel } from './format.js';
import type { BreakdownRow } from './breakdown.js';
import type { ReviewData } from './data.js';
import { SessionController } from './session.js';
import type { SignedInDetail } from './sign-in.js';
import './strings.js';

/**
 * What the review and the report share: the session (sign-in, sign-out, an ended session), the
 * page's bar, the message for a role that may not see the page, and focus on every change of view.
 */
export abstract class ReviewPage extends LitElement {
  protected readonly i18n = new I18nController(this);
  protected readonly session = new SessionController(this);

  /** What the signed-in role needs to see this page. */
  protected abstract readonly permission: Permission;

  private lastView = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('fw-review-signed-in', this.onSignedIn);
    this.addEventListener('fw-review-api-failed', this.onApiFailed);
  }

  override disconnectedCallback(): void {
    this.removeEventListener('fw-review-signed-in', this.onSignedIn);
    this.removeEventListener('fw-review-api-failed', this.onApiFailed);
    super.disconnectedCallback();
  }

  private readonly onSignedIn = (event: CustomEvent<SignedInDetail>) => {
    this.session.signedIn(event.detail.session);
    this.signedIn();
  };

  private readonly onApiFailed = (event: CustomEvent<ApiFailedDetail>) => {
    this.failed(event.detail.error);
  };

  /** Called once a permitted user is signed in: load what the page shows. */
  protected abstract signedIn(): void;

  /** A request failed: an ended session shows the sign-in form again. Returns true if so. */
  protected failed(error: ApiRequestError): boolean {
    if (error.status === 401) {
      this.session.expired();
      return true;
    }
    return false;
  }

  protected get permitted(): boolean {
    return can(this.session.session?.user.role, this.permission);
  }

  /** The name of the view on screen; when it changes, focus moves to its heading. */
  protected get view(): string {
    return this.session.state === 'signed-in'
      ? this.permitted
        ? 'content'
        : 'restricted'
      : this.session.state;
  }

  protected override updated(): void {
    const view = this.view;
    if (view === this.lastView) return;
    const first = this.lastView === '' || this.lastView === 'checking';
    this.lastView = view;
    if (view === 'checking') return;
    // Not on the page's first paint (the reader starts at the top anyway), but on every change.
    if (first) return;
    void this.focusHeading();
  }

  protected async focusHeading(): Promise<void> {
    await this.updateComplete;
    const signIn = this.renderRoot.querySelector('fw-review-sign-in');
    if (signIn) {
      await signIn.updateComplete;
      if (this.session.reason) setFocus(signIn.renderRoot.querySelector('h1') as HTMLElement);
      return;
    }
    setFocus(this.renderRoot.querySelector('h1'));
  }

  protected rows(data: ReviewData, by: GroupBy): BreakdownRow[] {
    const { t, lang } = this.i18n;
    return data.groups[by].map((g) => ({ ...g, label: groupLabel(t, lang, by, g.key) }));
  }

  protected renderBar(extra: TemplateResult | typeof nothing = nothing) {
    const { t } = this.i18n;
    const user = this.session.session?.user;
    return html`<header class="bar no-print">
      <p class="brand">${t('kiosk:appName', { defaultValue: 'Forewarn' })}</p>
      ${extra}
      ${
        user
          ? html`<div class="user">
              <span
                >${t('review:nav.signedInAs', {
                  username: user.username,
                  role: t(`review:roles.${user.role}`),
                })}</span
              >
              <button type="button" @click=${() => this.session.signOut()}>
                ${t('review:nav.signOut')}
              </button>
            </div>`
          : nothing
      }
    </header>`;
  }

  protected renderGate(content: () => unknown) {
    const { t } = this.i18n;
    const session = this.session;
    switch (session.state) {
      case 'checking':
        return html`<p role="status">${t('review:loading')}</p>`;
      case 'unavailable':
        return html`<h1>${t('review:title')}</h1>
          <p class="message problem" role="alert">
            ${
              session.error?.status === 0
                ? t('review:errors.network')
                : t('review:errors.server', { message: session.error?.message ?? '' })
            }
          </p>
          <button type="button" @click=${() => session.check()}>
            ${t('review:errors.tryAgain')}
          </button>`;
      case 'signed-out':
        return html`<fw-review-sign-in
          .notice=${session.reason ? t(`review:${session.reason === 'expired' ? 'errors.expired' : 'signIn.signedOut'}`) : ''}
        ></fw-review-sign-in>`;
      case 'signed-in':
        if (!this.permitted) {
          return html`<h1>${t('review:restricted.heading')}</h1>
            <p>${t('review:restricted.body')}</p>
            <p><a href="/lab">${t('review:restricted.lab')}</a></p>`;
        }
        return content();
    }
  }
}
