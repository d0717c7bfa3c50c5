/**
 * People's accounts and sessions. Passwords are scrypt hashes; a session is a random token in an
 * HttpOnly cookie, kept only as its hash, with a CSRF token of its own. Wrong passwords slow down
 * further attempts for that username from that address (sign-in-delay.ts), never lock anyone out.
 */
import { v7 as uuidv7 } from 'uuid';
import { MAX_PASSWORD_LENGTH, ROLES, type Role, type SessionUser } from '../schema/api.js';
import {
  checkPassword,
  DUMMY_HASH,
  hashPassword,
  needsRehash,
  randomToken,
  sha256,
} from './crypto.js';
import { afterSuccess, beforeAttempt, clearDelays } from './sign-in-delay.js';
import { mfaRequiredFor, passkeyCount } from './passkeys.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';
import type { User } from './db/schema.js';

export const SESSION_HOURS = 8;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/**
 * ASVS 5.0 V6.2: at least 8 characters (we ask 12), at least 64 allowed (we allow 256), no rules
 * about which kinds of character, and not a common password nor the username.
 */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * The commonest passwords of 12 characters or more in public breach lists. A short list is cheap
 * and catches what people actually pick; the length already rules out the short ones.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  '123123123123',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'passwordpassword',
  'password1234',
  'password12345',
  'password123456',
  'iloveyou1234',
  'abcdefghijkl',
  'abc123abc123',
  'qwertyqwerty',
  'letmeinletmein',
  'welcome12345',
  'administrator',
  'administrator1',
  'changeme1234',
  'changemechangeme',
  'football1234',
  'princess1234',
  'sunshine1234',
  'monkey123456',
  'trustno1trustno1',
  'myspace12345',
  'forewarn1234',
  'forewarnforewarn',
]);

