import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { SignedManifest } from '../../src/schema/content.js';
import type { Role } from '../../src/schema/api.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations } from './helpers.js';

const CLIP = readFileSync(new URL('../fixtures/media/content/clip-5s.webm', import.meta.url));
const captions = (end: string) =>
  `WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nThis is a police body-worn camera.\n\n00:00:02.000 --> ${end}\nIt is recording video and sound.\n`;

/** A page of its own, signed in through the form as a person would. */
async function signedIn(browser: Browser, role: Role): Promise<Page> {
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await page.goto('/review/content');
  await page.getByLabel('Username').fill(TEST_ACCOUNTS[role].username);
  await page.getByLabel('Password').fill(TEST_ACCOUNTS[role].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Content library' })).toBeVisible();
  return page;
}

test('an editor adds a sign clip, the page catches a caption past its end, and a reviewer approves it', async ({
  browser,
}) => {
  const editor = await signedIn(browser, 'editor');
  const uploads: string[] = [];
  editor.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/content')
      uploads.push(r.url());
  });
  // Irish Sign Language: no other test adds a clip in it, so its row is this test's own.
  await editor
    .getByRole('region', { name: 'Add a clip or a recording' })
    .getByLabel('Language')
    .selectOption({ label: 'Irish Sign Language' });
  await editor.getByLabel('File', { exact: true }).setInputFiles({
    name: 'notice-bsl.webm',
    mimeType: 'video/webm',
    buffer: CLIP,
  });
  const captionsField = editor.getByLabel('Captions (a WebVTT file)');
  await captionsField.setInputFiles({
    name: 'notice.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from(captions('00:00:07.000')),
  });
  await editor.getByRole('button', { name: 'Add as a draft' }).click();
  // Checked in the page before anything is sent: focus on the summary, the field marked.
  const summary = editor.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(
    'Caption 2 ("It is recording video and sound.") ends at 0:07.0, after the clip ends at 0:05.0.',
  );
  await expect(captionsField).toHaveAttribute('aria-invalid', 'true');
  expect(uploads).toEqual([]);

  await captionsField.setInputFiles({
    name: 'notice.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from(captions('00:00:04.800')),
  });
  await editor.getByRole('button', { name: 'Add as a draft' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Added as a draft' })).toHaveText(
    'Added as a draft: Sign-language clip, Irish Sign Language. Someone else must now review it.',
  );
  const row = (page: Page) =>
    page
      .getByRole('row')
      .filter({ hasText: 'Irish Sign Language' })
      .filter({ hasText: 'not reviewed' });
  await expect(row(editor)).toContainText('Human signer, not reviewed');
  // The editor cannot approve what they added, and the page offers no way to.
  await expect(row(editor).getByRole('button', { name: 'Approve' })).toHaveCount(0);
  expect(await axeViolations(editor)).toEqual([]);

  const reviewer = await signedIn(browser, 'reviewer');
  const draft = row(reviewer);
  await expect(draft).toBeVisible();
  // The reviewer can watch the draft before deciding.
  await draft.getByText('Watch or listen').click();
  await expect(draft.locator('video')).toBeVisible();
  expect(await axeViolations(reviewer)).toEqual([]);
  await draft.getByRole('button', { name: 'Approve' }).click();
  await expect(reviewer.getByRole('status')).toContainText(
    'Sign-language clip, Irish Sign Language: Human signer, approved by a reviewer on',
  );

  // What kiosks will be sent: the clip, by the SHA-256 of its bytes, with its provenance.
  const { manifest } = (await (
    await reviewer.request.get('/api/content/manifest')
  ).json()) as SignedManifest;
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(CLIP).digest('hex');
  expect(manifest.items).toContainEqual(
    expect.objectContaining({ kind: 'sign', lang: 'isg', sha256, madeBy: 'human-signer' }),
  );
  const media = await reviewer.request.get(`/content/${sha256}`);
  expect(media.status()).toBe(200);
  expect(Buffer.compare(await media.body(), CLIP)).toBe(0);

  // The EIA report says which clip is in use, with its provenance, and the gap it closed.
  await reviewer.goto('/review/report');
  const contentInUse = reviewer.getByRole('region', { name: 'Content in use' });
  await expect(
    contentInUse.getByText('Irish Sign Language: Human signer, approved by a reviewer on'),
  ).toBeVisible();
  const coverage = reviewer.getByRole('region', { name: 'Coverage' });
  await expect(coverage).toContainText('Languages with no approved recording:');
  await expect(coverage).not.toContainText('Irish Sign Language');
  await expect(coverage).toContainText(
    /Notices given in this period in a language whose text is still a draft: [\d,]+ of [\d,]+\./,
  );
});

