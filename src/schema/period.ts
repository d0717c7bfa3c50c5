/**
 * The reporting periods the ipag role reads: whole calendar quarters, written `2026-Q3`. Fixed,
 * non-overlapping periods are what keeps small-cell suppression from being undone by asking for two
 * windows that differ by a day. Shared by the server (which refuses anything else) and /review
 * (whose quarter picker offers only what the server will answer).
 */

/** `YYYY-Qn`, as a JSON-schema pattern. */
export const QUARTER_PATTERN = '^\\d{4}-Q[1-4]$';

/**
 * Days after a quarter ends before its figures are published, so that devices which were offline
 * have synced. Once published, a quarter's figures never change (see src/server/published.ts).
 */
export const SETTLE_DAYS = 7;

const DAY_MS = 86_400_000;

export interface Quarter {
  /** `2026-Q3` */
  period: string;
  /** First UTC day, YYYY-MM-DD. */
  from: string;
  /** Last UTC day, YYYY-MM-DD. */
  to: string;
  /** The first UTC day its figures can be read. */
  publishedFrom: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The quarter `2026-Q3` names, or null when the text is not a quarter. */
export function quarter(period: string): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const q = Number(match[2]);
  const start = Date.UTC(year, (q - 1) * 3, 1);
  const next = Date.UTC(year, q * 3, 1);
  return {
    period,
    from: day(start),
    to: day(next - DAY_MS),
    publishedFrom: day(next + SETTLE_DAYS * DAY_MS),
  };
}

/** The quarter holding a UTC day. */
export function quarterOf(ymd: string): string {
  const month = Number(ymd.slice(5, 7));
  return `${ymd.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarter before this one. */
function previous(period: string): string {
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** True once the quarter's figures can be read: it has ended, and SETTLE_DAYS have passed. */
export function isPublished(q: Quarter, now = new Date()): boolean {
  return now.toISOString().slice(0, 10) >= q.publishedFrom;
}

/** The latest `count` quarters that can be read at `now`, newest first. */
export function publishedQuarters(now = new Date(), count = 8): Quarter[] {
  let period = quarterOf(now.toISOString().slice(0, 10));
  const list: Quarter[] = [];
  while (list.length < count) {
    const q = quarter(period)!;
    if (isPublished(q, now)) list.push(q);
    period = previous(period);
  }
  return list;
}
