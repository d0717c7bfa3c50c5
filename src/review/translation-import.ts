import { LitElement, css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import noticeSource from '../../locales/en-GB/notice.json' with { type: 'json' };
import { setFocus } from '../app/focus.js';
import { checkStrings, flatten } from '../i18n/check-strings.js';
import { I18nController } from '../i18n/controller.js';
import { LOCALES } from '../i18n/locales.js';
import { MADE_BY, TEXT_NAMESPACE } from '../schema/content.js';
import { api, type ApiRequestError } from './api.js';
import { languageOption } from './format.js';
import { reviewStyles } from './review.styles.js';

interface Change {
  key: string;
  inUse: string;
  next: string;
}

type Prepared =
  { lang: string; text: string; changes: Change[]; problems?: undefined } | { problems: string[] };

declare global {
  interface HTMLElementEventMap {
    'fw-translation-added': CustomEvent<Record<string, never>>;
  }
}

/**
 * @summary Translations through the content library: export a language's notice text as i18next
 * JSON v4 (for Weblate, Crowdin or a translator), and import it back. On import the page checks
 * the file with the rules `npm test` applies to locales/ and shows, string by string, what would
 * change from the text in use (every string shown as text, never as markup). The server checks
 * again; the translation is added as a draft that someone else must approve.
 *
 * @fires fw-translation-added - A translation was added as a draft. Detail: `{}`.
 */
export class FwTranslationImport extends LitElement {
  static override styles = [
    ...reviewStyles,
    css`
      table {
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: 0.25rem 0.5rem;
        border-block-end: 1px solid currentColor;
      }
      .field {
        margin-block: 1rem;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  /** The language whose translation is exported or imported. */
  @state() private targetLang = LOCALES.find((l) => l.tag !== 'en-GB')?.tag ?? 'en-GB';
  @state() private madeBy: string = 'human-translator';
  @state() private prepared?: Prepared;
  @state() private status = '';
  @state() private busy = false;

  @query('#t-file') private fileInput?: HTMLInputElement;
  @query('.error-summary') private summary?: HTMLElement;

  private async read(file: File): Promise<Prepared> {
    const { t } = this.i18n;
    const text = await file.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { problems: [t('review:translation.notJson', { message: (error as Error).message })] };
    }
    const lang = this.targetLang;
    const problems = checkStrings(lang, TEXT_NAMESPACE, data, noticeSource, lang === 'en-GB');
    if (problems.length) return { problems };
    const inUse = flatten(await api.contentText(lang));
    const changes: Change[] = [];
    for (const [key, next] of flatten(data as Record<string, unknown>)) {
      const now = inUse.get(key);
      if (now !== next) changes.push({ key, inUse: String(now ?? ''), next: String(next) });
    }
    return { lang, text, changes };
  }

  private readonly choose = async () => {
    const file = this.fileInput?.files?.[0];
    this.status = '';
    this.prepared = undefined;
    if (!file) return;
    try {
      this.prepared = await this.read(file);
    } catch (error) {
      this.prepared = { problems: [this.failure(error)] };
    }
    if (this.prepared.problems) {
      await this.updateComplete;
      setFocus(this.summary);
    }
  };

  private failure(error: unknown): string {
    const failure = error as ApiRequestError;
    return failure.status === 0
      ? this.i18n.t('review:errors.network')
      : this.i18n.t('review:errors.server', { message: failure.message });
  }

  private readonly add = async () => {
    const prepared = this.prepared;
    if (!prepared || prepared.problems) return;
    const { t } = this.i18n;
    this.busy = true;
    try {
      await api.addText(prepared.lang, prepared.text, this.madeBy);
      this.status = t('review:translation.added', {
        language: languageOption(t, prepared.lang).label,
      });
      this.prepared = undefined;
      if (this.fileInput) this.fileInput.value = '';
      this.dispatchEvent(new CustomEvent('fw-translation-added', { bubbles: true, detail: {} }));
    } catch (error) {
      const failure = error as ApiRequestError;
      this.prepared = { problems: [failure.status ? failure.message : this.failure(error)] };
      await this.updateComplete;
      setFocus(this.summary);
    } finally {
      this.busy = false;
    }
  };

  private renderPrepared() {
    const { t } = this.i18n;
    const prepared = this.prepared;
    if (!prepared) return nothing;
    if (prepared.problems)
      return html`<div class="error-summary" tabindex="-1" role="alert" aria-labelledby="t-errors">
        <h3 id="t-errors">${t('review:translation.refused')}</h3>
        <ul>
          ${prepared.problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>`;
    const { lang, changes } = prepared;
    return html`<h3 id="t-diff">${t('review:translation.changes', { count: changes.length })}</h3>
      ${
        changes.length
          ? html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="t-diff">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('review:translation.key')}</th>
                    <th scope="col">${t('review:translation.inUse')}</th>
                    <th scope="col">${t('review:translation.new')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${changes.map(
                    (c) =>
                      html`<tr>
                        <th scope="row"><code>${c.key}</code></th>
                        <td lang=${lang}>${c.inUse}</td>
                        <td lang=${lang}>${c.next}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
      <p>
        <button type="button" class="primary" ?disabled=${this.busy} @click=${this.add}>
          ${t('review:translation.add')}
        </button>
      </p>`;
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<p>${t('review:translation.intro')}</p>
      <div class="field">
        <label for="t-lang">${t('review:library.add.lang')}</label>
        <select
          id="t-lang"
          @change=${(e: Event) => {
            this.targetLang = (e.target as HTMLSelectElement).value;
            this.prepared = undefined;
            if (this.fileInput) this.fileInput.value = '';
          }}
        >
          ${LOCALES.map((l) => {
            const option = languageOption(t, l.tag);
            return html`<option
              value=${l.tag}
              ?selected=${l.tag === this.targetLang}
              lang=${option.lang ?? nothing}
              dir=${option.dir ?? nothing}
            >
              ${option.label}
            </option>`;
          })}
        </select>
      </div>
      <p>
        <a href=${api.contentTextUrl(this.targetLang)} download
          >${t('review:translation.export')}</a
        >
      </p>
      <div class="field">
        <label for="t-madeBy">${t('review:library.add.madeBy')}</label>
        <select
          id="t-madeBy"
          @change=${(e: Event) => (this.madeBy = (e.target as HTMLSelectElement).value)}
        >
          ${MADE_BY.map(
            (m) =>
              html`<option value=${m} ?selected=${m === this.madeBy}>
                ${t(`content:madeBy.${m}`)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="t-file">${t('review:translation.file')}</label>
        <p class="hint" id="t-file-hint">${t('review:translation.fileHint')}</p>
        <input
          id="t-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="t-file-hint"
          @change=${this.choose}
        />
      </div>
      ${this.renderPrepared()}
      <p role="status">${this.status}</p>`;
  }
}
