import { html } from 'lit';
import { ReviewPage } from './page.js';
import { pageStyles } from './page.styles.js';

/**
 * The security audit log at `/review/audit`, for administrators: sign-ins (and failed ones),
 * sign-outs, enrolment codes, devices enrolled and revoked, imports, retention, content reviews
 * and account changes, a page at a time with filters. `npm run admin -- audit` reads it too.
 *
 * @summary The security audit log, for administrators.
 */
export class FwReviewAudit extends ReviewPage<true> {
  static override styles = [pageStyles];

  protected readonly permission = 'administer' as const;

  /** The log element reads its own pages; there is nothing else to load. */
  protected fetchData(): Promise<true> {
    return Promise.resolve(true);
  }

  protected override render() {
    const { t } = this.i18n;
    return html`${this.renderBar()}
      <div class="page">
        ${this.renderGate(
          () =>
            html`<h1>${t('review:audit.heading')}</h1>
              <p>${t('review:audit.intro')}</p>
              <p><a href="/review">${t('review:audit.back')}</a></p>
              <fw-review-log log="audit"></fw-review-log>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-review-audit': FwReviewAudit;
  }
}
