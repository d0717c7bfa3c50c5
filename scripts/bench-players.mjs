// The sign-video player beside its peers: <fw-sign-video>, video.js, Plyr and media-chrome, each
// on a page of its own (bench/players/) playing the same clip with the same captions, built by the
// same Vite build and measured in the same run on the same emulated device.
//
// Figures, for each player:
// - JS and CSS gzip bytes: every file the page loads, read from Vite's build manifest (the entry
//   and its static imports, with their CSS), each gzipped at level 9 as scripts/lib/bundle.mjs
//   does. The browser's own record of the JS and CSS responses is checked against that list on
//   every run, so a chunk loaded at run time cannot go uncounted. Plyr also fetches an SVG icon
//   sprite; it is counted apart ("other"), outside the JS + CSS total.
// - Time to first video frame: navigation start (performance.timeOrigin) → the picture first
//   shown playing, from requestVideoFrameCallback on the player's <video>. See PAGE_PROBE for how
//   the callback is registered before any frame can come, and why the frame decoded while still
//   paused behind the poster (kept as decodedFrameMs) is not the one that counts.
// - Time to captions shown: navigation start → the first animation frame in which the first cue
//   is on screen, whether the player draws it in its own DOM or leaves it to the browser.
//
// Each run opens a fresh browser context (cold cache) under scripts/lib/emulate.mjs's device, and
// the players take turns within each run, so drift on a shared machine falls on all of them.
// `node scripts/bench-players.mjs` runs this alone and prints the JSON; scripts/bench.mjs uses
// benchPlayers() and playerRows().
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { gzipBytes, kB } from './lib/bundle.mjs';
import { DEVICE, emulateDevice } from './lib/emulate.mjs';
import { serveStatic } from './lib/static-server.mjs';
import { summary } from './lib/stats.mjs';

const root = new URL('..', import.meta.url).pathname;
const PAGES = join(root, 'bench', 'players');
// Not dist/: that is the app's build, and other scripts read it.
const OUT = join(root, 'node_modules', '.cache', 'bench-players');

/** The first cue of public/media/bsl/notice-sample.en-GB.vtt, shown from 0.5 s. */
const FIRST_CUE = 'This is a police body-worn camera.';
// A run of four cold loads takes 11–15 s on a 2-core machine (each waits for the first cue, at
// 0.5 s of the clip): 5 runs keep the whole part, builds included, near 70 s.
const RUNS = Number(process.env.BENCH_PLAYER_RUNS || 5);
/** A run that has not seen both a frame and the cue by then counts as a miss, not a figure. */
const RUN_TIMEOUT_MS = 15_000;

const packageJson = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const dependency = (name) => packageJson(join(root, 'node_modules', name));

/**
 * key → its page (bench/players/<page>.html), the package whose name and version it reports,
 * whether its CSS ships inside its JS, and files it fetches that are neither JS nor CSS.
 */
const PLAYERS = {
  forewarn: {
    page: 'forewarn',
    name: 'Forewarn <fw-sign-video>',
    pkg: () => packageJson(root),
    cssInJs: true,
  },
  videojs: { page: 'videojs', name: 'video.js', pkg: () => dependency('video.js') },
  plyr: {
    page: 'plyr',
    name: 'Plyr',
    pkg: () => dependency('plyr'),
    // The icon sprite Plyr fetches (iconUrl in bench/players/plyr.ts), as Plyr ships it.
    other: [
      { url: '/plyr/plyr.svg', file: join(root, 'node_modules', 'plyr', 'dist', 'plyr.svg') },
    ],
  },
  mediaChrome: {
    page: 'media-chrome',
    name: 'media-chrome',
    pkg: () => dependency('media-chrome'),
    cssInJs: true,
  },
};

