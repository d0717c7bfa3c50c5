/**
 * Rate limits, per route kind and always per client address: a request counts against the
 * address it came from, whatever it claims. The one exception is a batch from a device whose
 * token has been verified, which counts against that device, and only on the route that takes
 * batches. Each route declares its kind as `config.limit` (default `other`); the decision is made
 * from the matched route, never from the URL.
 *
 * Counters live in the database when several app servers share one PostgreSQL, so that a flood
 * spread across processes is still counted once; one SQLite server keeps them in memory.
 */
import { createHmac, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isPostgres, type Db } from '../db/index.js';

/** Requests per minute for each kind of route; tests lower them to see the 429. */
export const DEFAULT_LIMITS = {
  /** Sync batches per device: a week offline is 20 batches of 100. */
  events: 120,
  /** Sign-in attempts per address. */
  session: 20,
  /** Enrolment attempts per address: codes are 60 bits, but there is no reason to allow guessing. */
  enrol: 10,
  /** Everything else per address. */
  other: 600,
};
export type LimitKind = keyof typeof DEFAULT_LIMITS;

declare module 'fastify' {
  interface FastifyContextConfig {
    limit?: LimitKind;
  }
}

/**
 * An address as a rate-limit key: a keyed hash whose key (RATE_LIMIT_SECRET, which a cluster's
 * primary makes and hands to its workers) is never stored, so the counters table holds no address.
 */
const secret = process.env.RATE_LIMIT_SECRET || randomBytes(32).toString('hex');
export function addressKey(address: string): string {
  return `address:${createHmac('sha256', secret).update(address).digest('hex').slice(0, 32)}`;
}

function limitKey(request: FastifyRequest): string {
  const kind = request.routeOptions.config.limit ?? 'other';
  // Only a verified, unrevoked device widens its own limit, and only for its batches.
  const who =
    kind === 'events' && request.device && !request.device.revoked_at
      ? `device:${request.device.id}`
      : addressKey(request.ip);
  return `${kind}|${who}`;
}

interface Counted {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: Counted) => void;

/** At most one clean-up of expired counters per this many increments, on average. */
const CLEAN_EVERY = 500;

/** Fixed windows aligned to the clock; one upsert per request, on an unlogged table. */
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

export const limits = fp<{ db: Db; limits?: Partial<typeof DEFAULT_LIMITS> }>(
  async (app: FastifyInstance, options) => {
    const max = { ...DEFAULT_LIMITS, ...options.limits };
    await app.register(rateLimit, {
      global: true,
      ...(isPostgres(options.db) ? { store: sharedRateStore(options.db) } : {}),
      // After the caller is identified (a global onRequest hook), before any guard, body or handler.
      hook: 'onRequest',
      // Files and the history fallback are not limited here; every API route is.
      allowList: (request) => !request.routeOptions.config.auth,
      keyGenerator: limitKey,
      max: (_request, key) => max[key.split('|')[0] as LimitKind],
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: {
          code: 'rate-limited',
          message: `Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`,
        },
      }),
    });
  },
  { name: 'limits' },
);
