/** The built app as the server serves it: history fallback, caching, byte ranges and the headers. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Harness } from '../../test/server/harness.js';

let h: Harness;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'fw-dist-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>shell</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app-abc123.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'app-abc123.js.map'), '{"sources":["src/app/app.ts"]}');
  mkdirSync(join(root, '.vite'));
  writeFileSync(join(root, '.vite', 'manifest.json'), '{"index.html":{}}');
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'lib', 'forewarn.js.map'), '{}');
  mkdirSync(join(root, 'media'));
  writeFileSync(join(root, 'media', 'clip.webm'), Buffer.from('0123456789'));
  h = await startTestServer({
    dist: root,
    vrsUrl: 'https://vrs.example.test/',
    accessibilityContact: { email: 'access@force.example.test', replyDays: 5 },
  });
});
afterAll(() => h.close());

describe('serving the app', () => {
  it.each(['/', '/review', '/review/report', '/lab'])(
    'serves the shell at %s with a strict CSP',
    async (url) => {
      const response = await h.app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>shell</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    },
  );

  it('caches hashed assets for a year, and answers 404 for a missing file rather than the shell', async () => {
    const asset = await h.app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await h.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it.each([
    '/.vite/manifest.json',
    '/%2Evite/manifest.json',
    '/assets/app-abc123.js.map',
    '/assets/app-abc123.js.%6Dap',
    '/lib/forewarn.js.map',
  ])('never serves the build manifest or a source map: %s is 404', async (url) => {
    const response = await h.app.inject({ url });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('sources');
    expect(response.body).not.toContain('index.html');
  });

  it('serves byte ranges, for seeking in video', async () => {
    const response = await h.app.inject({
      url: '/media/clip.webm',
      headers: { range: 'bytes=2-5' },
    });
    expect(response.statusCode).toBe(206);
    expect(response.body).toBe('2345');
    expect(response.headers['content-range']).toBe('bytes 2-5/10');
  });

  it('answers JSON errors under /api, and gives the kiosk its configuration', async () => {
    const missing = await h.app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not-found');
    expect((await h.app.inject({ url: '/config.json' })).json()).toEqual({
      vrsUrl: 'https://vrs.example.test/',
      accessibilityContact: { email: 'access@force.example.test', replyDays: 5 },
    });
  });

  it('publishes an OpenAPI document naming every route', async () => {
    const doc = (await h.app.inject({ url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/content',
        '/api/content/manifest',
        '/api/content/text/{lang}',
        '/api/content/{id}/media',
        '/api/content/{id}/review',
        '/api/devices',
        '/api/devices/nonce',
        '/api/devices/{deviceId}/revoke',
        '/api/audit',
        '/api/held-imports',
        '/api/held-imports/{id}/approve',
        '/api/held-imports/{id}/discard',
        '/api/disclosures',
        '/api/enrolment-codes',
        '/api/events',
        '/api/export.csv',
        '/api/feedback',
        '/api/health',
        '/api/import',
        '/api/integrity',
        '/api/session',
        '/api/session/password',
        '/api/session/mfa',
        '/api/session/mfa/options',
        '/api/session/recovery',
        '/api/passkeys',
        '/api/passkeys/options',
        '/api/passkeys/{id}',
        '/api/recovery-codes',
        '/api/summary',
        '/api/translations',
        '/api/translations/audit',
        '/api/translations/{lang}',
        '/content/{sha256}',
      ].sort(),
    );
  });
});
