import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { whenIdle } from '../../components/shared/after-paint.js';
import { baseStyles } from '../../components/shared/styles.js';
import { I18nController } from '../i18n/controller.js';
import type { DeviceLog } from '../log/store.js';
import type { EnrolResult, SyncClient, SyncState } from '../log/sync.js';
import type { VerifyResult } from '../log/verify.js';
import type { ContentState } from '../content/delivery.js';
import { renderContentStatus } from '../content/status.js';
import { progressRegion } from '../app/progress.js';
import type { LogWriter } from './log-writer.js';
import './log-strings.js';

interface Summary {
  today: number;
  todayNotPossible: number;
  pending: number;
  total: number;
}

/** A time the officer reads at a glance: the hour and minute today, else the date as well. */
function formatTime(at: string | number, lang: string, now = new Date()): string {
  const date = new Date(at);
  const today = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(lang, {
    ...(today ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
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
        flex-wrap: wrap;
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
      .error:empty {
        display: none;
      }
      /* Kept in the accessibility tree while empty: a live region that appears with its first
         message may not be announced. */
      .status:empty {
        margin: 0;
      }
      h3 {
        margin-block: 1.5rem 0.5rem;
        font-size: 1.25rem;
      }
      .code {
        inline-size: 14rem;
        max-inline-size: 100%;
        font-family: ui-monospace, monospace;
        letter-spacing: 0.05em;
      }
      .sync-problem {
        margin-block: 0 1rem;
        padding: 0.5rem 0.75rem;
        border-inline-start: 6px solid var(--fw-color-text, #0b0c0c);
        background: var(--fw-color-surface, #ffffff);
        font-weight: 700;
      }
      .device-id {
        overflow-wrap: anywhere;
      }
      progress {
        appearance: none;
        display: block;
        inline-size: 100%;
        max-inline-size: 32rem;
        block-size: 1.25rem;
        margin-block-start: 1rem;
        border: 2px solid var(--fw-color-text, #0b0c0c);
        border-radius: var(--fw-radius, 8px);
        overflow: hidden;
        background: var(--fw-color-surface, #ffffff);
      }
      progress::-webkit-progress-bar {
        background: var(--fw-color-surface, #ffffff);
      }
      progress::-webkit-progress-value {
        background: var(--fw-color-primary-bg, #1d2a44);
      }
      progress::-moz-progress-bar {
        background: var(--fw-color-primary-bg, #1d2a44);
      }
      @media (forced-colors: active) {
        progress {
          forced-color-adjust: none;
          border-color: CanvasText;
          background: Canvas;
        }
        progress::-webkit-progress-bar {
          background: Canvas;
        }
        progress::-webkit-progress-value {
          background: Highlight;
        }
        progress::-moz-progress-bar {
          background: Highlight;
        }
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
  private chainChecks = 0;
  @state() private retentionDays?: number;
  @state() private retentionError = '';
  @state() private status = '';
  @state() private unavailable = '';
  @state() private busy = false;
  /** The sync client once loaded, and its state (copied, so a change re-renders). */
  @state() private sync?: SyncClient;
  @state() private syncState?: SyncState;
  @state() private contentState?: ContentState;
  @state() private enrolError = '';
  @state() private enrolling = false;

  private client?: SyncClient;
  private readonly onSyncChange = () => {
    this.syncState = this.client?.state;
    this.contentState = this.client?.content?.state;
  };

  /** Whether this connection has opened the log: once per connection, and only with a writer. */
  private started = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.start();
  }

  /**
   * Opens the log, purges what is past retention, reads the figures, and follows the sync client.
   * The writer often arrives after connection: the kiosk sets it on the element before this module
   * has loaded, and Lit hands it over only at the first update after the upgrade. Until then there
   * is no log to open, so this waits for it rather than report a failure that is not one.
   */
  private start(): void {
    if (this.started || !this.writer || !this.isConnected) return;
    this.started = true;
    void this.purgeAndRefresh();
    this.listen();
  }

  /** Follows the sync client's state. */
  private listen(): void {
    if (this.client || !this.writer) return;
    void this.writer
      .sync()
      .then((client) => {
        if (!this.isConnected || this.client) return;
        this.client = client;
        client.addEventListener('change', this.onSyncChange);
        client.content?.addEventListener('change', this.onSyncChange);
        this.sync = client;
        this.onSyncChange();
      })
      .catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.client?.removeEventListener('change', this.onSyncChange);
    this.client?.content?.removeEventListener('change', this.onSyncChange);
    this.client = undefined;
    this.started = false;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('writer')) this.start();
    // Something was saved since the figures were read: read them again.
    if (changed.has('revision') && changed.get('revision') !== undefined) void this.refresh();
    // A run has finished: what is pending may have changed.
    const before = changed.get('syncState') as SyncState | undefined;
    if (before?.running && !this.syncState?.running) void this.refresh();
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

  /** Reads the figures now, and checks the chain again once the page is idle. */
  private async refresh(): Promise<void> {
    await this.withLog(async (log) => {
      const [summary, settings] = await Promise.all([log.summary(), log.settings()]);
      this.summary = summary;
      this.retentionDays = settings.retentionDays;
    });
    this.checkChain();
  }

  /**
   * Verifies every stored event again: work that grows with the log (a signature each), so it
   * waits until the page is idle after a paint, and a burst of saves is checked once. Run straight
   * after each save, it slowed the next save and the next notice.
   */
  private checkChain(): void {
    this.integrity = undefined;
    const check = ++this.chainChecks;
    // Only the latest check runs, and only its result is shown.
    whenIdle(() => {
      if (check !== this.chainChecks) return;
      void this.withLog(async (log) => {
        const result = await log.verify();
        if (check === this.chainChecks) this.integrity = result;
      });
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

  private async enrol(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('code') as HTMLInputElement;
    if (!this.sync || this.enrolling) return;
    this.enrolling = true;
    let result: EnrolResult;
    try {
      result = await this.sync.enrol(input.value);
    } finally {
      this.enrolling = false;
    }
    if (!result.ok) {
      this.enrolError = this.i18n.t(`log:sync.enrolError.${result.code}`, {
        message: result.message,
      });
      await this.updateComplete;
      input.focus();
      return;
    }
    this.enrolError = '';
    input.value = '';
    this.status = this.i18n.t('log:sync.enrolled', { deviceId: result.enrolment.deviceId });
  }

  private sendNow(): void {
    void this.sync?.sendNow();
  }

  /** The one-time code form: to enrol, and to enrol again once a device has been revoked. */
  private renderEnrolForm() {
    const { t } = this.i18n;
    return html`<form @submit=${this.enrol} novalidate>
      <label for="code">${t('log:sync.code')}</label>
      <p class="hint" id="code-hint">${t('log:sync.codeHint')}</p>
      <p class="error" id="code-error">${this.enrolError}</p>
      <div class="row">
        <input
          class="code"
          id="code"
          name="code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          enterkeyhint="send"
          required
          aria-describedby="code-hint code-error"
          aria-invalid=${this.enrolError ? 'true' : 'false'}
        />
        <button type="submit" ?disabled=${this.enrolling}>
          ${this.enrolling ? t('log:sync.enrolling') : t('log:sync.enrol')}
        </button>
      </div>
    </form>`;
  }

  private renderSync() {
    const { t } = this.i18n;
    const state = this.syncState;
    if (!state) return nothing;
    if (!state.enrolled) {
      return html`<section aria-labelledby="sync-heading">
        <h3 id="sync-heading">${t('log:sync.heading')}</h3>
        <p>${t('log:sync.notEnrolled')}</p>
        ${this.renderEnrolForm()}
      </section>`;
    }
    const lang = this.i18n.lang;
    return html`<section aria-labelledby="sync-heading">
        <h3 id="sync-heading">${t('log:sync.heading')}</h3>
        ${this.renderSyncProblem(state)} ${state.stopped ? this.renderEnrolForm() : nothing}
        <ul>
          <li class="device-id">${t('log:sync.device', { deviceId: state.deviceId })}</li>
          <li>${state.area ? t('log:sync.area', { area: state.area }) : t('log:sync.noArea')}</li>
          <li>${t('log:sync.waiting', { count: state.waiting })}</li>
          <li>
            ${
              state.lastSyncAt
                ? t('log:sync.lastSent', { time: formatTime(state.lastSyncAt, lang) })
                : t('log:sync.neverSent')
            }
          </li>
          ${
            state.refused
              ? html`<li class="problem">${t('log:sync.refused', { count: state.refused })}</li>`
              : nothing
          }
        </ul>
        <div class="actions">
          <button type="button" ?disabled=${state.running} @click=${this.sendNow}>
            ${t('log:sync.sendNow')}
          </button>
        </div>
        ${progressRegion(
          'sync-heading',
          state.progress && { done: state.progress.sent, total: state.progress.total },
          state.progress?.total ? this.i18n.t('log:sync.sending', state.progress) : '',
        )}
      </section>
      ${
        this.contentState
          ? renderContentStatus(this.contentState, t, (at) => formatTime(at, lang))
          : nothing
      }`;
  }

  private renderSyncProblem(state: SyncState) {
    const error = state.lastError;
    if (!error || state.running) return nothing;
    const { t } = this.i18n;
    const time = state.nextAttemptAt ? formatTime(state.nextAttemptAt, this.i18n.lang) : '';
    const key = error.kind === 'unavailable' ? 'rate-limited' : error.kind;
    // Only a stop needs the officer to act; the rest is news, so it is not an alert.
    const stopped = error.kind === 'revoked' || error.kind === 'bad-token';
    return html`<p class="sync-problem" role=${stopped ? 'alert' : 'status'}>
      ${t(`log:sync.problem.${key}`, { time, message: error.message })}
    </p>`;
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
        ${this.renderSync()}
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
