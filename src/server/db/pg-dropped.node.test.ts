/**
 * A PostgreSQL connection dropped while a request holds it (a restart or a failover in the middle
 * of a transaction) fails that request only, which answers 503: the process must not fall over,
 * and the pool goes on with a new connection.
 */
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from './index.js';
import { TEST_DATABASE_URL, testStoreUrl } from '../../../test/server/harness.js';

describe.runIf(TEST_DATABASE_URL)('a PostgreSQL connection dropped while in use', () => {
  it('fails the transaction that held it, and nothing else', async () => {
    const store = await openStore(await testStoreUrl());
    try {
      const outcome = store.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // Another connection ends this one, as `pg_ctl stop -m fast` does, between two queries.
        const pid = rows[0]!.pid;
        await sql`select pg_terminate_backend(${pid})`.execute(store.db);
        // Gone once the server no longer lists it.
        await vi.waitFor(async () => {
          const { rows: left } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(store.db);
          expect(left[0]!.n).toBe(0);
        });
        await sql`select 1`.execute(trx);
      });
      await expect(outcome).rejects.toThrow();
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(rows[0]!.one).toBe(1);
    } finally {
      await store.close();
    }
  });
});
