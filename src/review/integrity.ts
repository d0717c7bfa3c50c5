import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { I18nController } from '../i18n/controller.js';
import type { DeviceIntegrity, IntegrityReply } from '../schema/api.js';
import { api, ApiRequestError } from './api.js';
import { formatDuration, formatNumber, formatTime } from './format.js';
import { reviewStyles } from './review.styles.js';
import './strings.js';

/** A device clock more than this far from the server's is flagged: its times may be wrong. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export interface ApiFailedDetail {
  error: ApiRequestError;
}

declare global {
  interface HTMLElementEventMap {
    'fw-review-api-failed': CustomEvent<ApiFailedDetail>;
  }
}

/** Tells the page a request failed; the page signs out on 401 and says so. */
export function reportFailure(from: HTMLElement, error: unknown): void {
  from.dispatchEvent(
    new CustomEvent('fw-review-api-failed', {
      detail: { error: error as ApiRequestError },
      bubbles: true,
      composed: true,
    }),
  );
}

/**
 * The device integrity panel: each device's chain (complete, a gap, or broken at a seq), its
 * events, its last sync and its clock offset, flagged when over 5 minutes.
 *
 * @fires fw-review-api-failed - A request failed; detail `{ error }`.
 */
export class FwReviewIntegrity extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new I18nController(this);

  /** Changing this reads the integrity again (after an import, for example). */
  @property({ type: Number }) revision = 0;

  @state() private reply?: IntegrityReply;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('revision') && changed.get('revision') !== undefined) void this.load();
  }

  async load(): Promise<void> {
    try {
      this.reply = await api.integrity();
      this.error = '';
    } catch (error) {
      const failure = error as ApiRequestError;
      this.error =
        failure.status === 0
          ? this.i18n.t('review:errors.network')
          : this.i18n.t('review:errors.server', { message: failure.message });
      reportFailure(this, error);
    }
  }

  private status(device: DeviceIntegrity): string {
    const { t } = this.i18n;
    if (device.status === 'ok') return t('review:integrity.ok');
    if (device.at === null) return t(`review:integrity.${device.status}NoSeq`);
    return t(`review:integrity.${device.status}`, { seq: device.at });
  }

  private clock(device: DeviceIntegrity) {
    const { t, lang } = this.i18n;
    const offset = device.clockOffsetMs;
    if (offset === null) return t('review:integrity.clockUnknown');
    // The offset is the server's clock minus the device's: positive means the device is behind.
    const amount = formatDuration(lang, offset);
    const text =
      offset >= 0
        ? t('review:integrity.clockBehind', { amount })
        : t('review:integrity.clockAhead', { amount });
    return Math.abs(offset) > CLOCK_TOLERANCE_MS
      ? html`<span class="flag">${text}. ${t('review:integrity.clockFlag')}</span>`
      : text;
  }

  protected override render() {
    const { t, lang } = this.i18n;
    const reply = this.reply;
    const problems = reply?.devices.filter((d) => d.status !== 'ok').length ?? 0;
    return html`<section aria-labelledby="integrity-heading">
      <h2 id="integrity-heading">${t('review:integrity.heading')}</h2>
      <p>${t('review:integrity.intro')}</p>
      ${this.error ? html`<p class="message problem" role="alert">${this.error}</p>` : nothing}
      ${
        !reply
          ? this.error
            ? nothing
            : html`<p>${t('review:loading')}</p>`
          : reply.devices.length === 0
            ? html`<p class="message">${t('review:integrity.none')}</p>`
            : html`<p class="message ${problems ? 'problem' : ''}">
                  ${
                    problems
                      ? t('review:integrity.problems', { count: problems })
                      : t('review:integrity.allOk')
                  }
                  ${t('review:integrity.checkedAt', { time: formatTime(lang, reply.checkedAt) })}
                </p>
                <div
                  class="table-scroll"
                  role="region"
                  tabindex="0"
                  aria-labelledby="integrity-heading"
                >
                  <table>
                    <caption class="visually-hidden">
                      ${t('review:integrity.heading')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('review:integrity.device')}</th>
                        <th scope="col">${t('review:integrity.area')}</th>
                        <th scope="col">${t('review:integrity.status')}</th>
                        <th scope="col" class="number">${t('review:integrity.events')}</th>
                        <th scope="col">${t('review:integrity.lastSync')}</th>
                        <th scope="col">${t('review:integrity.clock')}</th>
                        <th scope="col">${t('review:integrity.revoked')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${reply.devices.map(
                        (d) =>
                          html`<tr>
                            <th scope="row"><code>${d.deviceId}</code></th>
                            <td>${d.area ?? t('review:breakdowns.noArea')}</td>
                            <td class=${d.status === 'ok' ? '' : 'flag'}>
                              ${this.status(d)}${
                                d.detail && d.status !== 'ok'
                                  ? html`<br /><span class="hint">${d.detail}</span>`
                                  : nothing
                              }
                            </td>
                            <td class="number">${formatNumber(lang, d.events)}</td>
                            <td>
                              ${
                                d.lastSyncAt
                                  ? formatTime(lang, d.lastSyncAt)
                                  : t('review:integrity.never')
                              }
                            </td>
                            <td>${this.clock(d)}</td>
                            <td>
                              ${d.revoked ? t('review:integrity.yes') : t('review:integrity.no')}
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-integrity': FwReviewIntegrity;
  }
}
