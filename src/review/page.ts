import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import { setFocus } from '../app/focus.js';
import { can, type GroupBy, type Permission } from '../schema/api.js';
import type { ApiRequestError } from './api.js';
import type { ApiFailedDetail } from './integrity.js';
import { findLocale } from '../i18n/locales.js';
import { groupLabel } from './format.js';
import type { BreakdownRow } from './breakdown.js';
import type { ReviewData } from './data.js';
import { SessionController } from './session.js';
import type { SignedInDetail } from './sign-in.js';
import './strings.js';

/**
 * What the review and the report share: the session (sign-in, sign-out, an ended session), the
 * page's bar, the message for a role that may not see the page, focus on every change of view,
 * and loading the page's figures once a permitted user is signed in.
 */
export abstract class ReviewPage<Data = ReviewData> extends LitElement {
  protected readonly i18n = new I18nController(this);
  protected readonly session = new SessionController(this);

  @state() protected data?: Data;
  @state() protected loadError = '';
  @state() protected loading = false;
  /** The person chose "Change your password" from the bar. */
  @state() protected changingPassword = false;
  /** The person chose "Passkeys" from the bar. */
  @state() protected managingPasskeys = false;
  @state() private passwordChanged = false;

  /** Fetches what the page shows. */
  protected abstract fetchData(): Promise<Data>;

  /** After the figures have arrived and been drawn. */
  protected afterLoad(): void {}

  protected async load(): Promise<void> {
    if (this.view !== 'content') return;
    this.loading = true;
    try {
      this.data = await this.fetchData();
      this.loadError = '';
      await this.updateComplete;
      this.afterLoad();
    } catch (error) {
      const failure = error as ApiRequestError;
      if (!this.failed(failure)) {
        this.loadError =
          failure.status === 0
            ? this.i18n.t('review:errors.network')
            : this.i18n.t('review:errors.server', { message: failure.message });
      }
    } finally {
      this.loading = false;
    }
  }

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

  /** Someone signed in: what was loaded (for whoever was before) is loaded again. */
  protected signedIn(): void {
    this.data = undefined;
    this.loadError = '';
  }

  /** A request failed: an ended session shows the sign-in form again. Returns true if so. */
  protected failed(error: ApiRequestError): boolean {
    if (error.status === 401) {
      this.data = undefined;
      this.session.expired();
      return true;
    }
    return false;
  }

  protected get permitted(): boolean {
    return can(this.session.session?.user.role, this.permission);
  }

  /** A one-time password must be changed before anything else (the server insists too). */
  private get mustChangePassword(): boolean {
    return this.session.state === 'signed-in' && !!this.session.session?.mustChangePassword;
  }

  /** A role that must use a passkey has none yet: adding one comes next (the server insists). */
  private get mustAddPasskey(): boolean {
    return this.session.state === 'signed-in' && !!this.session.session?.enrolPasskey;
  }

  private readonly onPasskeysDone = () => {
    if (this.session.session)
      this.session.session = { ...this.session.session, enrolPasskey: false };
    this.managingPasskeys = false;
    this.data = undefined;
    this.loadError = '';
  };

  /** The name of the view on screen; when it changes, focus moves to its heading. */
  protected get view(): string {
    if (this.session.state !== 'signed-in') return this.session.state;
    if (this.mustChangePassword || this.changingPassword) return 'password';
    if (this.mustAddPasskey || this.managingPasskeys) return 'passkeys';
    return this.permitted ? 'content' : 'restricted';
  }

  private readonly onPasswordChanged = () => {
    if (this.session.session)
      this.session.session = { ...this.session.session, mustChangePassword: false };
    this.changingPassword = false;
    this.passwordChanged = true;
    this.data = undefined;
    this.loadError = '';
  };

  protected override updated(): void {
    // The first time a permitted user is seen, whether from the cookie or a sign-in.
    if (this.view === 'content' && !this.data && !this.loading && !this.loadError) void this.load();
    this.moveFocus();
  }

  private moveFocus(): void {
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
    const password =
      this.renderRoot.querySelector('fw-review-password') ??
      this.renderRoot.querySelector('fw-review-passkeys');
    if (password) {
      await password.updateComplete;
      setFocus(password.renderRoot.querySelector('h1') as HTMLElement);
      return;
    }
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
    return data.groups[by].map((g) => {
      const locale = by === 'lang' ? findLocale(g.key) : undefined;
      return {
        ...g,
        label: groupLabel(t, lang, by, g.key),
        ...(locale ? { endonym: { text: locale.endonym, lang: locale.tag, dir: locale.dir } } : {}),
      };
    });
  }

  /** The weekly trend: a line chart beside its table, on the review and in the report. */
  protected renderTrend(data: ReviewData) {
    const { t } = this.i18n;
    return html`<fw-review-breakdown
      heading=${t('review:breakdowns.week.title')}
      heading-level="2"
      group-heading=${t('review:columns.week')}
      kind="trend"
      detail
      .rows=${this.rows(data, 'week')}
    ></fw-review-breakdown>`;
  }

  protected renderBar(extra: TemplateResult | typeof nothing = nothing) {
    const { t } = this.i18n;
    const user = this.session.session?.user;
    // The site's name and sections are the page's banner (fw-site-header, before <main>); this
    // bar, at the top of <main>, holds who is signed in and the page's own actions.
    if (!user && extra === nothing) return nothing;
    return html`<div class="bar no-print">
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
              ${
                this.view === 'content' || this.view === 'restricted'
                  ? html`<button
                        type="button"
                        @click=${() => {
                          this.passwordChanged = false;
                          this.changingPassword = true;
                        }}
                      >
                        ${t('review:nav.changePassword')}
                      </button>
                      <button
                        type="button"
                        @click=${() => {
                          this.passwordChanged = false;
                          this.managingPasskeys = true;
                        }}
                      >
                        ${t('review:nav.passkeys')}
                      </button>`
                  : nothing
              }
              <button type="button" @click=${() => this.session.signOut()}>
                ${t('review:nav.signOut')}
              </button>
            </div>`
          : nothing
      }
    </div>`;
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
        if (this.mustChangePassword || this.changingPassword) {
          return html`<fw-review-password
            ?forced=${this.mustChangePassword}
            @fw-review-password-changed=${this.onPasswordChanged}
            @fw-review-password-cancelled=${() => (this.changingPassword = false)}
          ></fw-review-password>`;
        }
        if (this.mustAddPasskey || this.managingPasskeys) {
          return html`<fw-review-passkeys
            ?enrol=${this.mustAddPasskey}
            @fw-review-passkeys-done=${this.onPasskeysDone}
          ></fw-review-passkeys>`;
        }
        return html`${
          this.passwordChanged
            ? html`<p class="message" role="status">${t('review:password.changed')}</p>`
            : nothing
        }
        ${this.permitted ? content() : this.renderRestricted()}`;
    }
  }

  private renderRestricted() {
    const { t } = this.i18n;
    const role = this.session.session?.user.role;
    return html`<h1>${t('review:restricted.heading')}</h1>
      <p>${t(role === 'editor' ? 'review:restricted.bodyEditor' : 'review:restricted.body')}</p>
      ${
        can(role, 'library')
          ? html`<p><a href="/review/content">${t('review:restricted.content')}</a></p>`
          : nothing
      }
      ${role === 'editor' ? nothing : html`<p><a href="/lab">${t('review:restricted.lab')}</a></p>`}`;
  }
}
