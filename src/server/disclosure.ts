/**
 * The disclosure log: who saw or took what, and when. Append-only: this module is the only code
 * that touches the table, and it has no update or delete.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Disclosure } from '../schema/api.js';
import type { Session } from './accounts.js';
import type { Db } from './db/index.js';

export async function disclose(
  db: Db,
  session: Session,
  action: Disclosure['action'],
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

export async function disclosures(db: Db, limit = 500): Promise<Disclosure[]> {
  const rows = await db
    .selectFrom('disclosures')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ id, at, username, role, action, detail }) => ({
    id,
    at,
    username,
    role,
    action: action as Disclosure['action'],
    detail,
  }));
}
