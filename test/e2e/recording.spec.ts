import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type BrowserType, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';
import type { ContentItem } from '../../src/schema/content.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations, t } from './helpers.js';

/** Test media made by Debian's ffmpeg (test/fixtures/media/content/make.sh). */
const media = (name: string) =>
  fileURLToPath(new URL(`../fixtures/media/content/${name}`, import.meta.url));
/** A 2-second test pattern: the fake camera. */
const CAMERA = media('camera.y4m');
/** A tone at about −33 LUFS: the fake microphone. */
const MICROPHONE = media('mic.wav');

/** A browser of its own, whose camera and microphone are the test media. */
async function withDevices(
  playwright: { chromium: BrowserType },
  run: (browser: Browser) => Promise<void>,
) {
  const options = chromiumLaunchOptions();
  const browser = await playwright.chromium.launch({
    ...options,
    args: [
      ...options.args,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${CAMERA}`,
      `--use-file-for-fake-audio-capture=${MICROPHONE}`,
    ],
  });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

/** The content library, signed in as the editor. */
async function library(page: Page): Promise<void> {
  await page.goto('/review/content');
  await page.getByLabel('Username').fill(TEST_ACCOUNTS.editor.username);
  await page.getByLabel('Password').fill(TEST_ACCOUNTS.editor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Content library' })).toBeVisible();
}

test('an editor records a sign clip with the camera, times its captions, and adds it as a draft', async ({
  playwright,
  baseURL,
}) => {
  test.slow();
  await withDevices(playwright, async (browser) => {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await library(page);
    await page
      .getByRole('region', { name: 'Add a clip or a recording' })
      .getByLabel('Language')
      .selectOption({ label: 'British Sign Language' });

    // The camera: a live preview, a countdown, the take.
    await page.getByRole('button', { name: 'Record with the camera' }).click();
    const live = page.getByLabel('What the camera sees');
    await expect
      .poll(() => live.evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Recording starts in' })).toBeVisible();
    await expect(page.getByText('Recording. Press Stop when you have finished.')).toBeVisible({
      timeout: 10_000,
    });
    await page.waitForTimeout(5_000);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByText('Recorded. Watch or listen to the take')).toBeVisible();
    const take = page.getByLabel('The take');
    // The duration was written into the WebM, so the player (and the server) know it.
    await expect.poll(() => take.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(4);
    expect(await axeViolations(page)).toEqual([]);
    // A re-take starts again from the countdown; this one is used.
    await page.getByRole('button', { name: 'Use this recording' }).click();
    await expect(page.getByRole('button', { name: 'Record with the camera' })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'The recording is the file to add' }),
    ).toBeVisible();

    // The caption-timing helper: the clip plays; Space marks each sentence's start.
    await page.getByText('Time the captions', { exact: true }).click();
    await page.getByRole('button', { name: 'Play the clip and time the captions' }).click();
    const mark = page.getByRole('button', { name: /^Starts now:/ });
    await expect(mark).toBeVisible();
    await mark.focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Space');
      await page.waitForTimeout(400);
    }
    await expect(page.getByText('Captions timed: 5 sentences.')).toBeVisible({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Add as a draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added as a draft' })).toHaveText(
      'Added as a draft: Sign-language clip, British Sign Language. Someone else must now review it.',
    );

    // The server has the recording, its duration, and captions from the notice's own sentences.
    const items = (await (await page.request.get('/api/content')).json()) as ContentItem[];
    // This run's: the newest draft in BSL (a repeated run leaves earlier ones).
    const added = items
      .filter((i) => i.kind === 'sign' && i.lang === 'bfi' && i.status === 'draft')
      .sort((a, b) => b.addedAt.localeCompare(a.addedAt))[0];
    expect(added?.mime).toBe('video/webm');
    expect(added?.durationMs).toBeGreaterThan(4_000);
    expect(added?.captions).toMatch(
      /^WEBVTT\n\n1\n00:00:0\d\.\d{3} --> 00:00:0\d\.\d{3}\nYou are being recorded\n\n2\n/,
    );
    expect(added?.captions).toContain('This is a police body-worn camera.');
  });
});

test('an editor records the spoken notice in Polish: the text to read in large type, the loudness measured and brought to the target', async ({
  playwright,
  baseURL,
}) => {
  test.slow();
  await withDevices(playwright, async (browser) => {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    await context.grantPermissions(['microphone']);
    const page = await context.newPage();
    await library(page);
    await page.getByLabel('What are you adding?').selectOption({ label: 'Spoken recording' });
    await page
      .getByRole('region', { name: 'Add a clip or a recording' })
      .getByLabel('Language')
      .selectOption('pl');
    await page.getByRole('button', { name: 'Record with the microphone' }).click();
    // What to read, in Polish, in large type.
    const script = page.locator('.script[lang="pl"]');
    await expect(script).toContainText(t('pl', 'notice:plain.camera'));
    expect(await script.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThan(
      24,
    );
    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect(page.getByText('Recording. Press Stop when you have finished.')).toBeVisible({
      timeout: 10_000,
    });
    await page.waitForTimeout(3_500);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Use this recording' }).click();
    // Measured as soon as it is the file: about -33 LUFS, to be raised to -16.
    await expect(
      page.getByText(/^Loudness -\d+\.\d LUFS, peak -\d+\.\d dBFS\. Silence:/),
    ).toBeVisible({
      timeout: 10_000,
    });
    await expect(
      page.getByText(
        /^It will be brought to -16\.0 LUFS \(\+\d+\.\d dB\) and added as a WAV file\.$/,
      ),
    ).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add as a draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added as a draft' })).toContainText(
      'Added as a draft: Spoken recording',
    );
    const items = (await (await page.request.get('/api/content')).json()) as ContentItem[];
    const added = items
      .filter((i) => i.kind === 'audio' && i.lang === 'pl' && i.status === 'draft')
      .sort((a, b) => b.addedAt.localeCompare(a.addedAt))[0];
    expect(added?.mime).toMatch(/wav/);
    expect(added?.durationMs).toBeGreaterThan(2_000);
  });
});

test('a recording too quiet to raise, or one that clipped, is refused in the page with what to do', async ({
  page,
}) => {
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/content')
      uploads.push(r.url());
  });
  await library(page);
  await page.getByLabel('What are you adding?').selectOption({ label: 'Spoken recording' });
  const cases = [
    [
      'quiet.wav',
      /^The recording is too quiet \(-\d+\.\d LUFS; it needs at least -45\.0 LUFS\)\. Record again, nearer the microphone\.$/,
    ],
    ['clipped.wav', /^The recording is distorted: it reached the loudest level a file can hold\./],
  ] as const;
  for (const [name, message] of cases) {
    await page.getByLabel('File', { exact: true }).setInputFiles(media(name));
    await expect(page.getByText(message)).toBeVisible();
    await page.getByRole('button', { name: 'Add as a draft' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
  }
  expect(uploads).toEqual([]);
});
