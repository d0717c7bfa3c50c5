/**
 * Rate-limit counters in the database, so that several app servers on one PostgreSQL count
 * together: a device that spreads its flood across processes is still one device. Fixed windows
 * aligned to the clock; one upsert per request, on an unlogged table.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from './db/index.js';

interface Counted {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: Counted) => void;

/** At most one clean-up of expired counters per this many increments, on average. */
const CLEAN_EVERY = 500;

export function sharedRateStore(db: Db) {
  return class SharedRateStore {
    incr(key: string, callback: Callback, timeWindow: number) {
      const now = Date.now();
      const windowStart = now - (now % timeWindow);
      db.insertInto('rate_limits')
        .values({ key, window_start: windowStart, hits: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            hits: eb
              .case()
              .when('rate_limits.window_start', '=', eb.ref('excluded.window_start'))
              .then(eb('rate_limits.hits', '+', 1))
              .else(1)
              .end(),
            window_start: eb.ref('excluded.window_start'),
          })),
        )
        .returning('hits')
        .executeTakeFirstOrThrow()
        .then(async ({ hits }) => {
          callback(null, { current: hits, ttl: windowStart + timeWindow - now });
          if (Math.random() * CLEAN_EVERY < 1)
            await db
              .deleteFrom('rate_limits')
              .where('window_start', '<', windowStart - timeWindow)
              .execute();
        })
        .catch((error: Error) => callback(error));
    }

    child() {
      return new SharedRateStore();
    }
  };
}

/**
 * An address as a rate-limit key: a keyed hash whose key (RATE_LIMIT_SECRET, which a cluster's
 * primary makes and hands to its workers) is never stored, so the counters table holds no address.
 */
const secret = process.env.RATE_LIMIT_SECRET || randomBytes(32).toString('hex');
export function addressKey(address: string): string {
  return `address:${createHmac('sha256', secret).update(address).digest('hex').slice(0, 32)}`;
}
