/**
 * The sign-in delay: what replaced the hard lock-out, which anyone could use to lock anyone out.
 *
 * Wrong passwords are counted under two keys, each a hash of the username as typed (known or not,
 * so the delay says nothing about which usernames exist):
 *
 * - **this username from this address** (the address as rate-limit.ts keys it, a keyed hash). After
 *   PAIR.free wrong passwords, each further attempt must wait, doubling from 5 s up to 15 minutes.
 *   This is what stops one machine guessing, and it touches no one else: the real person, at
 *   their own address, has their own count.
 * - **this username from anywhere**: a botnet spreading guesses over many addresses. After
 *   ACCOUNT.free wrong passwords in a day, attempts wait, doubling up to one minute at most. An
 *   address this username has signed in from successfully in the last 30 days skips this delay
 *   altogether, so the most a flood from elsewhere costs the real person at their usual desk is
 *   nothing, and on a new machine at most a minute.
 *
 * Every attempt is counted as a wrong one BEFORE its password is hashed, with a compare-and-swap
 * on the counter row, so parallel guesses cannot all slip through between a check and a record;
 * a right password then clears its address's count. Counts are forgotten after a quiet day.
 */
import { sha256 } from './crypto.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';

export const PAIR = { free: 5, firstDelayMs: 5_000, maxDelayMs: 15 * 60_000 };
export const ACCOUNT = { free: 30, firstDelayMs: 1_000, maxDelayMs: 60_000 };
/** A count with no wrong password for this long starts again from nothing. */
export const FORGET_MS = 24 * 3_600_000;
/** How long a successful sign-in makes an address "known" for that username. */
export const KNOWN_MS = 30 * 24 * 3_600_000;

type Policy = typeof PAIR;

function keys(username: string, address: string) {
  const who = sha256(`sign-in:${username}`).slice(0, 32);
  return {
    pair: `pair:${who}:${address}`,
    account: `account:${who}`,
    known: `known:${who}:${address}`,
  };
}

/** The wait after `failures` wrong passwords under a policy, in ms. */
export function delayAfter(failures: number, policy: Policy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (failures - policy.free), policy.maxDelayMs);
}

function slowDown(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new HttpError(
    429,
    'slow-down',
    `Too many wrong passwords for this username. Try again in ${seconds} second(s).`,
    undefined,
    seconds,
  );
}

/**
 * Counts one attempt under `key` if the key's delay has passed; else returns how long is left.
 * A compare-and-swap on `failures` makes each attempt count once, on SQLite and PostgreSQL alike.
 */
async function take(db: Db, key: string, policy: Policy, now: number): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    await db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 0, next_at: 0, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await db
      .selectFrom('sign_in_throttle')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) continue;
    const stale = row.updated_at + FORGET_MS <= now;
    if (!stale && row.next_at > now) return row.next_at - now;
    const failures = (stale ? 0 : row.failures) + 1;
    const swapped = await db
      .updateTable('sign_in_throttle')
      .set({ failures, next_at: now + delayAfter(failures, policy), updated_at: now })
      .where('key', '=', key)
      .where('failures', '=', row.failures)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(swapped.numUpdatedRows) === 1) return 0;
  }
  // Twenty lost races in a row: the key is under a flood, so this attempt waits like one.
  return policy.firstDelayMs;
}

/**
 * Called before a password is checked: counts the attempt as a wrong one, or throws 429
 * `slow-down` (with `retryAfter` in seconds) if this username must wait at this address.
 */
export async function beforeAttempt(
  db: Db,
  username: string,
  address: string,
  now = Date.now(),
): Promise<void> {
  const k = keys(username, address);
  const pairWait = await take(db, k.pair, PAIR, now);
  if (pairWait > 0) throw slowDown(pairWait);
  const known = await db
    .selectFrom('sign_in_throttle')
    .select('next_at')
    .where('key', '=', k.known)
    .executeTakeFirst();
  if (known && known.next_at > now) return;
  const accountWait = await take(db, k.account, ACCOUNT, now);
  if (accountWait > 0) throw slowDown(accountWait);
}

/** A right password: its address's count is cleared, and the address is known for a while. */
export async function afterSuccess(
  db: Db,
  username: string,
  address: string,
  now = Date.now(),
): Promise<void> {
  const k = keys(username, address);
  await db.deleteFrom('sign_in_throttle').where('key', '=', k.pair).execute();
  await db
    .insertInto('sign_in_throttle')
    .values({ key: k.known, failures: 0, next_at: now + KNOWN_MS, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ next_at: now + KNOWN_MS, updated_at: now }))
    .execute();
  // Old rows are useless; clear some out while here.
  await db
    .deleteFrom('sign_in_throttle')
    .where('updated_at', '<', now - Math.max(FORGET_MS, KNOWN_MS))
    .execute();
}

/** An administrator's "unlock": every wait for this username, from every address, is lifted. */
export async function clearDelays(db: Db, username: string): Promise<void> {
  const who = sha256(`sign-in:${username}`).slice(0, 32);
  await db
    .deleteFrom('sign_in_throttle')
    .where((eb) => eb.or([eb('key', 'like', `pair:${who}:%`), eb('key', '=', `account:${who}`)]))
    .execute();
}