test('an IPAG member who opens the review is offered the content library, and an editor the same', async ({
  browser,
}) => {
  for (const role of ['ipag', 'editor'] as const) {
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    await page.goto('/review');
    await page.getByLabel('Username').fill(TEST_ACCOUNTS[role].username);
    await page.getByLabel('Password').fill(TEST_ACCOUNTS[role].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // An IPAG member gets the quarterly figures; an editor is told the review is not theirs.
    await expect(
      page.getByRole('heading', {
        level: 1,
        name:
          role === 'ipag'
            ? 'Notice use review'
            : 'This page is for the diversity and inclusion team',
      }),
    ).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Open the content library' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Content library' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add as a draft' })).toHaveCount(
      role === 'editor' ? 1 : 0,
    );
  }
});

test('an editor exports the Polish notice, and an import is checked and shown as a diff before it is added as a draft', async ({
  browser,
}) => {
  const editor = await signedIn(browser, 'editor');
  const section = editor.getByRole('region', { name: 'Translations' });
  await section.getByLabel('Language').selectOption('pl');
  const [download] = await Promise.all([
    editor.waitForEvent('download'),
    section.getByRole('link', { name: 'Download the text in use (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('forewarn-notice-pl.json');
  const shipped = JSON.parse(
    readFileSync(new URL('../../locales/pl/notice.json', import.meta.url), 'utf8'),
  ) as Record<string, Record<string, string>>;
  expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(shipped);

  const file = section.getByLabel('Translation file (JSON)');
  const choose = (name: string, text: string) =>
    file.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const refusal = section.getByRole('alert');

  // Bad files are refused in the page, saying why; markup is shown as text.
  const { camera: _gone, ...plain } = shipped.plain!;
  await choose('missing.json', JSON.stringify({ ...shipped, plain }));
  await expect(refusal).toBeFocused();
  await expect(refusal).toContainText('notice:plain.camera is missing');
  await choose('script.json', JSON.stringify({ ...shipped, heading: '<script>alert(1)</script>' }));
  await expect(refusal).toContainText('notice:heading contains HTML: "<script>alert(1)</script>"');
  // Shown as text: no element was made of it.
  await expect(refusal.locator('script')).toHaveCount(0);
  await choose('broken.json', '{"heading": ');
  await expect(refusal).toContainText('The file is not valid JSON');
  await expect(section.getByRole('button', { name: 'Add the translation as a draft' })).toHaveCount(
    0,
  );

  // A good one: what changes, then a draft for someone else to review.
  await choose(
    'pl.json',
    JSON.stringify({ ...shipped, heading: 'Jesteś nagrywany lub nagrywana' }),
  );
  await expect(
    section.getByRole('heading', { name: '1 string changes from the text in use' }),
  ).toBeVisible();
  const row = section.getByRole('row').filter({ hasText: 'heading' });
  await expect(row.getByRole('cell').nth(0)).toHaveText(shipped.heading as unknown as string);
  await expect(row.getByRole('cell').nth(1)).toHaveText('Jesteś nagrywany lub nagrywana');
  expect(await axeViolations(editor)).toEqual([]);
  await section.getByRole('button', { name: 'Add the translation as a draft' }).click();
  await expect(section.getByRole('status')).toContainText('Added as a draft: Translation,');
  await expect(
    editor
      .getByRole('row')
      .filter({ hasText: 'Translation,' })
      .filter({ hasText: 'not reviewed' })
      .first(),
  ).toContainText('Human translator, not reviewed');
});
