import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { setFocus } from '../app/focus.js';
import { checkCaptions, clock } from '../content/captions.js';
import { provenanceLabel } from '../content/label.js';
import { renderReviewControl, sendReview } from '../content/review-control.js';
import { LOCALES } from '../i18n/locales.js';
import { can } from '../schema/api.js';
import {
  MEDIA_KINDS,
  MADE_BY,
  SIGN_LANGUAGES,
  type ContentItem,
  type ContentKind,
  type MediaKind,
  type MadeBy,
} from '../schema/content.js';
import { api, type ApiRequestError } from './api.js';
import { formatTime, languageOption } from './format.js';
import type { FwLoudnessCheck } from './loudness-check.js';
import { ReviewPage } from './page.js';
import { pageStyles } from './page.styles.js';

type Field = 'kind' | 'lang' | 'madeBy' | 'file' | 'captions' | 'transcript';
interface Problem {
  field: Field;
  message: string;
}

const DEFAULT_MADE_BY: Record<MediaKind, MadeBy> = { sign: 'human-signer', audio: 'human-voice' };

/** How long a media file plays, read by the browser (undefined if it cannot play it). */
function mediaDuration(file: File): Promise<number | undefined> {
  return new Promise((resolve) => {
    const media = document.createElement(file.type.startsWith('audio/') ? 'audio' : 'video');
    const url = URL.createObjectURL(file);
    const done = (ms: number | undefined) => {
      URL.revokeObjectURL(url);
      resolve(ms);
    };
    media.preload = 'metadata';
    media.onloadedmetadata = () =>
      done(Number.isFinite(media.duration) ? Math.round(media.duration * 1000) : undefined);
    media.onerror = () => done(undefined);
    media.src = url;
  });
}

/**
 * The content library at `/review/content`: the force's own sign-language clips and spoken
 * recordings, each with its provenance label. An editor or administrator adds an item as a draft
 * (checked in the page, then again on the server from its bytes); a different person with the
 * admin, reviewer or ipag role watches it and approves it, or rejects it with a note.
 *
 * @summary The content library: add, review and approve the force's own clips and recordings.
 */
export class FwReviewLibrary extends ReviewPage<ContentItem[]> {
  static override styles = [
    pageStyles,
    css`
      form {
        display: grid;
        gap: 1.25rem;
        max-inline-size: 40rem;
        margin-block-end: 2rem;
      }
      textarea {
        inline-size: 100%;
        min-block-size: 6rem;
        padding: 0.5rem;
        border: 2px solid var(--fw-color-button-border, #0b0c0c);
        background: var(--fw-color-surface, #ffffff);
        color: var(--fw-color-text, #0b0c0c);
        font: inherit;
      }
      .hint {
        margin: 0;
      }
      td {
        vertical-align: top;
      }
      td video,
      td audio {
        display: block;
        max-inline-size: 20rem;
        inline-size: 100%;
        margin-block-start: 0.5rem;
      }
      .review {
        display: grid;
        gap: 0.5rem;
        min-inline-size: 12rem;
      }
      .review form {
        gap: 0.5rem;
        margin: 0;
      }
    `,
  ];

  protected readonly permission = 'library' as const;

  @state() private kind: MediaKind = 'sign';
  /** The language chosen, for the text a spoken recording reads. */
  @state() private chosenLang = SIGN_LANGUAGES[0]!.tag;
  /** The file chosen or recorded: the caption-timing helper plays it, the loudness check reads it. */
  @state() private clip?: File;
  @state() private problems: Problem[] = [];
  @state() private progress?: number;
  @state() private status = '';
  @state() private busyId = '';

  @query('.error-summary') private errorSummary?: HTMLElement;
  @query('fw-loudness-check') private loudnessCheck?: FwLoudnessCheck;

  protected fetchData(): Promise<ContentItem[]> {
    return api.content();
  }

  private languages(kind: ContentKind) {
    return kind === 'sign'
      ? SIGN_LANGUAGES.map((l) => ({ value: l.tag, label: l.name }))
      : LOCALES.map((l) => ({ value: l.tag, ...languageOption(this.i18n.t, l.tag) }));
  }

