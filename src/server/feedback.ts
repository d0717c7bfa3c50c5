/**
 * IPAG feedback: one tester's view of one notice. Stored as given (the comment trimmed), read
 * back whole by reviewers and admins and, for the ipag role, only the tester's own entries. The
 * comment is data, never markup: every page that shows it binds it as text.
 */
import { v7 as uuidv7 } from 'uuid';
import { BSL_TAG, type Format } from '../schema/notice-event.js';
import {
  UNDERSTOOD,
  type Feedback,
  type FeedbackQuery,
  type FeedbackReply,
  type FeedbackRequest,
  type FeedbackSummary,
  type Understood,
} from '../schema/api.js';
import type { Session } from './accounts.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';

/** The most entries one read returns, newest first; the summary always counts every tester. */
export const FEEDBACK_LIMIT = 500;

export async function addFeedback(
  db: Db,
  session: Session,
  body: FeedbackRequest,
): Promise<Feedback> {
  // `bfi` stands for a notice given in British Sign Language alone, so it goes with BSL only.
  if (body.lang === BSL_TAG && body.format !== 'bsl') {
    throw new HttpError(
      400,
      'invalid',
      `lang ${BSL_TAG} (British Sign Language) goes only with format bsl.`,
      'lang',
    );
  }
  const comment = body.comment?.trim() || null;
  const row = {
    id: uuidv7(),
    at: new Date().toISOString(),
    user_id: session.userId,
    format: body.format,
    lang: body.lang,
    understood: body.understood,
    rating: body.rating,
    assistive_tech: body.assistiveTech,
    comment,
  };
  await db.insertInto('feedback').values(row).execute();
  return {
    id: row.id,
    at: row.at,
    format: body.format,
    lang: body.lang,
    understood: body.understood,
    rating: body.rating,
    assistiveTech: body.assistiveTech,
    ...(comment === null ? {} : { comment }),
    username: session.user.username,
  };
}

/**
 * Every entry (reviewer, admin) or the caller's own (ipag), with a summary per format and
 * language of the same entries, in which each tester counts once: their latest entry. Other
 * testers' usernames never reach the ipag role.
 */
export async function readFeedback(
  db: Db,
  session: Session,
  query: FeedbackQuery,
): Promise<FeedbackReply> {
  const own = session.user.role === 'ipag';
  let base = db.selectFrom('feedback').innerJoin('users', 'users.id', 'feedback.user_id');
  if (own) base = base.where('feedback.user_id', '=', session.userId);
  if (query.format) base = base.where('feedback.format', '=', query.format);
  if (query.lang) base = base.where('feedback.lang', '=', query.lang);

  const rows = await base
    .select([
      'feedback.id',
      'feedback.at',
      'feedback.format',
      'feedback.lang',
      'feedback.understood',
      'feedback.rating',
      'feedback.assistive_tech',
      'feedback.comment',
      'users.username',
    ])
    .orderBy('feedback.id', 'desc')
    .limit(FEEDBACK_LIMIT)
    .execute();

  // One tester, one voice: only each tester's latest entry on a notice (format and language)
  // counts, so posting 30 times cannot decide the results. Every entry is still kept and listed.
  const latest = db
    .selectFrom('feedback as mine')
    .select((eb) => eb.fn.max('mine.id').as('id'))
    .groupBy(['mine.user_id', 'mine.format', 'mine.lang']);
  const tallies = await base
    .where('feedback.id', 'in', latest)
    .select((eb) => [
      'feedback.format',
      'feedback.lang',
      'feedback.understood',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>('feedback.rating').as('ratings'),
    ])
    .groupBy(['feedback.format', 'feedback.lang', 'feedback.understood'])
    .execute();

  const groups = new Map<string, FeedbackSummary & { ratings: number }>();
  for (const t of tallies) {
    const key = `${t.format}\u0000${t.lang}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        format: t.format as Format,
        lang: t.lang,
        count: 0,
        understood: Object.fromEntries(UNDERSTOOD.map((u) => [u, 0])) as Record<Understood, number>,
        meanRating: 0,
        ratings: 0,
      };
      groups.set(key, group);
    }
    // PostgreSQL returns counts and sums as strings.
    const n = Number(t.n);
    group.count += n;
    group.understood[t.understood] += n;
    group.ratings += Number(t.ratings);
  }
  const summary = [...groups.values()]
    .map(({ ratings, ...g }) => ({ ...g, meanRating: Math.round((ratings / g.count) * 100) / 100 }))
    .sort((a, b) => a.format.localeCompare(b.format) || a.lang.localeCompare(b.lang));

  return {
    feedback: rows.map((r) => ({
      id: r.id,
      at: r.at,
      format: r.format as Format,
      lang: r.lang,
      understood: r.understood,
      rating: r.rating,
      assistiveTech: r.assistive_tech,
      ...(r.comment === null ? {} : { comment: r.comment }),
      ...(own ? {} : { username: r.username }),
    })),
    summary,
  };
}
