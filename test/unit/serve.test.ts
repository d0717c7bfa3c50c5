import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandler } from '../../scripts/serve.mjs';

let server: Server;
let base: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'fw-serve-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>shell</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app-abc123.js'), 'export {};');
  mkdirSync(join(root, 'media'));
  writeFileSync(join(root, 'media', 'clip.webm'), Buffer.from('0123456789'));
  server = createServer(createHandler(root));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('static server', () => {
  it('serves the app shell for any view path (history fallback) with a strict CSP', async () => {
    const response = await fetch(`${base}/review`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>shell</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('answers 404 for a missing file rather than the shell', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('caches hashed assets for a year and the shell not at all', async () => {
    expect((await fetch(`${base}/assets/app-abc123.js`)).headers.get('cache-control')).toContain(
      'immutable',
    );
    expect((await fetch(`${base}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('serves byte ranges so video can seek', async () => {
    const response = await fetch(`${base}/media/clip.webm`, { headers: { Range: 'bytes=2-5' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(await response.text()).toBe('2345');
  });

  it('refuses a range beyond the end', async () => {
    const response = await fetch(`${base}/media/clip.webm`, { headers: { Range: 'bytes=20-30' } });
    expect(response.status).toBe(416);
  });

  it('never serves files outside its folder', async () => {
    const response = await fetch(`${base}/..%2f..%2fetc%2fpasswd`);
    expect([400, 404]).toContain(response.status);
  });

  it('gives the force settings, with no relay service unless configured', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({
      vrsUrl: process.env.VRS_URL ?? null,
    });
  });

  it('refuses methods it does not serve', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});
