import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../components/shared/styles.js';
import { I18nController } from '../i18n/controller.js';
import { i18n } from '../i18n/i18n.js';
import { LOCALES, SOURCE_LOCALE } from '../i18n/locales.js';
import {
  accessibilityContact,
  latestAudit,
  type AccessibilityContact,
  type AuditRun,
} from './audit.js';
import { statedProblems, type StatedProblem } from './problems.js';
import './strings.js';

/** How many of the latest run's problems the statement lists; the audit report has the rest. */
const LISTED = 10;

/**
 * The accessibility statement, on GOV.UK's model statement for the Public Sector Bodies
 * Accessibility Regulations 2018. Its figures come from the latest conformance run
 * (/audit/latest.json) and its contact details from the force's /config.json; neither is kept
 * by hand here.
 */
export class FwAccessibilityStatement extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-inline-size: 44rem;
        margin-inline: auto;
        padding: 1rem clamp(0.75rem, 3vw, 2rem) 3rem;
        font-size: 1.1875rem;
      }
      h1,
      h2,
      h3 {
        line-height: 1.2;
        overflow-wrap: anywhere;
      }
      h1 {
        font-size: clamp(2rem, 1.6rem + 1.5vw, 2.75rem);
      }
      h2 {
        margin-block-start: 2.5rem;
      }
      p,
      li {
        overflow-wrap: anywhere;
      }
      a {
        color: var(--fw-color-primary-bg, #1d2a44);
        text-decoration-thickness: 0.1em;
        text-underline-offset: 0.15em;
      }
    `,
  ];

  private readonly i18n = new I18nController(this);
  @state() private run: AuditRun | null | undefined;
  @state() private contact: AccessibilityContact | null | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void latestAudit().then((run) => (this.run = run));
    void accessibilityContact().then((contact) => (this.contact = contact));
  }

  /** The statement is English until it is translated: say so to assistive technology. */
  private get contentLang(): string {
    const lang = i18n.language;
    return i18n.hasResourceBundle(lang, 'accessibility') ? lang : SOURCE_LOCALE;
  }

  protected override render() {
    const t = (key: string, options?: Record<string, unknown>) =>
      this.i18n.t(`accessibility:${key}`, options);
    const lang = this.contentLang;
    return html`<article lang=${lang} dir=${lang === SOURCE_LOCALE ? 'ltr' : nothing}>
      <h1>${t('title')}</h1>
      <p>${t('intro.covers')}</p>
      <p>${t('intro.runBy')}</p>
      <ul>
        <li>${t('intro.colours')}</li>
        <li>${t('intro.zoom')}</li>
        <li>${t('intro.keyboard')}</li>
        <li>${t('intro.speech')}</li>
        <li>${t('intro.screenReader')}</li>
        <li>${t('intro.formats', { count: LOCALES.length })}</li>
      </ul>
      <p>${t('intro.simple')}</p>
      <p><a href="https://mcmw.abilitynet.org.uk/">${t('intro.abilityNet')}</a></p>

      <h2>${t('how.heading')}</h2>
      <p>${t('how.body')}</p>
      <ul>
        <li>${t('how.translations')}</li>
        <li>${t('how.bsl')}</li>
        <li>${t('how.charts')}</li>
        <li>${t('how.simulators')}</li>
      </ul>

      <h2>${t('contact.heading')}</h2>
      ${this.renderContact(t)}

      <h2>${t('reporting.heading')}</h2>
      <p>${t('reporting.body')}</p>

      <h2>${t('enforcement.heading')}</h2>
      <p>${t('enforcement.body')}</p>
      <p>${t('enforcement.eass')}</p>
      <p>
        <a href="https://www.equalityadvisoryservice.com/">${t('enforcement.eassLink')}</a>
      </p>

      <h2>${t('technical.heading')}</h2>
      <p>${t('technical.body')}</p>
      <h3>${t('compliance.heading')}</h3>
      <p>${t('compliance.partial')}</p>
      ${this.run ? html`<p>${this.problems(this.run) ? t('compliance.found', { count: this.problems(this.run) }) : t('compliance.clean')}</p>` : nothing}

      <h2>${t('nonAccessible.heading')}</h2>
      <p>${t('nonAccessible.body')}</p>
      <h3>${t('nonAccessible.nonCompliance')}</h3>
      ${this.renderFound(t)}
      <h3>${t('nonAccessible.limits')}</h3>
      <p>${t('nonAccessible.translations')}</p>
      <p>${t('nonAccessible.bsl')}</p>
      <p>${t('nonAccessible.charts')}</p>
      <p>${t('nonAccessible.simulators')}</p>

      <h2>${t('improving.heading')}</h2>
      <p>${t('improving.body')}</p>

      <h2>${t('preparation.heading')}</h2>
      ${this.renderRun(t)}
    </article>`;
  }

  private problems(run: AuditRun): number {
    return statedProblems(run).length;
  }

  private renderContact(t: (key: string, options?: Record<string, unknown>) => string) {
    const contact = this.contact;
    if (contact === undefined) return nothing;
    if (!contact) return html`<p>${t('contact.missing')}</p>`;
    return html`<p>${t('contact.body')}</p>
      <ul>
        ${
          contact.email
            ? html`<li>
                ${t('contact.email')}: <a href="mailto:${contact.email}">${contact.email}</a>
              </li>`
            : nothing
        }
        ${contact.phone ? html`<li>${t('contact.phone')}: ${contact.phone}</li>` : nothing}
      </ul>
      <p>
        ${
          contact.replyDays
            ? t('contact.reply', { days: contact.replyDays })
            : t('contact.replyDefault')
        }
      </p>`;
  }

  private renderFound(t: (key: string, options?: Record<string, unknown>) => string) {
    const run = this.run;
    // Without a recorded run there is nothing to claim either way: never "no failures".
    if (run === undefined) return html`<p role="status">${t('preparation.loading')}</p>`;
    if (!run) return html`<p>${t('preparation.noRun')}</p>`;
    const problems = statedProblems(run);
    if (!problems.length) return html`<p>${t('nonAccessible.noneFound')}</p>`;
    // The descriptions are English (problems.ts): marked so on a page in another language.
    const english = this.contentLang === SOURCE_LOCALE ? nothing : SOURCE_LOCALE;
    return html`<ul class="problems" lang=${english} dir=${english === nothing ? nothing : 'ltr'}>
        ${problems.slice(0, LISTED).map((problem) => this.renderProblem(problem))}
      </ul>
      ${
        problems.length > LISTED
          ? html`<p>${t('nonAccessible.more', { count: problems.length - LISTED })}</p>`
          : nothing
      }`;
  }

  /** One problem: what a person meets, the criterion it fails, where, and when it is fixed. */
  private renderProblem(problem: StatedProblem) {
    const list = (items: string[]) => new Intl.ListFormat('en-GB').format(items);
    const fixBy = problem.fixBy
      ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${problem.fixBy}T00:00:00Z`),
        )
      : '';
    return html`<li>
      <p>${problem.text}</p>
      <p>WCAG 2.2 success criterion: ${problem.criteria}.</p>
      ${
        problem.pages.length
          ? html`<p>
              Found on
              ${list(problem.pages)}${
                problem.themes.length
                  ? `, in the ${list(problem.themes)} ${problem.themes.length > 1 ? 'themes' : 'theme'}`
                  : ''
              }.
            </p>`
          : nothing
      }
      <p>
        ${fixBy ? `We plan to fix this by ${fixBy}.` : 'When it will be fixed: not yet planned.'}
      </p>
    </li>`;
  }

  private renderRun(t: (key: string, options?: Record<string, unknown>) => string) {
    const run = this.run;
    if (run === undefined) return html`<p data-audit role="status">${t('preparation.loading')}</p>`;
    const tested = html`<h3>${t('preparation.tested')}</h3>`;
    if (!run) {
      return html`<p data-audit>${t('preparation.noRun')}</p>
        ${tested}
        <p>${t('preparation.checks')}</p>
        <p>${t('preparation.ipag')}</p>`;
    }
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(
      new Date(run.ranAt),
    );
    const { sweep, axe, checks } = run;
    return html`<p data-audit>
        ${t('preparation.prepared', { date, commit: run.commit.slice(0, 12) })}
      </p>
      ${tested}
      <p>
        ${t('preparation.automated', {
          pages: sweep.pages.length,
          locales: sweep.locales.length,
          themes: sweep.themes.length,
          cells: sweep.cells,
        })}
      </p>
      <p>${t('preparation.checks')}</p>
      <p>
        ${t('preparation.result', {
          passed: axe.passed,
          total: axe.cells,
          checksPassed: checks.filter((c) => c.passed).length,
          checks: checks.length,
        })}
      </p>
      <p>${t('preparation.ipag')}</p>
      <p><a href="/audit/">${t('preparation.report')}</a></p>`;
  }
}
