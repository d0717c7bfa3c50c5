import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import type { HeldImportReply, ImportReply } from '../schema/api.js';
import type { Bundle } from '../log/bundle.js';
import { readBundle, verifyBundle, UnreadableBundleError } from '../log/verify.js';
import { api, ApiRequestError } from './api.js';
import { reportFailure } from './integrity.js';
import { formatNumber } from './format.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

export interface ImportedDetail {
  /** Stored, or held until an admin approves the device. */
  reply: ImportReply | HeldImportReply;
}

declare global {
  interface HTMLElementEventMap {
    'fw-review-imported': CustomEvent<ImportedDetail>;
  }
}

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; file: string }
  | { kind: 'unreadable'; file: string; reason: string }
  | { kind: 'tampered'; file: string; seq: number; reason: string }
  | { kind: 'verified'; file: string; text: string; bundle: Bundle; first: number; last: number }
  | { kind: 'uploading'; file: string }
  | { kind: 'refused'; file: string; message: string }
  | { kind: 'done'; file: string; reply: ImportReply }
  | { kind: 'held'; file: string; reply: HeldImportReply };

/**
 * Imports a device's JSON export. The browser verifies the whole chain first (the same verifier
 * as `npm run verify`) and says what it found; only an intact file can be sent, and the server
 * verifies it again and stores all of it or none of it. An export from a device the server does
 * not know is held until an administrator approves the device (in fw-review-admin).
 *
 * @fires fw-review-imported - The server took the file; detail `{ reply }`.
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewImport extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  @state() private step: Step = { kind: 'idle' };

  private async choose(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const name = file.name;
    this.step = { kind: 'checking', file: name };
    try {
      const text = await file.text();
      const bundle = readBundle(text);
      const result = await verifyBundle(bundle);
      this.step = result.ok
        ? {
            kind: 'verified',
            file: name,
            text,
            bundle,
            first: result.firstSeq,
            last: result.lastSeq,
          }
        : { kind: 'tampered', file: name, seq: result.badSeq, reason: result.message };
    } catch (error) {
      const reason =
        error instanceof UnreadableBundleError ? error.message : (error as Error).message;
      this.step = { kind: 'unreadable', file: name, reason };
    }
  }

  private async upload(): Promise<void> {
    const step = this.step;
    if (step.kind !== 'verified') return;
    this.step = { kind: 'uploading', file: step.file };
    try {
      const reply = await api.importBundle(step.text);
      this.step =
        reply.status === 'held'
          ? { kind: 'held', file: step.file, reply }
          : { kind: 'done', file: step.file, reply };
      this.dispatchEvent(
        new CustomEvent('fw-review-imported', { detail: { reply }, bubbles: true, composed: true }),
      );
    } catch (error) {
      const failure = error as ApiRequestError;
      this.step = {
        kind: 'refused',
        file: step.file,
        message: failure.status === 0 ? this.i18n.t('review:errors.network') : failure.message,
      };
      if (failure.status === 401) reportFailure(this, error);
    }
  }

  private renderStep() {
    const { t, lang } = this.i18n;
    const step = this.step;
    switch (step.kind) {
      case 'idle':
        return nothing;
      case 'checking':
        return html`<p class="message">${t('review:import.checking', { file: step.file })}</p>`;
      case 'unreadable':
        return html`<p class="message problem">
          ${t('review:import.unreadable', { file: step.file, reason: step.reason })}
        </p>`;
      case 'tampered':
        return html`<p class="message problem">
          ${t('review:import.tampered', { file: step.file, seq: step.seq, reason: step.reason })}
        </p>`;
      case 'verified':
        return step.bundle.events.length === 0
          ? html`<p class="message">${t('review:import.verifiedEmpty', { file: step.file })}</p>`
          : html`<p class="message">
              ${t('review:import.verified', {
                file: step.file,
                count: step.bundle.events.length,
                device: step.bundle.deviceId,
                first: step.first,
                last: step.last,
              })}
            </p>`;
      case 'uploading':
        return html`<p class="message">${t('review:import.uploading')}</p>`;
      case 'refused':
        return html`<p class="message problem">
          ${t('review:import.refused', { message: step.message })}
        </p>`;
      case 'held':
        return html`<p class="message">
          ${t('review:import.held', { file: step.file, device: step.reply.held.deviceId })}
        </p>`;
      case 'done': {
        const { reply } = step;
        return html`<div class="message">
          <p>
            ${t('review:import.done', {
              device: reply.deviceId,
              accepted: formatNumber(lang, reply.accepted.length),
              duplicate: formatNumber(lang, reply.duplicate.length),
              rejected: formatNumber(lang, reply.rejected.length),
            })}
          </p>
          ${
            reply.rejected.length
              ? html`<ul>
                  ${reply.rejected.map(
                    (r) =>
                      html`<li>
                        ${t('review:import.rejectedItem', {
                          seq: r.seq ?? r.id ?? '?',
                          message: r.message,
                        })}
                      </li>`,
                  )}
                </ul>`
              : nothing
          }
        </div>`;
      }
    }
  }

  protected override render() {
    const { t } = this.i18n;
    const busy = this.step.kind === 'checking' || this.step.kind === 'uploading';
    return html`<section aria-labelledby="import-heading">
      <h2 id="import-heading">${t('review:import.heading')}</h2>
      <p>${t('review:import.intro')}</p>
      <div class="field">
        <label for="bundle">${t('review:import.file')}</label>
        <input
          id="bundle"
          type="file"
          accept="application/json,.json"
          ?disabled=${busy}
          @change=${this.choose}
        />
      </div>
      <div class="result" role="status">${this.renderStep()}</div>
      ${
        this.step.kind === 'verified' && this.step.bundle.events.length
          ? html`<button type="button" class="primary" @click=${this.upload}>
              ${t('review:import.upload')}
            </button>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-import': FwReviewImport;
  }
}
