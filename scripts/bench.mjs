// `npm run bench`: measures the performance budgets in DESIGN.md and prints one JSON object.
// A benchmark measures; it asserts nothing. Results also go to bench/results.md.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { ensureBuild, ensureDependencies, root } from './lib/setup.mjs';
import { chromiumLaunchOptions } from './lib/chromium.mjs';
import {
  DEVICE,
  MID_TIER_INDEX,
  calibrate,
  emulateDevice,
  reportPaints,
  reported,
} from './lib/emulate.mjs';
import { firstPaintFiles, gzipBytes, kB, precacheFiles } from './lib/bundle.mjs';
import { summary } from './lib/stats.mjs';
import { benchNoticePages, noticePageRows } from './bench-notice-page.mjs';
import { benchPlayers, playerRows } from './bench-players.mjs';

ensureDependencies();
ensureBuild();

const dist = join(root, 'dist');
// The real server, on a throwaway in-memory store. tsx exists only after ensureDependencies.
const { register } = await import('tsx/esm/api');
register();
const { buildApp } = await import('../src/server/app.ts');
const { openStore } = await import('../src/server/db/index.ts');
const pageStore = await openStore(':memory:');
const server = await buildApp({ db: pageStore.db, dist });
const base = await server.listen({ host: '127.0.0.1', port: 0 });

const CPU_SLOWDOWN = DEVICE.cpuSlowdown;
const RUNS = Number(process.env.BENCH_RUNS || 40);

function log(message) {
  process.stderr.write(`${message}\n`);
}

const browser = await chromium.launch(chromiumLaunchOptions());

/** Opens the kiosk with the CPU slowed `cpu`×, and listens for taps and painted notices. */
async function openKiosk(cpu) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__bench = { taps: [], shown: [] };
    document.addEventListener('pointerdown', (e) => window.__bench.taps.push(e.timeStamp), true);
    document.addEventListener(
      'fw-notice-shown',
      () => window.__bench.shown.push(performance.now()),
      true,
    );
  });
  // The app's own server on loopback: the CPU is slowed; the network is not the point here.
  await emulateDevice(context, page, { network: false, cpu });
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Show notice' }).waitFor();
  // Let idle-time warming (Tone.js, the media manifest) finish, as it would on a real device.
  await page.waitForTimeout(2500);
  return { context, page };
}

async function endNotice(page) {
  await page.getByRole('button', { name: 'Officer: end notice' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End notice' }).click();
  await page.getByRole('button', { name: 'Show notice' }).waitFor();
  // An officer's next tap comes seconds later, not while the home screen is still settling.
  await page.waitForTimeout(500);
}

async function tapToNoticePainted(cpu) {
  const { context, page } = await openKiosk(cpu);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => ((window.__bench.taps = []), (window.__bench.shown = [])));
    await page.getByRole('button', { name: 'Show notice' }).click();
    await page.waitForFunction(() => window.__bench.shown.length > 0);
    samples.push(await page.evaluate(() => window.__bench.shown[0] - window.__bench.taps[0]));
    await endNotice(page);
  }
  await context.close();
  return summary(samples);
}

async function tapToFirstAudioScheduled(cpu) {
  const { context, page } = await openKiosk(cpu);
  await page.getByRole('button', { name: 'Audio', exact: true }).click();
  const samples = [];
  for (let i = 0; i < Math.ceil(RUNS / 2); i++) {
    await page.evaluate(() => {
      window.__bench.taps = [];
      performance.clearMarks('fw-earcon-scheduled');
    });
    await page.getByRole('button', { name: 'Show notice' }).click();
    await page.waitForFunction(
      () => performance.getEntriesByName('fw-earcon-scheduled').length > 0,
    );
    samples.push(
      await page.evaluate(
        () =>
          performance.getEntriesByName('fw-earcon-scheduled')[0].startTime - window.__bench.taps[0],
      ),
    );
    await endNotice(page);
    // Keep the format chosen for the next run: ending a notice resets the choice.
    await page.getByRole('button', { name: 'Audio', exact: true }).click();
  }
  await context.close();
  return summary(samples);
}

/** Log appends through the kiosk, as the officer makes them: "Notice not possible", one tap each. */
async function logAppend() {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Show notice' }).waitFor();
  for (let i = 0; i < RUNS; i++) {
    await page.getByRole('button', { name: 'Notice not possible' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Person left' }).click();
    await page.waitForFunction((n) => performance.getEntriesByName('fw-log-append').length > n, i);
  }
  // The first append also makes the device's key; it is reported, not hidden, in max.
  const samples = await page.evaluate(() =>
    performance.getEntriesByName('fw-log-append').map((entry) => entry.duration),
  );
  await context.close();
  return summary(samples);
}

/**
 * A repeat visit with no network: the service worker has precached the app on a first visit, the
 * device goes offline, and each run navigates the tab to the kiosk afresh. Timed from navigation
 * start to the first contentful paint, which for the kiosk is its home screen, rendered with its
 * buttons' handlers in the same task: from then a tap is answered. CPU slowed `cpu`×.
 */
async function repeatVisitOffline(cpu) {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    serviceWorkers: 'allow',
  });
  await context.addInitScript(reportPaints);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  // Controlled means installed, and installed means precached: Workbox fetches every file first.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await context.setOffline(true);
  await emulateDevice(context, page, { network: false, cpu });
  const samples = [];
  for (let i = 0; i < Math.ceil(RUNS / 2); i++) {
    const painted = reported(page, 'fcp');
    await page.goto(`${base}/`);
    samples.push(await painted);
  }
  await context.close();
  return summary(samples);
}

