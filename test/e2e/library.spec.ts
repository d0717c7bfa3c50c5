import { expect, test } from '@playwright/test';
import { axeViolations, t } from './helpers.js';

test('the component library works on a plain HTML page with no application code', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto('/examples/plain.html');

  await expect(page.getByRole('heading', { level: 2, name: t('cy', 'heading') })).toBeVisible();
  await expect(page.getByText(t('cy', 'easyRead.camera'))).toBeVisible();
  await page.getByRole('button', { name: t('cy', 'acknowledge') }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Notice ended: acknowledged, cy, visual easy-read',
  );

  // Nothing from the app was loaded: only the library and its own chunks.
  const appCode = requests.filter(
    (path) => path.startsWith('/assets/') || path.startsWith('/src/'),
  );
  expect(appCode).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});
