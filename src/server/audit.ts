/**
 * The security audit log: who signed in or failed to, who issued a code, enrolled or revoked a
 * device, imported a log, changed retention or reviewed content, and whether it worked. It sits
 * beside the disclosure log (who saw what) and is append-only the same way: this module alone
 * writes the table, it has no update or delete, and the database refuses both (migration 0006).
 *
 * An entry never holds a password, token, code, cookie or address. That is enforced here, not
 * left to each caller: a detail may use only the keys below, each with the shape of the one fact
 * it names, so a secret has nowhere to go; a value that looks like an IP address is refused too.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  ROLES,
  type AuditEntry,
  type AuditKind,
  type AuditOutcome,
  type LogQuery,
} from '../schema/api.js';
import { AREA_CODE } from '../schema/validator.js';
import type { Session } from './accounts.js';
import type { Db } from './db/index.js';
import type { Device } from './db/schema.js';
import { logServerError } from './error-log.js';
import { HttpError } from './errors.js';
import { checkLogQuery, LOG_ID, onePage, toPage, type Page } from './log-page.js';

export type Actor =
  | { type: 'account'; id: string; name: string }
  | { type: 'device'; id: string }
  | { type: 'cli'; name?: string }
  | { type: 'anonymous' };

const NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/i;
const COUNT = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const text = (pattern: RegExp) => (v: unknown) => typeof v === 'string' && pattern.test(v);
const oneOf = (values: readonly string[]) => (v: unknown) => values.includes(v as string);

/** Every key a detail may carry, and the shape of its value. */
const DETAIL = {
  /** Why it failed: the error code the caller was given, such as `bad-credentials`. */
  reason: text(/^[a-z][a-z0-9-]{0,39}$/),
  area: text(AREA_CODE),
  days: COUNT,
  expiresAt: text(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  deviceId: text(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/),
  events: COUNT,
  /** An import held until an admin approves its device's key. */
  held: text(LOG_ID),
  itemId: text(LOG_ID),
  decision: oneOf(['approve', 'reject']),
  retentionDays: COUNT,
  removed: COUNT,
  /** For `account`: what was done to whom. */
  action: oneOf([
    'add',
    'password',
    'unlock',
    'disable',
    'enable',
    'own-password',
    'passkey-add',
    'passkey-remove',
    'recovery-codes',
  ]),
  /** For `sign-in`: the factor checked (a passkey sign-in is a password, then a passkey). */
  factor: oneOf(['password', 'passkey', 'recovery-code']),
  username: text(NAME),
  role: oneOf(ROLES),
  /** A route's pattern, such as `/api/devices/:deviceId/revoke`: never the URL as sent. */
  route: text(/^\/[A-Za-z0-9/_:.{}-]{0,99}$/),
} satisfies Record<string, (value: unknown) => boolean>;

export type AuditDetail = Partial<Record<keyof typeof DETAIL, string | number>>;

const IPV4 = /(^|[^\d.])\d{1,3}(\.\d{1,3}){3}($|[^\d.])/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;

function looksLikeAddress(value: string): boolean {
  return IPV4.test(value) || IPV6.test(value);
}

/** The detail as stored, or a TypeError naming the key that may not be (a programming mistake). */
export function checkDetail(detail: AuditDetail): string {
  for (const [key, value] of Object.entries(detail)) {
    const valid = (DETAIL as Record<string, (value: unknown) => boolean>)[key];
    if (!valid) throw new TypeError(`The audit log does not record "${key}".`);
    if (!valid(value) || (typeof value === 'string' && looksLikeAddress(value)))
      throw new TypeError(`The audit log's "${key}" cannot hold this value.`);
  }
  return JSON.stringify(detail);
}

/** `{ deviceId }` when the id has a device id's shape; else nothing (an id a caller made up). */
export function deviceDetail(deviceId: string | undefined): AuditDetail {
  return deviceId !== undefined && DETAIL.deviceId(deviceId) && !looksLikeAddress(deviceId)
    ? { deviceId }
    : {};
}

function actorColumns(actor: Actor) {
  switch (actor.type) {
    case 'account':
      return { actor_id: actor.id, actor_name: actor.name };
    case 'device':
      return { actor_id: actor.id, actor_name: null };
    case 'cli':
      return { actor_id: null, actor_name: actor.name ?? null };
    default:
      return { actor_id: null, actor_name: null };
  }
}

export interface AuditRecord {
  kind: AuditKind;
  outcome: AuditOutcome;
  actor: Actor;
  detail?: AuditDetail;
}

/** Appends one entry. Throws (and so fails the request) rather than lose or leak one. */
export async function audit(db: Db, { kind, outcome, actor, detail = {} }: AuditRecord) {
  const columns = actorColumns(actor);
  for (const value of [columns.actor_id, columns.actor_name]) {
    if (value !== null && (!NAME.test(value) || looksLikeAddress(value)))
      throw new TypeError('An audit actor is an account, a device id or a local user name.');
  }
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      at: new Date().toISOString(),
      kind,
      outcome,
      actor_type: actor.type,
      ...columns,
      detail: checkDetail(detail),
    })
    .execute();
}

