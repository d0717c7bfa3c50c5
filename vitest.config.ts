import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import viteConfig from './vite.config.js';
import { chromiumLaunchOptions } from './scripts/lib/chromium.mjs';

/**
 * Unit tests run in Node; component and other browser tests run in Debian's Chromium (never a downloaded browser),
 * so what they assert is what a person's browser does.
 */
export default defineConfig((env) =>
  mergeConfig(viteConfig({ ...env, mode: 'test' }), {
    plugins: [],
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
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
                  include: ['test/server/**/*.test.ts'],
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
            // Component tests sit beside each component; app modules that need a browser too.
            include: ['components/**/*.test.ts', 'src/**/*.test.ts'],
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