/** Why a new password is refused, in a sentence, or null if it will do. */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `A password has at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH)
    return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/u.test(password))
    return 'That password is one of the most common: choose another.';
  if (username && lower.includes(username.toLowerCase()))
    return 'A password must not contain the username.';
  return null;
}

function checkNewPassword(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new HttpError(400, 'weak-password', problem, 'next');
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** A password people are given once and then change: 20 characters from a random token. */
export function oneTimePassword(): string {
  return randomToken(15);
}

export async function createUser(
  db: Db,
  username: string,
  role: Role,
  password: string,
  /**
   * oneTime: the password was made for the person (by the CLI or an admin), so they must change it
   * when they first sign in. passwordHash: a hash of `password` made already (the tests reuse theirs).
   */
  options: { oneTime?: boolean; passwordHash?: string } = {},
): Promise<void> {
  if (!USERNAME.test(username)) {
    throw new HttpError(
      400,
      'invalid',
      'A username is 2 to 32 lower-case letters, digits, dots, dashes or underscores.',
    );
  }
  if (!isRole(role)) throw new HttpError(400, 'invalid', `A role is one of ${ROLES.join(', ')}.`);
  checkNewPassword(password);
  const exists = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (exists) throw new HttpError(409, 'exists', `There is already a user called ${username}.`);
  await db
    .insertInto('users')
    .values({
      id: uuidv7(),
      username,
      role,
      password_hash: options.passwordHash ?? (await hashPassword(password)),
      created_at: new Date().toISOString(),
      disabled_at: null,
      must_change_password: options.oneTime ? 1 : 0,
    })
    .execute();
}

export async function findUser(db: Db, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/**
 * An administrator sets a new one-time password (the CLI's `user password`): the person must
 * change it when they next sign in, and every session made with the old one ends.
 */
export async function setPassword(db: Db, username: string, password: string): Promise<void> {
  checkNewPassword(password);
  const user = await findUser(db, username);
  if (!user) throw new HttpError(404, 'not-found', `There is no user called ${username}.`);
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), must_change_password: 1 })
    .where('id', '=', user.id)
    .execute();
  await clearDelays(db, username);
  await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
}

/**
 * A person changes their own password: the current one is checked (and counted, as a sign-in
 * is, so a stolen session cannot guess it), the new one must pass the rules and differ. Every
 * other session of theirs ends; this one goes on.
 */
export async function changeOwnPassword(
  db: Db,
  session: Session,
  current: string,
  next: string,
  address = 'local',
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.userId)
    .executeTakeFirstOrThrow();
  await beforeAttempt(db, user.username, address);
  if (!(await checkPassword(current, user.password_hash))) {
    throw new HttpError(403, 'bad-credentials', 'The current password is not right.', 'current');
  }
  await afterSuccess(db, user.username, address);
  checkNewPassword(next, user.username);
  if (next === current)
    throw new HttpError(400, 'weak-password', 'Choose a password you have not used here.', 'next');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(next), must_change_password: 0 })
    .where('id', '=', user.id)
    .execute();
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', user.id)
    .where('token_hash', '!=', session.tokenHash)
    .execute();
}

export async function setDisabled(db: Db, username: string, disabled: boolean): Promise<void> {
  const user = await findUser(db, username);
  if (!user) throw new HttpError(404, 'not-found', `There is no user called ${username}.`);
  await db
    .updateTable('users')
    .set({ disabled_at: disabled ? new Date().toISOString() : null })
    .where('id', '=', user.id)
    .execute();
  if (disabled) await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
}

/** Lifts every sign-in delay on an account (after wrong passwords, from any address). */
export async function unlock(db: Db, username: string): Promise<void> {
  const user = await findUser(db, username);
  if (!user) throw new HttpError(404, 'not-found', `There is no user called ${username}.`);
  await clearDelays(db, username);
}

export interface NewSession {
  token: string;
  csrfToken: string;
  user: SessionUser;
  expiresAt: Date;
  /** The password is a one-time one: until it is changed, the session can do nothing else. */
  mustChangePassword: boolean;
  /** null: signed in. 'mfa': a passkey (or recovery code) is still owed. 'enrol': a first passkey is. */
  stage: SessionStage;
}

export type SessionStage = null | 'mfa' | 'enrol';

/**
 * Checks a password and opens a session. Every attempt is counted before its password is hashed
 * (sign-in-delay.ts), for known and unknown usernames alike; an unknown username costs the same
 * time as a known one (a hash against a dummy) and gets the same answer.
 */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  address = 'local',
  now = new Date(),
): Promise<NewSession> {
  await beforeAttempt(db, username, address, now.getTime());
  const user = await findUser(db, username);
  const ok = await checkPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled_at) {
    throw new HttpError(401, 'bad-credentials', 'The username or password is not right.');
  }
  await afterSuccess(db, username, address, now.getTime());
  // A hash made at an older, lower cost is made again at today's, now that the password is known.
  if (needsRehash(user.password_hash)) {
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .where('password_hash', '=', user.password_hash)
      .execute();
  }
  // Expired sessions are useless; clear them out while we are here.
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const stage: SessionStage =
    (await passkeyCount(db, user.id)) > 0 ? 'mfa' : mfaRequiredFor(user.role) ? 'enrol' : null;
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      stage,
      challenge: null,
    })
    .execute();
  return {
    stage,
    token,
    csrfToken,
    user: { username: user.username, role: user.role },
    expiresAt,
    mustChangePassword: user.must_change_password === 1,
  };
}

export interface Session {
  userId: string;
  user: SessionUser;
  csrfToken: string;
  tokenHash: string;
  /** ISO 8601: when the session ends, SESSION_HOURS after it began. */
  expiresAt: string;
  mustChangePassword: boolean;
  stage: SessionStage;
}

/** What a session with a one-time password may still do: see itself, sign out, change it. */
const DURING_PASSWORD_CHANGE = new Set([
  'GET /api/session',
  'DELETE /api/session',
  'PUT /api/session/password',
]);
/** What a session owing a passkey may do: confirm with one, or a recovery code, or sign out. */
const DURING_MFA = new Set([
  'POST /api/session/mfa/options',
  'POST /api/session/mfa',
  'POST /api/session/recovery',
  'DELETE /api/session',
]);
/** What a session owing a first passkey may do, once its password is its own: add one. */
const DURING_ENROL = new Set([
  ...DURING_PASSWORD_CHANGE,
  'POST /api/passkeys/options',
  'POST /api/passkeys',
]);

/**
 * The server-side rules behind `mustChangePassword` and `mfaRequired`, for every route. A session
 * owing a passkey is not signed in: every route but confirming sees nobody; one whose password is a one-time one
 * gets 403 `password-change-required` for anything but changing it; one owing a first passkey
 * gets 403 `passkey-required` for anything but adding it.
 */
export function sessionFor(session: Session, method: string, route: string): Session | undefined {
  const call = `${method} ${route}`;
  // Not signed in yet: any other route sees nobody (so public ones still answer).
  if (session.stage === 'mfa') return DURING_MFA.has(call) ? session : undefined;
  if (session.mustChangePassword && !DURING_PASSWORD_CHANGE.has(call)) {
    throw new HttpError(
      403,
      'password-change-required',
      'Choose your own password first: this one was made for you and works only to change it (PUT /api/session/password).',
    );
  }
  if (session.stage === 'enrol' && !DURING_ENROL.has(call)) {
    throw new HttpError(
      403,
      'passkey-required',
      'Add a passkey first: your role must use one here (POST /api/passkeys/options, then POST /api/passkeys).',
    );
  }
  return session;
}

/** What `GET /api/session` and a finished sign-in say about a session. */
export function sessionReply(session: {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string | Date;
  mustChangePassword: boolean;
  stage: SessionStage;
}) {
  if (session.stage === 'mfa') return { mfaRequired: true as const, csrfToken: session.csrfToken };
  return {
    user: session.user,
    csrfToken: session.csrfToken,
    expiresAt: new Date(session.expiresAt).toISOString(),
    ...(session.mustChangePassword ? { mustChangePassword: true as const } : {}),
    ...(session.stage === 'enrol'
      ? { mfaRequired: true as const, enrolPasskey: true as const }
      : {}),
  };
}

export async function findSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id',
      'users.username',
      'users.role',
      'users.disabled_at',
      'users.must_change_password',
      'sessions.stage',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at <= now.toISOString()) return undefined;
  return {
    userId: row.id,
    user: { username: row.username, role: row.role },
    csrfToken: row.csrf_token,
    tokenHash: row.token_hash,
    expiresAt: row.expires_at,
    mustChangePassword: row.must_change_password === 1,
    stage: (row.stage as SessionStage) ?? null,
  };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/**
 * The first start: with no users at all, make an admin with a one-time password, and return it
 * so it can be printed once. It is never stored or shown again.
 */
export async function ensureFirstAdmin(
  db: Db,
  username = `admin-${randomToken(4).toLowerCase()}`,
): Promise<{ username: string; password: string } | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const password = oneTimePassword();
  await createUser(db, username, 'admin', password, { oneTime: true });
  return { username, password };
}

export async function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['username', 'role', 'created_at', 'disabled_at'])
    .orderBy('username')
    .execute();
}
