import { expect, test } from '@playwright/test';
import {
  chooseFormats,
  events,
  mockSpeech,
  mockVibration,
  noticeHeading,
  recordEvents,
  spoken,
  t,
  vibrations,
} from './helpers.js';

test.beforeEach(async ({ page }) => {
  await recordEvents(page);
});

test('one tap on "Show notice" presents the default notice and reports it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();

  await expect(noticeHeading(page)).toBeFocused();
  await expect(page.getByText('Recording', { exact: true })).toBeVisible();
  await expect(page.getByText(t('en-GB', 'plain.camera'))).toBeVisible();

  await expect.poll(() => events(page, 'fw-notice-shown')).toHaveLength(1);
  const [shown] = await events(page, 'fw-notice-shown');
  expect(shown!.detail).toMatchObject({ formats: ['visual', 'large-text'], lang: 'en-GB' });
  expect(Date.parse(shown!.detail.startedAt as string)).toBeGreaterThan(Date.now() - 60_000);

  await page.getByRole('button', { name: 'I understand' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeFocused();
  const [ended] = await events(page, 'fw-notice-ended');
  expect(ended!.detail).toMatchObject({
    formats: ['visual', 'large-text'],
    lang: 'en-GB',
    startedAt: shown!.detail.startedAt,
    outcome: 'acknowledged',
  });
  expect(ended!.detail.durationMs).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Back to start' }).click();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
});

test('circumstance chips are optional, and one can be chosen and unchosen', async ({ page }) => {
  await page.goto('/');
  const arrest = page.getByRole('button', { name: 'Arrest', exact: true });
  await arrest.click();
  await expect(arrest).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Stop and search' }).click();
  await expect(arrest).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Stop and search' }).click();
  await expect(page.getByRole('button', { name: 'Stop and search' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect(noticeHeading(page)).toBeVisible();
});

test.describe('each format', () => {
  test('Large text: at least 32 px', async ({ page }) => {
    await page.goto('/');
    await chooseFormats(page, ['large-text']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    const sentence = page.getByText(t('en-GB', 'plain.recording'));
    await expect(sentence).toBeVisible();
    expect(
      parseFloat(await sentence.evaluate((el) => getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(32);
    await expect(page.getByText('Recording', { exact: true })).toHaveCount(0);
  });

  test('Visual: the beacon alone, with the plain words to read', async ({ page }) => {
    await page.goto('/');
    await chooseFormats(page, ['visual']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    await expect(page.getByText('Recording', { exact: true })).toBeVisible();
    await expect(page.getByText(t('en-GB', 'plain.camera'))).toBeVisible();
  });

  test('Easy Read: seven short sentences, each with a pictogram', async ({ page }) => {
    await page.goto('/');
    await chooseFormats(page, ['easy-read']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    const items = page.getByRole('listitem').filter({ hasText: t('en-GB', 'easyRead.camera') });
    await expect(items).toHaveCount(1);
    await expect(page.getByRole('listitem').filter({ has: page.locator('svg') })).toHaveCount(7);
    await expect
      .poll(async () => (await events(page, 'fw-notice-shown'))[0]?.detail.formats)
      .toEqual(['easy-read']);
  });

  test('British Sign Language: the clip plays muted, captioned, and says it is a sample', async ({
    page,
  }) => {
    await page.goto('/');
    await chooseFormats(page, ['bsl']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    const video = page.locator('video');
    await expect(video).toHaveJSProperty('muted', true);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await video.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe('showing');
    await expect(page.getByText(t('en-GB', 'video.sample'))).toBeVisible();
    await expect(page.getByRole('complementary')).toContainText(
      t('en-GB', 'kiosk:officer.sampleClip'),
    );
    await expect
      .poll(async () => (await events(page, 'fw-notice-shown'))[0]?.detail.lang)
      .toBe('bfi');
  });

  test('Audio: an earcon, then the notice spoken sentence by sentence', async ({ page }) => {
    await mockSpeech(page, ['en-GB']);
    await page.goto('/');
    await chooseFormats(page, ['audio']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    await expect.poll(() => spoken(page)).toHaveLength(5);
    expect((await spoken(page)).map((s) => s.text)).toEqual(
      ['heading', 'plain.camera', 'plain.recording', 'plain.evidence', 'plain.ask'].map((k) =>
        t('en-GB', k),
      ),
    );
    expect(
      await page.evaluate(() => performance.getEntriesByName('fw-earcon-scheduled').length),
    ).toBe(1);
  });

  test('Audio with no voice for the language: the officer is told plainly', async ({ page }) => {
    await mockSpeech(page, ['en-GB']);
    await page.goto('/?lang=en-GB');
    await chooseFormats(page, ['audio', 'large-text']);
    await page.getByRole('button', { name: 'Polski' }).click();
    await page.getByRole('button', { name: 'Show notice' }).click();
    const officer = page.getByRole('complementary');
    await expect(officer).toContainText('Spoken audio is not available in Polish on this device.');
    await expect(officer).toHaveAttribute('lang', 'en-GB');
  });

  test('Vibration: a repeating pattern', async ({ page }) => {
    await mockVibration(page, true);
    await page.goto('/');
    await chooseFormats(page, ['vibration']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    await expect.poll(async () => (await vibrations(page)).length).toBeGreaterThan(0);
    const [pattern] = await vibrations(page);
    expect(Array.isArray(pattern) && pattern.length).toBeGreaterThanOrEqual(4);
  });

  test('Vibration where the device cannot: the officer is told, the public is not', async ({
    page,
  }) => {
    await mockVibration(page, false);
    await page.goto('/');
    await chooseFormats(page, ['vibration', 'large-text']);
    await page.getByRole('button', { name: 'Show notice' }).click();
    await expect(page.getByRole('complementary')).toContainText(
      t('en-GB', 'kiosk:officer.vibrationUnsupported'),
    );
    await expect(page.locator('fw-notice')).not.toContainText(
      t('en-GB', 'kiosk:officer.vibrationUnsupported'),
    );
  });
});

test('hand-over: the person chooses Arabic and Easy Read, and the page turns right to left', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Let them choose' }).click();
  // The view speaks to the person now holding the device, and says what to do.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Choose how you want to be told' }),
  ).toBeFocused();
  await expect(
    page.getByText('Choose your language and how you want to be told. Then press “Show notice”.'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: t('ar', 'formats.easy-read.name'), exact: true }).click();
  await page.getByRole('button', { name: t('ar', 'kiosk:home.show') }).click();

  await expect(noticeHeading(page, 'ar')).toBeVisible();
  await expect(page.getByText(t('ar', 'easyRead.camera'))).toBeVisible();
  const direction = await page
    .locator('fw-notice')
    .evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe('rtl');
  // The officer's strip stays in the officer's language, and says the translation is a draft.
  await expect(page.getByRole('complementary')).toHaveAttribute('lang', 'en-GB');
  await expect(page.getByRole('complementary')).toContainText('Arabic is a draft translation');

  await page.getByRole('button', { name: t('ar', 'acknowledge') }).click();
  await expect(page.getByRole('heading', { name: t('ar', 'kiosk:thanks.heading') })).toBeVisible();
  const [ended] = await events(page, 'fw-notice-ended');
  expect(ended!.detail).toMatchObject({
    formats: ['visual', 'large-text', 'easy-read'],
    lang: 'ar',
    outcome: 'acknowledged',
  });

  await page.getByRole('button', { name: t('ar', 'kiosk:thanks.done') }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
});

test('?lang=ar opens the kiosk in Arabic, right to left, from the first paint', async ({
  page,
}) => {
  await page.goto('/?lang=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: t('ar', 'kiosk:home.show') })).toBeVisible();
  await expect(page).toHaveTitle(t('ar', 'kiosk:appName'));
});

test('Flip turns the notice 180 degrees, and back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();
  const flip = page.getByRole('button', { name: 'Flip' });
  await flip.click();
  await expect(flip).toHaveAttribute('aria-pressed', 'true');
  const stage = page.locator('fw-kiosk .stage');
  await expect
    .poll(() => stage.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a))
    .toBeCloseTo(-1);
  await flip.click();
  await expect.poll(() => stage.evaluate((el) => getComputedStyle(el).transform)).toBe('none');
});

test('the officer ends a notice only through a confirmation that defaults to keep showing', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'Officer: end notice' }).click();
  const dialog = page.getByRole('dialog', { name: 'End the notice?' });
  await expect(dialog.getByRole('button', { name: 'Keep showing' })).toBeFocused();

  // An accidental Enter keeps the notice on screen.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(noticeHeading(page)).toBeVisible();
  expect(await events(page, 'fw-notice-ended')).toHaveLength(0);

  await page.getByRole('button', { name: 'Officer: end notice' }).click();
  await dialog.getByRole('button', { name: 'End notice' }).click();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  const [ended] = await events(page, 'fw-notice-ended');
  expect(ended!.detail.outcome).toBe('shown');
});

test('the person changes format and language from the notice', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'Change format or language' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change format or language' });
  await dialog.getByRole('button', { name: 'Cymraeg' }).click();
  await dialog.getByRole('button', { name: 'Easy Read', exact: true }).click();
  await dialog.getByRole('button', { name: 'Show notice' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.getByText(t('cy', 'easyRead.camera'))).toBeVisible();
  await page.getByRole('button', { name: t('cy', 'acknowledge') }).click();
  const [ended] = await events(page, 'fw-notice-ended');
  expect(ended!.detail).toMatchObject({
    formats: ['visual', 'large-text', 'easy-read'],
    lang: 'cy',
  });
});

test('the controls around the notice work before the notice has loaded', async ({ page }) => {
  // The notice's module loads on demand; on a slow device a person can tap before it arrives.
  // Hold its definition back until the test lets it go.
  await page.addInitScript(() => {
    const define = customElements.define.bind(customElements);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    Object.assign(window, { releaseNotice: () => release() });
    customElements.define = (name, constructor, options) => {
      if (name === 'fw-notice') void held.then(() => define(name, constructor, options));
      else define(name, constructor, options);
    };
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await page.getByRole('button', { name: 'Replay' }).click();
  await page.getByRole('button', { name: 'Change format or language' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change format or language' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Officer: end notice' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End notice' }).click();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  expect(await page.evaluate(() => customElements.get('fw-notice'))).toBeUndefined();
});

test('"Notice not possible" records a reason in one tap', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Use of force' }).click();
  await page.getByRole('button', { name: 'Notice not possible' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Immediate risk' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded' })).toHaveText(
    'Recorded: notice not possible (Immediate risk).',
  );
  const [report] = await events(page, 'fw-notice-not-possible');
  expect(report!.detail).toMatchObject({
    reason: 'immediate-risk',
    circumstance: 'use-of-force',
    formats: ['visual', 'large-text'],
    lang: 'en-GB',
  });
  await expect(page.getByRole('button', { name: 'Use of force' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('"Notice not possible" opens on Cancel, so Enter pressed twice records nothing', async ({
  page,
}) => {
  await page.goto('/');
  const trigger = page.getByRole('button', { name: 'Notice not possible' });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Why was no notice possible?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  // The officer sees nothing recorded, and the log holds no notice at all.
  await expect(page.getByText('0 notices today')).toBeVisible();
  await expect(page.getByText(/Recorded: notice not possible/)).toHaveCount(0);
  expect(await events(page, 'fw-notice-not-possible')).toEqual([]);
});

test('the live BSL interpreter link shows only when configured and online', async ({
  page,
  context,
}) => {
  await page.goto('/');
  const link = page.getByRole('link', { name: 'Live BSL interpreter' });
  await expect(link).toHaveAttribute('href', 'https://vrs.example.test/forewarn');
  await context.setOffline(true);
  await expect(link).toHaveCount(0);
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  await context.setOffline(false);
  await expect(link).toBeVisible();
});

test('the officer sees "Offline" at once, even before the server check has loaded', async ({
  page,
  context,
}) => {
  // The check that asks the server loads after the first paint; held back here, the browser's own
  // offline and online events must still reach the officer.
  await page.route('**/assets/connectivity-*.js', () => undefined);
  await page.goto('/');
  const link = page.getByRole('link', { name: 'Live BSL interpreter' });
  await expect(link).toBeVisible();
  await context.setOffline(true);
  await expect(link).toHaveCount(0);
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  await context.setOffline(false);
  await expect(link).toBeVisible();
});

test('with no relay service configured, there is no interpreter link', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { vrsUrl: null } }));
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Live BSL interpreter' })).toHaveCount(0);
});

test('a notice can be shown and acknowledged with the keyboard alone, with visible focus', async ({
  page,
}) => {
  await page.goto('/');
  const show = page.getByRole('button', { name: 'Show notice' });
  // A person tabs through what is on screen: wait for the home screen before the first key.
  await expect(show).toBeVisible();
  // Skip link first, then the main button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(show).toBeFocused();
  const outline = await show.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(noticeHeading(page)).toBeFocused();
  // The heading takes focus first, and the beacon's pause comes straight after it (WCAG 2.2.2).
  await page.keyboard.press('Tab');
  const pause = page.getByRole('button', { name: 'Pause animation' });
  await expect(pause).toBeFocused();
  await page.keyboard.press(' ');
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'I understand' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeFocused();
});

test('the theme can be pinned by the officer and is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('an unknown path shows a clear "page not found" with a way back', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the recording notice' }).click();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
});

test('the kiosk goes full screen on request, and back', async ({ page }) => {
  await page.goto('/');
  const button = page.getByRole('button', { name: 'Full screen' });
  await button.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await button.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
});

test('the automatic theme follows a request for more contrast', async ({ page }) => {
  await page.emulateMedia({ contrast: 'more' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await page.getByRole('button', { name: 'Light', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('every pictogram in the built app is drawn (no shape nested inside another)', async ({
  page,
}) => {
  await page.goto('/');
  await chooseFormats(page, ['visual', 'easy-read']);
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect(page.getByText(t('en-GB', 'easyRead.copy'))).toBeVisible();
  const problems = await page.evaluate(() => {
    const shapes = 'path, circle, rect, line, polyline, polygon, ellipse';
    const found: string[] = [];
    let drawn = 0;
    const visit = (root: Document | ShadowRoot) => {
      for (const svg of root.querySelectorAll('svg')) {
        for (const shape of svg.querySelectorAll(shapes)) {
          if (shape.parentElement?.matches(shapes))
            found.push(`${shape.localName} inside ${shape.parentElement.localName}`);
          const box = (shape as SVGGraphicsElement).getBoundingClientRect();
          if (box.width > 0 || box.height > 0) drawn++;
        }
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return { found, drawn };
  });
  expect(problems.found).toEqual([]);
  expect(problems.drawn).toBeGreaterThan(20);
});
