import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { analyseFrames, type Frame } from '../flash.js';
import { chooseFormats, noticeHeading, painted } from '../e2e/helpers.js';

/** Every running animation on the page, shadow roots included, described for a failure message. */
function runningAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const animation of root.getAnimations()) {
        if (animation.playState !== 'running') continue;
        const target = (animation.effect as KeyframeEffect | null)?.target;
        found.push(
          `${target?.localName ?? '?'}.${target?.getAttribute('class') ?? ''} ${(animation as CSSAnimation).animationName ?? ''}`,
        );
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  });
}

test('the beacon pulses by default', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect(noticeHeading(page)).toBeVisible();
  expect(await runningAnimations(page)).not.toEqual([]);
});

test('under prefers-reduced-motion nothing moves, in every format', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await chooseFormats(page, ['visual', 'large-text', 'easy-read', 'bsl']);
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect(noticeHeading(page)).toBeVisible();
  await page.getByRole('button', { name: 'Flip' }).click();
  await painted(page);
  expect(await runningAnimations(page)).toEqual([]);
  // The sign video waits for the person to press Play.
  expect(await page.locator('video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await expect(page.getByRole('button', { name: 'Pause animation' })).toBeHidden();
});

test('the beacon never flashes more than 3 times in any second (measured from rendered frames)', async ({
  page,
}) => {
  await page.goto('/');
  await chooseFormats(page, ['visual']);
  await page.getByRole('button', { name: 'Show notice' }).click();
  const beacon = page.locator('fw-beacon');
  await expect(beacon).toBeVisible();

  // Hold every animation, then render the beacon at 30 frames a second across four seconds.
  await page.evaluate(() => {
    const beaconEl = document
      .querySelector('fw-kiosk')!
      .shadowRoot!.querySelector('fw-notice')!
      .shadowRoot!.querySelector('fw-beacon')!;
    (window as unknown as { __beaconAnimations: Animation[] }).__beaconAnimations =
      beaconEl.shadowRoot!.getAnimations();
    for (const a of beaconEl.shadowRoot!.getAnimations()) a.pause();
  });
  expect(
    await page.evaluate(
      () => (window as unknown as { __beaconAnimations: Animation[] }).__beaconAnimations.length,
    ),
  ).toBeGreaterThan(0);

  const frames: Frame[] = [];
  const fps = 30;
  for (let i = 0; i < 4 * fps; i++) {
    const t = (i * 1000) / fps;
    await page.evaluate((time) => {
      for (const a of (window as unknown as { __beaconAnimations: Animation[] }).__beaconAnimations)
        a.currentTime = time;
    }, t);
    const png = PNG.sync.read(await beacon.screenshot({ animations: 'allow' }));
    frames.push({ t, width: png.width, height: png.height, data: png.data });
  }
  const distinct = new Set(frames.map((f) => Buffer.from(f.data).toString('base64'))).size;
  expect(distinct, 'the frames show the pulse changing').toBeGreaterThan(10);

  const report = analyseFrames(frames);
  expect(report.maxFlashesPerSecond).toBeLessThanOrEqual(3);
  expect(report.maxRedFlashesPerSecond).toBe(0);
  test.info().annotations.push({ type: 'flash', description: JSON.stringify(report) });
});
