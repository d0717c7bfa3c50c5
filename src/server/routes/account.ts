/**
 * A person's own account: changing their password, their passkeys and recovery codes, and the
 * second step of signing in with a passkey or a recovery code.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  CredentialRequest,
  PasskeyParams,
  PasswordChange,
  RecoveryRequest,
} from '../../schema/requests.js';
import { changeOwnPassword, sessionReply, type Session } from '../accounts.js';
import {
  addPasskey,
  authenticationOptions,
  confirmWithPasskey,
  confirmWithRecoveryCode,
  listPasskeys,
  newRecoveryCodes,
  registrationOptions,
  relyingParty,
  removePasskey,
} from '../passkeys.js';
import { beforeAttempt, afterSuccess } from '../sign-in-delay.js';
import { actorOf, audited } from '../audit.js';
import type { Db } from '../db/index.js';
import { HttpError } from '../errors.js';
import { addressKey } from '../plugins/rate-limit.js';
import { json } from './schema.js';

function rp(request: FastifyRequest) {
  return relyingParty(request.host, request.protocol);
}

/** The session in the step a route is for, or the error that says what is wrong. */
function inStage(request: FastifyRequest, stage: 'mfa' | 'signed-in'): Session {
  const session = request.session;
  if (!session) throw new HttpError(401, 'signed-out', 'Sign in to continue.');
  if (stage === 'mfa' && session.stage !== 'mfa')
    throw new HttpError(409, 'not-pending', 'This sign-in is not waiting for a passkey.');
  return session;
}

export const accountRoutes: FastifyPluginAsync<{ db: Db }> = async (
  app: FastifyInstance,
  { db },
) => {
  app.put<{ Body: PasswordChange }>(
    '/session/password',
    {
      config: { auth: 'person', limit: 'session' },
      schema: {
        summary:
          "Change your own password (every role). The current one is checked and counted like a sign-in (403 bad-credentials; 429 slow-down after 5 wrong). The new one: at least 12 characters, at most 256, any characters, not a common password and not containing the username (400 weak-password). Ends the person's other sessions; clears mustChangePassword.",
        security: [{ session: [], csrf: [] }],
        body: json(PasswordChange),
      },
    },
    async (request, reply) => {
      await audited(
        db,
        'account',
        actorOf(request),
        () =>
          changeOwnPassword(
            db,
            request.session!,
            request.body.current,
            request.body.next,
            addressKey(request.ip),
          ),
        () => ({ action: 'own-password' }),
      );
      return reply.code(204).send();
    },
  );

  // ── The second step of signing in ──────────────────────────────────────────────────────────
  app.post(
    '/session/mfa/options',
    {
      config: { auth: 'person' },
      schema: {
        summary:
          'After { mfaRequired: true }: the WebAuthn options to confirm the sign-in with one of your passkeys.',
        security: [{ session: [], csrf: [] }],
      },
    },
    async (request) => authenticationOptions(db, inStage(request, 'mfa'), rp(request)),
  );

  app.post<{ Body: { response: AuthenticationResponseJSON } }>(
    '/session/mfa',
    {
      config: { auth: 'person', limit: 'session' },
      schema: {
        summary:
          "Confirm a sign-in with a passkey (the browser's answer to the options). Replies as a sign-in does; 401 passkey-refused if it does not match.",
        security: [{ session: [], csrf: [] }],
        body: json(CredentialRequest),
      },
    },
    async (request) => {
      const session = inStage(request, 'mfa');
      await audited(
        db,
        'sign-in',
        actorOf(request),
        () => confirmWithPasskey(db, session, request.body.response, rp(request)),
        () => ({ factor: 'passkey' }),
      );
      return sessionReply({ ...session, stage: null });
    },
  );

  app.post<{ Body: RecoveryRequest }>(
    '/session/recovery',
    {
      config: { auth: 'person', limit: 'session' },
      schema: {
        summary:
          'Confirm a sign-in with one of your recovery codes instead of a passkey; each works once. Counted like a password (429 slow-down).',
        security: [{ session: [], csrf: [] }],
        body: json(RecoveryRequest),
      },
    },
    async (request) => {
      const session = inStage(request, 'mfa');
      const address = addressKey(request.ip);
      await audited(
        db,
        'sign-in',
        actorOf(request),
        async () => {
          await beforeAttempt(db, `recovery:${session.user.username}`, address);
          await confirmWithRecoveryCode(db, session, request.body.code);
          await afterSuccess(db, `recovery:${session.user.username}`, address);
        },
        () => ({ factor: 'recovery-code' }),
      );
      return sessionReply({ ...session, stage: null });
    },
  );

  // ── Passkeys and recovery codes ────────────────────────────────────────────────────────────
  app.get(
    '/passkeys',
    {
      config: { auth: 'person' },
      schema: {
        summary:
          'Your passkeys (name, when added, when last used) and how many recovery codes are left.',
        security: [{ session: [] }],
      },
    },
    async (request) => listPasskeys(db, inStage(request, 'signed-in').userId),
  );

  app.post(
    '/passkeys/options',
    {
      config: { auth: 'person' },
      schema: {
        summary: 'The WebAuthn options to add a passkey to your account (every role).',
        security: [{ session: [], csrf: [] }],
      },
    },
    async (request) => registrationOptions(db, inStage(request, 'signed-in'), rp(request)),
  );

  app.post<{ Body: { response: RegistrationResponseJSON; name?: string } }>(
    '/passkeys',
    {
      config: { auth: 'person' },
      schema: {
        summary:
          "Add a passkey (the browser's answer to the options). Your first one also makes 10 recovery codes, in this reply only (recoveryCodes). 400 passkey-refused if it cannot be checked.",
        security: [{ session: [], csrf: [] }],
        body: json(CredentialRequest),
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await audited(
          db,
          'account',
          actorOf(request),
          () =>
            addPasskey(
              db,
              inStage(request, 'signed-in'),
              request.body.response,
              rp(request),
              request.body.name ?? '',
            ),
          () => ({ action: 'passkey-add' }),
        ),
      ),
  );

  app.delete<{ Params: PasskeyParams }>(
    '/passkeys/:id',
    {
      config: { auth: 'person' },
      schema: {
        summary:
          'Remove one of your passkeys. 409 last-passkey where your role must use one and it is your last.',
        security: [{ session: [], csrf: [] }],
        params: json(PasskeyParams),
      },
    },
    async (request, reply) => {
      await audited(
        db,
        'account',
        actorOf(request),
        () => removePasskey(db, inStage(request, 'signed-in'), request.params.id),
        () => ({ action: 'passkey-remove' }),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/recovery-codes',
    {
      config: { auth: 'person' },
      schema: {
        summary:
          'Make 10 new recovery codes, shown in this reply only (recoveryCodes); the old ones stop working.',
        security: [{ session: [], csrf: [] }],
      },
    },
    async (request) => {
      const session = inStage(request, 'signed-in');
      return audited(
        db,
        'account',
        actorOf(request),
        async () => {
          const { passkeys } = await listPasskeys(db, session.userId);
          if (!passkeys.length)
            throw new HttpError(
              409,
              'no-passkey',
              'Add a passkey first: recovery codes stand in for one.',
            );
          // The codes themselves are in the reply only, never in the log.
          return { recoveryCodes: await newRecoveryCodes(db, session.userId) };
        },
        () => ({ action: 'recovery-codes' }),
      );
    },
  );
};
