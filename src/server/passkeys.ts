/**
 * Passkeys (WebAuthn) as a second factor after the password, and single-use recovery codes.
 *
 * - Someone with a passkey always confirms with it (or a recovery code) after the password: the
 *   session is made in stage 'mfa' and signs nobody in until then.
 * - Where passkeys are required (admin, reviewer and editor, with NODE_ENV=production or
 *   REQUIRE_MFA=1) and the person has none yet, the session is made in stage 'enrol': it may
 *   change a one-time password, then add a first passkey, and nothing else. A new account's
 *   one-time password, handed over by an administrator, is what lets its owner enrol; once they
 *   have, a password alone never signs them in again. `npm run admin -- user reset-mfa NAME`
 *   removes a person's passkeys when they lose them all, and they enrol again the same way.
 * - Recovery codes: ten, shown once when the first passkey is added (or when asked for anew),
 *   kept as SHA-256 (each is 64 random bits, so a slow hash adds nothing), each used once.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../schema/api.js';
import type { Session } from './accounts.js';
import { sha256 } from './crypto.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';

export const RECOVERY_CODES = 10;
const MFA_ROLES: readonly Role[] = ['admin', 'reviewer', 'editor'];

/** Whether this role must use a passkey here: production, or REQUIRE_MFA=1. */
export function mfaRequiredFor(role: Role, env: NodeJS.ProcessEnv = process.env): boolean {
  const required = env.NODE_ENV === 'production' || env.REQUIRE_MFA === '1';
  return required && MFA_ROLES.includes(role);
}

/** Who the browser thinks it is talking to: PUBLIC_URL if set, else the request's own origin. */
export interface RelyingParty {
  id: string;
  origin: string;
}

export function relyingParty(host: string, protocol: string, env = process.env): RelyingParty {
  const url = new URL(env.PUBLIC_URL || `${protocol}://${host}`);
  return { id: url.hostname, origin: url.origin };
}

export async function passkeyCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function remember(db: Db, session: Session, challenge: string | null): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ challenge })
    .where('token_hash', '=', session.tokenHash)
    .execute();
}

/** The challenge this session was given, taken so it can be used once only. */
async function takeChallenge(db: Db, session: Session): Promise<string> {
  const row = await db
    .selectFrom('sessions')
    .select('challenge')
    .where('token_hash', '=', session.tokenHash)
    .executeTakeFirst();
  if (!row?.challenge)
    throw new HttpError(400, 'no-challenge', 'Ask for passkey options first, then answer them.');
  const taken = await db
    .updateTable('sessions')
    .set({ challenge: null })
    .where('token_hash', '=', session.tokenHash)
    .where('challenge', '=', row.challenge)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1)
    throw new HttpError(400, 'no-challenge', 'That challenge was used already. Try again.');
  return row.challenge;
}

function transports(json: string): AuthenticatorTransportFuture[] {
  return JSON.parse(json) as AuthenticatorTransportFuture[];
}

