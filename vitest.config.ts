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
          },
        },
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
