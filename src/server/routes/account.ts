/**
 * A person's own account: changing their password.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { PasswordChange } from '../../schema/requests.js';
import { changeOwnPassword } from '../accounts.js';
import type { Db } from '../db/index.js';
import { addressKey } from '../plugins/rate-limit.js';
import { json } from './schema.js';

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
      await changeOwnPassword(
        db,
        request.session!,
        request.body.current,
        request.body.next,
        addressKey(request.ip),
      ).catch((error: Error & { retryAfter?: number }) => {
        if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
        throw error;
      });
      return reply.code(204).send();
    },
  );
};