  /** "Sign-language clip, British Sign Language" */
  private itemName(item: Pick<ContentItem, 'kind' | 'lang'>): string {
    const { t } = this.i18n;
    const language =
      this.languages(item.kind).find((l) => l.value === item.lang)?.label ?? item.lang;
    return `${t(`review:library.kinds.${item.kind}`)}, ${language}`;
  }

  private failure(error: unknown): string {
    const failure = error as ApiRequestError;
    if (this.failed(failure)) return '';
    return failure.status === 0
      ? this.i18n.t('review:errors.network')
      : this.i18n.t('review:errors.server', { message: failure.message });
  }

  private async showProblems(problems: Problem[]): Promise<void> {
    this.problems = problems;
    await this.updateComplete;
    setFocus(this.errorSummary);
  }

  /** Checks in the page what the server checks again: a file, captions that fit the clip. */
  private async check(data: FormData): Promise<Problem[]> {
    const { t } = this.i18n;
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0)
      return [{ field: 'file', message: t('review:library.add.chooseFile') }];
    if (this.kind === 'audio') {
      // Measured when chosen; brought to the target level, or refused, here.
      const prepared = await this.loudnessCheck?.prepared();
      if (prepared && 'problem' in prepared) return [{ field: 'file', message: prepared.problem }];
      if (prepared) data.set('file', prepared.file);
      return [];
    }
    const captions = data.get('captions');
    if (!(captions instanceof File) || captions.size === 0)
      return [{ field: 'captions', message: t('review:library.add.chooseCaptions') }];
    const duration = await mediaDuration(file);
    // A file the browser cannot play is left to the server, which reads the bytes themselves.
    if (duration === undefined) return [];
    const check = await checkCaptions(await captions.text(), duration);
    return check.ok ? [] : [{ field: 'captions', message: check.message }];
  }

  private readonly add = async (event: SubmitEvent) => {
    event.preventDefault();
    const { t } = this.i18n;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const problems = await this.check(data);
    if (problems.length) return this.showProblems(problems);
    // The server takes the captions as text, in the field the API names.
    const captions = data.get('captions');
    if (captions instanceof File) data.set('captions', await captions.text());
    this.problems = [];
    this.status = '';
    this.progress = 0;
    try {
      await api.addContent(data, (sent) => (this.progress = Math.round(sent * 100)));
      this.status = t('review:library.add.added', {
        item: this.itemName({ kind: this.kind, lang: String(data.get('lang')) }),
      });
      form.reset();
      this.kind = 'sign';
      this.clip = undefined;
      await this.load();
    } catch (error) {
      const failure = error as ApiRequestError;
      const field = (failure.field ?? 'file') as Field;
      const message = this.failure(error);
      if (message)
        await this.showProblems([{ field, message: failure.status ? failure.message : message }]);
    } finally {
      this.progress = undefined;
    }
  };

  /** A take recorded in the page becomes the form's file, as if chosen from disk. */
  private readonly useRecording = (event: CustomEvent<{ file: File; durationMs: number }>) => {
    const { file, durationMs } = event.detail;
    this.setFiles('#c-file', file);
    this.clip = file;
    this.status = this.i18n.t('review:recorder.used', { duration: clock(durationMs / 1000) });
  };

  /** Captions written by the timing helper become the form's captions file. */
  private readonly useCaptions = (event: CustomEvent<{ vtt: string }>) => {
    this.setFiles(
      '#c-captions',
      new File([event.detail.vtt], 'captions.vtt', { type: 'text/vtt' }),
    );
  };

  private setFiles(selector: string, file: File): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>(selector);
    if (!input) return;
    const files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
  }

  private async review(item: ContentItem, decision: 'approve' | 'reject', note?: string) {
    const { t, lang } = this.i18n;
    this.busyId = item.id;
    this.status = await sendReview(item, decision, note, {
      t,
      lang,
      name: this.itemName(item),
      failure: (error) => this.failure(error),
    });
    this.busyId = '';
    await this.load();
  }

  private renderField(field: Field, label: string, control: unknown, hint?: string) {
    const problem = this.problems.find((p) => p.field === field);
    return html`<div class="field ${problem ? 'invalid' : ''}">
      <label for="c-${field}">${label}</label>
      ${hint ? html`<p class="hint" id="c-${field}-hint">${hint}</p>` : nothing}
      ${problem ? html`<p class="error-message" id="c-${field}-error">${problem.message}</p>` : nothing}
      ${control}
    </div>`;
  }

  private describedBy(field: Field, hint = false): string {
    const ids = [
      hint ? `c-${field}-hint` : '',
      this.problems.some((p) => p.field === field) ? `c-${field}-error` : '',
    ];
    return ids.filter(Boolean).join(' ');
  }

  private invalid(field: Field): 'true' | 'false' {
    return this.problems.some((p) => p.field === field) ? 'true' : 'false';
  }

  private renderAdd() {
    const { t } = this.i18n;
    const kind = this.kind;
    return html`<section aria-labelledby="add-heading">
      <h2 id="add-heading">${t('review:library.add.heading')}</h2>
      ${
        this.problems.length
          ? html`<div class="error-summary" tabindex="-1" role="alert" aria-labelledby="add-errors">
              <h2 id="add-errors">${t('review:library.add.errorTitle')}</h2>
              <ul>
                ${this.problems.map(
                  (p) =>
                    html`<li>
                      <a
                        href="#c-${p.field}"
                        @click=${(e: Event) => {
                          e.preventDefault();
                          setFocus(this.renderRoot.querySelector<HTMLElement>(`#c-${p.field}`));
                        }}
                        >${p.message}</a
                      >
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      <form id="add-form" @submit=${this.add} novalidate>
        ${this.renderField(
          'kind',
          t('review:library.add.kind'),
          html`<select
            id="c-kind"
            name="kind"
            @change=${(e: Event) => {
              this.kind = (e.target as HTMLSelectElement).value as MediaKind;
              this.chosenLang = this.languages(this.kind)[0]!.value;
              this.clip = undefined;
            }}
          >
            ${MEDIA_KINDS.map(
              (k) =>
                html`<option value=${k} ?selected=${k === kind}>
                  ${t(`review:library.kinds.${k}`)}
                </option>`,
            )}
          </select>`,
        )}
        ${this.renderField(
          'lang',
          t('review:library.add.lang'),
          html`<select
            id="c-lang"
            name="lang"
            @change=${(e: Event) => (this.chosenLang = (e.target as HTMLSelectElement).value)}
            aria-invalid=${this.invalid('lang')}
            aria-describedby=${this.describedBy('lang') || nothing}
          >
            ${this.languages(kind).map(
              (l) =>
                html`<option
                  value=${l.value}
                  lang=${('lang' in l && l.lang) || nothing}
                  dir=${('dir' in l && l.dir) || nothing}
                >
                  ${l.label}
                </option>`,
            )}
          </select>`,
        )}
        ${this.renderField(
          'madeBy',
          t('review:library.add.madeBy'),
          html`<select
            id="c-madeBy"
            name="madeBy"
            aria-invalid=${this.invalid('madeBy')}
            aria-describedby=${this.describedBy('madeBy') || nothing}
          >
            ${MADE_BY.map(
              (m) =>
                html`<option value=${m} ?selected=${m === DEFAULT_MADE_BY[kind]}>
                  ${t(`content:madeBy.${m}`)}
                </option>`,
            )}
          </select>`,
        )}
        ${this.renderField(
          'file',
          t('review:library.add.file'),
          html`<input
            id="c-file"
            name="file"
            type="file"
            accept=${kind === 'sign' ? 'video/mp4,video/webm' : 'audio/*,video/webm'}
            aria-invalid=${this.invalid('file')}
            aria-describedby=${this.describedBy('file', true)}
            @change=${(e: Event) => (this.clip = (e.target as HTMLInputElement).files?.[0])}
          />`,
          t(`review:library.hints.${kind}`),
        )}
        ${
          kind === 'audio'
            ? html`<fw-loudness-check .file=${this.clip}></fw-loudness-check>`
            : nothing
        }
        <fw-content-recorder
          kind=${kind}
          script-lang=${kind === 'audio' ? this.chosenLang : 'en-GB'}
          @fw-content-recorded=${this.useRecording}
        ></fw-content-recorder>
        ${
          kind === 'sign'
            ? this.renderField(
                'captions',
                t('review:library.add.captions'),
                html`<input
                  id="c-captions"
                  name="captions"
                  type="file"
                  accept=".vtt,text/vtt"
                  aria-invalid=${this.invalid('captions')}
                  aria-describedby=${this.describedBy('captions', true)}
                />`,
                t('review:library.add.captionsHint'),
              )
            : nothing
        }
        ${
          kind === 'sign'
            ? html`<details class="timer">
                <summary>${t('review:timer.heading')}</summary>
                <fw-caption-timer
                  .file=${this.clip}
                  @fw-captions-timed=${this.useCaptions}
                ></fw-caption-timer>
              </details>`
            : nothing
        }
        ${this.renderField(
          'transcript',
          t('review:library.add.transcript'),
          html`<textarea
            id="c-transcript"
            name="transcript"
            maxlength="60000"
            aria-invalid=${this.invalid('transcript')}
          ></textarea>`,
        )}
        <div>
          <button type="submit" class="primary" ?disabled=${this.progress !== undefined}>
            ${t('review:library.add.submit')}
          </button>
        </div>
        ${
          this.progress !== undefined
            ? html`<p>
                <label for="c-progress"
                  >${t('review:library.add.uploading', { percent: this.progress })}</label
                >
                <progress id="c-progress" max="100" value=${this.progress}></progress>
              </p>`
            : nothing
        }
      </form>
    </section>`;
  }

  private renderReview(item: ContentItem) {
    return renderReviewControl(item, {
      user: this.session.session?.user,
      busy: this.busyId === item.id,
      t: this.i18n.t,
      decide: (decision, note) => void this.review(item, decision, note),
    });
  }

  private renderItems(items: ContentItem[]) {
    const { t, lang } = this.i18n;
    if (!items.length) return html`<p>${t('review:library.empty')}</p>`;
    return html`<div
      class="table-scroll"
      role="region"
      tabindex="0"
      aria-labelledby="items-heading"
    >
      <table>
        <caption class="visually-hidden">
          ${t('review:library.items')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('review:library.columns.item')}</th>
            <th scope="col">${t('review:library.columns.provenance')}</th>
            <th scope="col">${t('review:library.columns.added')}</th>
            <th scope="col">${t('review:library.columns.review')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (item) =>
              html`<tr>
                <th scope="row">
                  ${this.itemName(item)}
                  ${
                    item.kind === 'text'
                      ? html`<p>
                          <a href=${api.contentMediaUrl(item.id)} download>
                            ${t('review:translation.download')}
                          </a>
                        </p>`
                      : html`<details>
                          <summary>${t('review:library.play')}</summary>
                          ${
                            item.kind === 'sign'
                              ? html`<video
                                  controls
                                  preload="none"
                                  src=${api.contentMediaUrl(item.id)}
                                ></video>`
                              : html`<audio
                                  controls
                                  preload="none"
                                  src=${api.contentMediaUrl(item.id)}
                                ></audio>`
                          }
                        </details>`
                  }
                </th>
                <td>${provenanceLabel(t, lang, item)}</td>
                <td>
                  ${t('review:library.addedBy', { who: item.addedBy, date: formatTime(lang, item.addedAt) })}
                </td>
                <td>${this.renderReview(item)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const role = this.session.session?.user.role;
    return html`${this.renderBar()}
      <div class="page">
        ${this.renderGate(
          () =>
            html`<h1>${t('review:library.title')}</h1>
              <p>${t('review:library.intro')}</p>
              <p class=${this.status ? 'message' : ''} role="status">${this.status}</p>
              ${
                this.loadError
                  ? html`<p class="message problem" role="alert">${this.loadError}</p>`
                  : nothing
              }
              ${can(role, 'addContent') ? this.renderAdd() : nothing}
              ${
                can(role, 'addContent')
                  ? html`<section aria-labelledby="translation-heading">
                      <h2 id="translation-heading">${t('review:translation.heading')}</h2>
                      <fw-translation-import
                        @fw-translation-added=${() => void this.load()}
                      ></fw-translation-import>
                    </section>`
                  : nothing
              }
              <h2 id="items-heading">${t('review:library.items')}</h2>
              ${this.data ? this.renderItems(this.data) : html`<p>${t('review:loading')}</p>`}`,
        )}
      </div>`;
  }
}
