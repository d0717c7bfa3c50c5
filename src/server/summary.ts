/**
 * Aggregates for /review, the EIA report and the lab, read from the per-day counts (never the raw
 * events). The ipag role gets its own, suppressed figures from published.ts.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { FORMATS } from '../schema/notice-event.js';
import type {
  Role,
  SummaryCounts,
  SummaryGroup,
  SummaryQuery,
  SummaryReply,
} from '../schema/api.js';
import { quarter } from '../schema/period.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';
import { ipagSummary } from './published.js';

/** `/api/summary` for a role: the ipag role reads published quarters only. */
export async function summaryFor(db: Db, q: SummaryQuery, role: Role): Promise<SummaryReply> {
  return role === 'ipag' ? ipagSummary(db, q) : summarise(db, q);
}

/** A period (`2026-Q3`) instead of from and to, for the roles that may also give dates. */
export function checkQuarter(q: SummaryQuery): void {
  if (q.period === undefined) return;
  if (!quarter(q.period))
    throw new HttpError(400, 'invalid', `period ${q.period} is not a quarter (YYYY-Qn).`, 'period');
  for (const field of ['from', 'to'] as const)
    if (q[field] !== undefined)
      throw new HttpError(400, 'invalid', `Give period or from and to, not both.`, field);
}

/**
 * The filters as one condition. The counts (for the summary) and the events (for the export)
 * share these columns, so both use it. Every value is a bound parameter.
 */
export function matchesFilters(q: SummaryQuery): RawBuilder<SqlBool> {
  const parts = [sql`1 = 1`];
  const period = q.period ? quarter(q.period) : null;
  if (period) parts.push(sql`day >= ${period.from} and day <= ${period.to}`);
  if (q.from) parts.push(sql`day >= ${q.from}`);
  if (q.to) parts.push(sql`day <= ${q.to}`);
  if (q.area) parts.push(sql`area = ${q.area}`);
  if (q.circumstance) parts.push(sql`circumstance = ${q.circumstance}`);
  if (q.lang) parts.push(sql`lang = ${q.lang}`);
  if (q.outcome) parts.push(sql`outcome = ${q.outcome}`);
  if (q.format) parts.push(sql`(formats_mask & ${1 << FORMATS.indexOf(q.format)}) <> 0`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

interface Tally {
  count: number;
  acknowledged: number;
  shown: number;
  notPossible: number;
}

const empty = (): Tally => ({ count: 0, acknowledged: 0, shown: 0, notPossible: 0 });

function add(t: Tally, outcome: string, n: number): void {
  t.count += n;
  if (outcome === 'acknowledged') t.acknowledged += n;
  else if (outcome === 'shown') t.shown += n;
  else t.notPossible += n;
}

const COLUMN = {
  lang: 'lang',
  circumstance: 'circumstance',
  area: 'area',
  week: 'week',
  outcome: 'outcome',
  reason: 'reason',
  format: 'formats_mask',
} as const;

export async function summarise(db: Db, q: SummaryQuery): Promise<SummaryReply> {
  const column = q.groupBy ? COLUMN[q.groupBy] : null;
  const base = db.selectFrom('event_counts').where(matchesFilters(q));
  const rows = column
    ? await base
        .select([
          sql<string | number>`${sql.ref(column)}`.as('k'),
          'outcome',
          sql<number>`sum(n)`.as('n'),
        ])
        .groupBy([column, 'outcome'])
        .execute()
    : await base
        .select(['outcome', sql<number>`sum(n)`.as('n')])
        .groupBy('outcome')
        .execute();

  const total = empty();
  const groups = new Map<string, Tally>();
  const tally = (key: string) => {
    let t = groups.get(key);
    if (!t) groups.set(key, (t = empty()));
    return t;
  };
  for (const row of rows as { k?: string | number; outcome: string; n: number | string }[]) {
    const n = Number(row.n);
    add(total, row.outcome, n);
    if (q.groupBy === 'format') {
      // An event in two formats counts once in each: the formats are a set.
      FORMATS.forEach((f, i) => {
        if (Number(row.k) & (1 << i)) add(tally(f), row.outcome, n);
      });
    } else if (column) add(tally(String(row.k ?? '')), row.outcome, n);
  }

  const shape = (t: Tally): SummaryCounts => ({
    count: t.count,
    acknowledged: t.acknowledged,
    shown: t.shown,
    notPossible: t.notPossible,
  });
  const order =
    q.groupBy === 'format'
      ? (a: string, b: string) => FORMATS.indexOf(a as never) - FORMATS.indexOf(b as never)
      : null;
  const list: SummaryGroup[] = [...groups.entries()]
    .sort(([a, ta], [b, tb]) =>
      order
        ? order(a, b)
        : q.groupBy === 'week'
          ? a.localeCompare(b)
          : tb.count - ta.count || a.localeCompare(b),
    )
    .map(([key, t]) => ({ key, ...shape(t) }));

  const range = await db
    .selectFrom('event_counts')
    .select([sql<string | null>`min(day)`.as('first'), sql<string | null>`max(day)`.as('last')])
    .executeTakeFirst();
  return {
    query: q,
    total: shape(total),
    groups: list,
    suppressed: false,
    range: { first: range?.first ?? null, last: range?.last ?? null },
  };
}
