/**
 * Small-cell suppression must hold against an ipag account that asks everything it can and
 * subtracts one answer from another (issue 16, item 2). The suite seeds a store with small cells
 * (3 notices on one day in one area, 3 in Polish, 4 in BSL alongside other formats, 4 not
 * possible, a quarter with 4 notices, 3 notices synced late), then, signed in as ipag, runs every
 * attack it has: windows that differ by a day, every filter crossed with every grouping, the
 * total minus the visible groups, the keys of suppressed groups, `range`, the same questions
 * again after a late sync, and the quarters themselves.
 *
 * It then works out, as the attacker would, every count it can pin down. Each number in a reply
 * is a linear equation over the events; a set of events is inferred when its count follows from
 * those equations (it lies in their span) and the value the attacker gets is the true one. The
 * attacker knows the schema's rules (`bfi` is BSL alone; a reason only goes with not-possible)
 * but not which combinations occur: every real combination has neighbours that differ in one
 * field (another day, area, set of formats, language, circumstance, outcome or sync), which may or
 * may not hold events. A listed group without a count, and a `range` day, each prove that events
 * exist, so they count too. The suite must infer no count from 1 to 9.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIRCUMSTANCES, FORMATS, REASONS } from '../schema/notice-event.js';
import {
  GROUP_BY,
  type SummaryCounts,
  type SummaryGroup,
  type SummaryReply,
} from '../schema/api.js';
import { signIn, startTestServer, type Caller, type Harness } from '../../test/server/harness.js';
import { weekOf } from './ingest.js';

const SMALL = 10;

type Phase = 'early' | 'late';
interface Atom {
  day: string;
  area: string;
  mask: number;
  lang: string;
  circumstance: string;
  /** The outcome and, for not-possible, its reason: `acknowledged`, `shown`, `np:<reason>`. */
  or: string;
  phase: Phase;
}

const mask = (...formats: (typeof FORMATS)[number][]) =>
  formats.reduce((m, f) => m | (1 << FORMATS.indexOf(f)), 0);
const BSL_ONLY = mask('bsl');

/** A notice like most: stop and search in KENT-N, visual and large text, acknowledged. */
const TYPICAL: Atom = {
  day: '2026-05-04',
  area: 'KENT-N',
  mask: mask('visual', 'large-text'),
  lang: 'en-GB',
  circumstance: 'stop-search',
  or: 'acknowledged',
  phase: 'early',
};
const like = (n: number, change: Partial<Atom>): [number, Atom] => [n, { ...TYPICAL, ...change }];

/** The store: [how many, notice]. Q2 2026 holds the small cells; Q3 2026 has 4 notices in all. */
const SEED: [number, Atom][] = [
  ...['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-11', '2026-05-12', '2026-05-13'].map(
    (day) => like(5, { day }),
  ),
  like(8, { day: '2026-05-05', area: 'KENT-X', circumstance: 'domestic' }),
  like(7, { day: '2026-05-12', area: 'KENT-X', circumstance: 'domestic' }),
  // The small cell of the issue: area KENT-X has 18 notices in the quarter, 3 of them on one day.
  like(3, {
    day: '2026-05-20',
    area: 'KENT-X',
    mask: mask('visual', 'audio'),
    lang: 'pl',
    circumstance: 'arrest',
    or: 'shown',
  }),
  // BSL alone is `bfi`: 11 of them, and 4 more notices that used BSL with another format.
  like(11, { day: '2026-05-06', mask: BSL_ONLY, lang: 'bfi' }),
  like(4, { day: '2026-05-11', mask: mask('visual', 'bsl'), circumstance: 'use-of-force' }),
  ...['immediate-risk', 'person-left'].map((reason) =>
    like(2, {
      day: '2026-05-13',
      mask: mask('visual'),
      circumstance: 'use-of-force',
      or: `np:${reason}`,
    }),
  ),
  like(12, { circumstance: 'other-power', or: 'shown' }),
  like(4, { day: '2026-08-12' }),
];

/** Synced after the attacker's first round: 3 more notices in the closed quarter. */
const LATE: [number, Atom][] = [
  like(3, {
    day: '2026-05-20',
    area: 'KENT-X',
    mask: mask('visual', 'vibration'),
    circumstance: 'domestic',
    phase: 'late',
  }),
];

