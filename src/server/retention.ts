/**
 * Server retention: individual events are kept for a set number of days, then removed from the
 * start of each device's chain, which then starts at the last removed event's hash (so what
 * remains still verifies, and integrity does not report the removal as a gap). The per-day counts
 * behind /review and the EIA report are aggregates with nothing personal, and are kept.
 */
import type { Db } from './db/index.js';

export const DEFAULT_SERVER_RETENTION_DAYS = 365;
export const MAX_SERVER_RETENTION_DAYS = 3650;

export async function getRetentionDays(db: Db): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'retentionDays')
    .executeTakeFirst();
  return row ? Number(row.value) : DEFAULT_SERVER_RETENTION_DAYS;
}

export async function setRetentionDays(db: Db, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 30 || days > MAX_SERVER_RETENTION_DAYS) {
    throw new RangeError(
      `Retention is a whole number of days from 30 to ${MAX_SERVER_RETENTION_DAYS}.`,
    );
  }
  await db
    .insertInto('settings')
    .values({ key: 'retentionDays', value: String(days) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(days) }))
    .execute();
}

/** Removes expired events; returns how many. */
export async function purgeExpired(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - (await getRetentionDays(db)) * 86_400_000).toISOString();
  const devices = await db
    .selectFrom('devices')
    .select(['id', 'last_seq'])
    .where('first_seq', 'is not', null)
    .execute();
  let removed = 0;
  for (const device of devices) {
    removed += await db.transaction().execute(async (trx) => {
      const keep = await trx
        .selectFrom('events')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .where('device', '=', device.id)
        .where('shown_at', '>=', cutoff)
        .executeTakeFirst();
      const upTo = keep?.seq == null ? Number(device.last_seq) : Number(keep.seq) - 1;
      const last = await trx
        .selectFrom('events')
        .select(['seq', 'hash'])
        .where('device', '=', device.id)
        .where('seq', '<=', upTo)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) return 0;
      const result = await trx
        .deleteFrom('events')
        .where('device', '=', device.id)
        .where('seq', '<=', last.seq)
        .executeTakeFirst();
      const rest = await trx
        .selectFrom('events')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('seq').as('first')])
        .where('device', '=', device.id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('devices')
        .set({
          base_seq: last.seq,
          base_hash: last.hash,
          event_count: Number(rest.n),
          first_seq: rest.first === null ? null : Number(rest.first),
          ...(rest.first === null ? { last_seq: null } : {}),
        })
        .where('id', '=', device.id)
        .execute();
      return Number(result.numDeletedRows);
    });
  }
  return removed;
}
