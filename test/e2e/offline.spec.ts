import { expect, test } from '@playwright/test';
import { chooseFormats, noticeHeading, t } from './helpers.js';

test.use({ serviceWorkers: 'allow' });

test('after the first visit, the kiosk works offline: shell, locales and the sign clip', async ({
  page,
  context,
}) => {
  // Room for the kiosk's 20-second re-check, should the online event come late on a busy machine.
  test.slow();
  await page.goto('/');
  await expect(page.getByText('Ready to work offline')).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  const status = page.locator('fw-kiosk p.connectivity');
  await expect(status).toHaveText('Offline', { timeout: 15_000 });

  // A locale never opened online still loads, because every locale is precached.
  await page.goto('/?lang=ti');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ti');
  await expect(page.getByRole('button', { name: t('ti', 'kiosk:home.show') })).toBeVisible();

  await page.goto('/');
  await chooseFormats(page, ['bsl', 'large-text']);
  await page.getByRole('button', { name: 'Show notice' }).click();
  await expect(noticeHeading(page)).toBeVisible();
  const video = page.locator('video');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(2);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  // Seeking needs byte ranges from the cache.
  await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 12));
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThanOrEqual(12);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();

  // The review needs the server, so it is not precached: offline it says so, with a way back.
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 1, name: 'Offline' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the recording notice' }).click();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  await expect(status).toHaveText('Offline', { timeout: 15_000 });

  // Back online, the status says so without a reload once the server answers again.
  await context.setOffline(false);
  await expect(status).toHaveText('Ready to work offline', { timeout: 30_000 });
});

test('the officer is told "Offline" when the server does not answer, though the browser says it is online', async ({
  page,
  context,
}) => {
  // Room for the kiosk's 20-second re-check, should the online event come late on a busy machine.
  test.slow();
  await page.goto('/');
  const status = page.locator('fw-kiosk p.connectivity');
  await expect(status).toHaveText('Ready to work offline', { timeout: 20_000 });
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);

  // navigator.onLine stays true on a dead link, behind a captive portal, and (in some Chromium
  // builds) after an offline reload: only the server's answer counts.
  await context.setOffline(true);
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => true }),
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  await expect(status).toHaveText('Offline', { timeout: 15_000 });

  // A view that needs the server says "Offline" too, not a blank page or an error.
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 1, name: 'Offline' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the recording notice' }).click();

  // Back online, the status says so without a reload.
  await context.setOffline(false);
  await expect(status).toHaveText('Ready to work offline', { timeout: 30_000 });
});

test('the kiosk is installable: a web app manifest with a name, a start URL and icons', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({
    name: expect.any(String),
    short_name: 'Forewarn',
    start_url: '/',
  });
  expect(['fullscreen', 'standalone']).toContain(manifest.display);
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toBe(icon.type);
  }
});
