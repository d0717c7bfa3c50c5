import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../components/shared/styles.js';
import { I18nController } from '../i18n/controller.js';
import type { DeviceLog } from '../log/store.js';
import type { VerifyResult } from '../log/verify.js';
import type { LogWriter } from './log-writer.js';
import './log-strings.js';

interface Summary {
  today: number;
  todayNotPossible: number;
  pending: number;
  total: number;
}

/** Saves text as a file through the browser's download. */
function download(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The officer's log panel: today's notices on this device, what is not yet sent or exported, the
 * chain's integrity, whether the browser will keep the log, the exports, and retention. Loaded
 * after the home screen's first paint.
 */
export class FwLogPanel extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin-block: 0 0.75rem;
        font-size: 1.375rem;
      }
      ul {
        margin: 0 0 1rem;
        padding-inline-start: 1.25rem;
        display: grid;
        gap: 0.25rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .problem {
        font-weight: 700;
      }
      form {
        display: grid;
        gap: 0.25rem;
        margin-block-start: 1rem;
        max-inline-size: 32rem;
      }
      label {
        font-weight: 700;
      }
      .hint {
        margin: 0;
        color: var(--fw-color-muted, #484949);
      }
      .row {
        display: flex;
        gap: 0.5rem;
      }
      input {
        inline-size: 8rem;
        min-block-size: 48px;
        padding-inline: 0.75rem;
        border: 2px solid var(--fw-color-button-border, #0b0c0c);
        border-radius: var(--fw-radius, 8px);
        background: var(--fw-color-surface, #ffffff);
        color: var(--fw-color-text, #0b0c0c);
        font: inherit;
      }
      input[aria-invalid='true'] {
        border-width: 4px;
      }
      .error {
        margin: 0;
        font-weight: 700;
      }
      .error:empty,
      .status:empty {
        display: none;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  /** The kiosk's log writer, through which the panel reaches the log. */
  @property({ attribute: false }) writer!: LogWriter;

  /** The writer's save count: when it changes, the figures are read again. */
  @property({ type: Number }) revision = 0;

  @state() private summary?: Summary;
  @state() private integrity?: VerifyResult;
  @state() private retentionDays?: number;
  @state() private retentionError = '';
  @state() private status = '';
  @state() private unavailable = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.purgeAndRefresh();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Something was saved since the figures were read: read them again.
    if (changed.has('revision') && changed.get('revision') !== undefined) void this.refresh();
  }

  private async withLog<T>(work: (log: DeviceLog) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work(await this.writer.open());
      this.unavailable = '';
      return result;
    } catch (error) {
      this.unavailable = this.i18n.t('log:unavailable', { reason: (error as Error).message });
      return undefined;
    }
  }

  private async purgeAndRefresh(): Promise<void> {
    const purged = await this.withLog((log) => log.purge());
    if (purged) this.status = this.i18n.t('log:purged', { count: purged });
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    await this.withLog(async (log) => {
      const [summary, settings] = await Promise.all([log.summary(), log.settings()]);
      this.summary = summary;
      this.retentionDays = settings.retentionDays;
      this.integrity = undefined;
      this.integrity = await log.verify();
    });
  }

  private fileName(deviceId: string, extension: string): string {
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    return `forewarn-log-${deviceId}-${stamp}.${extension}`;
  }

  private async exportCsv(): Promise<void> {
    this.busy = true;
    await this.withLog(async (log) => {
      const [csv, { deviceId }] = await Promise.all([log.exportCsv(), log.identity()]);
      const file = this.fileName(deviceId, 'csv');
      download(file, 'text/csv;charset=utf-8', csv);
      this.status = this.i18n.t('log:exported', { file });
    });
    this.busy = false;
  }

  private async exportJson(): Promise<void> {
    this.busy = true;
    await this.withLog(async (log) => {
      const bundle = await log.exportBundle();
      const file = this.fileName(bundle.deviceId, 'json');
      download(file, 'application/json', `${JSON.stringify(bundle, null, 2)}\n`);
      this.status = this.i18n.t('log:exported', { file });
    });
    this.busy = false;
    await this.refresh();
  }

  private async saveRetention(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('days') as HTMLInputElement;
    const days = Number(input.value);
    const ok = await this.withLog((log) =>
      log.setRetentionDays(days).then(
        () => true,
        () => false,
      ),
    );
    if (!ok) {
      this.retentionError = this.i18n.t('log:retentionInvalid');
      input.focus();
      return;
    }
    this.retentionError = '';
    this.retentionDays = days;
    this.status = this.i18n.t('log:retentionSaved', { count: days });
  }

  private renderIntegrity() {
    const { t } = this.i18n;
    const result = this.integrity;
    if (!result) return html`<li>${t('log:checking')}</li>`;
    return html`<li class=${result.ok ? '' : 'problem'}>
      ${
        result.ok
          ? t('log:intact', { count: result.count })
          : t('log:broken', { seq: result.badSeq, message: result.message })
      }
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const summary = this.summary;
    const persistence = this.writer?.persistence;
    return html`
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">${t('log:heading')}</h2>
        ${this.unavailable ? html`<p role="alert" class="problem">${this.unavailable}</p>` : nothing}
        <ul>
          ${
            summary
              ? html`<li>${t('log:today', { count: summary.today })}</li>
                  ${
                    summary.todayNotPossible
                      ? html`<li>
                          ${t('log:notPossibleToday', { count: summary.todayNotPossible })}
                        </li>`
                      : nothing
                  }
                  <li>${t('log:pending', { count: summary.pending })}</li>
                  ${this.renderIntegrity()}`
              : nothing
          }
          ${persistence ? html`<li>${t(`log:storage.${persistence}`)}</li>` : nothing}
        </ul>
        <div class="actions">
          <button type="button" ?disabled=${this.busy} @click=${this.exportCsv}>
            ${t('log:exportCsv')}
          </button>
          <button type="button" ?disabled=${this.busy} @click=${this.exportJson}>
            ${t('log:exportJson')}
          </button>
          <button type="button" @click=${this.refresh}>${t('log:checkAgain')}</button>
        </div>
        <p class="status" role="status">${this.status}</p>
        <form @submit=${this.saveRetention} novalidate>
          <label for="days">${t('log:retention')}</label>
          <p class="hint" id="days-hint">${t('log:retentionHint')}</p>
          <p class="error" id="days-error">${this.retentionError}</p>
          <div class="row">
            <input
              id="days"
              name="days"
              type="number"
              inputmode="numeric"
              min="1"
              max="3650"
              step="1"
              required
              .value=${String(this.retentionDays ?? '')}
              aria-describedby="days-hint days-error"
              aria-invalid=${this.retentionError ? 'true' : 'false'}
            />
            <button type="submit">${t('log:retentionSave')}</button>
          </div>
        </form>
      </section>
    `;
  }
}

// Registered here rather than in define.ts: the panel is loaded on demand after the kiosk paints.
if (!customElements.get('fw-log-panel')) customElements.define('fw-log-panel', FwLogPanel);

declare global {
  interface HTMLElementTagNameMap {
    'fw-log-panel': FwLogPanel;
  }
}
