import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import {
  CIRCUMSTANCES,
  DEFAULT_FORMATS,
  REASONS,
  type Circumstance,
  type Format,
  type Reason,
} from '../schema/notice-event.js';
import { I18nController } from '../i18n/controller.js';
import { languageName, loadLocale, rememberLocale, translate, useLocale } from '../i18n/i18n.js';
import { LOCALES, findLocale, localeDir } from '../i18n/locales.js';
import { unlockAudio, warmAudio } from '../../components/audio-cue/audio-unlock.js';
import type { FwNotice, NoticeEndedDetail } from '../../components/notice/notice.js';
import '../../components/format-picker/define.js';
import '../../components/language-picker/define.js';
import '../app/strings.js';
import { setFocus } from '../app/focus.js';
import { afterPaint, whenIdle } from '../../components/shared/after-paint.js';
import { THEMES, applyTheme, storedTheme, type Theme } from '../app/theme.js';
import { fullscreenAvailable, isFullscreen, keepScreenOn, toggleFullscreen } from './device.js';
import type { Connectivity } from '../app/connectivity.js';
import { kioskStyles } from './kiosk.styles.js';
import type { ContentInUse } from '../content/in-use.js';
import type { KioskConfig } from './config.js';
import { LogWriter } from './log-writer.js';
import type { StickyStripController } from './sticky-strip.js';

export type KioskView = 'home' | 'choose' | 'notice' | 'thanks';

/** Reported for every "notice not possible", which the kiosk also records in the log. */
export interface NoticeNotPossibleDetail {
  reason: Reason;
  circumstance: Circumstance;
  formats: Format[];
  lang: string;
  at: string;
}

declare global {
  interface HTMLElementEventMap {
    'fw-notice-not-possible': CustomEvent<NoticeNotPossibleDetail>;
  }
}

interface Presentation {
  id: number;
  formats: Format[];
  lang: string;
  /** The circumstance chosen when the notice was shown: the record keeps it. */
  circumstance: Circumstance;
  /** The content in use when it was shown: its players read it, and the record names it. */
  content?: ContentInUse;
}

/** Officer-facing facts about the notice on screen, said in the officer's language. */
type OfficerNote = 'audioUnavailable' | 'vibrationUnsupported' | 'draft' | 'sampleClip';

/**
 * The kiosk at `/`: the officer's home, the person's own choice, the notice, and the hand-back.
 * Built from the component library; its log writer turns the notice's ended events and the
 * "not possible" reports, with the circumstance, into log records.
 */
export class FwKiosk extends LitElement {
  static override styles = kioskStyles;

  private readonly i18n = new I18nController(this);
  private readonly log = new LogWriter(this);
  /** Keeps the officer's strip from hiding focus; it loads with the notice, which alone has one. */
  private strip?: StickyStripController;
  private stripLoaded?: Promise<void>;

  @state() private view: KioskView = 'home';
  @state() private officerLang = 'en-GB';
  @state() private noticeLang = 'en-GB';
  @state() private formats: Format[] = [...DEFAULT_FORMATS];
  @state() private circumstance: Circumstance = 'unspecified';
  @state() private presentation?: Presentation;
  @state() private flipped = false;
  @state() private officerNotes = new Set<OfficerNote>();
  /** What the one status region says to the officer (see `announce`). */
  @state() private status = '';
  @state() private fullscreen = false;
  @state() private theme: Theme = storedTheme();
  @state() private config: KioskConfig = { vrsUrl: null };
  @state() private offlineReady = false;
  @state() private applyUpdate?: () => void;

  /**
   * The notice on screen. Its module loads on demand, so it may be in the tree but not yet
   * upgraded: call its methods only once it has them (a tap on "Change format or language"
   * before it loaded threw, and the dialog never opened).
   */
  @query('fw-notice') private notice?: FwNotice;
  @query('#not-possible') private notPossibleDialog?: HTMLDialogElement;
  @query('#end') private endDialog?: HTMLDialogElement;
  @query('#change') private changeDialog?: HTMLDialogElement;

