/**
 * The disclosure log: who saw or took what, and when. Append-only: this module is the only code
 * that touches the table, it has no update or delete, and the database refuses both (0006).
 */
import { v7 as uuidv7 } from 'uuid';
import {
  DISCLOSURE_ACTIONS,
  type Disclosure,
  type DisclosureAction,
  type LogQuery,
} from '../schema/api.js';
import type { Session } from './accounts.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';
import { checkLogQuery, onePage, toPage, type Page } from './log-page.js';

export async function disclose(
  db: Db,
  session: Session,
  action: DisclosureAction,
  detail: object,
): Promise<void> {
  await db
    .insertInto('disclosures')
    .values({
      id: uuidv7(),
      at: new Date().toISOString(),
      user_id: session.userId,
      username: session.user.username,
      role: session.user.role,
      action,
      detail: JSON.stringify(detail),
    })
    .execute();
}

/** One page of the log, newest first, optionally of one action and between two days. */
export async function disclosures(
  db: Db,
  query: LogQuery & { action?: DisclosureAction } = {},
): Promise<Page<Disclosure>> {
  const q = checkLogQuery(query);
  if (q.action !== undefined && !(DISCLOSURE_ACTIONS as readonly string[]).includes(q.action))
    throw new HttpError(
      400,
      'invalid',
      `action is one of ${DISCLOSURE_ACTIONS.join(', ')}.`,
      'action',
    );
  let select = db.selectFrom('disclosures').selectAll();
  if (q.action) select = select.where('action', '=', q.action);
  const rows = await onePage(select, q).execute();
  return toPage(rows, q.limit, ({ id, at, username, role, action, detail }) => ({
    id,
    at,
    username,
    role,
    action: action as DisclosureAction,
    detail,
  }));
}
