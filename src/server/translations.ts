/**
 * Each translation's review status: locales/index.json says what shipped, and a reviewer's
 * change (kept in translation_status) overrides it at runtime. Every change is written to
 * translation_audit in the same transaction. This module is the only code that touches the audit
 * table, and it has no update or delete.
 */
import { v7 as uuidv7 } from 'uuid';
import { findLocale, LOCALES, type ReviewStatus } from '../i18n/locales.js';
import type { TranslationAudit, TranslationStatus } from '../schema/api.js';
import type { Session } from './accounts.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';

/**
 * Every locale in the registry's order, with its effective status. Who changed it is a staff
 * username, so only for those who may see the audit (`names`); anyone else gets null.
 */
export async function translationStatuses(
  db: Db,
  { names = false } = {},
): Promise<TranslationStatus[]> {
  const rows = await db.selectFrom('translation_status').selectAll().execute();
  const byTag = new Map(rows.map((r) => [r.tag, r]));
  return LOCALES.map((locale) => {
    const row = byTag.get(locale.tag);
    return {
      tag: locale.tag,
      status: row?.status ?? locale.status,
      changedBy: names ? (row?.changed_by ?? null) : null,
      changedAt: row?.changed_at ?? null,
    };
  });
}

/**
 * Sets a locale's status, audited with who and when. Setting the status it already has changes
 * nothing and records nothing.
 */
export async function setTranslationStatus(
  db: Db,
  session: Session,
  tag: string,
  status: ReviewStatus,
): Promise<TranslationStatus> {
  const locale = findLocale(tag);
  // Tags are matched exactly: `?lang=` is forgiving, a change to the record is not.
  if (!locale || locale.tag !== tag) {
    throw new HttpError(404, 'not-found', `There is no locale ${tag} in locales/index.json.`);
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('translation_status')
      .selectAll()
      .where('tag', '=', tag)
      .executeTakeFirst();
    const from = current?.status ?? locale.status;
    if (from === status) {
      return {
        tag,
        status,
        changedBy: current?.changed_by ?? null,
        changedAt: current?.changed_at ?? null,
      };
    }
    const at = new Date().toISOString();
    const username = session.user.username;
    await trx
      .insertInto('translation_status')
      .values({ tag, status, changed_by: username, changed_at: at })
      .onConflict((oc) =>
        oc.column('tag').doUpdateSet({ status, changed_by: username, changed_at: at }),
      )
      .execute();
    await trx
      .insertInto('translation_audit')
      .values({
        id: uuidv7(),
        at,
        user_id: session.userId,
        username,
        tag,
        from_status: from,
        to_status: status,
      })
      .execute();
    return { tag, status, changedBy: username, changedAt: at };
  });
}

/** The audit trail, newest first. */
export async function translationAudit(db: Db, limit = 500): Promise<TranslationAudit[]> {
  const rows = await db
    .selectFrom('translation_audit')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    username: r.username,
    tag: r.tag,
    from: r.from_status,
    to: r.to_status,
  }));
}