async function store(h: Harness, rows: [number, Atom][]): Promise<void> {
  for (const [n, a] of rows) {
    const [outcome, reason] = a.or.startsWith('np:') ? ['not-possible', a.or.slice(3)] : [a.or, ''];
    await h.store.db
      .insertInto('event_counts')
      .values({
        day: a.day,
        week: weekOf(a.day),
        area: a.area,
        circumstance: a.circumstance,
        lang: a.lang,
        outcome,
        reason,
        formats_mask: a.mask,
        n,
      })
      .execute();
  }
}

// ── The attacker's arithmetic ─────────────────────────────────────────────────────────────────

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const QUARTERS: Record<string, [string, string]> = {
  '2026-Q2': ['2026-04-01', '2026-06-30'],
  '2026-Q3': ['2026-07-01', '2026-09-30'],
};
const SEEDED_DAYS = [...new Set([...SEED, ...LATE].map(([, a]) => a.day))].sort();

/** The combinations the attacker cannot rule out: each real one, and its one-field neighbours. */
function universe(): Atom[] {
  const days = new Set<string>([...Object.values(QUARTERS).flat()]);
  for (const d of SEEDED_DAYS) for (const k of [-1, 0, 1]) days.add(addDays(d, k));
  const domains: { [K in keyof Atom]: Atom[K][] } = {
    day: [...days],
    area: ['KENT-N', 'KENT-X', 'KENT-S'],
    mask: Array.from({ length: (1 << FORMATS.length) - 1 }, (_, i) => i + 1),
    lang: ['en-GB', 'pl', 'fr', 'bfi'],
    circumstance: [...CIRCUMSTANCES],
    or: ['acknowledged', 'shown', ...REASONS.map((r) => `np:${r}`)],
    phase: ['early', 'late'],
  };
  const valid = (a: Atom) => (a.lang === 'bfi') === (a.mask === BSL_ONLY);
  const seen = new Map<string, Atom>();
  for (const [, real] of [...SEED, ...LATE]) {
    for (const field of Object.keys(domains) as (keyof Atom)[]) {
      for (const value of domains[field]) {
        const a = { ...real, [field]: value } as Atom;
        if (valid(a)) seen.set(JSON.stringify(a), a);
      }
    }
  }
  return [...seen.values()];
}

type Pred = (a: Atom) => boolean;

/** What a reply's query counted, as the attacker reads it (the query the server echoes). */
function queryPred(q: Record<string, string | undefined>, phase: Phase): Pred {
  const [qFrom, qTo] = q.period ? (QUARTERS[q.period] ?? ['9999', '0000']) : [];
  return (a) =>
    (phase === 'late' || a.phase === 'early') &&
    (!q.from || a.day >= q.from) &&
    (!q.to || a.day <= q.to) &&
    (!qFrom || (a.day >= qFrom && a.day <= qTo!)) &&
    (!q.area || a.area === q.area) &&
    (!q.circumstance || a.circumstance === q.circumstance) &&
    (!q.format || (a.mask & (1 << FORMATS.indexOf(q.format as never))) !== 0) &&
    (!q.lang || a.lang === q.lang) &&
    (!q.outcome || outcomeOf(a) === q.outcome);
}

const outcomeOf = (a: Atom) => (a.or.startsWith('np:') ? 'not-possible' : a.or);

function groupPred(by: string, key: string): Pred {
  switch (by) {
    case 'format':
      return (a) => (a.mask & (1 << FORMATS.indexOf(key as never))) !== 0;
    case 'week':
      return (a) => weekOf(a.day) === key;
    case 'outcome':
      return (a) => outcomeOf(a) === key;
    case 'reason':
      return (a) => (key === '' ? !a.or.startsWith('np:') : a.or === `np:${key}`);
    default:
      return (a) => String(a[by as keyof Atom]) === key;
  }
}

const BREAKDOWN: Record<keyof SummaryCounts, Pred> = {
  count: () => true,
  acknowledged: (a) => outcomeOf(a) === 'acknowledged',
  shown: (a) => outcomeOf(a) === 'shown',
  notPossible: (a) => outcomeOf(a) === 'not-possible',
};

