import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';
import type { ContentItem } from '../../src/schema/content.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations } from './helpers.js';

/** A 2-second test pattern made by Debian's ffmpeg (test/fixtures/media/content/make.sh). */
const CAMERA = fileURLToPath(new URL('../fixtures/media/content/camera.y4m', import.meta.url));

test('an editor records a sign clip with the camera, times its captions, and adds it as a draft', async ({
  playwright,
  baseURL,
}) => {
  test.slow();
  // A browser of its own, whose camera is the test pattern.
  const options = chromiumLaunchOptions();
  const browser = await playwright.chromium.launch({
    ...options,
    args: [
      ...options.args,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${CAMERA}`,
    ],
  });
  try {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await page.goto('/review/content');
    await page.getByLabel('Username').fill(TEST_ACCOUNTS.editor.username);
    await page.getByLabel('Password').fill(TEST_ACCOUNTS.editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Content library' })).toBeVisible();
    await page.getByLabel('Language').selectOption({ label: 'British Sign Language' });

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
  } finally {
    await browser.close();
  }
});
