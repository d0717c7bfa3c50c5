import { expect, test } from '@playwright/test';
import type { ContentItem } from '../../src/schema/content.js';
import { axeViolations, contentMedia, editorLibrary, t, withDevices } from './helpers.js';

test('an editor records the spoken notice in Polish: the text to read in large type, the loudness measured and brought to the target', async ({
  playwright,
  baseURL,
}) => {
  test.slow();
  await withDevices(playwright, async (browser) => {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    await context.grantPermissions(['microphone']);
    const page = await context.newPage();
    await editorLibrary(page);
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
  await editorLibrary(page);
  await page.getByLabel('What are you adding?').selectOption({ label: 'Spoken recording' });
  const cases = [
    [
      'quiet.wav',
      /^The recording is too quiet \(-\d+\.\d LUFS; it needs at least -45\.0 LUFS\)\. Record again, nearer the microphone\.$/,
    ],
    ['clipped.wav', /^The recording is distorted: it reached the loudest level a file can hold\./],
  ] as const;
  for (const [name, message] of cases) {
    await page.getByLabel('File', { exact: true }).setInputFiles(contentMedia(name));
    await expect(page.getByText(message)).toBeVisible();
    await page.getByRole('button', { name: 'Add as a draft' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
  }
  expect(uploads).toEqual([]);
});
