import { i18n, rememberedLocale, useLocale } from '../i18n/i18n.js';
import './strings.js';
import { applyTheme, storedTheme } from './theme.js';

/**
 * Each view is its own chunk, so the kiosk never loads the review or the lab. The desktop pages
 * (every view but the kiosk's) have the site's header (`fw-site-header`, which their chunks
 * register) before `<main>`, so it is the page's banner; the kiosk has none.
 */
const VIEWS: Record<string, { tag: string; load: () => Promise<unknown> }> = {
  '/': { tag: 'fw-kiosk', load: () => import('../kiosk/define.js') },
  // The review, its report, the content library and the audit log share one chunk, with Observable Plot in it.
  '/review': { tag: 'fw-review', load: () => import('../review/define.js') },
  '/review/report': { tag: 'fw-review-report', load: () => import('../review/define.js') },
  '/review/content': {
    tag: 'fw-review-library',
    load: () => import('../review/define.js'),
  },
  '/review/audit': { tag: 'fw-review-audit', load: () => import('../review/define.js') },
  '/lab': { tag: 'fw-lab', load: () => import('../lab/define.js') },
  '/accessibility': {
    tag: 'fw-accessibility-statement',
    load: () => import('../accessibility/define.js'),
  },
};

const skipLink = document.querySelector<HTMLAnchorElement>('.skip-link');
const main = document.getElementById('main') as HTMLElement;

function translateShell(): void {
  if (skipLink) skipLink.textContent = i18n.t('kiosk:skipLink');
  document.title = i18n.t('kiosk:appName');
}

/** A page in place of a view: a heading, perhaps a line, and the way back to the kiosk. */
function renderMessage(...keys: string[]): void {
  const say = (tag: string, key: string) => {
    const element = document.createElement(tag);
    element.textContent = i18n.t(key);
    return element;
  };
  const link = say('a', 'kiosk:notFound.home') as HTMLAnchorElement;
  link.href = '/';
  main.classList.add('not-found');
  main.replaceChildren(...keys.map((key, i) => say(i ? 'p' : 'h1', key)), link);
}

async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const workbox = new Workbox('/sw.js');
  // A waiting update is announced on the page; the kiosk offers it to the officer.
  workbox.addEventListener('waiting', () => {
    window.dispatchEvent(
      new CustomEvent('fw-app-update', { detail: { apply: () => workbox.messageSkipWaiting() } }),
    );
  });
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) location.reload();
  });
  await workbox.register();
}

async function start(): Promise<void> {
  applyTheme(storedTheme());
  const requested = new URLSearchParams(location.search).get('lang');
  await useLocale(requested ?? rememberedLocale() ?? document.documentElement.lang);
  translateShell();
  i18n.on('languageChanged', translateShell);

  const view = VIEWS[location.pathname.replace(/\/+$/, '') || '/'];
  if (!view) {
    renderMessage('kiosk:notFound.heading', 'kiosk:notFound.body');
  } else {
    try {
      await view.load();
      // The shell starts once, so the header goes in once.
      if (view.tag !== 'fw-kiosk') main.before(document.createElement('fw-site-header'));
      main.replaceChildren(document.createElement(view.tag));
    } catch (error) {
      // The review and the lab are not precached (they need the server): offline, say so.
      // navigator.onLine cannot say (it is true after an offline reload on Chromium 150, and
      // behind a captive portal); whether the server answers can.
      const { serverAnswers } = await import('./connectivity.js');
      if (await serverAnswers()) throw error;
      renderMessage('kiosk:offline');
    }
  }
  // Register after the page has loaded, so precaching never competes with the first paint.
  if (document.readyState === 'complete') void registerServiceWorker();
  else window.addEventListener('load', () => void registerServiceWorker(), { once: true });
}

void start();
