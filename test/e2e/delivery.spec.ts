import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { EnrolmentCodeReply, SessionReply } from '../../src/schema/api.js';
import type { SignedManifest } from '../../src/schema/content.js';
import { readBundle } from '../../src/log/verify.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import {
  axeViolations,
  chooseFormats,
  editorLibrary,
  recordSignClip,
  t,
  withDevices,
} from './helpers.js';

/**
 * The content library's whole journey, on a server of its own: approving a British Sign Language
 * clip changes what every enrolled kiosk shows, which the other tests' kiosks must not see.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173) + 17;
const baseURL = `http://127.0.0.1:${PORT}`;
let server: ChildProcess;

test.use({ baseURL, serviceWorkers: 'allow' });

test.beforeAll(async () => {
  server = spawn('node', ['--import', 'tsx', 'test/e2e/server.ts'], {
    env: { ...process.env, PORT: String(PORT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('listening')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the test server exited (${code})`)));
  });
});

test.afterAll(() => {
  server.kill();
});

const VOICE = readFileSync(new URL('../fixtures/media/content/mic.wav', import.meta.url));
const VOICE_SHA256 = createHash('sha256').update(VOICE).digest('hex');

async function signIn(request: APIRequestContext, role: keyof typeof TEST_ACCOUNTS) {
  const response = await request.post('/api/session', { data: TEST_ACCOUNTS[role] });
  expect(response.status()).toBe(200);
  return ((await response.json()) as SessionReply).csrfToken;
}

async function coverage(page: Page) {
  await page.goto('/review/report');
  return page.getByRole('region', { name: 'Coverage' });
}

test('a sign clip recorded in the browser, a recording and a translation, once approved, reach an enrolled kiosk and are used offline, with their provenance, and the events name the media', async ({
  browser,
  playwright,
}) => {
  // The whole journey, from upload to an exported event: about 25 s on a quiet machine.
  test.setTimeout(180_000);
  const staff = (role: keyof typeof TEST_ACCOUNTS) =>
    playwright.request.newContext({ baseURL }).then(async (request) => ({
      request,
      csrf: await signIn(request, role),
    }));

  // Before: the report says no sign language has an approved clip.
  const reviewerPage = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await reviewerPage.goto('/review');
  await reviewerPage.getByLabel('Username').fill(TEST_ACCOUNTS.reviewer.username);
  await reviewerPage.getByLabel('Password').fill(TEST_ACCOUNTS.reviewer.password);
  await reviewerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(reviewerPage.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  const before = await coverage(reviewerPage);
  await expect(before).toContainText('Sign languages with no approved clip: British Sign Language');
  await expect(before).toContainText(/Languages with no approved recording:[^.]*English/);

  // An enrolled kiosk, its service worker in control, with the built-in sample clip.
  const kiosk = await (await browser.newContext({ serviceWorkers: 'allow' })).newPage();
  await kiosk.goto('/');
  await expect(kiosk.getByText('Ready to work offline')).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() => kiosk.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  const admin = await staff('admin');
  const code = (await (
    await admin.request.post('/api/enrolment-codes', {
      data: { area: 'KENT-N' },
      headers: { 'X-CSRF-Token': admin.csrf },
    })
  ).json()) as EnrolmentCodeReply;
  await kiosk.getByLabel('One-time enrolment code').fill(code.code);
  await kiosk.getByRole('button', { name: 'Enrol this device' }).click();
  const contentStatus = kiosk.getByRole('region', { name: 'Content from the force' });
  await expect(contentStatus).toContainText(/In use: version 0-\w+, 0 clips and recordings/);

  // An editor records a BSL clip with the camera (a test pattern) and times its captions.
  await withDevices(playwright, async (devices) => {
    const context = await devices.newContext({ baseURL, serviceWorkers: 'block' });
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await editorLibrary(page);
    await recordSignClip(page);
  });
  const editor = await staff('editor');
  // And a spoken recording in English, which a reviewer approves.
  const recording = await editor.request.post('/api/content', {
    headers: { 'X-CSRF-Token': editor.csrf },
    multipart: {
      kind: 'audio',
      lang: 'en-GB',
      madeBy: 'human-voice',
      file: { name: 'notice-en.wav', mimeType: 'audio/wav', buffer: VOICE },
    },
  });
  expect(recording.status()).toBe(201);
  // And a Polish translation whose heading a reviewer has changed.
  const polish = JSON.parse(
    readFileSync(new URL('../../locales/pl/notice.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const translation = await editor.request.put('/api/content/text/pl', {
    headers: { 'X-CSRF-Token': editor.csrf, 'content-type': 'application/json' },
    data: JSON.stringify({ ...polish, heading: 'Jesteś nagrywany lub nagrywana' }),
  });
  expect(translation.status(), await translation.text()).toBe(201);

  // An IPAG member approves it from the lab, where they test the notices.
  const lab = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await lab.goto('/lab');
  await lab
    .getByRole('button', { name: /^Try.*British Sign Language/ })
    .first()
    .click();
  await lab.getByRole('button', { name: 'Sign in to leave feedback' }).click();
  await lab.getByLabel('Username').fill(TEST_ACCOUNTS.ipag.username);
  await lab.getByLabel('Password').fill(TEST_ACCOUNTS.ipag.password);
  await lab.getByRole('button', { name: 'Sign in' }).click();
  const clips = lab.getByRole('region', { name: 'Sign-language clips to review' });
  // On the kiosks now: the sample; waiting for review: the recorded clip.
  await expect(clips.getByRole('listitem').first()).toContainText(
    'British Sign Language: the project’s sample clip',
  );
  const clip = clips
    .getByRole('listitem')
    .filter({ has: lab.getByRole('heading', { level: 3, name: 'British Sign Language' }) });
  await expect(clip).toContainText('Human signer, not reviewed');
  // The clip plays for the member to judge the signing.
  await expect
    .poll(() => clip.locator('video').evaluate((v: HTMLVideoElement) => v.readyState), {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(1);
  expect(await axeViolations(lab)).toEqual([]);
  await clip.getByRole('button', { name: 'Approve' }).click();
  await expect(clips.getByRole('status')).toContainText(
    'British Sign Language: Human signer, approved by IPAG on',
  );
  await expect(clips).toContainText('No sign-language clips are waiting for review.');
  // The lab says what kiosks now show, with its label.
  await expect(clips.getByRole('listitem').first()).toContainText(
    'British Sign Language: Human signer, approved by IPAG on',
  );
  const reviewer = await staff('reviewer');
  for (const reply of [recording, translation]) {
    const { id } = (await reply.json()) as { id: string };
    const approved = await reviewer.request.post(`/api/content/${id}/review`, {
      data: { decision: 'approve' },
      headers: { 'X-CSRF-Token': reviewer.csrf },
    });
    expect(approved.status()).toBe(200);
  }
  const { manifest } = (await (
    await reviewer.request.get('/api/content/manifest')
  ).json()) as SignedManifest;
  // The recorded clip, its duration written into it, with the captions timed from the notice.
  const recorded = manifest.items.find((i) => i.kind === 'sign' && i.lang === 'bfi')!;
  expect(recorded).toMatchObject({ mime: 'video/webm', madeBy: 'human-signer' });
  expect(recorded.durationMs).toBeGreaterThan(4_000);
  expect(recorded.captions).toMatch(
    /^WEBVTT\n\n1\n00:00:0\d\.\d{3} --> 00:00:0\d\.\d{3}\nYou are being recorded\n/,
  );
  const SHA256 = recorded.sha256;

  // The kiosk picks it up at its next sync (the officer's "Send now" asks at once).
  await kiosk.getByRole('button', { name: 'Send now' }).click();
  await expect(contentStatus).toContainText(
    `In use: version ${manifest.version}, 2 clips and recordings`,
    { timeout: 15_000 },
  );
  expect(await axeViolations(kiosk)).toEqual([]);

  // Offline, after a reload: the new clip plays from the device, labelled with its provenance.
  await kiosk.context().setOffline(true);
  await kiosk.reload();
  await chooseFormats(kiosk, ['bsl']);
  await kiosk.getByRole('button', { name: 'Show notice' }).click();
  const video = kiosk.locator('video');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentSrc), { timeout: 10_000 })
    .toBe(`${baseURL}/content/${SHA256}`);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
  await expect(kiosk.getByText(t('en-GB', 'video.sample'))).toHaveCount(0);
  const strip = kiosk.getByRole('complementary');
  await expect(strip).toContainText('Sign video: Human signer, approved by IPAG on');
  await expect(strip).toContainText(`Content version ${manifest.version}`);
  await expect(strip).not.toContainText(t('en-GB', 'kiosk:officer.sampleClip'));
  await kiosk.getByRole('button', { name: 'I understand' }).click();
  await expect(kiosk.getByText("Saved in this device's log.")).toBeVisible();
  await kiosk.getByRole('button', { name: 'Back to start' }).click();

  // Audio: the approved recording plays, from the device, where the device has no voice at all.
  await chooseFormats(kiosk, ['audio']);
  await kiosk.getByRole('button', { name: 'Show notice' }).click();
  const voice = kiosk.locator('fw-audio-cue audio');
  await expect
    .poll(() => voice.evaluate((a: HTMLAudioElement) => a.currentSrc), { timeout: 10_000 })
    .toBe(`${baseURL}/content/${VOICE_SHA256}`);
  await expect
    .poll(() => voice.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect(kiosk.getByRole('complementary')).toContainText(
    'Recorded voice: Human voice, approved by a reviewer on',
  );
  await kiosk.getByRole('button', { name: 'I understand' }).click();
  await expect(kiosk.getByText("Saved in this device's log.")).toBeVisible();
  await kiosk.getByRole('button', { name: 'Back to start' }).click();

  // Polish: the approved translation is the notice's text, and it is no longer a draft.
  await chooseFormats(kiosk, ['visual', 'large-text']);
  await kiosk.getByRole('button', { name: 'Polski' }).click();
  await kiosk.getByRole('button', { name: 'Show notice' }).click();
  await expect(kiosk.getByRole('heading', { level: 1 })).toHaveText(
    'Jesteś nagrywany lub nagrywana',
  );
  await expect(kiosk.getByText(t('pl', 'notice:status.draftTranslation'))).toHaveCount(0);
  await expect(kiosk.getByRole('complementary')).not.toContainText('Polish is a draft translation');
  await kiosk.getByRole('button', { name: t('pl', 'notice:acknowledge') }).click();
  // The thanks screen is in the person's language.
  await kiosk.getByRole('button', { name: t('pl', 'kiosk:thanks.done') }).click();

  // The events name the clip, and `npm run verify` passes on the export.
  const [download] = await Promise.all([
    kiosk.waitForEvent('download'),
    kiosk.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const file = (await download.path())!;
  const [signed, spoken] = readBundle(readFileSync(file, 'utf8')).events.slice(-3);
  expect(signed).toMatchObject({
    v: 2,
    lang: 'bfi',
    content: { version: manifest.version, items: [SHA256] },
  });
  expect(spoken).toMatchObject({
    v: 2,
    lang: 'en-GB',
    formats: ['audio'],
    content: { version: manifest.version, items: [VOICE_SHA256] },
  });
  const verify = spawnSync('node', ['--import', 'tsx', 'scripts/verify-cli.ts', file], {
    encoding: 'utf8',
  });
  expect(verify.stdout).toContain('✔ Valid');
  expect(verify.status).toBe(0);

  // Back online, the event reaches the server; the report's coverage shows the gap closed.
  await kiosk.context().setOffline(false);
  await expect(kiosk.getByText('0 waiting to send')).toBeVisible({ timeout: 15_000 });
  const after = await coverage(reviewerPage);
  await expect(after).toContainText('Sign languages with no approved clip: Irish Sign Language.');
  await expect(after).not.toContainText(/Languages with no approved recording:[^.]*English/);
  // The table scrolls in a region of its own, named by its caption.
  const polishRow = reviewerPage
    .getByRole('region', { name: 'Text and spoken recording in each language' })
    .getByRole('row')
    .filter({ hasText: 'Polish' });
  await expect(polishRow).toContainText('Human translator, approved by a reviewer on');
  await expect(after).not.toContainText('British Sign Language');
});
