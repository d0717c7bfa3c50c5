/**
 * The server Playwright runs: the real app on a fresh throwaway SQLite file, with one account per
 * role (test/server/accounts.ts) and the fixed test device known. Tests issue enrolment codes
 * through the API as the admin.
 * It also serves the examples page (/examples/) and the test media its fixtures name, which the
 * app's own server never does.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { createUser, findUser } from '../../src/server/accounts.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/server/db/index.js';
import { addDevice } from '../../src/server/devices.js';
import { localDeviceId } from '../../src/log/chain.js';
import { TEST_DEVICE_ID, testKeys } from '../log-fixtures.js';
import type { Role } from '../../src/schema/api.js';
import { PASSKEY_ACCOUNT, TEST_ACCOUNTS, TEST_HASHES } from '../server/accounts.js';

const here = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const dist = here('dist');
const examples = here('.cache/examples');

// DATABASE_URL reopens a store (the crash test restarts a server on the same file).
const store = await openStore(
  process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'fw-e2e-')), 'forewarn.sqlite'),
);
for (const [role, { username, password }] of Object.entries(TEST_ACCOUNTS)) {
  if (!(await findUser(store.db, username)))
    await createUser(store.db, username, role as Role, password, {
      passwordHash: TEST_HASHES[role as Role],
    });
}
// The fixed test device (test/log-fixtures.ts) is known, as if an admin had approved it, so the
// tests that import its log have it stored at once. Any other key's import is held.
const { publicJwk } = await testKeys();
const localId = await localDeviceId(publicJwk);
if (
  !(await store.db
    .selectFrom('devices')
    .select('id')
    .where('local_id', '=', localId)
    .executeTakeFirst())
)
  await addDevice(store.db, {
    id: TEST_DEVICE_ID,
    localId,
    publicKey: publicJwk,
    tokenHash: null,
    area: null,
    source: 'imported',
    at: new Date().toISOString(),
  });
// A reviewer of its own for the passkey journey, so the passkey it adds never asks the shared
// test accounts for one.
if (!(await findUser(store.db, PASSKEY_ACCOUNT.username)))
  await createUser(store.db, PASSKEY_ACCOUNT.username, 'reviewer', PASSKEY_ACCOUNT.password, {
    passwordHash: TEST_HASHES.reviewer,
  });
const app = await buildApp({
  db: store.db,
  dist,
  vrsUrl: process.env.VRS_URL,
  // Many tests sign in from one address within a minute.
  limits: { session: 10_000, enrol: 10_000 },
});

// The examples page (vite build --mode examples, base /examples/). /examples/plain.html stays the
// app's (public/examples/), so only the page and its assets are routed here.
app.get('/examples', (request, reply) => {
  const query = request.url.indexOf('?');
  return reply.redirect(`/examples/${query < 0 ? '' : request.url.slice(query)}`);
});
app.get('/examples/', (_request, reply) =>
  reply
    .header('Cache-Control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(readFileSync(join(examples, 'index.html'))),
);
await app.register(fastifyStatic, {
  root: join(examples, 'assets'),
  prefix: '/examples/assets/',
  decorateReply: false,
});
// The media manifest and clips the component fixtures name (components/*/*.fixtures.ts).
await app.register(fastifyStatic, {
  root: here('test/fixtures/media'),
  prefix: '/test/fixtures/media/',
  decorateReply: false,
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 4173) });
console.log('listening');
