import { LitElement, css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import type { DeviceRow, EnrolmentCodeReply, HeldImport } from '../schema/api.js';
import { api, ApiRequestError } from './api.js';
import { reportFailure } from './integrity.js';
import { formatNumber, formatTime } from './format.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

/**
 * The administrator's part of the review: issue a one-time enrolment code for a new device (shown
 * once, large), the list of devices, each of which can be revoked after a confirmation, the
 * imports held because their device is unknown (approve its key, or discard the import), and the
 * disclosure log, a page at a time (`npm run admin -- disclosures` reads it too), with a link to
 * the security audit log's page.
 *
 * @fires fw-review-imported - A held import was approved and stored; detail `{ reply }`.
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewAdmin extends LitElement {
  static override styles = [
    reviewStyles,
    css`
      .code {
        margin-block: 0.5rem;
        font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
        font-size: clamp(1.75rem, 1.2rem + 3vw, 3rem);
        font-weight: 700;
        letter-spacing: 0.15em;
        overflow-wrap: anywhere;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: end;
      }
      .row .field {
        flex: 1 1 12rem;
        max-inline-size: 20rem;
      }
      dialog {
        max-inline-size: min(36rem, calc(100vw - 2rem));
        padding: 1.5rem;
        border: 3px solid var(--fw-color-text, #0b0c0c);
        background: var(--fw-color-surface, #ffffff);
        color: var(--fw-color-text, #0b0c0c);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.6);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      button.warning {
        background: var(--fw-color-recording, #b3261e);
        border-color: var(--fw-color-recording, #b3261e);
        color: var(--fw-color-primary-text, #ffffff);
      }
      @media (forced-colors: active) {
        dialog {
          border-color: CanvasText;
        }
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  @state() private code?: EnrolmentCodeReply;
  @state() private codeError = '';
  @state() private devices?: DeviceRow[];
  @state() private devicesError = '';
  @state() private held?: HeldImport[];
  @state() private heldError = '';
  @state() private heldStatus = '';
  @state() private confirming?: DeviceRow;
  @state() private status = '';

  @query('dialog') private dialog?: HTMLDialogElement;
  /** The button that opened the dialog, to take focus back when it closes. */
  private trigger?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadDevices();
    void this.loadHeld();
  }

  /** Reads the imports waiting for approval (again, after an import is held). */
  async loadHeld(): Promise<void> {
    try {
      this.held = await api.heldImports();
      this.heldError = '';
    } catch (error) {
      this.heldError = this.failure(error);
    }
  }

  private async decide(held: HeldImport, decision: 'approve' | 'discard'): Promise<void> {
    try {
      if (decision === 'approve') {
        const reply = await api.approveHeld(held.id);
        this.heldStatus = this.i18n.t('review:admin.approvedDone', { device: held.deviceId });
        this.dispatchEvent(
          new CustomEvent('fw-review-imported', {
            detail: { reply },
            bubbles: true,
            composed: true,
          }),
        );
        await this.loadDevices();
      } else {
        await api.discardHeld(held.id);
        this.heldStatus = this.i18n.t('review:admin.discardedDone', { device: held.deviceId });
      }
    } catch (error) {
      this.heldStatus = this.failure(error);
    }
    await this.loadHeld();
  }

  private renderHeld() {
    const { t, lang } = this.i18n;
    if (this.heldError) return html`<p class="message problem">${this.heldError}</p>`;
    if (!this.held) return html`<p>${t('review:loading')}</p>`;
    if (!this.held.length) return html`<p class="message">${t('review:admin.heldNone')}</p>`;
    return html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="held-heading">
      <table>
        <caption class="visually-hidden">
          ${t('review:admin.heldHeading')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('review:integrity.device')}</th>
            <th scope="col">${t('review:integrity.area')}</th>
            <th scope="col">${t('review:integrity.events')}</th>
            <th scope="col">${t('review:admin.disclosuresWho')}</th>
            <th scope="col">${t('review:admin.disclosuresWhen')}</th>
            <th scope="col">${t('review:admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.held.map(
            (x) =>
              html`<tr>
                <th scope="row"><code>${x.deviceId}</code></th>
                <td>${x.area ?? t('review:breakdowns.noArea')}</td>
                <td>${formatNumber(lang, x.events)}</td>
                <td>${x.heldBy}</td>
                <td>${formatTime(lang, x.heldAt)}</td>
                <td>
                  <div class="actions">
                    <button
                      type="button"
                      aria-label=${t('review:admin.approveDevice', { device: x.deviceId })}
                      @click=${() => this.decide(x, 'approve')}
                    >
                      ${t('review:admin.approve')}
                    </button>
                    <button
                      type="button"
                      aria-label=${t('review:admin.discardDevice', { device: x.deviceId })}
                      @click=${() => this.decide(x, 'discard')}
                    >
                      ${t('review:admin.discard')}
                    </button>
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** Reads the disclosure log's page again (after the page's own views are logged). */
  async loadDisclosures(): Promise<void> {
    await this.renderRoot.querySelector('fw-review-log')?.reload();
  }

  private failure(error: unknown): string {
    const failure = error as ApiRequestError;
    reportFailure(this, error);
    return failure.status === 0
      ? this.i18n.t('review:errors.network')
      : this.i18n.t('review:errors.server', { message: failure.message });
  }

  private async loadDevices(): Promise<void> {
    try {
      this.devices = await api.devices();
      this.devicesError = '';
    } catch (error) {
      this.devicesError = this.failure(error);
    }
  }

  private async issue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const area = String(data.get('area') ?? '').trim();
    const daysText = String(data.get('days') ?? '').trim();
    const days = daysText ? Number(daysText) : 7;
    const daysInput = form.elements.namedItem('days') as HTMLInputElement;
    if (!Number.isInteger(days) || days < 1 || days > 90) {
      this.codeError = this.i18n.t('review:admin.daysInvalid');
      daysInput.focus();
      return;
    }
    this.codeError = '';
    this.code = undefined;
    try {
      this.code = await api.enrolmentCode({ ...(area ? { area } : {}), days });
      form.reset();
    } catch (error) {
      const failure = error as ApiRequestError;
      this.codeError =
        failure.field === 'area' || failure.field === 'days'
          ? failure.message
          : this.failure(error);
    }
  }

  private askRevoke(device: DeviceRow, event: Event): void {
    this.trigger = event.currentTarget as HTMLElement;
    this.confirming = device;
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  private closeDialog(): void {
    this.dialog?.close();
  }

  private dialogClosed(): void {
    this.confirming = undefined;
    this.trigger?.focus();
  }

  private async revoke(): Promise<void> {
    const device = this.confirming;
    if (!device) return;
    this.closeDialog();
    try {
      await api.revokeDevice(device.deviceId);
      this.status = this.i18n.t('review:admin.revokedDone', { device: device.deviceId });
      await this.loadDevices();
    } catch (error) {
      this.status = this.failure(error);
    }
  }

  private renderCode() {
    const { t, lang } = this.i18n;
    const code = this.code;
    if (!code) return nothing;
    return html`<div class="panel" role="status">
      <p class="hint">${t('review:admin.codeLabel')}</p>
      <p class="code">${code.code}</p>
      <p>
        <strong>${t('review:admin.codeOnce')}</strong>
        ${t('review:admin.codeExpires', { time: formatTime(lang, code.expiresAt) })}
        ${code.area ? t('review:admin.codeArea', { area: code.area }) : t('review:admin.codeNoArea')}
      </p>
    </div>`;
  }

  private renderDevices() {
    const { t, lang } = this.i18n;
    if (this.devicesError) return html`<p class="message problem">${this.devicesError}</p>`;
    if (!this.devices) return html`<p>${t('review:loading')}</p>`;
    if (!this.devices.length) return html`<p class="message">${t('review:admin.noDevices')}</p>`;
    return html`<div
      class="table-scroll"
      role="region"
      tabindex="0"
      aria-labelledby="devices-heading"
    >
      <table>
        <caption class="visually-hidden">
          ${t('review:admin.devicesHeading')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('review:integrity.device')}</th>
            <th scope="col">${t('review:integrity.area')}</th>
            <th scope="col">${t('review:admin.source')}</th>
            <th scope="col">${t('review:admin.enrolledAt')}</th>
            <th scope="col">${t('review:integrity.lastSync')}</th>
            <th scope="col">${t('review:admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.devices.map(
            (d) =>
              html`<tr>
                <th scope="row"><code>${d.deviceId}</code></th>
                <td>${d.area ?? t('review:breakdowns.noArea')}</td>
                <td>${t(`review:admin.${d.source}`)}</td>
                <td>${formatTime(lang, d.enrolledAt)}</td>
                <td>
                  ${d.lastSyncAt ? formatTime(lang, d.lastSyncAt) : t('review:integrity.never')}
                </td>
                <td>
                  ${
                    d.revokedAt
                      ? t('review:admin.revokedAt', { time: formatTime(lang, d.revokedAt) })
                      : html`<button
                          type="button"
                          aria-label=${t('review:admin.revokeDevice', { device: d.deviceId })}
                          @click=${(e: Event) => this.askRevoke(d, e)}
                        >
                          ${t('review:admin.revoke')}
                        </button>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const device = this.confirming?.deviceId ?? '';
    return html`<section aria-labelledby="admin-heading">
      <h2 id="admin-heading">${t('review:admin.heading')}</h2>
      <h3>${t('review:admin.codeHeading')}</h3>
      <p>${t('review:admin.codeIntro')}</p>
      <form @submit=${this.issue} novalidate>
        ${
          this.codeError
            ? html`<p class="error-message" id="code-error" role="alert">${this.codeError}</p>`
            : nothing
        }
        <div class="row">
          <div class="field">
            <label for="area">${t('review:admin.area')}</label>
            <p class="hint" id="area-hint">${t('review:admin.areaHint')}</p>
            <input
              id="area"
              name="area"
              maxlength="64"
              autocomplete="off"
              aria-describedby="area-hint"
            />
          </div>
          <div class="field">
            <label for="days">${t('review:admin.days')}</label>
            <input
              id="days"
              name="days"
              type="number"
              inputmode="numeric"
              min="1"
              max="90"
              value="7"
              aria-invalid=${this.codeError ? 'true' : 'false'}
              aria-describedby=${this.codeError ? 'code-error' : nothing}
            />
          </div>
          <button type="submit" class="primary">${t('review:admin.issue')}</button>
        </div>
      </form>
      ${this.renderCode()}
      <h3 id="devices-heading">${t('review:admin.devicesHeading')}</h3>
      <p class="message" role="status">${this.status}</p>
      ${this.renderDevices()}
      <h3 id="held-heading">${t('review:admin.heldHeading')}</h3>
      <p>${t('review:admin.heldIntro')}</p>
      <p class="message" role="status">${this.heldStatus}</p>
      ${this.renderHeld()}
      <h3 id="disclosures-heading">${t('review:admin.disclosuresHeading')}</h3>
      <p>${t('review:admin.disclosuresIntro')}</p>
      <fw-review-log log="disclosures"></fw-review-log>
      <h3>${t('review:audit.heading')}</h3>
      <p>${t('review:audit.intro')}</p>
      <p><a href="/review/audit">${t('review:audit.open')}</a></p>
      <dialog
        aria-labelledby="confirm-heading"
        aria-describedby="confirm-body"
        @close=${this.dialogClosed}
      >
        ${
          this.confirming
            ? html`<h2 id="confirm-heading">${t('review:admin.confirmHeading', { device })}</h2>
                <p id="confirm-body">${t('review:admin.confirmBody')}</p>
                <div class="actions">
                  <button type="button" class="warning" @click=${this.revoke}>
                    ${t('review:admin.confirm')}
                  </button>
                  <button type="button" @click=${this.closeDialog}>
                    ${t('review:admin.cancel')}
                  </button>
                </div>`
            : nothing
        }
      </dialog>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-admin': FwReviewAdmin;
  }
}
