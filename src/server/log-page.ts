/**
 * Paging for the append-only logs (disclosures and the security audit log): newest first, by id.
 * Ids are UUIDv7, which sort by time, so "the entries before this id" is the same set however
 * many are added meanwhile: a page never shifts, and a flood of new entries cannot push an old
 * one out of reach. The same rules serve /api and `npm run admin`.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import { LOG_PAGE, MAX_LOG_PAGE, type LogQuery } from '../schema/api.js';
import { HttpError } from './errors.js';

export const LOG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface Page<T> {
  entries: T[];
  /** The `before` for the next (older) page, or null when this is the last. */
  next: string | null;
}

function isDay(day: string): boolean {
  return DAY.test(day) && new Date(`${day}T00:00:00.000Z`).toISOString().slice(0, 10) === day;
}

/** The query checked, with its limit; a bad one is a 400 naming the field. */
export function checkLogQuery<Q extends LogQuery>(q: Q): Q & { limit: number } {
  if (q.before !== undefined && !LOG_ID.test(q.before))
    throw new HttpError(400, 'invalid', 'before is the id of a log entry.', 'before');
  for (const field of ['from', 'to'] as const) {
    const day = q[field];
    if (day !== undefined && !isDay(day))
      throw new HttpError(
        400,
        'invalid',
        `${field} ${day} is not a real date (YYYY-MM-DD).`,
        field,
      );
  }
  if (q.from && q.to && q.from > q.to)
    throw new HttpError(400, 'invalid', `from (${q.from}) is after to (${q.to}).`, 'from');
  const limit = q.limit ?? LOG_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_PAGE)
    throw new HttpError(
      400,
      'invalid',
      `limit is a whole number from 1 to ${MAX_LOG_PAGE}.`,
      'limit',
    );
  return { ...q, limit };
}

/** Narrows a log's rows (a table with `id` and `at`) to one page, plus one row to tell if more. */
export function onePage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  q: LogQuery & { limit: number },
): SelectQueryBuilder<DB, TB, O> {
  let out = query;
  if (q.before) out = out.where(sql<boolean>`id < ${q.before}`);
  if (q.from) out = out.where(sql<boolean>`at >= ${`${q.from}T00:00:00.000Z`}`);
  if (q.to) {
    const after = new Date(Date.parse(`${q.to}T00:00:00.000Z`) + 86_400_000).toISOString();
    out = out.where(sql<boolean>`at < ${after}`);
  }
  return out.orderBy(sql`id`, 'desc').limit(q.limit + 1);
}

export function toPage<R, T>(
  rows: (R & { id: string })[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = rows.slice(0, limit);
  return { entries: kept.map(map), next: more ? kept.at(-1)!.id : null };
}
