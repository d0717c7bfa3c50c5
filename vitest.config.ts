import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import viteConfig from './vite.config.js';
import { chromiumLaunchOptions } from './scripts/lib/chromium.mjs';

/**
 * A test says where it runs by its suffix, and sits beside the code it tests:
 * - `*.node.test.ts` runs in Node (unit tests, and the storage and API tests under src/server);
 * - `*.browser.test.ts` runs in Debian's Chromium (never a downloaded browser), so what it asserts
 *   is what a person's browser does.
 * The journeys across pages are Playwright's (test/e2e, test/conformance).
 */
const NODE_TESTS = ['**/*.node.test.ts'];
const SERVER_TESTS = ['src/server/**/*.node.test.ts'];
const BROWSER_TESTS = ['**/*.browser.test.ts'];

export default defineConfig((env) =>
  mergeConfig(viteConfig({ ...env, mode: 'test' }), {
    plugins: [],
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: NODE_TESTS,
            environment: 'node',
            // The storage and API tests run here on SQLite, and again below on PostgreSQL.
            env: { TEST_DATABASE_URL: '' },
          },
        },
        // `npm test` starts a throwaway PostgreSQL and sets TEST_DATABASE_URL (scripts/test.mjs).
        ...(process.env.TEST_DATABASE_URL
          ? [
              {
                extends: true,
                test: {
                  name: 'postgres',
                  include: SERVER_TESTS,
                  environment: 'node',
                  env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
                },
              },
            ]
          : []),
        {
          extends: true,
          test: {
            name: 'browser',
            include: BROWSER_TESTS,
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: chromiumLaunchOptions() }),
              instances: [{ browser: 'chromium' }],
              screenshotFailures: false,
            },
          },
        },
      ],
    },
  }),
);
