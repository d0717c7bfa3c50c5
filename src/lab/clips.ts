import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provenanceLabel, signClipsInUse } from '../content/label.js';
import { renderReviewControl, sendReview } from '../content/review-control.js';
import { I18nController } from '../i18n/controller.js';
import type { Role } from '../schema/api.js';
import { SIGN_LANGUAGES, type ContentItem } from '../schema/content.js';
import { api, type ApiRequestError } from '../review/api.js';
import { formatTime } from '../review/format.js';
import { labStyles } from './lab.styles.js';
import './strings.js';

/**
 * @summary The sign-language clips waiting for review, for a signed-in IPAG member (or reviewer,
 * or administrator) in the lab: each clip to watch, with its transcript and provenance, and
 * Approve or Reject with a note. IPAG members include Deaf people, who judge the signing.
 *
 * @fires fw-lab-session-ended - The server answered 401: the sign-in has ended. Detail: `{}`.
 */
export class FwLabClips extends LitElement {
  static override styles = [
    ...labStyles,
    css`
      :host {
        display: block;
        padding: 0;
        margin-inline: 0;
      }
      video {
        inline-size: 100%;
        max-inline-size: 40rem;
        background: #000;
      }
      .clip {
        border-block-start: 1px solid currentColor;
        padding-block: 1rem;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  /** Who is signed in: the control is offered only to a role that may approve. */
  @property({ attribute: false }) user?: { username: string; role: Role };

  /** Every item; the drafts among the sign clips are what this lists for review. */
  @state() private items?: ContentItem[];
  @state() private problem = '';
  @state() private status = '';
  @state() private busyId = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const all = await api.content();
      this.items = all;
      this.problem = '';
    } catch (error) {
      this.problem = this.failure(error);
    }
  }

  private failure(error: unknown): string {
    const failure = error as ApiRequestError;
    if (failure.status === 401) {
      this.dispatchEvent(
        new CustomEvent('fw-lab-session-ended', { bubbles: true, composed: true, detail: {} }),
      );
    }
    return this.i18n.t('lab:clips.failed', { message: failure.message });
  }

  private async decide(item: ContentItem, decision: 'approve' | 'reject', note?: string) {
    const { t, lang } = this.i18n;
    this.busyId = item.id;
    this.status = await sendReview(item, decision, note, {
      t,
      lang,
      name: this.languageName(item.lang),
      failure: (error) => this.failure(error),
    });
    this.busyId = '';
    await this.load();
  }

  private languageName(tag: string): string {
    return SIGN_LANGUAGES.find((l) => l.tag === tag)?.name ?? tag;
  }

  /** What kiosks show now, for each sign language, with its label: a clip, or the sample. */
  private renderInUse(all: ContentItem[]) {
    const { t, lang } = this.i18n;
    return html`<h3>${t('lab:clips.inUse')}</h3>
      <ul>
        ${signClipsInUse(t, lang, all).map((line) => html`<li>${line}</li>`)}
      </ul>
      <h3>${t('lab:clips.waiting')}</h3>`;
  }

  protected override render() {
    const { t, lang } = this.i18n;
    const items = this.items?.filter((item) => item.kind === 'sign' && item.status === 'draft');
    return html`<p>${t('lab:clips.intro')}</p>
      ${this.items ? this.renderInUse(this.items) : nothing}
      <p role="status">${this.status}</p>
      ${this.problem ? html`<p class="message problem">${this.problem}</p>` : nothing}
      ${
        !items
          ? this.problem
            ? nothing
            : html`<p>${t('lab:clips.loading')}</p>`
          : items.length
            ? html`<ul class="clips">
                ${items.map(
                  (item) =>
                    html`<li class="clip">
                      <h3>${this.languageName(item.lang)}</h3>
                      <video
                        controls
                        preload="metadata"
                        src=${api.contentMediaUrl(item.id)}
                        aria-label=${this.languageName(item.lang)}
                      ></video>
                      ${
                        item.transcript
                          ? html`<details>
                              <summary>${t('lab:clips.transcript')}</summary>
                              <p>${item.transcript}</p>
                            </details>`
                          : nothing
                      }
                      <p>${provenanceLabel(t, lang, item)}</p>
                      <p class="hint">
                        ${t('review:library.addedBy', {
                          who: item.addedBy,
                          date: formatTime(lang, item.addedAt),
                        })}
                      </p>
                      ${renderReviewControl(item, {
                        user: this.user,
                        busy: this.busyId === item.id,
                        t,
                        decide: (decision, note) => void this.decide(item, decision, note),
                      })}
                    </li>`,
                )}
              </ul>`
            : html`<p>${t('lab:clips.none')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-lab-clips': FwLabClips;
  }
}
