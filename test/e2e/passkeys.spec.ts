import { expect, test, type Page } from '@playwright/test';
import { PASSKEY_ACCOUNT } from '../server/accounts.js';
import { axeViolations } from './helpers.js';

/**
 * Passkeys in Chromium, with a virtual authenticator (the DevTools protocol's WebAuthn domain)
 * standing in for a fingerprint reader: add one in /review, see the recovery codes once, sign in
 * again with the passkey, then with a recovery code, and remove it. WebAuthn needs a domain, not
 * an IP address, so the journey runs on localhost.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const REVIEW = `http://localhost:${PORT}/review`;

async function signInForm(page: Page): Promise<void> {
  await page.getByLabel('Username').fill(PASSKEY_ACCOUNT.username);
  await page.getByLabel('Password').fill(PASSKEY_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a reviewer adds a passkey, signs in with it and with a recovery code, and removes it', async ({
  page,
}) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await page.goto(REVIEW);
  await signInForm(page);
  await page.getByRole('button', { name: 'Passkeys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Passkeys' })).toBeVisible();
  await expect(page.getByText('You have no passkeys.')).toBeVisible();
  await page.getByRole('button', { name: 'Add a passkey' }).click();

  // The first passkey brings ten recovery codes, shown this once.
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused();
  const codes = await page.locator('fw-review-passkeys ol.codes li').allTextContents();
  expect(codes).toHaveLength(10);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'I have kept them' }).click();
  await expect(page.getByText('Recovery codes left: 10')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The password alone no longer signs in: the passkey confirms it.
  await signInForm(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
  await page.getByRole('button', { name: 'Use your passkey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notice use review' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // A recovery code stands in for the passkey, once.
  await signInForm(page);
  await page.getByLabel('Recovery code').fill(codes[0]!.trim());
  await page.getByRole('button', { name: 'Use recovery code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notice use review' })).toBeVisible();

  await page.getByRole('button', { name: 'Passkeys' }).click();
  await expect(page.getByText('Recovery codes left: 9')).toBeVisible();
  await page.getByRole('button', { name: 'Remove passkey: Passkey 1' }).click();
  await expect(page.getByText('You have no passkeys.')).toBeVisible();
});
