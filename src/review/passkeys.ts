import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { startRegistration } from '@simplewebauthn/browser';
import { I18nController } from '../i18n/controller.js';
import { setFocus } from '../app/focus.js';
import type { PasskeyList } from '../schema/api.js';
import { api } from './api.js';
import { formatDay } from './format.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

declare global {
  interface HTMLElementEventMap {
    'fw-review-passkeys-done': CustomEvent<Record<string, never>>;
  }
}

/**
 * A person's passkeys and recovery codes: add a passkey (the browser's own dialog), remove one,
 * and make new recovery codes, which are shown once. With `enrol`, it is the step a role that
 * must use a passkey sees until it has added its first, and it cannot be left.
 *
 * @fires fw-review-passkeys-done - The person chose Back, or kept their first codes; detail `{}`.
 */
export class FwReviewPasskeys extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  /** No passkey yet, and the role must use one: say why, and offer no way back. */
  @property({ type: Boolean }) enrol = false;
  @state() private list: PasskeyList | null = null;
  /** Recovery codes just made: shown until the person says they have kept them. */
  @state() private codes: string[] = [];
  @state() private message = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.enrol) void this.load();
  }

  private async load(): Promise<void> {
    this.list = await api.passkeys();
  }

  private done(): void {
    this.dispatchEvent(
      new CustomEvent('fw-review-passkeys-done', { detail: {}, bubbles: true, composed: true }),
    );
  }

  private async showCodes(codes: string[]): Promise<void> {
    this.codes = codes;
    await this.updateComplete;
    setFocus(this.renderRoot.querySelector<HTMLElement>('#codes-heading'));
  }

  private async add(): Promise<void> {
    this.busy = true;
    this.message = '';
    try {
      const optionsJSON = await api.passkeyOptions();
      const response = await startRegistration({ optionsJSON });
      const added = await api.addPasskey(
        response,
        `Passkey ${(this.list?.passkeys.length ?? 0) + 1}`,
      );
      if (added.recoveryCodes) await this.showCodes(added.recoveryCodes);
      else if (this.enrol) this.done();
      if (!this.enrol) await this.load();
    } catch {
      this.message = this.i18n.t('review:passkeys.failed');
    } finally {
      this.busy = false;
    }
  }

  private async removePasskey(id: string): Promise<void> {
    try {
      await api.removePasskey(id);
      await this.load();
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  private async newCodes(): Promise<void> {
    const { recoveryCodes } = await api.newRecoveryCodes();
    await this.showCodes(recoveryCodes);
    await this.load();
  }

  private renderCodes() {
    const { t } = this.i18n;
    return html`<h2 id="codes-heading" tabindex="-1">${t('review:passkeys.codesHeading')}</h2>
      <p>${t('review:passkeys.codesIntro')}</p>
      <ol class="codes">
        ${this.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ol>
      <p>
        <button
          type="button"
          class="primary"
          @click=${() => {
            this.codes = [];
            if (this.enrol) this.done();
          }}
        >
          ${t('review:passkeys.kept')}
        </button>
      </p>`;
  }

  protected override render() {
    const { t, lang } = this.i18n;
    if (this.codes.length) return this.renderCodes();
    const list = this.list;
    return html`<h1>${t(this.enrol ? 'review:passkeys.enrolHeading' : 'review:nav.passkeys')}</h1>
      ${this.enrol ? html`<p>${t('review:passkeys.enrolIntro')}</p>` : nothing}
      ${this.message ? html`<p class="message problem" role="alert">${this.message}</p>` : nothing}
      ${
        list
          ? list.passkeys.length
            ? html`<ul>
                ${list.passkeys.map(
                  (p) =>
                    html`<li>
                      ${p.name}
                      (${t('review:passkeys.added', { date: formatDay(lang, p.createdAt.slice(0, 10)) })})
                      <button type="button" @click=${() => this.removePasskey(p.id)}>
                        ${t('review:passkeys.remove', { name: p.name })}
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p>${t('review:passkeys.none')}</p>`
          : nothing
      }
      <p>
        <button type="button" class="primary" ?disabled=${this.busy} @click=${this.add}>
          ${t('review:passkeys.add')}
        </button>
      </p>
      ${
        list?.passkeys.length
          ? html`<p>${t('review:passkeys.codesLeft', { left: list.recoveryCodesLeft })}</p>
              <p>
                <button type="button" @click=${this.newCodes}>
                  ${t('review:passkeys.newCodes')}
                </button>
              </p>`
          : nothing
      }
      ${
        this.enrol
          ? nothing
          : html`<p>
              <button type="button" @click=${this.done}>${t('review:passkeys.back')}</button>
            </p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-passkeys': FwReviewPasskeys;
  }
}