/** Row-reduced equations over the universe, each with the value the server gave. */
class Knowledge {
  private rows: Float64Array[] = [];
  private pivots: number[] = [];
  constructor(private readonly n: number) {}

  private reduce(v: Float64Array): void {
    this.rows.forEach((row, i) => {
      const c = v[this.pivots[i]!]!;
      if (Math.abs(c) > 1e-9) for (let j = 0; j <= this.n; j++) v[j]! -= c * row[j]!;
    });
  }

  add(indicator: boolean[], value: number): void {
    const v = new Float64Array(this.n + 1);
    indicator.forEach((x, j) => (v[j] = x ? 1 : 0));
    v[this.n] = value;
    this.reduce(v);
    const p = v.findIndex((x, j) => j < this.n && Math.abs(x) > 1e-9);
    if (p < 0) return;
    const scale = v[p]!;
    for (let j = 0; j <= this.n; j++) v[j]! /= scale;
    for (const row of this.rows) {
      const c = row[p]!;
      if (Math.abs(c) > 1e-9) for (let j = 0; j <= this.n; j++) row[j]! -= c * v[j]!;
    }
    this.rows.push(v);
    this.pivots.push(p);
  }

  /** The count of these combinations, if the equations pin it down. */
  solve(indicator: boolean[]): number | null {
    const v = new Float64Array(this.n + 1);
    indicator.forEach((x, j) => (v[j] = x ? 1 : 0));
    this.reduce(v);
    for (let j = 0; j < this.n; j++) if (Math.abs(v[j]!) > 1e-9) return null;
    return Math.round(-v[this.n]!);
  }
}

interface Finding {
  /** The notices counted, as the attacker would name them. */
  cell: string;
  count: number;
  how: 'sums' | 'listed or named';
}

/** Every set of notices the attacker might try to count: a time, and one or two conditions. */
function targets(): [string, Pred][] {
  const times: [string, Pred][] = [
    ['any day', () => true],
    ...Object.entries(QUARTERS).map(
      ([q, [f, t]]) => [q, (a: Atom) => a.day >= f && a.day <= t] as [string, Pred],
    ),
    ...[...new Set(SEEDED_DAYS.map(weekOf))].map(
      (w) => [`week ${w}`, (a: Atom) => weekOf(a.day) === w] as [string, Pred],
    ),
    ...SEEDED_DAYS.map((d) => [d, (a: Atom) => a.day === d] as [string, Pred]),
  ];
  const subsets = <T>(values: T[]) =>
    Array.from({ length: (1 << values.length) - 1 }, (_, i) =>
      values.filter((_, j) => ((i + 1) >> j) & 1),
    );
  const singles: [string, Pred][] = [];
  const conditions: [string, Pred][] = [['', () => true]];
  for (const [field, values] of [
    ['area', ['KENT-N', 'KENT-X', 'KENT-S']],
    ['lang', ['en-GB', 'pl', 'fr', 'bfi']],
    ['circumstance', [...CIRCUMSTANCES]],
    ['or', ['acknowledged', 'shown', ...REASONS.map((r) => `np:${r}`)]],
  ] as const) {
    for (const v of values) singles.push([`${field}=${v}`, (a) => a[field] === v]);
    for (const set of subsets<string>([...values]))
      conditions.push([
        `${field} in {${set.join(',')}}`,
        (a) => set.includes(a[field as keyof Atom] as string),
      ]);
  }
  conditions.push(['not-possible', (a) => a.or.startsWith('np:')]);
  for (const set of subsets<string>([...FORMATS])) {
    const m = mask(...(set as (typeof FORMATS)[number][]));
    conditions.push([`formats meet {${set.join(',')}}`, (a) => (a.mask & m) !== 0]);
    conditions.push([`formats avoid {${set.join(',')}}`, (a) => (a.mask & m) === 0]);
  }
  for (const f of FORMATS) singles.push([`format ${f}`, (a) => (a.mask & mask(f)) !== 0]);
  singles.push(['synced late', (a) => a.phase === 'late']);
  singles.push(['synced early', (a) => a.phase === 'early']);
  conditions.push(['synced late', (a) => a.phase === 'late']);
  conditions.push(['synced early', (a) => a.phase === 'early']);

  const out: [string, Pred][] = [];
  for (const [tn, tp] of times) {
    for (const [cn, cp] of conditions) out.push([`${tn} ${cn}`, (a) => tp(a) && cp(a)]);
    for (let i = 0; i < singles.length; i++)
      for (let j = i + 1; j < singles.length; j++) {
        const [an, ap] = singles[i]!;
        const [bn, bp] = singles[j]!;
        out.push([`${tn} ${an} ${bn}`, (a) => tp(a) && ap(a) && bp(a)]);
      }
  }
  return out;
}

