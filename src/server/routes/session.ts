/** /api/session: sign in, who is signed in, sign out. */
import type { FastifyPluginAsync } from 'fastify';
import { SignInRequest } from '../../schema/requests.js';
import { endSession, sessionReply, signIn } from '../accounts.js';
import { accountNamed, actorOf, audit, audited } from '../audit.js';
import type { Db } from '../db/index.js';
import { HttpError } from '../errors.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { addressKey } from '../plugins/rate-limit.js';
import { ERROR, json } from './schema.js';

export const sessionRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/session',
    {
      config: { auth: 'public' },
      schema: {
        summary:
          'Who is signed in, with the CSRF token for changes and when the sign-in ends (expiresAt).',
        security: [{ session: [] }],
      },
    },
    async (request) => {
      if (!request.session) throw new HttpError(401, 'signed-out', 'Nobody is signed in.');
      return sessionReply(request.session);
    },
  );

  app.post<{ Body: SignInRequest }>(
    '/session',
    {
      config: { auth: 'public', limit: 'session' },
      schema: {
        summary:
          'Sign in: the reply gives the CSRF token and when the sign-in ends (expiresAt, 8 hours on). An unknown username and a wrong password get the same 401. After 5 wrong passwords for one username from one address, further attempts from there wait (429 slow-down, with Retry-After), doubling up to 15 minutes; other addresses are not slowed. With a one-time password (made by the CLI or an admin) the reply adds mustChangePassword: true, and until PUT /api/session/password succeeds every other route answers 403 password-change-required. Someone with a passkey gets only { mfaRequired: true, csrfToken }: the session is not signed in until POST /api/session/mfa (or /api/session/recovery) confirms it. Where passkeys are required (admin, reviewer, editor with NODE_ENV=production or REQUIRE_MFA=1) and there is none yet, the reply adds mfaRequired and enrolPasskey: true, and every route but adding a first passkey answers 403 passkey-required.',
        body: json(SignInRequest),
        response: { 401: ERROR, 429: ERROR },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const session = await audited(
        db,
        'sign-in',
        () => accountNamed(db, username),
        () => signIn(db, username, request.body.password, addressKey(request.ip)),
        () => ({ factor: 'password' }),
      );
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        expires: session.expiresAt,
      });
      return sessionReply(session);
    },
  );

  app.delete(
    '/session',
    {
      config: { auth: 'public' },
      schema: { summary: 'Sign out.', security: [{ session: [], csrf: [] }] },
    },
    async (request, reply) => {
      if (request.session) {
        await endSession(db, request.session.tokenHash);
        await audit(db, { kind: 'sign-out', outcome: 'success', actor: actorOf(request) });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
};
