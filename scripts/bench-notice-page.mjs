// The kiosk beside a GOV.UK Frontend page showing the same recording notice, in the same run:
// the bytes each needs to paint and in all, and the time to first contentful paint. Both are
// first visits (no service worker, nothing cached), served by the same static server (text
// gzipped) on the same emulated device. Used by `npm run bench`; it measures and asserts nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from './lib/setup.mjs';
import { DEVICE, emulateDevice, reportPaints, reported } from './lib/emulate.mjs';
import { kB } from './lib/bundle.mjs';
import { serveStatic } from './lib/static-server.mjs';
import { percentile, summary } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
/** The first run's screenshots, for a person to check that both pages show the notice. */
const SHOTS = join(root, 'node_modules', '.cache', 'bench-notice-page');

/** The GOV.UK page: ours, with the header and footer the package renders in its own examples. */
function govukPage() {
  const packageJson = require.resolve('govuk-frontend/package.json');
  const govuk = join(dirname(packageJson), 'dist', 'govuk');
  const example = (component) =>
    readFileSync(join(govuk, 'components', component, 'template-default.html'), 'utf8').trim();
  const dir = mkdtempSync(join(tmpdir(), 'forewarn-govuk-'));
  writeFileSync(
    join(dir, 'index.html'),
    readFileSync(join(root, 'bench', 'govuk', 'notice.html'), 'utf8')
      .replace('{{header}}', example('header'))
      .replace('{{footer}}', example('footer')),
  );
  return {
    dir,
    version: JSON.parse(readFileSync(packageJson, 'utf8')).version,
    mounts: { '/': dir, '/govuk/': govuk, '/assets/': join(govuk, 'assets') },
  };
}

/**
 * What the page has loaded: encoded (gzip, as sent) body bytes of the document and of each
 * resource, those finished by first contentful paint, and all of them.
 */
function pageBytes() {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ];
  const sum = (list) => list.reduce((total, e) => total + e.encodedBodySize, 0);
  return {
    fcp,
    beforePaint: sum(entries.filter((e) => e.responseEnd <= fcp)),
    all: sum(entries),
    requests: entries.length,
  };
}

/** @param {Record<string, number>[]} list @param {string} key */
const median = (list, key) =>
  percentile(
    list.map((sample) => sample[key]),
    50,
  );

/** Resolves once the page has started no new fetch for a second. */
function quiet() {
  return new Promise((resolve) => {
    let seen = -1;
    const check = () => {
      const count = performance.getEntriesByType('resource').length;
      if (count === seen) resolve(undefined);
      else setTimeout(check, 1000, (seen = count));
    };
    check();
  });
}

/**
 * @param {{ browser: import('playwright').Browser, log: (message: string) => void, runs?: number }} options
 */
export async function benchNoticePages({ browser, log, runs = 10 }) {
  mkdirSync(SHOTS, { recursive: true });
  const govuk = govukPage();
  const kioskServer = await serveStatic({ '/': join(root, 'dist') }, { fallback: '/index.html' });
  const govukServer = await serveStatic(govuk.mounts);
  const samples = { kiosk: [], govuk: [] };
  try {
    for (let run = 0; run < runs; run++) {
      for (const [key, url] of [
        ['kiosk', kioskServer.url],
        ['govuk', govukServer.url],
      ]) {
        const context = await browser.newContext({
          viewport: { width: 1024, height: 768 },
          serviceWorkers: 'block',
        });
        await context.addInitScript(reportPaints);
        const page = await context.newPage();
        await emulateDevice(context, page);
        const painted = reported(page, 'fcp');
        await page.goto(`${url}/`);
        await painted;
        const sample = {};
        if (key === 'kiosk') {
          // The kiosk shows its home screen first: the notice is one tap away, by design.
          const shown = reported(page, 'notice');
          await page.getByRole('button', { name: 'Show notice' }).click();
          sample.noticeShown = await shown;
        }
        // Everything the page goes on to fetch by itself (the kiosk warms its notice after paint).
        // (Not Playwright's networkidle: Tone.js's worklet is a blob: URL that never "finishes".)
        await page.evaluate(quiet);
        Object.assign(sample, await page.evaluate(pageBytes));
        if (run === 0) await page.screenshot({ path: join(SHOTS, `${key}.png`) });
        samples[key].push(sample);
        await context.close();
      }
      log(`  notice pages: run ${run + 1} of ${runs}`);
    }
  } finally {
    await kioskServer.close();
    await govukServer.close();
    rmSync(govuk.dir, { recursive: true, force: true });
  }
  const figures = (list) => ({
    firstContentfulPaintMs: summary(list.map((s) => s.fcp)),
    // Medians: what finishes before the paint varies a little from run to run (web fonts).
    bytesBeforePaint: median(list, 'beforePaint'),
    bytesInAll: median(list, 'all'),
    requests: median(list, 'requests'),
  });
  const kiosk = figures(samples.kiosk);
  return {
    device: DEVICE.label,
    runs,
    kiosk: { ...kiosk, noticeShownMs: summary(samples.kiosk.map((s) => s.noticeShown)) },
    govuk: { version: govuk.version, ...figures(samples.govuk) },
  };
}

/** @param {Awaited<ReturnType<typeof benchNoticePages>>} result markdown lines for bench/results.md */
export function noticePageRows({ device, runs, kiosk, govuk }) {
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  return [
    `## The kiosk beside a GOV.UK Frontend page with the same notice`,
    '',
    `First visits, nothing cached, ${runs} runs each, interleaved; ${device}. Bytes are gzip as sent. The GOV.UK page (GOV.UK Frontend ${govuk.version}, its precompiled CSS and JavaScript and its page template) shows the notice as soon as it paints; the kiosk paints its home screen, and shows the notice one tap later.`,
    '',
    '| page | bytes to first paint | bytes in all | requests | first contentful paint p50 (p95) |',
    '|---|---|---|---|---|',
    `| Forewarn kiosk | ${kB(kiosk.bytesBeforePaint)} | ${kB(kiosk.bytesInAll)} (its notice warmed after paint) | ${kiosk.requests} | ${kiosk.firstContentfulPaintMs.p50} ms (${kiosk.firstContentfulPaintMs.p95} ms) |`,
    `| GOV.UK Frontend | ${kB(govuk.bytesBeforePaint)} | ${kB(govuk.bytesInAll)} | ${govuk.requests} | ${govuk.firstContentfulPaintMs.p50} ms (${govuk.firstContentfulPaintMs.p95} ms) |`,
    `| kiosk ÷ GOV.UK | ${ratio(kiosk.bytesBeforePaint, govuk.bytesBeforePaint)} | ${ratio(kiosk.bytesInAll, govuk.bytesInAll)} | | ${ratio(kiosk.firstContentfulPaintMs.p50, govuk.firstContentfulPaintMs.p50)} |`,
    '',
    `On the kiosk, navigation → notice painted with a tap the moment its button answers: p50 ${kiosk.noticeShownMs.p50} ms, p95 ${kiosk.noticeShownMs.p95} ms.`,
    '',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright');
  const { chromiumLaunchOptions } = await import('./lib/chromium.mjs');
  const browser = await chromium.launch(chromiumLaunchOptions());
  const result = await benchNoticePages({
    browser,
    log: (m) => process.stderr.write(`${m}\n`),
    runs: Number(process.env.BENCH_NOTICE_RUNS || 10),
  });
  await browser.close();
  console.log(JSON.stringify(result, null, 2));
  process.stderr.write(noticePageRows(result).join('\n'));
}