/** Plays the attacker against a server; returns every count under 10 it could infer. */
async function attack(
  h: Harness,
  ipag: Caller,
): Promise<{ findings: Finding[]; asked: number; solve: (p: Pred) => number | null }> {
  const atoms = universe();
  const realCount = new Map<string, number>();
  for (const [n, a] of [...SEED, ...LATE]) realCount.set(JSON.stringify(a), n);
  const counts = atoms.map((a) => realCount.get(JSON.stringify(a)) ?? 0);
  const truth = (p: Pred) => atoms.reduce((sum, a, i) => sum + (p(a) ? counts[i]! : 0), 0);
  /** The notices a predicate holds, as the attacker's finding is about events, not predicates. */
  const eventsOf = (p: Pred) =>
    atoms
      .map((a, i) => (counts[i]! > 0 && p(a) ? i : -1))
      .filter((i) => i >= 0)
      .join(',');

  const known = new Knowledge(atoms.length);
  const said = new Set<string>();
  const findings = new Map<string, Finding>();
  const existence = (p: Pred, how: string) => {
    const count = truth(p);
    if (count > 0 && count < SMALL)
      findings.set(eventsOf(p), { cell: how, count, how: 'listed or named' });
  };

  const filters = [
    '',
    'area=KENT-X',
    'area=KENT-N',
    'format=bsl',
    'format=audio',
    'lang=pl',
    'lang=bfi',
    'circumstance=arrest',
    'outcome=not-possible',
    'outcome=shown',
  ];
  const queries: string[] = [];
  for (const f of filters) {
    queries.push(f);
    for (const g of GROUP_BY) queries.push(`${f}&groupBy=${g}`);
    for (const d of SEEDED_DAYS)
      queries.push(`${f}&to=${d}`, `${f}&to=${addDays(d, -1)}`, `${f}&from=${d}&to=${d}`);
    for (const [q, [from, to]] of Object.entries(QUARTERS)) {
      queries.push(`${f}&period=${q}`, `${f}&from=${from}&to=${to}`);
      for (const g of GROUP_BY) queries.push(`${f}&period=${q}&groupBy=${g}`);
    }
  }
  queries.push('period=2026-Q4', `period=${new Date().getUTCFullYear()}-Q4&groupBy=area`);

  let asked = 0;
  for (const phase of ['early', 'late'] as const) {
    if (phase === 'late') await store(h, LATE);
    for (const query of queries) {
      asked++;
      const response = await h.app.inject({
        method: 'GET',
        url: `/api/summary?${query.replace(/^&/, '')}`,
        headers: ipag.headers,
      });
      if (response.statusCode !== 200) continue;
      const reply = response.json<SummaryReply>();
      const base = queryPred(reply.query as Record<string, string>, phase);
      const equation = (p: Pred, value: number) => {
        const indicator = atoms.map((a) => base(a) && p(a));
        const key = `${indicator.map(Number).join('')}=${value}`;
        if (said.has(key)) return;
        said.add(key);
        known.add(indicator, value);
      };
      const read = (counts: SummaryGroup | SummaryReply['total'], p: Pred, how: string) => {
        for (const [field, fp] of Object.entries(BREAKDOWN)) {
          const value = counts[field as keyof SummaryCounts];
          if (typeof value === 'number') equation((a) => p(a) && fp(a), value);
        }
        if ('key' in counts && counts.count === null) existence((a) => base(a) && p(a), how);
      };
      read(reply.total, () => true, query);
      const by = reply.query.groupBy;
      for (const g of reply.groups)
        read(g, groupPred(by!, g.key), `${query}: ${by} ${g.key} is listed`);
      for (const day of [reply.range.first, reply.range.last])
        if (day) existence((a) => a.day === day, `range names ${day}`);
    }
  }

  for (const [name, p] of targets()) {
    const count = truth(p);
    if (count === 0 || count >= SMALL) continue;
    const key = eventsOf(p);
    if (findings.has(key)) continue;
    if (known.solve(atoms.map(p)) === count) findings.set(key, { cell: name, count, how: 'sums' });
  }
  const solve = (p: Pred) => known.solve(atoms.map(p));
  return { findings: [...findings.values()], asked, solve };
}

