import { expect, test, type Page } from '@playwright/test';
import { TEST_ACCOUNTS } from '../server/accounts.js';
import { axeViolations, painted, t } from './helpers.js';

/**
 * The IPAG lab at /lab against the real server: open the gallery, try a notice in Arabic BSL,
 * switch on conditions, read the screen-reader view, sign in as an IPAG member and leave
 * feedback, with axe (WCAG 2.2 A and AA) clean in English and Arabic along the way.
 */

const SHOTS = 'test-results/lab';

async function tryNotice(page: Page, name: string) {
  await page.getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Preview:/ })).toBeFocused();
}

test('nothing of the lab loads on the kiosk', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Show notice' })).toBeVisible();
  expect(scripts.filter((s) => /\/lab-|lab\.json/.test(s))).toEqual([]);
});

/**
 * A notice the tester has not yet left feedback on, in a right-to-left language: Arabic, then
 * another for each repeat (`--repeat-each`, as `npm run test:stress` runs it), because feedback
 * left in one run stays on the server for the next.
 */
const RTL_NOTICES = [
  { lang: 'ar', label: 'العربية (Arabic)', filter: 'arab' },
  { lang: 'fa', label: 'فارسی (Persian (Farsi))', filter: 'pers' },
  { lang: 'ur', label: 'اردو (Urdu)', filter: 'urdu' },
];

test('a tester tries a right-to-left BSL notice under two conditions, reads the screen-reader view, and leaves feedback', async ({
  page,
}) => {
  // Two condition simulators, a screen-reader view, feedback and axe: over 30 s on a busy CI core.
  test.setTimeout(60_000);
  const { lang, label, filter } = RTL_NOTICES[test.info().repeatEachIndex % RTL_NOTICES.length]!;
  await page.goto('/lab');
  await expect(page.getByRole('heading', { level: 1, name: 'IPAG lab' })).toBeVisible();
  await expect(page.getByText(/Showing 163 of 163 notices/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/gallery.png`, fullPage: false });

  await page.getByLabel('Format', { exact: true }).selectOption('bsl');
  await page.getByLabel('Language', { exact: true }).fill(filter);
  await tryNotice(page, `Try British Sign Language, ${label}`);
  await expect(page).toHaveURL(new RegExp(`format=bsl&notice-lang=${lang}(&|$)`));
  const stage = page.getByRole('region', { name: 'Notice preview' });
  const notice = stage.locator('fw-notice');
  await expect(notice).toHaveAttribute('lang', lang);
  await expect(stage.getByRole('heading', { level: 3 })).toBeVisible();
  await expect(page.getByText(/project's sample clip/)).toBeVisible();

  // Two conditions at once: protanopia and 200% zoom; both kept in the address.
  await page.getByLabel('Protanopia (no red cones)').check();
  await page.getByLabel('200%').check();
  await expect(page).toHaveURL(/vision=protanopia/);
  await expect(page).toHaveURL(/zoom=200/);
  await expect(stage.locator('.vision')).toHaveClass(/vision-protanopia/);
  await expect(stage.locator('.zoom')).toHaveClass(/zoom-200/);
  await stage.screenshot({ path: `${SHOTS}/bsl-${lang}-protanopia-200.png` });

  // The screen-reader view: the notice's heading and its button, in order, as text.
  const announced = page.getByTestId('announce');
  await expect(announced).toContainText(`heading, level 3: ${t(lang, 'heading')}`);
  await expect(announced).toContainText(`button: ${t(lang, 'video.replay')}`);
  const items = await announced.locator('li').allInnerTexts();
  const heading = items.indexOf(`heading, level 3: ${t(lang, 'heading')}`);
  const acknowledge = items.indexOf(`button: ${t(lang, 'acknowledge')}`);
  expect(heading).toBeGreaterThanOrEqual(0);
  expect(acknowledge).toBeGreaterThan(heading);
  await expect(announced.locator('li').first().locator('[lang]')).toHaveAttribute('lang', lang);

  // The shared link opens the same notice under the same conditions.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(
    other.getByRole('region', { name: 'Notice preview' }).locator('fw-notice'),
  ).toHaveAttribute('lang', lang);
  await expect(other.getByLabel('Protanopia (no red cones)')).toBeChecked();
  await other.close();

  // Feedback: sign in as an IPAG member, in the lab.
  await page.getByRole('button', { name: 'Sign in to leave feedback' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByLabel('Username').fill(TEST_ACCOUNTS.ipag.username);
  await page.getByLabel('Password').fill(TEST_ACCOUNTS.ipag.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Feedback' })).toBeFocused();
  await expect(page.getByText('You have not left feedback on this notice yet.')).toBeVisible();

  // An empty form gets the error summary; then a complete one is sent.
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByRole('alert')).toContainText('Select whether you understood the notice');
  const comment = `The signer was clear <b>but</b> fast ${Date.now()}`;
  await page
    .getByRole('group', { name: 'Did you understand the notice?' })
    .getByLabel('Partly')
    .check();
  await page.getByLabel('4', { exact: true }).check();
  await page.getByLabel('Assistive technology you used').selectOption('captions');
  await page.getByLabel('Comment (optional)').fill(comment);
  await expect(page.getByText(/characters remaining/)).toBeVisible();
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByText('Thank you. Your feedback has been sent.')).toBeVisible();
  await expect(page.locator('fw-lab-feedback .previous .comment').first()).toHaveText(comment);
  await expect(page.locator('fw-lab-feedback .previous b')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page
    .getByRole('region', { name: 'Feedback' })
    .screenshot({ path: `${SHOTS}/feedback.png` });

  // It was stored: the tester sees it again after a reload.
  await page.reload();
  await expect(page.locator('fw-lab-feedback .previous .comment').first()).toHaveText(comment);
});

test('the lab passes axe in Arabic, right to left, with every condition on', async ({ page }) => {
  await page.goto(
    '/lab?lang=ar&format=visual&notice-lang=ar&sim=muted+blur+phone+still+forced&vision=achromatopsia&zoom=400',
  );
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('fw-lab')).toHaveAttribute('lang', /.+/);
  await expect(
    page.getByRole('region', { name: 'Notice preview' }).locator('fw-notice'),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page
    .getByRole('region', { name: 'Notice preview' })
    .screenshot({ path: `${SHOTS}/ar-every-condition.png` });
});

test('the lab reflows at 320 px with no horizontal scroll', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/lab?format=large-text&notice-lang=pl');
  await expect(page.getByRole('heading', { level: 1, name: 'IPAG lab' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/320.png`, fullPage: false });
});

test('three notices under the simulators, for a person to look at', async ({ page }) => {
  const shots: Array<[string, string]> = [
    [
      'visual-en-deuteranopia-blur',
      '?format=visual&notice-lang=en-GB&vision=deuteranopia&sim=blur',
    ],
    ['easy-read-cy-phone-400', '?format=easy-read&notice-lang=cy&sim=phone&zoom=400'],
    ['audio-ur-muted-forced', '?format=audio&notice-lang=ur&sim=muted+forced+still'],
    ['visual-en-none', '?format=visual&notice-lang=en-GB'],
  ];
  for (const [name, search] of shots) {
    await page.goto(`/lab${search}`);
    const stage = page.getByRole('region', { name: 'Notice preview' });
    await expect(stage.locator('fw-notice')).toBeVisible();
    await painted(page);
    await stage.screenshot({ path: `${SHOTS}/${name}.png` });
  }
});
