/**
 * Reads everything a review or report shows for a set of filters: the totals and one breakdown
 * per grouping, asked for in parallel. Each request names its view, so the disclosure log records
 * whether the review or the report was seen.
 */
import { GROUP_BY, type GroupBy, type SummaryCounts, type SummaryGroup } from '../schema/api.js';
import { FORMATS, OUTCOMES } from '../schema/notice-event.js';
import { api } from './api.js';
import { quarter } from '../schema/period.js';
import { apiFilters, resolvePeriod, weeksBetween, type Filters, type Period } from './filters.js';

export interface ReviewData {
  period: Period;
  total: SummaryCounts;
  groups: Record<GroupBy, SummaryGroup[]>;
  /** True when any count was suppressed for the signed-in role. */
  suppressed: boolean;
}

const ZERO: SummaryCounts = { count: 0, acknowledged: 0, shown: 0, notPossible: 0 };

/** Orders groups by the schema's own order where it has one, else by count, largest first. */
function ordered(
  by: GroupBy,
  groups: SummaryGroup[],
  period: Period,
  complete: boolean,
): SummaryGroup[] {
  // A group left out of an ipag reply is under 10 or withheld, never a known 0: not filled in.
  if (!complete) return groups;
  if (by === 'week') {
    // A week with no notices has no group: show it as the zero it is, so the trend is honest.
    const byKey = new Map(groups.map((g) => [g.key, g]));
    return weeksBetween(period.from, period.to).map((key) => byKey.get(key) ?? { key, ...ZERO });
  }
  if (by === 'reason') groups = groups.filter((g) => g.key !== '');
  const order: readonly string[] | undefined =
    by === 'format' ? FORMATS : by === 'outcome' ? OUTCOMES : undefined;
  if (order) {
    // Every format and outcome is listed, used or not: a format never used is itself a finding.
    const byKey = new Map(groups.map((g) => [g.key, g]));
    return order.map((key) => byKey.get(key) ?? { key, ...ZERO });
  }
  return [...groups].sort(
    (a, b) => (b.count ?? -1) - (a.count ?? -1) || a.key.localeCompare(b.key),
  );
}

/**
 * `complete`: groups missing from a reply are zeros, shown as such. Not so for the ipag role, whose
 * replies leave out groups under 10 and any withheld to protect them.
 */
export async function loadReview(
  filters: Filters,
  view: 'review' | 'report',
  { complete = true } = {},
): Promise<ReviewData> {
  const base = { ...apiFilters(filters), view };
  const q = filters.period ? quarter(filters.period) : null;
  let period: Period;
  if (q) {
    period = { from: q.from, to: q.to, isDefault: false };
  } else if (filters.from && filters.to) {
    period = resolvePeriod(filters, null);
  } else {
    // The store's date range comes with any summary; it sets the default period.
    const probe = await api.summary({ ...base, from: filters.from, to: filters.to });
    period = resolvePeriod(filters, probe.range);
  }
  const query = q ? base : { ...base, from: period.from, to: period.to };
  const [totals, ...breakdowns] = await Promise.all([
    api.summary(query),
    ...GROUP_BY.map((groupBy) => api.summary({ ...query, groupBy })),
  ]);
  const groups = Object.fromEntries(
    GROUP_BY.map((by, i) => [by, ordered(by, breakdowns[i]!.groups, period, complete)]),
  ) as Record<GroupBy, SummaryGroup[]>;
  return {
    period,
    total: totals!.total,
    groups,
    suppressed: totals!.suppressed || breakdowns.some((b) => b.suppressed),
  };
}