/**
 * Runs in every page before its own scripts (an init script) and records on
 * `window.__benchPlayer`; `done` resolves once it has both timings.
 *
 * First frame. Every <video> gets a requestVideoFrameCallback as soon as it exists: a
 * MutationObserver watches the document and each open shadow root found so far, and each animation
 * frame walks the document and its open shadow roots for videos and shadow roots not yet seen
 * (Lit attaches <fw-sign-video>'s shadow root before the manifest fetch that precedes its <video>,
 * so the observer is there first). Nothing is patched. Two cross-checks are kept: the video's
 * getVideoPlaybackQuality().totalVideoFrames when it was found (0: no frame came before) and the
 * first callback's `presentedFrames` (1: it was the first frame).
 * - decodedFrameMs: `expectedDisplayTime` of the first frame presented at all. With a poster and
 *   preload="auto" this is usually the frame at 0 s decoded while still paused, and the poster
 *   covers it, so nobody sees it yet.
 * - firstFrameMs: when the picture first shows, playing: `expectedDisplayTime` of the first frame
 *   presented while the video is not paused, less that frame's media time (at the playback rate;
 *   every page plays from 0 s). Video frames reach the screen off the main thread, but the
 *   callbacks run on it, so a busy main thread hears of a later frame than the first; the media
 *   clock says how much later. It never says too much: a stall after the start only slows it. The
 *   uncorrected time (playingFrameMs) and the media time are kept as well.
 *
 * Captions shown (captionsMs): the timestamp of the first animation frame in which the first cue
 * is shown, by one rule for every player: either a visible text node (a box, and
 * checkVisibility() true, which excludes a closed <details> such as the transcript) in the
 * document or an open shadow root contains the cue, as video.js and Plyr draw captions; or a
 * <video>'s text track in mode 'showing' has the cue among its activeCues, as the browser draws it
 * (in a closed UA shadow root that no script can read). The cue paints in that frame's rendering.
 */
const PAGE_PROBE = (cueText) => {
  const state = {
    decodedFrameMs: null,
    framesBeforeWatch: null,
    presentedFrames: null,
    decodedMediaTime: null,
    playingFrameMs: null,
    playingMediaTime: null,
    firstFrameMs: null,
    captionsMs: null,
    captionsVia: null,
    videos: 0,
  };
  let finish;
  state.done = new Promise((resolve) => (finish = resolve));
  window.__benchPlayer = state;
  const check = () => {
    if (state.firstFrameMs !== null && state.captionsMs !== null) finish();
  };
  const seen = new WeakSet();
  const roots = [document];
  const normalise = (text) => text.replace(/\s+/g, ' ').trim();

  const watchVideo = (video) => {
    if (seen.has(video)) return;
    seen.add(video);
    state.videos += 1;
    const before = video.getVideoPlaybackQuality().totalVideoFrames;
    const onVideoFrame = (_now, { expectedDisplayTime, mediaTime, presentedFrames }) => {
      if (state.decodedFrameMs === null) {
        state.decodedFrameMs = expectedDisplayTime;
        state.decodedMediaTime = mediaTime;
        state.framesBeforeWatch = before;
        state.presentedFrames = presentedFrames;
      }
      if (video.paused) {
        video.requestVideoFrameCallback(onVideoFrame);
        return;
      }
      if (state.playingFrameMs !== null) return;
      state.playingFrameMs = expectedDisplayTime;
      state.playingMediaTime = mediaTime;
      // Every page plays from 0 s, so this is how long the picture has already been moving.
      state.firstFrameMs = expectedDisplayTime - (mediaTime / (video.playbackRate || 1)) * 1000;
      check();
    };
    video.requestVideoFrameCallback(onVideoFrame);
  };
  const observer = new MutationObserver((mutations) => {
    for (const { addedNodes } of mutations) {
      for (const node of addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node instanceof HTMLVideoElement) watchVideo(node);
        for (const video of node.querySelectorAll('video')) watchVideo(video);
      }
    }
  });
  const watchRoot = (shadowRoot) => {
    if (seen.has(shadowRoot)) return;
    seen.add(shadowRoot);
    roots.push(shadowRoot);
    observer.observe(shadowRoot, { childList: true, subtree: true });
  };
  const scan = () => {
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i].querySelectorAll('*')) {
        if (element instanceof HTMLVideoElement) watchVideo(element);
        if (element.shadowRoot) watchRoot(element.shadowRoot);
      }
    }
  };
  observer.observe(document, { childList: true, subtree: true });

  const cueShown = () => {
    for (const root of roots) {
      for (const video of root.querySelectorAll('video')) {
        for (const track of video.textTracks) {
          if (track.mode !== 'showing') continue;
          for (const cue of track.activeCues ?? []) {
            if (normalise(cue.text).includes(cueText)) return 'native text track';
          }
        }
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!normalise(node.data).includes(cueText)) continue;
        const element = node.parentElement;
        const box = element?.getBoundingClientRect();
        const visible =
          box &&
          box.width > 0 &&
          box.height > 0 &&
          element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
        if (visible) return `DOM <${element.localName} class="${element.className}">`;
      }
    }
    return null;
  };
  const onAnimationFrame = (time) => {
    scan();
    const via = cueShown();
    if (!via) {
      requestAnimationFrame(onAnimationFrame);
      return;
    }
    state.captionsMs = time;
    state.captionsVia = via;
    check();
  };
  requestAnimationFrame(onAnimationFrame);
};

