/** /api/session: sign in, who is signed in, sign out. */
import type { FastifyPluginAsync } from 'fastify';
import { SignInRequest } from '../../schema/requests.js';
import { endSession, signIn } from '../accounts.js';
import { accountNamed, actorOf, audit, audited } from '../audit.js';
import type { Db } from '../db/index.js';
import { HttpError } from '../errors.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
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
      const { user, csrfToken, expiresAt } = request.session;
      return { user, csrfToken, expiresAt: new Date(expiresAt).toISOString() };
    },
  );

  app.post<{ Body: SignInRequest }>(
    '/session',
    {
      config: { auth: 'public', limit: 'session' },
      schema: {
        summary:
          'Sign in: the reply gives the CSRF token and when the sign-in ends (expiresAt, 8 hours on). Five wrong passwords lock the account for 15 minutes.',
        body: json(SignInRequest),
        response: { 401: ERROR, 423: ERROR },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const session = await audited(
        db,
        'sign-in',
        () => accountNamed(db, username),
        () => signIn(db, username, request.body.password),
      );
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        expires: session.expiresAt,
      });
      return {
        user: session.user,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
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
