// `npm run bench:content`: the content library's sizes and times, measured; it asserts nothing.
// 1. An editor uploads a 20 MB sign clip (as /review/content sends it, multipart, streamed): the
//    time to a stored draft, and the server's memory before and after.
// 2. An enrolled kiosk fetches and stores a 30 MB content set (that clip and a 10 MB recording)
//    over a link throttled to 10 Mbit/s: the time from enrolment to the new set in use.
// Needs Debian's ffmpeg to make the media, and a build (it runs the built kiosk). Results go to
// bench/content.md and stdout (JSON).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from './lib/chromium.mjs';
import { TEST_ACCOUNTS } from '../test/server/accounts.js';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'fw-bench-content-'));
const ffmpeg = (...args: string[]) => {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('ffmpeg failed: install Debian\'s "ffmpeg" package');
};

// About 20 MB of WebM video and 10 MB of WAV audio, within the library's limits.
const clip = join(work, 'clip.webm');
ffmpeg(
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=1280x720:rate=25',
  '-t',
  '20',
  '-c:v',
  'libvpx',
  '-b:v',
  '8M',
  '-minrate',
  '8M',
  '-maxrate',
  '8M',
  '-deadline',
  'realtime',
  clip,
);
const voice = join(work, 'voice.wav');
ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=220:duration=52', '-ac', '2', '-ar', '48000', voice);
const MB = (bytes: number) => +(bytes / 1e6).toFixed(1);

const PORT = 4391;
const base = `http://127.0.0.1:${PORT}`;
const server = spawn('node', ['--import', 'tsx', 'test/e2e/server.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) =>
  server.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('listening') && resolve()),
);
const rss = () =>
  +(
    Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024
  ).toFixed(0);

async function signIn(role: keyof typeof TEST_ACCOUNTS) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ACCOUNTS[role]),
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': csrfToken };
}

async function upload(kind: 'sign' | 'audio', lang: string, path: string, type: string) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('lang', lang);
  form.set('madeBy', kind === 'sign' ? 'human-signer' : 'human-voice');
  if (kind === 'sign')
    form.set('captions', 'WEBVTT\n\n00:00:00.500 --> 00:00:19.000\nYou are being recorded.\n');
  form.set('file', new Blob([readFileSync(path)], { type }), path.split('/').pop());
  const started = performance.now();
  const response = await fetch(`${base}/api/content`, {
    method: 'POST',
    headers: editor,
    body: form,
  });
  const ms = performance.now() - started;
  if (response.status !== 201)
    throw new Error(`upload: ${response.status} ${await response.text()}`);
  return { id: ((await response.json()) as { id: string }).id, ms };
}

const editor = await signIn('editor');
const reviewer = await signIn('reviewer');
const admin = await signIn('admin');

const rssBefore = rss();
const sign = await upload('sign', 'bfi', clip, 'video/webm');
const rssAfter = rss();
const audio = await upload('audio', 'en-GB', voice, 'audio/wav');
for (const { id } of [sign, audio]) {
  const response = await fetch(`${base}/api/content/${id}/review`, {
    method: 'POST',
    headers: { ...reviewer, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve' }),
  });
  if (!response.ok) throw new Error(`approve: ${response.status}`);
}
const setBytes = statSync(clip).size + statSync(voice).size;

// The kiosk, enrolled over a link of 10 Mbit/s down, 5 up, 40 ms round trip (Chrome DevTools'
// "4G"). Its own service worker is blocked: DevTools' throttling applies to the page's requests.
const code = (await (
  await fetch(`${base}/api/enrolment-codes`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ area: 'BENCH' }),
  })
).json()) as { code: string };
const browser = await chromium.launch(chromiumLaunchOptions());
const context = await browser.newContext({ baseURL: base, serviceWorkers: 'block' });
const page = await context.newPage();
await page.goto('/');
const cdp = await context.newCDPSession(page);
await cdp.send('Network.emulateNetworkConditions', {
  offline: false,
  latency: 40,
  downloadThroughput: (10e6 / 8) * 1,
  uploadThroughput: 5e6 / 8,
});
await page.getByLabel('One-time enrolment code').fill(code.code);
const enrolled = performance.now();
await page.getByRole('button', { name: 'Enrol this device' }).click();
const status = page.getByRole('region', { name: 'Content from the force' });
await status.getByText(/^Downloading new content/).waitFor({ timeout: 30_000 });
const progressShown = performance.now() - enrolled;
await status.getByText(/In use: version \S+, 2 clips and recordings/).waitFor({ timeout: 120_000 });
const setMs = performance.now() - enrolled;
await browser.close();
server.kill();

const result = {
  measuredAt: new Date().toISOString(),
  upload: {
    bytes: statSync(clip).size,
    ms: Math.round(sign.ms),
    serverRssMB: [rssBefore, rssAfter],
  },
  contentSet: {
    bytes: setBytes,
    link: '10 Mbit/s down, 5 Mbit/s up, 40 ms round trip',
    progressShownMs: Math.round(progressShown),
    inUseMs: Math.round(setMs),
    effectiveMbitPerS: +((setBytes * 8) / 1e6 / (setMs / 1000)).toFixed(1),
  },
};
console.log(JSON.stringify(result, null, 2));
writeFileSync(
  join(root, 'bench/content.md'),
  `# Content library: sizes and times

Measured ${result.measuredAt} by \`npm run bench:content\`, on this machine, against the real server
(SQLite) and the built kiosk in Chromium.

| figure | result |
|---|---|
| upload of a ${MB(result.upload.bytes)} MB WebM sign clip (multipart, streamed; stored as a draft, hashed and probed) | ${(result.upload.ms / 1000).toFixed(2)} s; server memory (RSS) ${rssBefore} MB before, ${rssAfter} MB after |
| an enrolled kiosk fetching and storing a ${MB(setBytes)} MB content set (that clip and a ${MB(statSync(voice).size)} MB recording) over ${result.contentSet.link} | progress shown after ${(progressShown / 1000).toFixed(1)} s; new set in use after ${(setMs / 1000).toFixed(1)} s (${result.contentSet.effectiveMbitPerS} Mbit/s of the 10) |
`,
);