/** The same Vite build for every page: production, minified, es2022, one page per build. */
async function buildPage(page) {
  const outDir = join(OUT, page);
  await build({
    root: PAGES,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    mode: 'production',
    // As the root vite.config.ts: Lit's html`` templates minified as in the shipped library.
    plugins: [
      {
        ...minifyTemplateLiterals({
          options: { shouldMinify: (template) => template.tag === 'html' },
        }),
        apply: 'build',
      },
    ],
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      manifest: true,
      // As the app: no module-preload polyfill in any page's entry.
      modulePreload: { polyfill: false },
      // Assets stay files, so none hides inside a JS or CSS figure.
      assetsInlineLimit: 0,
      // video.js is one 700 kB chunk: its size is a figure here, not a fault to warn of.
      chunkSizeWarningLimit: 1000,
      rolldownOptions: { input: join(PAGES, `${page}.html`) },
    },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const js = [];
  const css = new Set();
  const visited = new Set();
  const visit = (key) => {
    if (visited.has(key)) return;
    visited.add(key);
    const chunk = manifest[key];
    if (chunk.file.endsWith('.js')) js.push(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    // Dynamic imports load only when run; the network check below catches any that do.
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(`${page}.html`);
  return { outDir, js, css: [...css] };
}

/**
 * One cold page load: the two timings, the files the browser fetched, and what went wrong.
 * @param {import('playwright').Browser} browser
 * @param {string} url
 * @param {string | undefined} screenshot a path: keep a look at the page once the cue is up
 */
async function measure(browser, url, screenshot) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    await context.addInitScript(PAGE_PROBE, FIRST_CUE);
    const page = await context.newPage();
    const fetched = [];
    const problems = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      const type = response.request().resourceType();
      if (response.status() >= 400 && pathname !== '/favicon.ico') {
        problems.push(`HTTP ${response.status()} ${pathname}`);
      }
      if (type !== 'media' && type !== 'document') fetched.push(`${type} ${pathname}`);
    });
    page.on('console', (message) => {
      const text = message.text();
      if (/^Failed to load resource/.test(text)) return; // reported by status above
      if (message.type() === 'error' || message.type() === 'warning') problems.push(text);
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await emulateDevice(context, page);
    await page.goto(url, { waitUntil: 'commit' });
    const done = await Promise.race([
      // Left pending on a timeout, and rejected when the context closes.
      page.evaluate(() => window.__benchPlayer.done.then(() => true)).catch(() => false),
      new Promise((resolve) => setTimeout(() => resolve(false), RUN_TIMEOUT_MS)),
    ]);
    const probe = await page.evaluate(() => {
      const { done: _done, ...state } = window.__benchPlayer;
      return state;
    });
    if (screenshot) {
      // The cue is up from 0.5 s to 3.75 s of the clip, so it is still there. A second look with
      // the pointer over the player shows its controls, which some hide during playback.
      await page.screenshot({ path: `${screenshot}.png` });
      await page.mouse.move(320, 200);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${screenshot}-controls.png` });
    }
    return { done, probe, fetched, problems };
  } finally {
    await context.close();
  }
}

const round = (value, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Builds the four pages, loads each `BENCH_PLAYER_RUNS` times, and returns the figures.
 * @param {{ browser: import('playwright').Browser, log: (message: string) => void }} options
 */
export async function benchPlayers({ browser, log }) {
  const started = Date.now();
  const keys = Object.keys(PLAYERS);
  log('• sign-video players: building the four pages with Vite…');
  const built = {};
  for (const key of keys) built[key] = await buildPage(PLAYERS[key].page);

  const shots = join(OUT, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const servers = {};
  const samples = {};
  for (const key of keys) {
    servers[key] = await serveStatic({
      '/': built[key].outDir,
      '/media/': join(root, 'public', 'media'),
      '/plyr/': join(root, 'node_modules', 'plyr', 'dist'),
    });
    samples[key] = { runs: [], fetched: new Set(), problems: new Set() };
  }
  try {
    log(`• sign-video players: ${RUNS} runs of all four, each a cold load, on: ${DEVICE.label}…`);
    for (let run = 0; run < RUNS; run++) {
      // Each run starts with the next player, so none always goes first.
      const order = keys.map((_, i) => keys[(i + run) % keys.length]);
      for (const key of order) {
        const { page } = PLAYERS[key];
        const shot = run === 0 ? join(shots, page) : undefined;
        const result = await measure(browser, `${servers[key].url}/${page}.html`, shot);
        const s = samples[key];
        for (const entry of result.fetched) s.fetched.add(entry);
        for (const problem of result.problems) s.problems.add(problem);
        s.runs.push({ ...result.probe, complete: result.done });
      }
      log(`  run ${run + 1}/${RUNS} (${order.join(', ')})`);
    }
  } finally {
    for (const server of Object.values(servers)) await server.close();
  }

  const players = {};
  for (const key of keys) {
    const player = PLAYERS[key];
    const { outDir, js, css } = built[key];
    const s = samples[key];
    const file = (path, kind, full = join(outDir, path)) => ({ path, kind, gzip: gzipBytes(full) });
    const files = [
      ...js.map((path) => file(path, 'js')),
      ...css.map((path) => file(path, 'css')),
      ...(player.other ?? []).map(({ url, file: full }) => file(url, 'other', full)),
    ];
    const gzip = (kind) => files.filter((f) => f.kind === kind).reduce((n, f) => n + f.gzip, 0);
    // Every JS or CSS response must be one of the files counted.
    const counted = new Set(files.map((f) => (f.path.startsWith('/') ? f.path : `/${f.path}`)));
    const uncounted = [...s.fetched]
      .filter((entry) => /^(script|stylesheet) /.test(entry))
      .map((entry) => entry.slice(entry.indexOf(' ') + 1))
      .filter((path) => !counted.has(path));
    if (uncounted.length) {
      log(`  ⚠ ${player.name} loaded JS or CSS the build manifest does not list: ${uncounted}`);
    }
    const incomplete = s.runs.filter((r) => !r.complete).length;
    if (incomplete) {
      log(`  ⚠ ${player.name}: ${incomplete} of ${RUNS} loads timed out (${RUN_TIMEOUT_MS} ms)`);
    }
    if (s.problems.size) log(`  ⚠ ${player.name}: ${[...s.problems].join('; ')}`);
    const times = (field) => s.runs.map((r) => r[field]).filter((v) => v !== null);
    const { version } = player.pkg();
    players[key] = {
      name: player.name,
      version,
      jsGzip: gzip('js'),
      cssGzip: gzip('css'),
      totalGzip: gzip('js') + gzip('css'),
      cssInJs: Boolean(player.cssInJs),
      otherGzip: gzip('other'),
      files,
      uncounted,
      firstFrameMs: summary(times('firstFrameMs')),
      captionsShownMs: summary(times('captionsMs')),
      decodedFrameMs: summary(times('decodedFrameMs')),
      captionsVia: [...new Set(times('captionsVia'))],
      incompleteRuns: incomplete,
      // Runs in which a frame came before the probe found the video (0 is what it should be).
      framesBeforeProbe: s.runs.filter((r) => r.framesBeforeWatch > 0).length,
      fetched: [...s.fetched].sort(),
      problems: [...s.problems],
      samples: s.runs.map(({ complete: _complete, videos: _videos, ...r }) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v]),
        ),
      ),
    };
  }

  const fw = players.forewarn;
  const ratio = (peer, base) => (peer === null || !base ? null : round(peer / base, 2));
  const ratios = Object.fromEntries(
    keys
      .filter((key) => key !== 'forewarn')
      .map((key) => {
        const p = players[key];
        return [
          key,
          {
            jsGzip: ratio(p.jsGzip, fw.jsGzip),
            totalGzip: ratio(p.totalGzip, fw.totalGzip),
            firstFrameP50: ratio(p.firstFrameMs.p50, fw.firstFrameMs.p50),
            captionsShownP50: ratio(p.captionsShownMs.p50, fw.captionsShownMs.p50),
          },
        ];
      }),
  );
  return {
    device: DEVICE.label,
    runs: RUNS,
    seconds: Math.round((Date.now() - started) / 1000),
    screenshots: shots,
    players,
    ratios,
  };
}

/**
 * The section for bench/results.md: a heading, how it was measured, and the table.
 * @param {Awaited<ReturnType<typeof benchPlayers>>} result
 * @returns {string[]} markdown lines
 */
export function playerRows(result) {
  const fw = result.players.forewarn;
  /** p50 (p95), and the p50 as a multiple of Forewarn's */
  const ms = (figure, key) => {
    const { p50, p95 } = result.players[key][figure];
    if (p50 === null) return 'not measured';
    const times = key === 'forewarn' ? '' : `, ${(p50 / fw[figure].p50).toFixed(2)}×`;
    return `${Math.round(p50)} ms (${Math.round(p95)} ms)${times}`;
  };
  const rows = Object.entries(result.players).map(([key, p]) => {
    const name = key === 'forewarn' ? 'Forewarn `<fw-sign-video>`' : p.name;
    const css = p.cssInJs ? 'in the JS' : kB(p.cssGzip);
    const other = p.otherGzip ? ` (+ ${kB(p.otherGzip)} SVG icon sprite)` : '';
    const factor = key === 'forewarn' ? '1×' : `${(p.totalGzip / fw.totalGzip).toFixed(1)}×`;
    return `| ${name} ${p.version} | ${kB(p.jsGzip)} | ${css} | ${kB(p.totalGzip)}${other} | ${factor} | ${ms('firstFrameMs', key)} | ${ms('captionsShownMs', key)} |`;
  });
  return [
    '## Sign-video player beside its peers',
    '',
    `The same clip, poster and English captions, autoplaying muted with captions on, in each player on a page of its own (bench/players/), every page built by the same Vite build (production, es2022). Bytes: every JS and CSS file the page loads, gzip level 9. Times from navigation start, each load a cold one, on: ${result.device}; p50 (p95) over ${result.runs} runs, the players taking turns in each run. First frame: the picture first shown playing (requestVideoFrameCallback); captions shown: the first animation frame with the first cue on screen.`,
    '',
    '| player | JS gzip | CSS gzip | total | × Forewarn | first frame p50 (p95), × Forewarn | captions shown p50 (p95), × Forewarn |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { chromium } = await import('playwright');
  const { chromiumLaunchOptions } = await import('./lib/chromium.mjs');
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const result = await benchPlayers({
      browser,
      log: (message) => process.stderr.write(`${message}\n`),
    });
    process.stderr.write(`${playerRows(result).join('\n')}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
  }
}
