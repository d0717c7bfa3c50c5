/**
 * The ipag role's figures: one whole calendar quarter at a time, as one-way tables, with small
 * cells withheld so that nothing an ipag account can ask for, alone or together, gives away a
 * count from 1 to 9.
 *
 * - Fixed periods. Only whole quarters, once they have ended and settled, and no other filter: no
 *   two ipag questions overlap or nest, so differencing two answers learns nothing.
 * - Frozen. A quarter's figures are computed once, in one query, for every grouping at once, and
 *   then served unchanged, so a late sync or a retention run cannot be read off by asking again.
 * - Primary suppression. A cell under SMALL_CELL is withheld and its key left out.
 * - Secondary suppression. In a table whose groups partition the quarter (every grouping but
 *   format), the total minus the visible cells is the withheld remainder; while it is 1 to 9 the
 *   smallest visible cell is withheld too. Formats are a set per event, so their groups overlap and
 *   do not add up to the total; there the remainder that could be worked out is the notices that
 *   used no visible format, and the same rule applies to it (see formatTable).
 * - Known links between groupings are closed too: a reason is the reason a notice was not possible,
 *   so the reasons are a table of the not-possible cell and are shown only when it is; and `bfi`
 *   is the language of a notice in BSL alone, so BSL minus `bfi` must not be a small number.
 * - A group carries only its count: an outcome breakdown per group would be a two-way table.
 * - The total itself is under the same rule, and `range` is the quarter asked for.
 */
import { sql } from 'kysely';
import { BSL_TAG, FORMATS } from '../schema/notice-event.js';
import {
  GROUP_BY,
  SMALL_CELL,
  type GroupBy,
  type SummaryCounts,
  type SummaryGroup,
  type SummaryQuery,
  type SummaryReply,
} from '../schema/api.js';
import { isPublished, quarter, type Quarter } from '../schema/period.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';

/** Filters the ipag role may not use: each would let two questions overlap. */
const NOT_FOR_IPAG = ['from', 'to', 'area', 'circumstance', 'format', 'lang', 'outcome'] as const;

interface Table {
  groups: SummaryGroup[];
  suppressed: boolean;
}

/** One quarter's published figures, as stored. */
export interface Published {
  total: SummaryCounts;
  suppressed: boolean;
  tables: Record<GroupBy, Table>;
}

/** The quarter an ipag query asks for, or a 400 naming the field it may not use. */
export function ipagQuarter(q: SummaryQuery, now = new Date()): Quarter {
  for (const field of NOT_FOR_IPAG) {
    if (q[field] !== undefined) {
      throw new HttpError(
        400,
        'period-only',
        `The ipag role reads whole quarters only, with no other filter: leave out ${field} and ask for period=YYYY-Qn.`,
        field,
      );
    }
  }
  if (!q.period) {
    throw new HttpError(
      400,
      'period-only',
      'The ipag role reads whole quarters only: ask for period=YYYY-Qn, such as period=2026-Q1.',
      'period',
    );
  }
  const period = quarter(q.period);
  if (!period) {
    throw new HttpError(400, 'invalid', `period ${q.period} is not a quarter (YYYY-Qn).`, 'period');
  }
  if (!isPublished(period, now)) {
    throw new HttpError(
      400,
      'period-not-published',
      `The figures for ${period.period} are published on ${period.publishedFrom}, a week after the quarter ends.`,
      'period',
    );
  }
  return period;
}

/** Every column a grouping reads: each grouping's own name, but formats_mask for format. */
const COLUMNS = GROUP_BY.map((by) => (by === 'format' ? 'formats_mask' : by)) as (
  'formats_mask' | Exclude<GroupBy, 'format'>
)[];

interface Row {
  mask: number;
  lang: string;
  circumstance: string;
  area: string;
  week: string;
  outcome: string;
  reason: string;
  n: number;
}

/** The cells of a grouping that partitions `total`, with small cells and remainders withheld. */
function partition(cells: Map<string, number>, total: number): Table {
  const visible = new Map([...cells].filter(([, n]) => n >= SMALL_CELL));
  if (total < SMALL_CELL) visible.clear();
  const remainder = () => total - [...visible.values()].reduce((a, b) => a + b, 0);
  while (remainder() > 0 && remainder() < SMALL_CELL && visible.size)
    visible.delete(smallest(visible));
  return table(visible, remainder() > 0);
}

function smallest(visible: Map<string, number>): string {
  return [...visible].sort(([a, x], [b, y]) => x - y || a.localeCompare(b))[0]![0];
}

function table(visible: Map<string, number>, suppressed: boolean): Table {
  return {
    groups: [...visible].map(([key, count]) => ({
      key,
      count,
      acknowledged: null,
      shown: null,
      notPossible: null,
    })),
    suppressed,
  };
}

/**
 * Formats overlap: a notice in BSL and audio counts in both, so the groups do not add up to the
 * total and "total minus visible" is not a hidden cell. What the total and the visible formats
 * can give away is the number of notices that used none of the visible formats (exactly, when
 * one format is visible); that number must be 0 or at least SMALL_CELL. BSL alone is also the
 * `bfi` language, so with `bfi` shown, BSL minus `bfi` (BSL with another format) must be too.
 */