  /** The person's new choice while the change dialog is open; its pickers exist only then. */
  @state() private changeDraft?: { formats: Format[]; lang: string };

  private nextPresentationId = 1;
  /** Whether the server answers; it loads once the home screen has painted. */
  private connectivity?: Connectivity;
  private releaseScreen?: () => void;
  /** The content in use (src/content/in-use.ts), read once the home screen has painted. */
  private content?: ContentInUse;
  /** Resolves once focus has moved to the current view's heading. */
  private viewSettled: Promise<void> = Promise.resolve();
  private settleView?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // main.ts has already chosen the locale from ?lang=, the officer's last choice, or the default.
    this.officerLang = document.documentElement.lang;
    this.noticeLang = this.officerLang;
    this.releaseScreen = keepScreenOn();
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
    // Until the connectivity check has loaded, the browser's own events are all there is.
    window.addEventListener('online', this.onConnectivity);
    window.addEventListener('offline', this.onConnectivity);
    window.addEventListener('fw-app-update', this.onUpdate);
    void navigator.serviceWorker?.ready.then(() => (this.offlineReady = true));
    window.addEventListener('pagehide', this.onPageHide);
    // Load what a notice needs once the home screen has painted, so the first paint carries only
    // the home screen and a tap never waits. (A tap before then renders <fw-notice>, which
    // upgrades the moment its module arrives.)
    warmAudio();
    whenIdle(() => {
      void loadNotice();
      void this.watchStrip();
      void import('../app/connectivity.js').then(({ Connectivity }) => {
        this.connectivity ??= new Connectivity(this);
        this.requestUpdate();
      });
      void import('./log-panel.js');
      void import('./config.js')
        .then(({ loadConfig }) => loadConfig())
        .then((config) => (this.config = config));
      void import('../content/in-use.js').then(({ watchContent }) =>
        watchContent((content) => {
          this.content = content;
          // A notice shown before the content was read still tells the officer.
          const shown = this.presentation;
          if (shown)
            this.officerNotes = new Set([
              ...this.officerNotes,
              ...this.notesFor(shown.lang, shown.formats),
            ]);
        }),
      );
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaseScreen?.();
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    window.removeEventListener('online', this.onConnectivity);
    window.removeEventListener('offline', this.onConnectivity);
    window.removeEventListener('fw-app-update', this.onUpdate);
    window.removeEventListener('pagehide', this.onPageHide);
  }

  /** The page is going away with a notice on screen: record it as shown, as far as time allows. */
  private readonly onPageHide = () => this.notice?.end?.('shown');

  private readonly onUpdate = (event: Event) => {
    this.applyUpdate = (event as CustomEvent<{ apply: () => void }>).detail.apply;
  };

  private readonly onFullscreenChange = () => (this.fullscreen = isFullscreen());
  private readonly onConnectivity = () => this.requestUpdate();

  /**
   * What the officer is told about the connection. Until the first probe answers, what the browser
   * believes, so a normal online load never flashes "Offline".
   */
  private get online(): boolean {
    return this.connectivity?.online ?? navigator.onLine;
  }

  protected override updated(changed: PropertyValues): void {
    // Focus moves once the new view is on screen: focusing forces a layout, which would
    // otherwise delay the notice's first paint.
    if (changed.has('view') && changed.get('view') !== undefined) {
      const settle = this.settleView;
      afterPaint(() => void this.focusView().finally(() => settle?.()));
    }
  }

  /** Moves focus to the new view's heading so a screen reader announces where the person is. */
  private async focusView(): Promise<void> {
    if (this.view === 'notice') {
      await this.focusNotice();
    } else {
      setFocus(this.renderRoot.querySelector<HTMLElement>(`[data-view="${this.view}"] h1`));
    }
  }

  /**
   * Tells the officer `message` through the kiosk's one status region, which is on the page from
   * the first paint and never re-created: a screen reader may miss a live region that arrives
   * with its message, or a message that comes before focus moves (moving focus cuts speech off).
   * So it waits until focus has settled on the view's heading, and says nothing if the view has
   * changed meanwhile.
   */
  private async announce(message: string, view: KioskView): Promise<void> {
    let settled: Promise<void>;
    do {
      settled = this.viewSettled;
      await settled;
    } while (settled !== this.viewSettled);
    await new Promise<void>((resolve) => afterPaint(resolve));
    if (this.view === view && settled === this.viewSettled) this.status = message;
  }

  /** Starts the officer's strip controller, once however often it is asked for. */
  private watchStrip(): Promise<void> {
    this.stripLoaded ??= import('./sticky-strip.js').then(({ StickyStripController }) => {
      this.strip = new StickyStripController(this, () =>
        this.renderRoot.querySelector<HTMLElement>('.officer'),
      );
      this.requestUpdate();
    });
    return this.stripLoaded;
  }

  /** Focuses the notice's heading once the notice (loaded on demand) has rendered. */
  private async focusNotice(): Promise<void> {
    await customElements.whenDefined('fw-notice');
    await this.notice?.updateComplete;
    this.notice?.focus();
  }

  private go(view: KioskView, lang: string): void {
    this.view = view;
    // A new view starts silent; what it has to say waits for focus (see announce).
    this.status = '';
    this.settleView?.();
    this.viewSettled = new Promise((resolve) => (this.settleView = resolve));
    void useLocale(lang);
  }

  // ── Officer home ────────────────────────────────────────────────────────────

  /** One tap: the notice, in the chosen formats and language. Runs inside the tap. */
  private showNotice(formats: Format[] = this.formats, lang: string = this.noticeLang): void {
    const chosen = formats.length ? formats : [...DEFAULT_FORMATS];
    // Audio may only start inside a user gesture: unlock it, and chime, before anything awaits.
    if (chosen.includes('audio')) unlockAudio({ earcon: true });
    void loadNotice();
    void this.watchStrip();
    this.presentation = {
      id: this.nextPresentationId++,
      formats: chosen,
      lang,
      circumstance: this.circumstance,
      content: this.content,
    };
    this.noticeLang = lang;
    this.flipped = false;
    this.officerNotes = this.notesFor(lang, chosen);
    this.go('notice', lang);
  }

  private notesFor(lang: string, formats: Format[]): Set<OfficerNote> {
    const notes = new Set<OfficerNote>();
    if (findLocale(lang)?.status === 'draft' && lang !== this.officerLang) notes.add('draft');
    if (formats.includes('bsl') && this.content?.sampleSign) notes.add('sampleClip');
    return notes;
  }

  private chooseCircumstance(circumstance: Circumstance): void {
    this.circumstance = this.circumstance === circumstance ? 'unspecified' : circumstance;
  }

  private letThemChoose(): void {
    this.go('choose', this.noticeLang);
  }

  private async recordNotPossible(reason: Reason): Promise<void> {
    const record = {
      shownAt: new Date().toISOString(),
      durationMs: 0,
      formats: this.formats.length ? this.formats : [...DEFAULT_FORMATS],
      lang: this.noticeLang,
      circumstance: this.circumstance,
      outcome: 'not-possible' as const,
      reason,
      // Nothing was presented; the record still names the content in use.
      content: this.content?.presented([], this.noticeLang),
    };
    const detail: NoticeNotPossibleDetail = {
      reason,
      circumstance: record.circumstance,
      formats: record.formats,
      lang: record.lang,
      at: record.shownAt,
    };
    this.dispatchEvent(
      new CustomEvent('fw-notice-not-possible', { bubbles: true, composed: true, detail }),
    );
    this.notPossibleDialog?.close();
    this.status = '';
    this.resetChoices();
    // "Recorded" only once the log has it on disk; a failure shows its own alert.
    if (await this.log.record(record)) {
      const officer = (key: string, options?: Record<string, unknown>) =>
        translate(this.officerLang, key, options);
      void this.announce(
        officer('kiosk:notPossible.recorded', { reason: officer(`kiosk:reasons.${reason}`) }),
        'home',
      );
    }
  }

  private resetChoices(): void {
    this.formats = [...DEFAULT_FORMATS];
    this.circumstance = 'unspecified';
    this.noticeLang = this.officerLang;
  }

  private setOfficerLang(lang: string): void {
    this.officerLang = lang;
    this.noticeLang = lang;
    rememberLocale(lang);
    void useLocale(lang);
  }

  private setTheme(theme: Theme): void {
    this.theme = theme;
    applyTheme(theme);
  }

  // ── Notice ───────────────────────────────────────────────────────────────────

  private onNoticeEnded(event: CustomEvent<NoticeEndedDetail>): void {
    const { detail } = event;
    const presentation = this.presentation;
    if (detail.outcome === 'acknowledged') this.go('thanks', this.noticeLang);
    void this.log
      .record({
        shownAt: detail.startedAt,
        durationMs: detail.durationMs,
        formats: detail.formats,
        lang: detail.lang,
        circumstance: presentation?.circumstance ?? 'unspecified',
        outcome: detail.outcome,
        content: presentation?.content?.presented(detail.formats, detail.lang),
      })
      .then((saved) => {
        if (!saved) return;
        // Said on the view the notice ended into: this person's thanks, or the officer's home.
        const view = this.view;
        if (view === 'home' || (view === 'thanks' && this.presentation === presentation))
          void this.announce(translate(this.officerLang, 'log:saved'), view);
      });
  }

  private onAudioUnavailable(event: CustomEvent<{ reason: string }>): void {
    // "blocked" means the sound needs a tap, which the cue's own button offers; only a missing
    // voice is something the officer must work around.
    if (event.detail.reason !== 'no-voice') return;
    this.officerNotes = new Set([...this.officerNotes, 'audioUnavailable']);
  }

  private onVibrationUnsupported(): void {
    this.officerNotes = new Set([...this.officerNotes, 'vibrationUnsupported']);
  }

  private async openChange(): Promise<void> {
    this.notice?.stop?.();
    this.changeDraft = {
      formats: [...(this.presentation?.formats ?? this.formats)],
      lang: this.noticeLang,
    };
    await this.updateComplete;
    this.changeDialog?.showModal();
  }

  /** Applies the person's new choice to the notice on screen; runs inside the tap. */
  private applyChange(): void {
    if (!this.changeDraft) return;
    const { formats, lang } = this.changeDraft;
    const chosen = formats.length ? formats : [...DEFAULT_FORMATS];
    if (chosen.includes('audio')) unlockAudio({ earcon: true });
    this.changeDialog?.close();
    if (!this.presentation) return;
    this.presentation = { ...this.presentation, formats: chosen, lang };
    this.noticeLang = lang;
    this.officerNotes = new Set([...this.officerNotes, ...this.notesFor(lang, chosen)]);
    void useLocale(lang);
    void this.updateComplete.then(() => this.focusNotice());
  }

  /** Asks the officer to confirm; "Keep showing" has focus, so a stray Enter changes nothing. */
  private confirmEnd(): void {
    this.endDialog?.showModal();
    this.endDialog?.querySelector<HTMLButtonElement>('.keep')?.focus();
  }

  private endNotice(): void {
    this.endDialog?.close();
    this.notice?.end?.('shown');
    this.finish();
  }

  /**
   * Asks why no notice was possible; Cancel has focus, so Enter pressed twice (once to open, once
   * more) records nothing.
   */
  private openNotPossible(): void {
    this.notPossibleDialog?.showModal();
    this.notPossibleDialog?.querySelector<HTMLButtonElement>('.cancel')?.focus();
  }

  private finish(): void {
    this.presentation = undefined;
    this.resetChoices();
    this.go('home', this.officerLang);
  }

  // ── Rendering ────────────────────────────────────────────────────────────────

  protected override render() {
    // The status region stays on the page across views, in the officer's language. Its text is
    // set as a property, so it is truly empty (and takes no room) when there is nothing to say.
    return html`<div class="announcer">
        <p
          class="status"
          role="status"
          lang=${this.officerLang}
          dir=${localeDir(this.officerLang)}
          .textContent=${this.status}
        ></p>
      </div>
      ${this.renderView()}`;
  }

  private renderView() {
    switch (this.view) {
      case 'choose':
        return this.renderChoose();
      case 'notice':
        return this.renderNotice();
      case 'thanks':
        return this.renderThanks();
      default:
        return this.renderHome();
    }
  }

  /**
   * Tells the officer, in the officer's language, that a notice could not be saved, why, and what
   * to do; "Try again" saves what is waiting, in order.
   */
  private renderSaveFailure() {
    const { failure, unsaved } = this.log;
    if (!failure && !unsaved.length) return nothing;
    const officer = (key: string, options?: Record<string, unknown>) =>
      translate(this.officerLang, `log:failed.${key}`, options);
    return html`<div
      class="save-failure"
      role="alert"
      lang=${this.officerLang}
      dir=${localeDir(this.officerLang)}
    >
      ${failure ? html`<p>${officer(failure.kind, { reason: failure.reason })}</p>` : nothing}
      <p>${officer('waiting', { count: unsaved.length })}</p>
      <button type="button" @click=${() => this.log.retry()}>${officer('retry')}</button>
    </div>`;
  }

  private renderVrsLink() {
    if (!this.config.vrsUrl || !this.online) return nothing;
    return html`<a
      class="button vrs"
      href=${this.config.vrsUrl}
      target="_blank"
      rel="noopener noreferrer"
      >${this.i18n.t('kiosk:vrs')}</a
    >`;
  }

  private renderHome() {
    const { t } = this.i18n;
    return html`
      <section class="view home" data-view="home" aria-labelledby="home-heading">
        <div class="primary">
          <h1 id="home-heading">${t('kiosk:home.heading')}</h1>
          ${this.renderSaveFailure()}
          <button type="button" class="show" @click=${() => this.showNotice()}>
            ${t('kiosk:home.show')}
          </button>
          <fieldset class="chips">
            <legend>${t('kiosk:home.circumstance')}</legend>
            ${CIRCUMSTANCES.filter((c) => c !== 'unspecified').map(
              (c) =>
                html`<button
                  type="button"
                  aria-pressed=${this.circumstance === c ? 'true' : 'false'}
                  @click=${() => this.chooseCircumstance(c)}
                >
                  ${t(`kiosk:circumstances.${c}`)}
                </button>`,
            )}
          </fieldset>
          <div class="actions">
            <button type="button" @click=${this.letThemChoose} aria-describedby="choose-hint">
              ${t('kiosk:home.choose')}
            </button>
            <button type="button" @click=${this.openNotPossible}>
              ${t('kiosk:home.notPossible')}
            </button>
            ${this.renderVrsLink()}
          </div>
          <p id="choose-hint" class="hint">${t('kiosk:home.chooseHint')}</p>
          <p class="connectivity">
            ${this.online ? (this.offlineReady ? t('kiosk:offlineReady') : nothing) : t('kiosk:offline')}
          </p>
          ${
            this.applyUpdate
              ? html`<p class="update">
                  ${t('kiosk:update.ready')}
                  <button type="button" @click=${this.applyUpdate}>
                    ${t('kiosk:update.apply')}
                  </button>
                </p>`
              : nothing
          }
        </div>
        <section class="options" aria-labelledby="options-heading">
          <h2 id="options-heading">${t('kiosk:home.options')}</h2>
          <fw-format-picker
            compact
            .value=${this.formats}
            @fw-format-change=${(e: CustomEvent<{ formats: Format[] }>) => (this.formats = e.detail.formats)}
          ></fw-format-picker>
          <fw-language-picker
            .value=${this.noticeLang}
            @fw-language-change=${(e: CustomEvent<{ lang: string }>) => {
              this.noticeLang = e.detail.lang;
              void loadLocale(e.detail.lang);
            }}
          ></fw-language-picker>
        </section>
        ${this.renderSettings()}
        <fw-log-panel class="log" .writer=${this.log} .revision=${this.log.revision}></fw-log-panel>
        ${this.renderNotPossibleDialog()}
      </section>
    `;
  }

  private renderSettings() {
    const { t } = this.i18n;
    return html`<section class="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">${t('kiosk:settings.heading')}</h2>
      <fieldset class="themes">
        <legend>${t('kiosk:settings.theme')}</legend>
        ${THEMES.map(
          (theme) =>
            html`<button
              type="button"
              aria-pressed=${this.theme === theme ? 'true' : 'false'}
              @click=${() => this.setTheme(theme)}
            >
              ${t(`kiosk:settings.themes.${theme}`)}
            </button>`,
        )}
      </fieldset>
      <label class="officer-lang">
        <span>${t('kiosk:settings.officerLanguage')}</span>
        <select @change=${(e: Event) => this.setOfficerLang((e.target as HTMLSelectElement).value)}>
          ${LOCALES.map(
            (l) =>
              html`<option value=${l.tag} lang=${l.tag} ?selected=${l.tag === this.officerLang}>
                ${l.endonym}
              </option>`,
          )}
        </select>
      </label>
      ${
        fullscreenAvailable()
          ? html`<button
              type="button"
              aria-pressed=${this.fullscreen ? 'true' : 'false'}
              @click=${toggleFullscreen}
            >
              ${t('kiosk:settings.fullscreen')}
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderNotPossibleDialog() {
    const { t } = this.i18n;
    return html`<dialog id="not-possible" aria-labelledby="not-possible-heading">
      <h2 id="not-possible-heading">${t('kiosk:notPossible.heading')}</h2>
      <div class="reasons">
        ${REASONS.map(
          (reason) =>
            html`<button type="button" @click=${() => this.recordNotPossible(reason)}>
              ${t(`kiosk:reasons.${reason}`)}
            </button>`,
        )}
      </div>
      <button
        type="button"
        class="secondary cancel"
        @click=${() => this.notPossibleDialog?.close()}
      >
        ${t('kiosk:notPossible.cancel')}
      </button>
    </dialog>`;
  }

  private renderPickers(
    formats: Format[],
    lang: string,
    onChange: (formats: Format[], lang: string) => void,
  ) {
    return html`
      <fw-language-picker
        .value=${lang}
        @fw-language-change=${(e: CustomEvent<{ lang: string }>) => onChange(formats, e.detail.lang)}
      ></fw-language-picker>
      <fw-format-picker
        .value=${formats}
        @fw-format-change=${(e: CustomEvent<{ formats: Format[] }>) => onChange(e.detail.formats, lang)}
      ></fw-format-picker>
    `;
  }

  private renderChoose() {
    const { t } = this.i18n;
    return html`
      <section class="view choose" data-view="choose" aria-labelledby="choose-heading">
        <h1 id="choose-heading">${t('kiosk:chooser.heading')}</h1>
        <p class="instruction">${t('kiosk:chooser.instruction', { show: t('kiosk:home.show') })}</p>
        ${this.renderPickers(this.formats, this.noticeLang, (formats, lang) => {
          this.formats = formats;
          if (lang !== this.noticeLang) {
            this.noticeLang = lang;
            // The person reads the rest of the choice in the language they just picked.
            void useLocale(lang);
          }
        })}
        <button type="button" class="show" @click=${() => this.showNotice()}>
          ${t('kiosk:home.show')}
        </button>
        ${this.formats.includes('bsl') ? this.renderVrsLink() : nothing}
        <button type="button" class="secondary back" @click=${this.finish}>
          ${t('kiosk:chooser.back')}
        </button>
      </section>
    `;
  }

  private renderNotice() {
    const { t } = this.i18n;
    const presentation = this.presentation;
    if (!presentation) return nothing;
    const officer = (key: string, options?: Record<string, unknown>) =>
      translate(this.officerLang, `kiosk:${key}`, options);
    return html`
      <section class="view notice" data-view="notice" aria-label=${t('kiosk:notice.label')}>
        <div class="stage" ?data-flipped=${this.flipped}>
          ${keyed(
            presentation.id,
            html`<fw-notice
              heading-level="1"
              lang=${presentation.lang}
              manifest=${presentation.content?.manifestUrl ?? nothing}
              .formats=${presentation.formats}
              @fw-notice-ended=${this.onNoticeEnded}
              @fw-audio-cue-unavailable=${this.onAudioUnavailable}
              @fw-haptic-cue-unsupported=${this.onVibrationUnsupported}
            ></fw-notice>`,
          )}
          <div class="notice-actions">
            <button type="button" @click=${() => this.notice?.replay?.()}>
              ${t('kiosk:notice.replay')}
            </button>
            <button type="button" @click=${this.openChange}>${t('kiosk:notice.change')}</button>
            <button
              type="button"
              aria-pressed=${this.flipped ? 'true' : 'false'}
              @click=${() => (this.flipped = !this.flipped)}
            >
              ${t('kiosk:notice.flip')}
            </button>
            ${presentation.formats.includes('bsl') ? this.renderVrsLink() : nothing}
          </div>
        </div>
        <aside
          class="officer"
          lang=${this.officerLang}
          dir=${localeDir(this.officerLang)}
          ?data-static=${this.strip?.sticky === false}
        >
          ${this.renderSaveFailure()}
          <ul class="notes">
            ${[...this.officerNotes].map(
              (note) =>
                html`<li>
                  ${officer(`officer.${note}`, { language: languageName(presentation.lang, this.officerLang) })}
                </li>`,
            )}
            ${presentation.content
              ?.notes(presentation.formats, presentation.lang, this.officerLang)
              .map((note) => html`<li>${note}</li>`)}
          </ul>
          <button type="button" class="officer-button" @click=${this.confirmEnd}>
            ${officer('notice.officerEnd')}
          </button>
          <dialog id="end" aria-labelledby="end-heading" aria-describedby="end-body">
            <h2 id="end-heading">${officer('notice.endHeading')}</h2>
            <p id="end-body">${officer('notice.endBody')}</p>
            <div class="dialog-actions">
              <button type="button" class="keep" @click=${() => this.endDialog?.close()}>
                ${officer('notice.keep')}
              </button>
              <button type="button" class="danger" @click=${this.endNotice}>
                ${officer('notice.end')}
              </button>
            </div>
          </dialog>
        </aside>
        <dialog
          id="change"
          aria-labelledby="change-heading"
          @close=${() => (this.changeDraft = undefined)}
        >
          ${
            this.changeDraft
              ? html`<h2 id="change-heading">${t('kiosk:notice.change')}</h2>
                  ${this.renderPickers(
                    this.changeDraft.formats,
                    this.changeDraft.lang,
                    (formats, lang) => {
                      this.changeDraft = { formats, lang };
                      void loadLocale(lang);
                    },
                  )}
                  <div class="dialog-actions">
                    <button type="button" class="show" @click=${this.applyChange}>
                      ${t('kiosk:home.show')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      @click=${() => this.changeDialog?.close()}
                    >
                      ${t('kiosk:notPossible.cancel')}
                    </button>
                  </div>`
              : nothing
          }
        </dialog>
      </section>
    `;
  }

  private renderThanks() {
    const { t } = this.i18n;
    return html`
      <section class="view thanks" data-view="thanks" aria-labelledby="thanks-heading">
        <h1 id="thanks-heading">${t('kiosk:thanks.heading')}</h1>
        <p>${t('kiosk:thanks.body')}</p>
        <button type="button" class="show" @click=${this.finish}>${t('kiosk:thanks.done')}</button>
        <div class="officer-line" lang=${this.officerLang} dir=${localeDir(this.officerLang)}>
          ${this.renderSaveFailure()}
        </div>
      </section>
    `;
  }
}

function loadNotice(): Promise<unknown> {
  return import('../../components/notice/define.js');
}