describe('ipag differencing attacks', () => {
  let h: Harness;
  let ipag: Caller;
  beforeAll(async () => {
    h = await startTestServer();
    ipag = await signIn(h.app, 'ipag');
    await store(h, SEED);
  });
  afterAll(() => h.close());

  it('infer no count of notices from 1 to 9', { timeout: 120_000 }, async () => {
    const { findings, asked, solve } = await attack(h, ipag);
    // The closing note quotes this line.
    console.log(
      `differencing suite: ${asked} questions asked, ${findings.length} small counts inferred`,
    );
    expect(findings).toEqual([]);
    // The attacker did learn the published figures: the quarter's total and its large areas.
    const q2 = (a: Atom) => a.day >= '2026-04-01' && a.day <= '2026-06-30';
    expect(solve((a) => q2(a) && a.phase === 'early')).toBe(79);
    expect(solve((a) => q2(a) && a.phase === 'early' && a.area === 'KENT-X')).toBe(18);
  });
});

describe('the ipag summary', () => {
  let h: Harness;
  let ipag: Caller;
  let reviewer: Caller;
  const get = (caller: Caller, query: string) =>
    h.app.inject({ method: 'GET', url: `/api/summary?${query}`, headers: caller.headers });
  beforeAll(async () => {
    h = await startTestServer();
    ipag = await signIn(h.app, 'ipag');
    reviewer = await signIn(h.app, 'reviewer');
    await store(h, SEED);
  });
  afterAll(() => h.close());

  it.each([
    ['no period', 'groupBy=area', 'period'],
    ['free dates', 'from=2026-04-01&to=2026-06-30', 'from'],
    ['an end date', 'period=2026-Q2&to=2026-05-19', 'to'],
    ['an area', 'period=2026-Q2&area=KENT-X', 'area'],
    ['a format', 'period=2026-Q2&format=bsl', 'format'],
    ['a language', 'period=2026-Q2&lang=pl', 'lang'],
    ['a circumstance', 'period=2026-Q2&circumstance=arrest', 'circumstance'],
    ['an outcome', 'period=2026-Q2&outcome=shown', 'outcome'],
  ])('refuses %s with a 400 naming the field', async (_, query, field) => {
    const response = await get(ipag, query);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(response.json().error.message).toMatch(/period/);
  });

  it('refuses a quarter that has not ended and settled, and a period that is not a quarter', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const open = await get(ipag, `period=${year}-Q1`);
    expect(open.statusCode).toBe(400);
    expect(open.json().error).toMatchObject({ code: 'period-not-published', field: 'period' });
    expect(open.json().error.message).toContain(`${year}-04-08`);
    expect((await get(ipag, 'period=2026-Q5')).statusCode).toBe(400);
  });

  it('leaves small groups out, hides more until the rest is 0 or at least 10, and gives the quarter as the range', async () => {
    const lang = (await get(ipag, 'period=2026-Q2&groupBy=lang')).json<SummaryReply>();
    // pl has 3, so bfi (11) is withheld too: 79 - 65 = 14, never 3.
    expect(lang.groups).toEqual([
      { key: 'en-GB', count: 65, acknowledged: null, shown: null, notPossible: null },
    ]);
    expect(lang.suppressed).toBe(true);
    expect(lang.range).toEqual({ first: '2026-04-01', last: '2026-06-30' });
    // acknowledged 60, shown 15, not possible 4: shown is withheld with not possible.
    expect(lang.total).toEqual({ count: 79, acknowledged: 60, shown: null, notPossible: null });
    const reason = (await get(ipag, 'period=2026-Q2&groupBy=reason')).json<SummaryReply>();
    expect(reason.groups).toEqual([]);
    const week = (await get(ipag, 'period=2026-Q2&groupBy=week')).json<SummaryReply>();
    // 46, 30 and 3: the 30 goes with the 3.
    expect(week.groups.map((g) => [g.key, g.count])).toEqual([['2026-05-04', 46]]);
    const area = (await get(ipag, 'period=2026-Q2&groupBy=area')).json<SummaryReply>();
    expect(area.groups.map((g) => [g.key, g.count])).toEqual([
      ['KENT-N', 61],
      ['KENT-X', 18],
    ]);
    // Both areas are shown, but the total's shown and not-possible are still withheld.
    expect(area.suppressed).toBe(true);
  });

  it('withholds a quarter whose total is under 10, saying only that something was withheld', async () => {
    const q3 = (await get(ipag, 'period=2026-Q3&groupBy=format')).json<SummaryReply>();
    expect(q3.total).toEqual({ count: null, acknowledged: null, shown: null, notPossible: null });
    expect(q3.groups).toEqual([]);
    expect(q3.suppressed).toBe(true);
    // An empty quarter reads the same, so 0 cannot be told from 4.
    const empty = (await get(ipag, 'period=2025-Q3&groupBy=format')).json<SummaryReply>();
    expect({ ...empty, query: null, range: null }).toEqual({ ...q3, query: null, range: null });
  });

  it('serves a quarter unchanged once published, whatever syncs later', async () => {
    const before = await get(ipag, 'period=2026-Q2&groupBy=area');
    const late = await h.app.inject({
      method: 'GET',
      url: '/api/summary?period=2026-Q2&groupBy=area',
      headers: reviewer.headers,
    });
    await store(h, [[20, { ...LATE[0]![1], lang: 'fr', day: '2026-05-21' }]]);
    const after = await get(ipag, 'period=2026-Q2&groupBy=area');
    expect(after.json()).toEqual(before.json());
    // Reviewers see the store as it is now.
    const now = await get(reviewer, 'period=2026-Q2&groupBy=area');
    expect(now.json<SummaryReply>().total.count).toBe(late.json<SummaryReply>().total.count! + 20);
  });
});

