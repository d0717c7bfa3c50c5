import { LitElement, css, html, nothing } from 'lit';
import { baseStyles } from '../../components/shared/styles.js';
import { I18nController } from '../i18n/controller.js';

/** The site's sections, in the order the header lists them. */
const SECTIONS = [
  { href: '/review', key: 'kiosk:site.review' },
  { href: '/review/content', key: 'kiosk:site.content' },
  { href: '/lab', key: 'kiosk:site.lab' },
  { href: '/accessibility', key: 'kiosk:site.statement' },
] as const;

/**
 * The header of the desktop pages (/review, its report, /lab and /accessibility), GOV.UK's way:
 * the site's name and a navigation of its sections, before the page's `<main>`, so it is the
 * page's banner landmark and the skip link passes it. The app shell (src/app/main.ts) puts it in
 * place; the kiosk has none, as a person at scene needs the notice and nothing else.
 *
 * @summary The site's banner: its name and its sections.
 */
export class FwSiteHeader extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--fw-color-primary-bg, #1d2a44);
        color: var(--fw-color-primary-text, #ffffff);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0 2rem;
        align-items: center;
        padding: 0.25rem clamp(0.75rem, 3vw, 2rem);
      }
      .name {
        margin: 0;
        font-size: 1.25rem;
        font-weight: 700;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: inline-flex;
        align-items: center;
        min-block-size: 44px;
        color: inherit;
        text-decoration-thickness: max(1px, 0.0625rem);
        text-underline-offset: 0.15em;
      }
      a:hover,
      a[aria-current='page'] {
        text-decoration-thickness: max(3px, 0.1875rem);
      }
      a[aria-current='page'] {
        font-weight: 700;
      }
      a:focus-visible {
        outline: 3px solid transparent;
        background: var(--fw-color-focus, #ffdd00);
        color: #0b0c0c;
        box-shadow: 0 4px #0b0c0c;
        text-decoration: none;
      }
      @media (forced-colors: active) {
        :host {
          border-block-end: 2px solid CanvasText;
        }
        a:focus-visible {
          outline: 3px solid Highlight;
        }
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  private readonly i18n = new I18nController(this);

  protected override render() {
    const { t } = this.i18n;
    const path = location.pathname.replace(/\/+$/, '');
    // The section this page is in: the longest whose address is the path or starts it, so the
    // content library (/review/content) is its own section, not the review's.
    const current = SECTIONS.filter(
      ({ href }) => path === href || path.startsWith(`${href}/`),
    ).sort((a, b) => b.href.length - a.href.length)[0]?.href;
    return html`<header>
      <p class="name">${t('kiosk:appName')}</p>
      <nav>
        <ul>
          ${SECTIONS.map(
            ({ href, key }) =>
              html`<li>
                <a
                  href=${href}
                  aria-current=${href !== current ? nothing : path === href ? 'page' : 'true'}
                  >${t(key)}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-site-header': FwSiteHeader;
  }
}