/** Who is calling, as the request says: a signed-in account, an enrolled device, or nobody. */
export function actorOf(request: { session?: Session; device?: Device }): Actor {
  if (request.session)
    return { type: 'account', id: request.session.userId, name: request.session.user.username };
  if (request.device) return { type: 'device', id: request.device.id };
  return { type: 'anonymous' };
}

/**
 * The account a sign-in named, if there is one. A name no account has is not recorded: it may be
 * a password typed in the wrong box.
 */
export async function accountNamed(db: Db, username: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', '=', username)
    .executeTakeFirst();
  return user ? { type: 'account', id: user.id, name: user.username } : { type: 'anonymous' };
}

/**
 * Runs `work` and records it: success with the detail, or, when it is refused (an HttpError),
 * failure with the code the caller was given. A server error is logged, not audited.
 */
export async function audited<T>(
  db: Db,
  kind: AuditKind,
  actor: Actor | ((result: T | undefined) => Actor | Promise<Actor>),
  work: () => Promise<T>,
  detail: (result: T | undefined) => AuditDetail = () => ({}),
): Promise<T> {
  const who = (result: T | undefined) =>
    typeof actor === 'function' ? actor(result) : Promise.resolve(actor);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    if (error instanceof HttpError) {
      await audit(db, {
        kind,
        outcome: 'failure',
        actor: await who(undefined),
        detail: { ...detail(undefined), reason: error.code },
      });
    }
    throw error;
  }
  await audit(db, { kind, outcome: 'success', actor: await who(result), detail: detail(result) });
  return result;
}

/** The generic guards' refusals: a role without the permission, a change without its token. */
const DENIALS = new Set(['forbidden', 'csrf']);

/**
 * An `onError` hook: a signed-in person refused by a guard is recorded (ASVS 16.3.2), with the
 * route's pattern. Nobody-signed-in refusals are not: anyone could fill the log with them.
 */
export function auditDenials(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply, error: Error): Promise<void> => {
    if (!(error instanceof HttpError) || !DENIALS.has(error.code) || !request.session) return;
    const route = request.routeOptions.url;
    try {
      await audit(db, {
        kind: 'access-denied',
        outcome: 'failure',
        actor: actorOf(request),
        detail: {
          reason: error.code,
          ...(route && DETAIL.route(route) ? { route } : {}),
        },
      });
    } catch (failure) {
      // The refusal stands whatever happens here; a lost entry is at least in the error log.
      logServerError(request, failure as Error);
    }
  };
}

export interface AuditQuery extends LogQuery {
  kind?: AuditKind;
  outcome?: AuditOutcome;
}

/** One page of the log, newest first, filtered by kind, outcome and days. */
export async function auditLog(db: Db, query: AuditQuery = {}): Promise<Page<AuditEntry>> {
  const q = checkLogQuery(query);
  if (q.kind !== undefined && !(AUDIT_KINDS as readonly string[]).includes(q.kind))
    throw new HttpError(400, 'invalid', `kind is one of ${AUDIT_KINDS.join(', ')}.`, 'kind');
  if (q.outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(q.outcome))
    throw new HttpError(400, 'invalid', `outcome is success or failure.`, 'outcome');
  let select = db.selectFrom('audit_log').selectAll();
  if (q.kind) select = select.where('kind', '=', q.kind);
  if (q.outcome) select = select.where('outcome', '=', q.outcome);
  const rows = await onePage(select, q).execute();
  return toPage(rows, q.limit, (row) => ({
    id: row.id,
    at: row.at,
    kind: row.kind,
    outcome: row.outcome,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    detail: JSON.parse(row.detail) as AuditEntry['detail'],
  }));
}
