import { LitElement, html, nothing, svg } from 'lit';
import { query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { I18nController } from '../i18n/controller.js';
import { i18n } from '../i18n/i18n.js';
import { LOCALES, REVIEW_STATUSES, SOURCE_LOCALE, findLocale } from '../i18n/locales.js';
import { BSL_TAG, FORMATS, type Format } from '../schema/notice-event.js';
import { setFocus } from '../app/focus.js';
import { unlockAudio } from '../../components/audio-cue/audio-unlock.js';
import { loadManifest } from '../../components/shared/media-manifest.js';
import { setReducedMotion } from '../../components/shared/motion.js';
import type { FwNotice } from '../../components/notice/notice.js';
import { api } from '../review/api.js';
import { can } from '../schema/api.js';
import { SessionController } from '../review/session.js';
import type { SignedInDetail } from '../review/sign-in.js';
import { announce, type Announcement } from './announce.js';
import { clearDrafts } from './draft.js';
import {
  endonym as markEndonym,
  entryName,
  formatName,
  languageName,
  withNotice,
  type LanguageName,
} from './names.js';
import { labStyles } from './lab.styles.js';
import {
  ENTRIES,
  NO_SIMULATION,
  TOGGLES,
  VISIONS,
  ZOOMS,
  presentLang,
  readState,
  writeState,
  type Entry,
  type LabState,
  type Simulation,
  type Toggle,
  type Vision,
  type Zoom,
} from './state.js';
import './strings.js';

type Status = (typeof REVIEW_STATUSES)[number];

/*
 * Colour-vision deficiencies as colour matrices, applied to linear RGB (the SVG filter default).
 * Protanopia, deuteranopia and tritanopia are Machado, Oliveira and Fernandes (2009) at severity
 * 1; achromatopsia keeps only relative luminance (Rec. 709 weights).
 */
const MATRICES: Record<Exclude<Vision, 'typical'>, string> = {
  protanopia:
    '0.152286 1.052583 -0.204868 0 0 0.114503 0.786281 0.099216 0 0 -0.003882 -0.048116 1.051998 0 0 0 0 0 1 0',
  deuteranopia:
    '0.367322 0.860646 -0.227968 0 0 0.280085 0.672501 0.047413 0 0 -0.011820 0.042940 0.968881 0 0 0 0 0 1 0',
  tritanopia:
    '1.255528 -0.076749 -0.178779 0 0 -0.078411 0.930809 0.147602 0 0 0.004733 0.691367 0.303900 0 0 0 0 0 1 0',
  achromatopsia:
    '0.2126 0.7152 0.0722 0 0 0.2126 0.7152 0.0722 0 0 0.2126 0.7152 0.0722 0 0 0 0 0 1 0',
};

/** How long before a sign-in ends the lab warns the tester: time to finish and send. */
const WARN_BEFORE_END = 10 * 60_000;

/** What the officer would be told beside the notice, as the kiosk tells them. */
type OfficerNote = 'audioUnavailable' | 'vibrationUnsupported';

/**
 * @summary The IPAG lab at `/lab`: every notice in every format and language, tried one at a
 * time exactly as the kiosk presents it, under simulated conditions, with a text view of what a
 * screen reader would announce and, for a signed-in tester, a feedback form.
 *
 * The gallery is open to anyone; feedback needs a sign-in (the review's own form and session).
 * The notice being tried and the conditions are kept in the address, so a link shares them.
 */
export class FwLab extends LitElement {
  static override styles = labStyles;

  private readonly i18n = new I18nController(this);
  private readonly session = new SessionController(this);

  @state() private lab: LabState = readState(location.search);
  @state() private filter: { format: Format | ''; text: string; status: Status | '' } = {
    format: '',
    text: '',
    status: '',
  };
  /** Review status per locale, from the server, else from locales/index.json. */
  @state() private statuses = new Map<string, Status>(LOCALES.map((l) => [l.tag, l.status]));
  @state() private statusFallback = false;
  /** Whether the sign clip in the media manifest is the project's sample. */
  @state() private sampleClip = false;
  @state() private announcements: Announcement[] = [];
  @state() private officerNotes = new Set<OfficerNote>();
  /** The lab, or the sign-in form in its place (the form has the page's one h1 then). */
  @state() private view: 'lab' | 'sign-in' = 'lab';

  @query('fw-notice') private notice?: FwNotice;
  @query('.notice-tokens') private tokens?: HTMLElement;

  private presentation = 0;
  private readTimer?: number;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.addEventListener('fw-review-signed-in', this.onSignedIn);
    this.addEventListener('fw-lab-session-ended', this.onSessionEnded);
    void this.loadStatuses();
    loadManifest()
      .then((manifest) => (this.sampleClip = manifest.sign[BSL_TAG]?.sample ?? false))
      .catch(() => undefined);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.removeEventListener('fw-review-signed-in', this.onSignedIn);
    this.removeEventListener('fw-lab-session-ended', this.onSessionEnded);
    clearTimeout(this.readTimer);
    clearTimeout(this.expiryTimer);
    this.observer.disconnect();
    super.disconnectedCallback();
  }

  private async loadStatuses(): Promise<void> {
    try {
      const reply = await api.translations();
      const statuses = new Map(this.statuses);
      for (const row of reply) if (findLocale(row.tag)) statuses.set(row.tag, row.status);
      this.statuses = statuses;
      this.statusFallback = false;
    } catch {
      this.statusFallback = true;
    }
  }

  private readonly onPopState = () => {
    this.lab = readState(location.search);
    this.officerNotes = new Set();
  };

  private readonly onSignedIn = (event: CustomEvent<SignedInDetail>) => {
    this.session.signedIn(event.detail.session);
    void this.showLab('#feedback-heading');
  };

  /**
   * The sign-in ended while the tester was working: the form gives way to an alert saying so, and
   * focus goes to that alert rather than falling to the page's body. The answers are kept as a
   * draft (draft.ts) and come back after signing in again.
   */
  private readonly onSessionEnded = async () => {
    this.session.expired();
    await this.updateComplete;
    setFocus(this.renderRoot.querySelector<HTMLElement>('#session-ended'));
  };

  /** Signing out on purpose takes the tester's unsent answers with it. */
  private readonly signOut = async () => {
    clearDrafts();
    await this.session.signOut();
  };

  /** Sessions last a fixed 8 hours (SESSION_HOURS on the server): warn before the end. */
  private expiryTimer?: number;
  @state() private expiring = false;
  private watchedSession: unknown = undefined;

  private watchExpiry(): void {
    clearTimeout(this.expiryTimer);
    const ends = Date.parse(this.session.session?.expiresAt ?? '');
    if (this.session.state !== 'signed-in' || Number.isNaN(ends)) {
      this.expiring = false;
      return;
    }
    const due = ends - WARN_BEFORE_END - Date.now();
    this.expiring = due <= 0;
    if (due > 0) this.expiryTimer = window.setTimeout(() => this.watchExpiry(), due);
  }

  private async showLab(focus: string): Promise<void> {
    this.view = 'lab';
    await this.updateComplete;
    setFocus(this.renderRoot.querySelector<HTMLElement>(focus));
  }

  private async showSignIn(): Promise<void> {
    this.view = 'sign-in';
    await this.updateComplete;
    const form = this.renderRoot.querySelector('fw-review-sign-in');
    await form?.updateComplete;
    setFocus(form?.renderRoot.querySelector('h1'));
  }

  private setState(next: LabState, push: boolean): void {
    this.lab = next;
    const url = `${location.pathname}${writeState(next, location.search)}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  private async tryEntry(entry: Entry): Promise<void> {
    // As the kiosk does on its "Show notice" tap: a tap may start sound.
    if (!this.lab.sim.toggles.has('muted')) unlockAudio();
    this.officerNotes = new Set();
    this.announcements = [];
    this.setState({ ...this.lab, entry }, true);
    await this.updateComplete;
    setFocus(this.renderRoot.querySelector<HTMLElement>('#preview-heading'));
  }

  private setToggle(toggle: Toggle, on: boolean): void {
    const toggles = new Set(this.lab.sim.toggles);
    if (on) toggles.add(toggle);
    else toggles.delete(toggle);
    this.setSim({ ...this.lab.sim, toggles });
  }

  private setSim(sim: Simulation): void {
    this.setState({ ...this.lab, sim }, false);
  }

  protected override willUpdate(): void {
    // A new sign-in (or none): when it ends, and when to warn.
    if (this.session.session !== this.watchedSession) {
      this.watchedSession = this.session.session;
      this.watchExpiry();
    }
  }

  protected override updated(): void {
    // The reduced-motion override reaches every element inside the preview, shadow roots and all.
    if (this.tokens) setReducedMotion(this.tokens, this.lab.sim.toggles.has('still'));
    const lang = this.i18n.lang;
    // Until the lab is translated, its words are English: say so, so they are read as English.
    const own = i18n.hasResourceBundle(lang, 'lab') ? lang : SOURCE_LOCALE;
    if (this.getAttribute('lang') !== own) this.setAttribute('lang', own);
  }

  /**
   * Reads the notice as a screen reader would, and again whenever anything in it changes (its
   * strings arrive, its video loads, a button is pressed), through every shadow root in it.
   */
  private readonly observer = new MutationObserver(() => this.scheduleRead());

  private scheduleRead = () => {
    clearTimeout(this.readTimer);
    this.readTimer = window.setTimeout(() => this.readNotice(), 150);
  };

  private readNotice = () => {
    clearTimeout(this.readTimer);
    this.observer.disconnect();
    const notice = this.notice;
    this.announcements = notice ? announce(notice) : [];
    if (!notice) return;
    const options = { subtree: true, childList: true, characterData: true, attributes: true };
    this.observer.observe(notice, options);
    const watch = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        if (!el.shadowRoot) continue;
        this.observer.observe(el.shadowRoot, options);
        watch(el.shadowRoot);
      }
    };
    if (notice.shadowRoot) this.observer.observe(notice.shadowRoot, options);
    watch(notice.shadowRoot ?? notice);
  };

  // ── Words ────────────────────────────────────────────────────────────────────────────────

  private formatName(format: Format): string {
    return formatName(this.i18n.t, format);
  }

  private languageName(tag: string): LanguageName {
    return languageName(this.i18n.t, tag);
  }

  private entryName(entry: Entry) {
    return entryName(this.i18n.t, entry);
  }

  private shows(entry: Entry): boolean {
    const { format, text, status } = this.filter;
    if (format && entry.format !== format) return false;
    if (status && (entry.lang === BSL_TAG || this.statuses.get(entry.lang) !== status)) {
      return false;
    }
    const needle = text.trim().toLocaleLowerCase();
    if (!needle) return true;
    const { endonym, english } = this.languageName(entry.lang);
    return [endonym, english, entry.lang].some((s) => s.toLocaleLowerCase().includes(needle));
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const { t } = this.i18n;
    if (this.view === 'sign-in') {
      return html`<fw-review-sign-in></fw-review-sign-in>
        <p>
          <a class="back" href=${location.href} @click=${this.backToLab}
            >${t('lab:feedback.back')}</a
          >
        </p>`;
    }
    return html`
      <h1>${t('lab:title')}</h1>
      <p>${t('lab:intro')}</p>
      <ul class="links">
        <li><a href="/audit/">${t('lab:links.audit')}</a></li>
        <li><a href="/accessibility">${t('lab:links.statement')}</a></li>
      </ul>
      ${this.renderGallery()} ${this.renderPreview()} ${this.renderFeedback()} ${this.renderClips()}
      ${this.renderFilterDefs()}
    `;
  }

  private backToLab = (event: Event) => {
    event.preventDefault();
    void this.showLab('h1');
  };

  private renderGallery() {
    const { t } = this.i18n;
    const shown = ENTRIES.filter((e) => this.shows(e));
    const current = this.lab.entry;
    const set = (patch: Partial<FwLab['filter']>) => (this.filter = { ...this.filter, ...patch });
    return html`<section aria-labelledby="gallery-heading">
      <h2 id="gallery-heading">${t('lab:gallery.heading')}</h2>
      <form
        class="filters"
        role="search"
        aria-label=${t('lab:gallery.filters')}
        @submit=${(e: Event) => e.preventDefault()}
      >
        <div class="field">
          <label for="filter-format">${t('lab:gallery.format')}</label>
          <select
            id="filter-format"
            @change=${(e: Event) => set({ format: (e.target as HTMLSelectElement).value as Format })}
          >
            <option value="">${t('lab:gallery.allFormats')}</option>
            ${FORMATS.map(
              (f) =>
                html`<option value=${f} ?selected=${this.filter.format === f}>
                  ${this.formatName(f)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-text">${t('lab:gallery.language')}</label>
          <p class="hint" id="filter-text-hint">${t('lab:gallery.languageHint')}</p>
          <input
            id="filter-text"
            type="search"
            autocomplete="off"
            aria-describedby="filter-text-hint"
            .value=${this.filter.text}
            @input=${(e: Event) => set({ text: (e.target as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="filter-status">${t('lab:gallery.status')}</label>
          <select
            id="filter-status"
            @change=${(e: Event) => set({ status: (e.target as HTMLSelectElement).value as Status })}
          >
            <option value="">${t('lab:gallery.anyStatus')}</option>
            ${REVIEW_STATUSES.map(
              (s) =>
                html`<option value=${s} ?selected=${this.filter.status === s}>
                  ${t(`lab:status.${s}`)}
                </option>`,
            )}
          </select>
        </div>
      </form>
      <p role="status">${t('lab:gallery.count', { count: shown.length, total: ENTRIES.length })}</p>
      ${this.statusFallback ? html`<p class="hint">${t('lab:status.fallback')}</p>` : nothing}
      ${shown.length ? nothing : html`<p>${t('lab:gallery.none')}</p>`}
      <ul class="cards">
        ${shown.map((entry) => {
          const isCurrent = current?.format === entry.format && current.lang === entry.lang;
          const name = this.languageName(entry.lang);
          const { endonym, english } = name;
          const status = entry.lang === BSL_TAG ? undefined : this.statuses.get(entry.lang);
          return html`<li class="card ${isCurrent ? 'current' : ''}">
            <p class="format">${this.formatName(entry.format)}</p>
            <p>
              ${markEndonym(name)}${
                endonym === english ? nothing : html` <span class="english">${english}</span>`
              }
            </p>
            <p class="tags">
              ${status ? html`<span class="tag ${status}">${t(`lab:status.${status}`)}</span>` : nothing}
              ${
                entry.format === 'bsl' && this.sampleClip
                  ? html`<span class="tag">${t('lab:status.sample')}</span>`
                  : nothing
              }
              ${isCurrent ? html`<span class="tag">${t('lab:gallery.current')}</span>` : nothing}
            </p>
            <button type="button" @click=${() => this.tryEntry(entry)}>
              ${t('lab:gallery.try')}
              <span class="visually-hidden">${this.entryName(entry)}</span>
            </button>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderSimulators() {
    const { t } = this.i18n;
    const sim = this.lab.sim;
    const hints: Partial<Record<Toggle, string>> = {
      muted: t('lab:sim.mutedHint'),
      still: t('lab:sim.stillHint'),
      forced: t('lab:sim.forcedHint'),
    };
    return html`<fieldset class="simulators">
      <legend>${t('lab:sim.legend')}</legend>
      <p class="hint">${t('lab:sim.hint')}</p>
      <div class="choices">
        ${TOGGLES.map(
          (toggle) =>
            html`<div class="choice ${hints[toggle] ? 'with-hint' : ''}">
              <input
                type="checkbox"
                id="sim-${toggle}"
                name="sim"
                .value=${toggle}
                .checked=${sim.toggles.has(toggle)}
                aria-describedby=${hints[toggle] ? `sim-${toggle}-hint` : nothing}
                @change=${(e: Event) =>
                  this.setToggle(toggle, (e.target as HTMLInputElement).checked)}
              />
              <label for="sim-${toggle}">${t(`lab:sim.${toggle}`)}</label>
              ${
                hints[toggle]
                  ? html`<p class="hint" id="sim-${toggle}-hint">${hints[toggle]}</p>`
                  : nothing
              }
            </div>`,
        )}
      </div>
      <fieldset>
        <legend>${t('lab:sim.vision')}</legend>
        <div class="choices">
          ${VISIONS.map(
            (vision) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id="vision-${vision}"
                  name="vision"
                  .value=${vision}
                  .checked=${sim.vision === vision}
                  @change=${() => this.setSim({ ...sim, vision })}
                />
                <label for="vision-${vision}">${t(`lab:sim.visions.${vision}`)}</label>
              </div>`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${t('lab:sim.zoom')}</legend>
        <div class="choices inline">
          ${ZOOMS.map(
            (zoom: Zoom) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id="zoom-${zoom}"
                  name="zoom"
                  .value=${zoom}
                  .checked=${sim.zoom === zoom}
                  @change=${() => this.setSim({ ...sim, zoom })}
                />
                <label for="zoom-${zoom}">${t(`lab:sim.zooms.${zoom}`)}</label>
              </div>`,
          )}
        </div>
      </fieldset>
    </fieldset>`;
  }

  private renderPreview() {
    const { t } = this.i18n;
    const entry = this.lab.entry;
    const sim = this.lab.sim ?? NO_SIMULATION;
    const on = (toggle: Toggle) => sim.toggles.has(toggle);
    return html`<section class="preview-panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">
        ${
          entry
            ? withNotice(t, 'lab:preview.heading', this.entryName(entry))
            : t('lab:preview.headingEmpty')
        }
      </h2>
      ${
        entry
          ? html`<p>${t('lab:preview.about')}</p>
              ${
                entry.format === 'bsl' && this.sampleClip
                  ? html`<p class="message">${t('lab:preview.sampleClip')}</p>`
                  : nothing
              }`
          : html`<p>${t('lab:preview.empty')}</p>`
      }
      ${this.renderSimulators()}
      <div
        class="stage"
        role="region"
        tabindex="0"
        aria-label=${t('lab:preview.stage')}
        data-testid="stage"
      >
        <div
          class="frame ${on('phone') ? 'sim-phone' : ''}"
          tabindex=${on('phone') ? '0' : nothing}
          data-testid="frame"
        >
          <div class="zoom zoom-${sim.zoom}" data-testid="zoom">
            <div class="vision vision-${sim.vision}" data-testid="vision">
              <div class="blur ${on('blur') ? 'sim-blur' : ''}" data-testid="blur">
                <div class="notice-tokens ${on('forced') ? 'sim-forced' : ''}" data-testid="tokens">
                  ${entry ? this.renderNotice(entry, on('muted')) : nothing}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      ${
        this.officerNotes.size
          ? html`<ul class="officer-notes">
              ${[...this.officerNotes].map((note) => html`<li>${t(`lab:preview.${note}`)}</li>`)}
            </ul>`
          : nothing
      }
      ${entry ? this.renderAnnouncements() : nothing}
    </section>`;
  }

  /** The notice as the kiosk presents it: the same element, language and formats. */
  private renderNotice(entry: Entry, muted: boolean) {
    const id = `${entry.format} ${entry.lang} ${this.presentation}`;
    // Only the heading level differs from the kiosk's: here the notice sits under the preview's h2.
    return keyed(
      id,
      html`<fw-notice
        heading-level="3"
        lang=${presentLang(entry)}
        .formats=${[entry.format]}
        ?muted=${muted}
        @fw-notice-shown=${this.readNotice}
        @fw-audio-cue-unavailable=${() => this.addNote('audioUnavailable')}
        @fw-haptic-cue-unsupported=${() => this.addNote('vibrationUnsupported')}
      ></fw-notice>`,
    );
  }

  private addNote(note: OfficerNote): void {
    this.officerNotes = new Set([...this.officerNotes, note]);
  }

  private renderAnnouncements() {
    const { t } = this.i18n;
    const describe = (a: Announcement) => {
      const role = a.level ? t('lab:sr.level', { role: a.role, level: a.level }) : a.role;
      const states = [
        a.pressed === undefined ? '' : a.pressed ? t('lab:sr.pressed') : t('lab:sr.notPressed'),
        a.disabled ? t('lab:sr.disabled') : '',
      ].filter(Boolean);
      return html`<li>
        <span class="role">${role}</span>${a.name ? ': ' : ''}<span
          lang=${a.lang || nothing}
          dir="auto"
          >${a.name}</span
        >${states.length ? ` (${states.join(', ')})` : ''}
      </li>`;
    };
    return html`<section aria-labelledby="sr-heading">
      <h3 id="sr-heading">${t('lab:sr.heading')}</h3>
      <p class="hint">${t('lab:sr.hint')}</p>
      ${
        this.announcements.length
          ? html`<ol class="announce" data-testid="announce">
              ${this.announcements.map(describe)}
            </ol>`
          : html`<p>${t('lab:sr.empty')}</p>`
      }
      <p><button type="button" @click=${this.readNotice}>${t('lab:sr.refresh')}</button></p>
    </section>`;
  }

  private renderFeedback() {
    const { t } = this.i18n;
    const entry = this.lab.entry;
    const session = this.session;
    let body: unknown;
    if (!entry) body = html`<p>${t('lab:feedback.none')}</p>`;
    else if (session.state === 'checking')
      body = html`<p role="status">${t('lab:feedback.checking')}</p>`;
    else if (session.state === 'unavailable')
      body = html`<p class="message problem">${t('lab:feedback.unavailable')}</p>`;
    else if (session.state === 'signed-out') {
      body = html`${
          session.reason === 'expired'
            ? html`<div class="message problem" role="alert" id="session-ended">
                <p>${t('lab:feedback.expired')}</p>
                <p>${t('lab:feedback.draftKept')}</p>
              </div>`
            : nothing
        }
        <p>${t('lab:feedback.signInBody')}</p>
        <p>
          <button type="button" class="primary" @click=${this.showSignIn}>
            ${t('lab:feedback.signIn')}
          </button>
        </p>`;
    } else {
      const user = session.session!.user;
      const ends = session.session!.expiresAt;
      body = html`${
          this.expiring && ends
            ? html`<p class="message" role="alert" id="session-ending">
                ${t('lab:feedback.expiring', {
                  time: new Intl.DateTimeFormat(this.i18n.lang, { timeStyle: 'short' }).format(
                    new Date(ends),
                  ),
                })}
              </p>`
            : nothing
        }
        <p class="hint">
          ${t('review:nav.signedInAs', { username: user.username, role: t(`review:roles.${user.role}`) })}
          <button type="button" @click=${this.signOut}>${t('review:nav.signOut')}</button>
        </p>
        <fw-lab-feedback format=${entry.format} notice-lang=${entry.lang}></fw-lab-feedback>`;
    }
    return html`<section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">${t('lab:feedback.heading')}</h2>
      ${body}
    </section>`;
  }

  /** For those who may approve content: the sign-language clips waiting for review. */
  private renderClips() {
    const user = this.session.session?.user;
    if (this.session.state !== 'signed-in' || !can(user?.role, 'approveContent')) return nothing;
    return html`<section aria-labelledby="clips-heading">
      <h2 id="clips-heading">${this.i18n.t('lab:clips.heading')}</h2>
      <fw-lab-clips .user=${user}></fw-lab-clips>
    </section>`;
  }

  private renderFilterDefs() {
    return html`<svg class="filters-defs" aria-hidden="true" focusable="false">
      <defs>
        ${Object.entries(MATRICES).map(
          ([name, values]) =>
            svg`<filter id="fw-lab-${name}" color-interpolation-filters="linearRGB">
              <feColorMatrix type="matrix" values=${values}></feColorMatrix>
            </filter>`,
        )}
      </defs>
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-lab': FwLab;
  }
}
