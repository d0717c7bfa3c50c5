/**
 * Production start: the server refuses to run without the accessibility statement's contact, and
 * says plainly what to set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProductionSettings, ConfigError } from './main.js';

/** Runs src/server/main.ts as `node dist/server/main.js` is run, and waits for it to stop. */
function startServer(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('ACCESSIBILITY_')) delete base[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...base,
      // Nothing is written to ./data, whatever happens.
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'fw-main-')), 'forewarn.sqlite'),
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A server that did start is stopped, so the test fails on its exit code rather than hanging.
  const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe('starting in production', () => {
  it(
    'refuses to start without ACCESSIBILITY_EMAIL, saying what to set',
    { timeout: 30_000 },
    async () => {
      const { code, output } = await startServer({ NODE_ENV: 'production' });
      expect(code).toBe(1);
      expect(output).toContain(
        'Forewarn will not start in production without an accessibility contact.',
      );
      expect(output).toContain('Set ACCESSIBILITY_EMAIL (or ACCESSIBILITY_PHONE)');
      // The message, not a stack trace.
      expect(output).not.toMatch(/\n\s+at /);
      expect(output).not.toContain('is serving at');
    },
  );

  it('accepts an email or a phone number in production, and needs neither elsewhere', () => {
    expect(() => checkProductionSettings({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() =>
      checkProductionSettings({
        NODE_ENV: 'production',
        ACCESSIBILITY_EMAIL: 'a11y@force.example',
      }),
    ).not.toThrow();
    expect(() =>
      checkProductionSettings({ NODE_ENV: 'production', ACCESSIBILITY_PHONE: '101' }),
    ).not.toThrow();
    expect(() => checkProductionSettings({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => checkProductionSettings({})).not.toThrow();
  });
});
