/**
 * Server errors are always logged (not only with LOG=1): one JSON line with the method, the
 * route's pattern and the error, and never a secret the request carried.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testStoreUrl } from '../../test/server/harness.js';
import { buildApp } from './app.js';
import { openStore, type Store } from './db/index.js';
import { redact, type ServerErrorLine } from './error-log.js';

let store: Store;
let app: FastifyInstance;

const SECRETS = {
  bearer: 'Zq8vT3kLmN0pR5sU7wXyA2bC4dE6fG9h',
  cookie: 'cookieSecret9f8e7d6c5b4a3f2e1d0c',
  csrf: 'csrfToken1a2b3c4d5e6f7a8b9c0d1e2f',
  query: 'queryCode-7H3K-9M2P',
  password: 'correct horse battery staple 42',
  address: '203.0.113.77',
};

beforeAll(async () => {
  store = await openStore(await testStoreUrl());
  app = await buildApp({ db: store.db });
  // A handler that fails, and whose error (as a careless library's might) quotes the request.
  app.post<{ Params: { id: string } }>(
    '/api/boom/:id',
    { config: { auth: 'public' } },
    async (request) => {
      const { authorization, cookie } = request.headers;
      throw new TypeError(
        `lookup failed for ${authorization} with ${cookie}, csrf=${String(request.headers['x-csrf-token'])}, ${request.url}, body ${JSON.stringify(request.body)} from ${SECRETS.address}`,
      );
    },
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('server errors', () => {
  it('are logged without LOG=1, with the method, route and error, and with no secret from the request', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    let response;
    try {
      response = await app.inject({
        method: 'POST',
        url: `/api/boom/42?code=${SECRETS.query}`,
        headers: {
          authorization: `Bearer ${SECRETS.bearer}`,
          cookie: `fw_session=${SECRETS.cookie}`,
          'x-csrf-token': SECRETS.csrf,
        },
        payload: { password: SECRETS.password },
      });
    } finally {
      spy.mockRestore();
    }
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain(SECRETS.bearer);

    const logged = lines.filter((l) => l.includes('"server error"'));
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]!) as ServerErrorLine;
    expect(line).toMatchObject({
      level: 'error',
      msg: 'server error',
      method: 'POST',
      route: '/api/boom/:id',
      error: { name: 'TypeError', message: expect.stringContaining('lookup failed for') },
    });
    expect(line.error.stack).toContain('error-log.node.test.ts');
    for (const secret of Object.values(SECRETS)) expect(logged[0]).not.toContain(secret);
  });

  it('blanks credentials, tokens and addresses by their shape, and leaves ids and paths readable', () => {
    const text = [
      'connect postgres://forewarn:s3cret-pass@db.internal:5432/forewarn failed',
      'token=abc123 and "password": "pw1" and Set-Cookie: fw_session=xyz',
      'random Zq8vT3kLmN0pR5sU7wXyA2bC4dE6fG9h from 2001:db8::1 and 198.51.100.4',
      'event 0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b at /work/node_modules/rollup-plugin-minify-template-literals/x.js:12:5',
      'at handler (/work/node_modules/.pnpm/fastify@5.2.1/node_modules/fastify/lib/route.js:605:16)',
    ].join('\n');
    const out = redact(text, []);
    for (const secret of [
      's3cret-pass',
      'abc123',
      'pw1',
      'xyz',
      'Zq8vT3kLmN0pR5sU7wXyA2bC4dE6fG9h',
      '2001:db8::1',
      '198.51.100.4',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b');
    expect(out).toContain('rollup-plugin-minify-template-literals/x.js:12:5');
    expect(out).toContain('fastify@5.2.1/node_modules/fastify/lib/route.js:605:16');
    expect(out).toContain('token=[redacted]');
  });
});