export async function registrationOptions(db: Db, session: Session, rp: RelyingParty) {
  const existing = await db
    .selectFrom('passkeys')
    .select(['id', 'transports'])
    .where('user_id', '=', session.userId)
    .execute();
  const options = await generateRegistrationOptions({
    rpName: 'Forewarn',
    rpID: rp.id,
    userName: session.user.username,
    userID: new TextEncoder().encode(session.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transports(p.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await remember(db, session, options.challenge);
  return options;
}

/**
 * Adds a passkey from the browser's answer. The first one also makes recovery codes, returned
 * here once; the session leaves the 'enrol' stage.
 */
export async function addPasskey(
  db: Db,
  session: Session,
  response: RegistrationResponseJSON,
  rp: RelyingParty,
  name: string,
): Promise<{ id: string; recoveryCodes?: string[] }> {
  const expectedChallenge = await takeChallenge(db, session);
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const, registrationInfo: undefined }));
  if (!verification.verified)
    throw new HttpError(400, 'passkey-refused', 'The passkey could not be checked. Try again.');
  const { credential } = verification.registrationInfo;
  const first = (await passkeyCount(db, session.userId)) === 0;
  await db
    .insertInto('passkeys')
    .values({
      id: credential.id,
      user_id: session.userId,
      public_key: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      name: name.trim().slice(0, 60) || 'Passkey',
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  await db
    .updateTable('sessions')
    .set({ stage: null })
    .where('token_hash', '=', session.tokenHash)
    .where('stage', '=', 'enrol')
    .execute();
  return first
    ? { id: credential.id, recoveryCodes: await newRecoveryCodes(db, session.userId) }
    : { id: credential.id };
}

export async function authenticationOptions(db: Db, session: Session, rp: RelyingParty) {
  const keys = await db
    .selectFrom('passkeys')
    .select(['id', 'transports'])
    .where('user_id', '=', session.userId)
    .execute();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: keys.map((p) => ({ id: p.id, transports: transports(p.transports) })),
    userVerification: 'preferred',
  });
  await remember(db, session, options.challenge);
  return options;
}

const notConfirmed = () =>
  new HttpError(401, 'passkey-refused', 'That passkey did not confirm who you are. Try again.');

/** Confirms a session in stage 'mfa' with one of the person's passkeys. */
export async function confirmWithPasskey(
  db: Db,
  session: Session,
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
): Promise<void> {
  const expectedChallenge = await takeChallenge(db, session);
  const key = await db
    .selectFrom('passkeys')
    .selectAll()
    .where('id', '=', response.id)
    .where('user_id', '=', session.userId)
    .executeTakeFirst();
  if (!key) throw notConfirmed();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: key.id,
      publicKey: new Uint8Array(Buffer.from(key.public_key, 'base64url')),
      counter: Number(key.counter),
      transports: transports(key.transports),
    },
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
  if (!verification.verified) throw notConfirmed();
  await db
    .updateTable('passkeys')
    .set({
      counter: verification.authenticationInfo.newCounter,
      last_used_at: new Date().toISOString(),
    })
    .where('id', '=', key.id)
    .execute();
  await signedIn(db, session);
}

async function signedIn(db: Db, session: Session): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ stage: null, challenge: null })
    .where('token_hash', '=', session.tokenHash)
    .execute();
}

/** A recovery code, as printed: groups of four, compared ignoring case, spaces and dashes. */
function normalise(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Makes a fresh set of recovery codes, replacing any left; returns them to show once. */
export async function newRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  // 64 random bits each, as four groups of four hex digits: easy to read out and type.
  const codes = Array.from({ length: RECOVERY_CODES }, () =>
    (randomBytes(8).toString('hex').match(/.{4}/g) ?? []).join('-'),
  );
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const now = new Date().toISOString();
  await db
    .insertInto('recovery_codes')
    .values(
      codes.map((code) => ({
        id: uuidv7(),
        user_id: userId,
        code_hash: sha256(normalise(code)),
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
  return codes;
}

/** Confirms a session in stage 'mfa' with a recovery code, which then never works again. */
export async function confirmWithRecoveryCode(db: Db, session: Session, code: string) {
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date().toISOString() })
    .where('user_id', '=', session.userId)
    .where('code_hash', '=', sha256(normalise(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1)
    throw new HttpError(401, 'bad-recovery-code', 'That recovery code is not right, or was used.');
  await signedIn(db, session);
}

export async function listPasskeys(db: Db, userId: string) {
  const passkeys = await db
    .selectFrom('passkeys')
    .select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const left = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { passkeys, recoveryCodesLeft: Number(left.n) };
}

/** Removes one of the person's passkeys; never the last, where passkeys are required. */
export async function removePasskey(db: Db, session: Session, id: string): Promise<void> {
  const count = await passkeyCount(db, session.userId);
  if (count === 1 && mfaRequiredFor(session.user.role))
    throw new HttpError(
      409,
      'last-passkey',
      'Add another passkey before removing this one: your role must use one here.',
    );
  const removed = await db
    .deleteFrom('passkeys')
    .where('id', '=', id)
    .where('user_id', '=', session.userId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) !== 1)
    throw new HttpError(404, 'not-found', 'You have no passkey with that id.');
  if (count === 1)
    await db.deleteFrom('recovery_codes').where('user_id', '=', session.userId).execute();
}

/** The admin CLI's `user reset-mfa`: every passkey and recovery code of a person goes. */
export async function resetMfa(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('passkeys').where('user_id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
