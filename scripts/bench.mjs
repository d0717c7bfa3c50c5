// `npm run bench`: measures the performance budgets in DESIGN.md and prints one JSON object.
// A benchmark measures; it asserts nothing. Results also go to bench/results.md.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { ensureBuild, ensureDependencies, root } from './lib/setup.mjs';
import { chromiumLaunchOptions } from './lib/chromium.mjs';
import { firstPaintFiles, gzipBytes } from './lib/bundle.mjs';

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

const CPU_SLOWDOWN = 4;
const RUNS = Number(process.env.BENCH_RUNS || 60);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values) {
  const round = (v) => Math.round(v * 10) / 10;
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
    n: values.length,
  };
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

const browser = await chromium.launch(chromiumLaunchOptions());

/** Opens the kiosk with the CPU slowed down, and listens for taps and painted notices. */
async function openKiosk() {
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
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Show notice' }).waitFor();
  // Let idle-time warming (Tone.js, the media manifest) finish, as it would on a real device.
  await page.waitForTimeout(2500);
  return { context, page };
}

async function endNotice(page) {
  await page.getByRole('button', { name: 'Officer' }).click();
  await page.getByRole('button', { name: 'End notice' }).click();
  await page.getByRole('button', { name: 'Show notice' }).waitFor();
  // An officer's next tap comes seconds later, not while the home screen is still settling.
  await page.waitForTimeout(500);
}

async function tapToNoticePainted() {
  const { context, page } = await openKiosk();
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

async function tapToFirstAudioScheduled() {
  const { context, page } = await openKiosk();
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
log(`• tap → notice painted (${RUNS} runs, ${CPU_SLOWDOWN}× CPU slow-down)…`);
const painted = await tapToNoticePainted();
log(`• tap → first audio scheduled (${Math.ceil(RUNS / 2)} runs, ${CPU_SLOWDOWN}× CPU slow-down)…`);
const audio = await tapToFirstAudioScheduled();
log(`• log append (${RUNS} runs, strict durability, chained and signed)…`);
const append = await logAppend();
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
  kioskFirstPaintJsGzipBytes: { value: firstPaintGzip, budget: 40_000, files: js },
  tapToNoticePaintedMs: { ...painted, budgetP95: 50 },
  tapToFirstAudioScheduledMs: { ...audio, budgetP95: 60 },
  logAppendMs: { ...append, budgetP95: 25 },
  exportCsv10kMs: { ...bulk.exportCsvMs, budget: 1000 },
  verifyChain10kMs: { ...bulk.verifyChainMs, budget: 1000 },
  serverIngestEventsPerSecond: { budget: 5000, ...byStore('ingest') },
  summary1MEventsMs: { budgetP95: 250, ...byStore('summary') },
  serverSeconds: Object.fromEntries(serverFigures.map(([key, f]) => [key, f.seconds])),
  seconds: Math.round((Date.now() - started) / 1000),
};
console.log(JSON.stringify(results, null, 2));

const row = (figure, budget, result, met) =>
  `| ${figure} | ${budget} | ${result} | ${met ? 'met' : '**not met**'} |`;
writeFileSync(
  join(root, 'bench', 'results.md'),
  [
    '# Benchmark results',
    '',
    `Measured ${results.measuredAt} by \`npm run bench\` in Chromium ${results.chromium} on this machine, with the CPU slowed ${CPU_SLOWDOWN}× for the tap timings (the log append is at full speed). The server's figures are taken on SQLite and on a throwaway PostgreSQL with its durable defaults, with the same devices, batches, events and queries (${serverFigures.map(([, f]) => `${f.store}: ${f.seconds} s`).join('; ')}). Figures vary from run to run; the JSON printed by the bench is the record.`,
    '',
    '| figure | budget | result | |',
    '|---|---|---|---|',
    row(
      'kiosk JS before first paint, gzip',
      '≤ 40 kB',
      `${(firstPaintGzip / 1000).toFixed(1)} kB`,
      firstPaintGzip <= 40_000,
    ),
    row(
      'tap → notice painted, p95',
      '≤ 50 ms',
      `${painted.p95} ms (p50 ${painted.p50} ms, n ${painted.n})`,
      painted.p95 <= 50,
    ),
    row(
      'tap → first audio scheduled, p95',
      '≤ 60 ms',
      `${audio.p95} ms (p50 ${audio.p50} ms, n ${audio.n})`,
      audio.p95 <= 60,
    ),
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
    ...serverFigures.map(([, { store, ingest }]) =>
      row(
        `server ingest, ${store}, batches of 100, over HTTP`,
        '≥ 5,000 events/s',
        `${ingest.eventsPerSecond.toLocaleString('en-GB')} events/s (${ingest.events.toLocaleString('en-GB')} events from ${ingest.devices} devices; the same rows inserted raw: ${ingest.rawInsertEventsPerSecond.toLocaleString('en-GB')}/s, ${ingest.rawInsertWriters} writer${ingest.rawInsertWriters === 1 ? '' : 's'} at once)`,
        ingest.eventsPerSecond >= 5000,
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
  ].join('\n'),
);