describe('formats, which overlap', () => {
  let h: Harness;
  let ipag: Caller;
  beforeAll(async () => {
    h = await startTestServer();
    ipag = await signIn(h.app, 'ipag');
  });
  afterAll(() => h.close());

  const base: Atom = { ...TYPICAL, day: '2026-02-10' };

  it('withholds BSL when BSL minus bfi (BSL with another format) would be under 10', async () => {
    await store(h, [
      [30, base],
      [11, { ...base, mask: BSL_ONLY, lang: 'bfi' }],
      [4, { ...base, mask: mask('visual', 'bsl') }],
    ]);
    const get = async (groupBy: string) =>
      (
        await h.app.inject({
          method: 'GET',
          url: `/api/summary?period=2026-Q1&groupBy=${groupBy}`,
          headers: ipag.headers,
        })
      ).json<SummaryReply>();
    expect((await get('lang')).groups.map((g) => [g.key, g.count])).toEqual([
      ['en-GB', 34],
      ['bfi', 11],
    ]);
    const formats = await get('format');
    // BSL alone (11) shows as bfi; BSL in all is 15, which would give 4 away.
    expect(formats.groups.map((g) => [g.key, g.count])).toEqual([
      ['visual', 34],
      ['large-text', 30],
    ]);
    // Notices with neither visual nor large text: the 11 in BSL alone, at least 10, so said.
    expect(formats.suppressed).toBe(true);
  });

  it('withholds formats until the notices using none of the visible ones are 0 or at least 10', async () => {
    await store(h, [
      [30, { ...base, day: '2025-11-10' }],
      [12, { ...base, day: '2025-11-10', mask: mask('audio') }],
      [3, { ...base, day: '2025-11-10', mask: mask('easy-read') }],
    ]);
    const formats = (
      await h.app.inject({
        method: 'GET',
        url: '/api/summary?period=2025-Q4&groupBy=format',
        headers: ipag.headers,
      })
    ).json<SummaryReply>();
    // Visual and large text (30 each) and audio (12) leave 3 in easy read alone: audio goes too.
    expect(formats.groups.map((g) => [g.key, g.count])).toEqual([
      ['visual', 30],
      ['large-text', 30],
    ]);
    expect(formats.total.count).toBe(45);
  });
});
