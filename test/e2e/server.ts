/**
 * The server Playwright runs: the real app on a fresh throwaway SQLite file, with one account per
 * role (test/server/accounts.ts). Tests issue enrolment codes through the API as the admin.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser, findUser } from '../../src/server/accounts.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/server/db/index.js';
import type { Role } from '../../src/schema/api.js';
import { TEST_ACCOUNTS } from '../server/accounts.js';

// DATABASE_URL reopens a store (the crash test restarts a server on the same file).
const store = await openStore(
  process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'fw-e2e-')), 'forewarn.sqlite'),
);
for (const [role, { username, password }] of Object.entries(TEST_ACCOUNTS)) {
  if (!(await findUser(store.db, username)))
    await createUser(store.db, username, role as Role, password);
}
const app = await buildApp({
  db: store.db,
  dist: fileURLToPath(new URL('../../dist', import.meta.url)),
  vrsUrl: process.env.VRS_URL,
  // Many tests sign in from one address within a minute.
  limits: { session: 10_000, enrol: 10_000 },
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 4173) });
console.log('listening');
