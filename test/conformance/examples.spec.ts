import { expect, test } from '@playwright/test';
import { axeViolations, drawn } from '../e2e/helpers.js';
import { COMPONENT_FIXTURES } from './fixtures.js';

/**
 * The examples page (/examples/): every component fixture, each in a section of its own address,
 * drawn by the component library alone; and the page itself passes axe.
 */

test('the examples page shows every fixture under its own heading and address, with contents', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto('/examples');
  await expect(page).toHaveURL(/\/examples\/$/);
  await expect(page).toHaveTitle('Forewarn component examples');
  await expect(page.getByRole('heading', { level: 1, name: 'Component examples' })).toBeVisible();

  const contents = page.getByRole('navigation', { name: 'Contents' });
  for (const { component, name, id } of COMPONENT_FIXTURES) {
    const section = page.locator(`section#${id}`);
    await expect(
      section.getByRole('heading', { level: 3, name: `${component} ${name}`, exact: true }),
    ).toBeVisible();
    await expect(section.getByRole('link', { name, exact: true })).toHaveAttribute(
      'href',
      `#${id}`,
    );
    await expect(contents.locator(`a[href="#${id}"]`)).toHaveText(name);
    await expect(section.locator(component).first()).toBeAttached();
  }
  await expect(page.locator('section.ex-example')).toHaveCount(COMPONENT_FIXTURES.length);

  // The component library alone: none of the app's code.
  expect(
    requests.filter((path) => path.startsWith('/assets/') || path.startsWith('/src/')),
  ).toEqual([]);
});

test('a fixture address scrolls to that fixture; ?only= shows it alone', async ({ page }) => {
  const { id, name, component } = COMPONENT_FIXTURES.find((f) => f.id === 'fw-notice--easy-read')!;
  await page.goto(`/examples#${id}`);
  await drawn(page);
  await expect(page.locator(`section#${id}`).getByRole('heading', { name })).toBeInViewport();

  await page
    .locator(`section#${id}`)
    .getByRole('link', { name: `Show ${component}: ${name} on its own` })
    .click();
  await expect(page).toHaveURL(`/examples/?only=${id}`);
  await expect(page).toHaveTitle(`${component}: ${name} – Forewarn component examples`);
  const main = page.getByRole('main');
  await expect(main.locator(':scope > *')).toHaveCount(1);
  await expect(main.locator(component)).toHaveAttribute('formats', 'easy-read');

  await page.goto('/examples/?only=fw-nothing--here');
  await expect(
    page.getByRole('heading', { level: 1, name: 'No example is called “fw-nothing--here”' }),
  ).toBeVisible();
});

test('the examples page passes axe (WCAG 2.2 A and AA) around its fixtures, and starts with a skip link', async ({
  page,
}) => {
  await page.goto('/examples/');
  await expect(page.locator('section.ex-example')).toHaveCount(COMPONENT_FIXTURES.length);
  await drawn(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // The page itself: each live fixture passes axe in its element's own suite
  // (components/shared/test-suites/), one by one.
  expect(await axeViolations(page, '.ex-example__preview')).toEqual([]);
});