function formatTable(rows: Row[], total: number, bfi: number | null): Table {
  const cells = new Map<string, number>();
  for (const r of rows)
    FORMATS.forEach((f, i) => {
      if (r.mask & (1 << i)) cells.set(f, (cells.get(f) ?? 0) + r.n);
    });
  const visible = new Map([...cells].filter(([, n]) => n >= SMALL_CELL));
  if (total < SMALL_CELL) visible.clear();
  const bsl = visible.get('bsl');
  if (bsl !== undefined && bfi !== null && bsl - bfi > 0 && bsl - bfi < SMALL_CELL)
    visible.delete('bsl');
  const unseen = () => {
    const mask = FORMATS.reduce((m, f, i) => (visible.has(f) ? m | (1 << i) : m), 0);
    return rows.reduce((sum, r) => sum + ((r.mask & mask) === 0 ? r.n : 0), 0);
  };
  while (unseen() > 0 && unseen() < SMALL_CELL && visible.size) visible.delete(smallest(visible));
  const order = (key: string) => FORMATS.indexOf(key as never);
  // Saying that a format was withheld when five are shown would name the sixth as used: the
  // reply says so only when notices used no visible format (then at least SMALL_CELL of them).
  return table(
    new Map([...visible].sort(([a], [b]) => order(a) - order(b))),
    unseen() > 0 || total < SMALL_CELL,
  );
}

function sumBy(rows: Row[], key: (r: Row) => string | null): Map<string, number> {
  const cells = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) cells.set(k, (cells.get(k) ?? 0) + r.n);
  }
  return cells;
}

/** Every table of one quarter, from one query, so they all describe the same events. */
async function compute(db: Db, period: Quarter): Promise<Published> {
  const raw = await db
    .selectFrom('event_counts')
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .select([...COLUMNS, sql<number | string>`sum(n)`.as('n')])
    .groupBy([...COLUMNS])
    .execute();
  // PostgreSQL returns sums as strings.
  const rows: Row[] = raw.map((r) => ({ ...r, mask: Number(r.formats_mask), n: Number(r.n) }));
  const total = rows.reduce((sum, r) => sum + r.n, 0);

  const outcome = partition(
    sumBy(rows, (r) => r.outcome),
    total,
  );
  const shownOutcome = new Map(outcome.groups.map((g) => [g.key, g.count]));
  const notPossible = shownOutcome.get('not-possible');
  const reasons = sumBy(rows, (r) => (r.outcome === 'not-possible' ? r.reason : null));
  const lang = partition(
    sumBy(rows, (r) => r.lang),
    total,
  );
  const bfi = lang.groups.find((g) => g.key === BSL_TAG)?.count ?? null;
  const tables: Record<GroupBy, Table> = {
    format: formatTable(rows, total, bfi),
    lang,
    circumstance: partition(
      sumBy(rows, (r) => r.circumstance),
      total,
    ),
    area: partition(
      sumBy(rows, (r) => r.area),
      total,
    ),
    week: partition(
      sumBy(rows, (r) => r.week),
      total,
    ),
    outcome,
    // The reasons divide the not-possible cell, so they are shown only when it is (and then
    // say no more than the outcome table did).
    reason:
      notPossible == null
        ? table(new Map(), outcome.suppressed || total < SMALL_CELL)
        : partition(reasons, notPossible),
  };
  for (const by of ['lang', 'circumstance', 'area', 'week', 'outcome', 'reason'] as const) {
    tables[by].groups.sort((a, b) =>
      by === 'week'
        ? a.key.localeCompare(b.key)
        : b.count! - a.count! || a.key.localeCompare(b.key),
    );
  }
  const visible = total >= SMALL_CELL;
  return {
    total: {
      count: visible ? total : null,
      acknowledged: shownOutcome.get('acknowledged') ?? null,
      shown: shownOutcome.get('shown') ?? null,
      notPossible: notPossible ?? null,
    },
    // A total under SMALL_CELL (even 0) is withheld, and said so, so 0 cannot be told from 3.
    suppressed: !visible || outcome.suppressed,
    tables,
  };
}

/** A quarter's published figures: read back if already published, else computed and frozen. */
async function published(db: Db, period: Quarter): Promise<Published> {
  const read = () =>
    db
      .selectFrom('published_periods')
      .select('body')
      .where('period', '=', period.period)
      .executeTakeFirst();
  let row = await read();
  if (!row) {
    const body = JSON.stringify(await compute(db, period));
    // Two first readers at once: the first insert wins, and both serve what it stored.
    await db
      .insertInto('published_periods')
      .values({ period: period.period, body, published_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('period').doNothing())
      .execute();
    row = await read();
  }
  return JSON.parse(row!.body) as Published;
}

/** `/api/summary` for the ipag role. */
export async function ipagSummary(
  db: Db,
  q: SummaryQuery,
  now = new Date(),
): Promise<SummaryReply> {
  const period = ipagQuarter(q, now);
  const figures = await published(db, period);
  const t = q.groupBy ? figures.tables[q.groupBy] : null;
  return {
    query: q,
    total: figures.total,
    groups: t ? t.groups : [],
    suppressed: figures.suppressed || (t?.suppressed ?? false),
    range: { first: period.from, last: period.to },
  };
}
