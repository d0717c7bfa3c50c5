/**
 * The review's filters live in the page's address, so a view can be bookmarked or shared and the
 * report opens with the same filters. The notice language is `language` in the address, because
 * `?lang=` already chooses the page's own locale on every page; it is sent to the API as `lang`.
 */
import {
  CIRCUMSTANCES,
  FORMATS,
  NOTICE_LANGS,
  OUTCOMES,
  type Circumstance,
  type Format,
  type Outcome,
} from '../schema/notice-event.js';
import type { SummaryQuery, SummaryReply } from '../schema/api.js';
import { quarter } from '../schema/period.js';

export interface Filters {
  /** A whole quarter, `2026-Q3`: the only period the ipag role may ask for. */
  period?: string;
  from?: string;
  to?: string;
  area?: string;
  circumstance?: Circumstance;
  format?: Format;
  language?: string;
  outcome?: Outcome;
}

export const FILTER_KEYS = [
  'period',
  'from',
  'to',
  'area',
  'circumstance',
  'format',
  'language',
  'outcome',
] as const satisfies ReadonlyArray<keyof Filters>;

/** 12 weeks, the default period, in days. */
export const DEFAULT_DAYS = 12 * 7;

const DAY_MS = 86_400_000;

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function pick<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** Reads the filters from a query string, dropping anything that is not a valid value. */
export function readFilters(search: string | URLSearchParams): Filters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const area = params.get('area')?.trim().slice(0, 64);
  const period = params.get('period');
  const filters: Filters = {
    period: period && quarter(period) ? period : undefined,
    from: isDay(params.get('from')) ? (params.get('from') as string) : undefined,
    to: isDay(params.get('to')) ? (params.get('to') as string) : undefined,
    area: area || undefined,
    circumstance: pick(CIRCUMSTANCES, params.get('circumstance')),
    format: pick(FORMATS, params.get('format')),
    language: pick(NOTICE_LANGS, params.get('language')),
    outcome: pick(OUTCOMES, params.get('outcome')),
  };
  for (const key of FILTER_KEYS) if (filters[key] === undefined) delete filters[key];
  return filters;
}

/**
 * The query string for these filters, keeping every other parameter of `current` (such as the
 * page's `?lang=`). Empty filters are left out, so a cleared view has a clean address.
 */
export function writeFilters(filters: Filters, current: string | URLSearchParams = ''): string {
  const params = new URLSearchParams(current);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters as the API takes them (without the period or grouping). */
export function apiFilters(filters: Filters): SummaryQuery {
  const { language, ...rest } = filters;
  return language ? { ...rest, lang: language } : rest;
}

export interface Period {
  from: string;
  to: string;
  /** True when no dates were chosen and the period is the default. */
  isDefault: boolean;
}

/**
 * The period to show: the dates chosen, else the latest 12 weeks with notices in the store, else
 * the 12 weeks to today. A missing end is the latest day with notices (or today, when there are
 * none); a missing start is 12 weeks before the end, or the first day with notices if later.
 */
export function resolvePeriod(
  filters: Filters,
  range: SummaryReply['range'] | null,
  today = todayUtc(),
): Period {
  const to = filters.to ?? range?.last ?? today;
  let from = filters.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (!filters.from && range?.first && range.first > from && range.first <= to) from = range.first;
  return { from, to, isDefault: !filters.from && !filters.to };
}

/** The Monday (UTC) of the week holding a day: the key /api/summary uses for groupBy=week. */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return addDays(day, -back);
}

/** Every week's Monday from the week holding `from` to the week holding `to`. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = weekStart(from); week <= to && weeks.length < 600; week = addDays(week, 7)) {
    weeks.push(week);
  }
  return weeks;
}