/** Figures measured in Node by a TypeScript script of their own; it prints one JSON line. */
function nodeBench(script) {
  const result = spawnSync('node', ['--import', 'tsx', script], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${script} failed with exit code ${result.status}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const started = Date.now();
log('• kiosk JavaScript before first paint…');
const { js } = firstPaintFiles(dist);
const firstPaintGzip = js.reduce((sum, file) => sum + gzipBytes(join(dist, file)), 0);
const precached = precacheFiles(dist);
const precache = {
  entries: precached.length,
  bytes: precached.reduce((sum, f) => sum + f.bytes, 0),
  gzip: precached.reduce((sum, f) => sum + f.gzip, 0),
  largest: precached
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5)
    .map(({ url, gzip }) => ({ url, gzip })),
};
log('• calibrating: what the slowed CPU means on this machine…');
const cpu = await calibrate(browser);
const midTier = cpu.midTierSlowdown;
log(
  `  BenchmarkIndex ${cpu.host} at full speed, ${cpu.emulated} slowed ${CPU_SLOWDOWN}×; a mid-tier phone (${MID_TIER_INDEX}) is ${midTier}×`,
);
/** A figure on the emulated device (the budget's 4×) and on a calibrated mid-tier phone. */
async function onBothDevices(label, measure) {
  log(`• ${label}, ${CPU_SLOWDOWN}× and ${midTier}× CPU slow-down…`);
  return { ...(await measure(CPU_SLOWDOWN)), midTier: await measure(midTier) };
}
const painted = await onBothDevices(`tap → notice painted (${RUNS} runs)`, tapToNoticePainted);
const audio = await onBothDevices(
  `tap → first audio scheduled (${Math.ceil(RUNS / 2)} runs)`,
  tapToFirstAudioScheduled,
);
const offline = await onBothDevices(
  `repeat visit offline, navigation → home screen painted (${Math.ceil(RUNS / 2)} runs)`,
  repeatVisitOffline,
);
log(`• log append (${RUNS} runs, strict durability, chained and signed)…`);
const append = await logAppend();
log('• the sign-video player beside video.js, Plyr and media-chrome…');
const players = await benchPlayers({ browser, log });
log('• the kiosk beside a GOV.UK Frontend page with the same notice…');
const noticePages = await benchNoticePages({ browser, log });
await browser.close();
log('• export 10,000 events to CSV; verify a 10,000-event chain (Node)…');
const bulk = nodeBench('scripts/bench-log.ts');
await server.close();
await pageStore.close();
const summaryEvents = Number(process.env.BENCH_SUMMARY_EVENTS ?? 1_000_000).toLocaleString('en-GB');
log(
  `• the server on SQLite and on PostgreSQL: ingest over HTTP, raw inserts, and /api/summary over ${summaryEvents} events…`,
);
// { sqlite: { store, seconds, ingest, summary }, postgres: { … } }, each store side by side.
const serverFigures = Object.entries(nodeBench('scripts/bench-server.ts'));
const byStore = (part) =>
  Object.fromEntries(serverFigures.map(([key, f]) => [key, { store: f.store, ...f[part] }]));

const results = {
  measuredAt: new Date().toISOString(),
  chromium: browser.version(),
  cpuSlowdown: CPU_SLOWDOWN,
  benchmarkIndex: { ...cpu, midTierIndex: MID_TIER_INDEX },
  kioskFirstPaintJsGzipBytes: { value: firstPaintGzip, budget: 40_000, files: js },
  tapToNoticePaintedMs: { ...painted, budgetP95: 50 },
  tapToFirstAudioScheduledMs: { ...audio, budgetP95: 60 },
  repeatVisitOfflineMs: { ...offline, budgetP95: 500 },
  logAppendMs: { ...append, budgetP95: 25 },
  exportCsv10kMs: { ...bulk.exportCsvMs, budget: 1000 },
  verifyChain10kMs: { ...bulk.verifyChainMs, budget: 1000 },
  serverIngestEventsPerSecond: { budget: 5000, ...byStore('ingest') },
  summary1MEventsMs: { budgetP95: 250, ...byStore('summary') },
  precache,
  players,
  noticePages,
  serverSeconds: Object.fromEntries(serverFigures.map(([key, f]) => [key, f.seconds])),
  seconds: Math.round((Date.now() - started) / 1000),
};
console.log(JSON.stringify(results, null, 2));

const row = (figure, budget, result, met, metOnMidTier = met) =>
  `| ${figure} | ${budget} | ${result} | ${met === null ? '' : met ? 'met' : metOnMidTier ? `met on a mid-tier phone, **not at ${CPU_SLOWDOWN}×**` : '**not met**'} |`;
/** A timing taken on both devices; the budget is judged at the p95. */
const timed = (figure, budget, limit, m) =>
  row(
    `${figure}, p95`,
    budget,
    `${m.p95} ms at ${CPU_SLOWDOWN}× (p50 ${m.p50} ms, n ${m.n}); ${m.midTier.p95} ms on a mid-tier phone (p50 ${m.midTier.p50} ms)`,
    m.p95 <= limit,
    m.midTier.p95 <= limit,
  );
writeFileSync(
  join(root, 'bench', 'results.md'),
  [
    '# Benchmark results',
    '',
    `Measured ${results.measuredAt} by \`npm run bench\` in Chromium ${results.chromium} on this machine, with the CPU slowed ${CPU_SLOWDOWN}× for the tap timings and the offline repeat visit, as DESIGN.md sets (the log append is at full speed; the side-by-side pages below also get a 4G network). How slow that is depends on the machine: here Lighthouse's BenchmarkIndex is ${cpu.host.toLocaleString('en-GB')} at full speed and ${cpu.emulated} slowed ${CPU_SLOWDOWN}×, against ${MID_TIER_INDEX.toLocaleString('en-GB')} for Chrome DevTools' mid-tier phone (a Pixel 5) and 264 for its low-tier one. So those timings are also taken slowed ${midTier}×, the slow-down that calibrates this machine to the mid-tier phone. The server's figures are taken on SQLite and on a throwaway PostgreSQL with its durable defaults, with the same devices, batches, events and queries (${serverFigures.map(([, f]) => `${f.store}: ${f.seconds} s`).join('; ')}). Figures vary from run to run; the JSON printed by the bench is the record.`,
    '',
    '## Budgets (DESIGN.md)',
    '',
    '| figure | budget | result | |',
    '|---|---|---|---|',
    row(
      'kiosk JS before first paint, gzip',
      '≤ 40 kB',
      kB(firstPaintGzip),
      firstPaintGzip <= 40_000,
    ),
    timed('tap → notice painted', '≤ 50 ms', 50, painted),
    timed('tap → first audio scheduled', '≤ 60 ms', 60, audio),
    timed('repeat visit offline, navigation → home screen painted', '≤ 500 ms', 500, offline),
    row(
      'log append (strict, chained, signed), p95',
      '≤ 25 ms',
      `${append.p95} ms (p50 ${append.p50} ms, max ${append.max} ms, n ${append.n})`,
      append.p95 <= 25,
    ),
    row(
      'export 10,000 events to CSV (Node)',
      '≤ 1 s',
      `${bulk.exportCsvMs.median} ms (median of ${bulk.exportCsvMs.runs})`,
      bulk.exportCsvMs.median <= 1000,
    ),
    row(
      'verify a 10,000-event chain (Node)',
      '≤ 1 s',
      `${bulk.verifyChainMs.median} ms (median of ${bulk.verifyChainMs.runs})`,
      bulk.verifyChainMs.median <= 1000,
    ),
    ...serverFigures.map(([key, { store, ingest }]) =>
      row(
        `server ingest, ${store}, batches of 100, over HTTP`,
        // DESIGN.md's budget is for SQLite (one server for a force); PostgreSQL is shown beside it.
        key === 'sqlite' ? '≥ 5,000 events/s' : '— (the budget is SQLite’s)',
        `${ingest.eventsPerSecond.toLocaleString('en-GB')} events/s (${ingest.events.toLocaleString('en-GB')} events from ${ingest.devices} devices; the same rows inserted raw: ${ingest.rawInsertEventsPerSecond.toLocaleString('en-GB')}/s, ${ingest.rawInsertWriters} writer${ingest.rawInsertWriters === 1 ? '' : 's'} at once)`,
        key === 'sqlite' ? ingest.eventsPerSecond >= 5000 : null,
      ),
    ),
    ...serverFigures.map(([, { store, summary }]) =>
      row(
        `\`/api/summary\` over ${summary.events.toLocaleString('en-GB')} events, ${store}, p95`,
        '≤ 250 ms',
        `${summary.p95} ms (p50 ${summary.p50} ms, max ${summary.max} ms, n ${summary.n} over ${Object.keys(summary.perQuery).length} queries; ${summary.countRows.toLocaleString('en-GB')} count rows)`,
        summary.p95 <= 250,
      ),
    ),
    '',
    `What the service worker precaches for offline use: ${precache.entries} files, ${kB(precache.bytes)} (${kB(precache.gzip)} gzip). The largest: ${precache.largest.map(({ url, gzip }) => `${url} ${kB(gzip)}`).join(', ')}. The review and the lab are left out: they need the server.`,
    '',
    ...playerRows(players),
    ...noticePageRows(noticePages),
  ].join('\n'),
);
