import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/lib/chromium.mjs';

// Without a build, every test would wait for pages that never come: stop now and say why. (The
// server itself starts without one: the crash and cluster tests use it for the API alone.)
for (const built of ['dist/index.html', '.cache/examples/index.html']) {
  if (!existsSync(new URL(built, import.meta.url))) {
    throw new Error(
      `${built} is missing: run "npm run build", or "npm run test:e2e", which builds when the build is stale.`,
    );
  }
}

// E2E_PORT lets two runs share the machine.
const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * End-to-end tests drive the built app in Debian's Chromium, served from http://127.0.0.1 (a
 * secure context, so the service worker, wake lock and crypto behave as on a real device).
 */
export default defineConfig({
  // test/e2e: the product's journeys; test/conformance: the accessibility gate (its README).
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'conformance/**/*.spec.ts'],
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    serviceWorkers: 'block',
    viewport: { width: 1024, height: 768 },
  },
  webServer: {
    command: 'node --import tsx test/e2e/server.ts',
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT), HOST: '127.0.0.1', VRS_URL: 'https://vrs.example.test/forewarn' },
    reuseExistingServer: false,
  },
});
