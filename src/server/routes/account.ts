/**
 * A person's own account: changing their password. Registered by routes.ts under /api; each
 * route declares its schema (which also documents it in /api/openapi.json) and its guard.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { changeOwnPassword, MAX_PASSWORD_LENGTH } from '../accounts.js';
import type { Db } from '../db/index.js';
import { HttpError } from '../errors.js';
import { addressKey } from '../rate-limit.js';

const passwordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['current', 'next'],
  properties: {
    current: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
    // Longer than the limit is refused by the rules, with a sentence, not by the schema.
    next: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 },
  },
} as const;

export const accountRoutes: FastifyPluginAsync<{ db: Db }> = async (
  app: FastifyInstance,
  { db },
) => {
  app.put<{ Body: { current: string; next: string } }>(
    '/session/password',
    {
      schema: {
        summary:
          "Change your own password (every role). The current one is checked and counted like a sign-in (403 bad-credentials; 429 slow-down after 5 wrong). The new one: at least 12 characters, at most 256, any characters, not a common password and not containing the username (400 weak-password). Ends the person's other sessions; clears mustChangePassword.",
        security: [{ session: [], csrf: [] }],
        body: passwordBody,
      },
    },
    async (request, reply) => {
      if (!request.session) throw new HttpError(401, 'signed-out', 'Sign in to continue.');
      await changeOwnPassword(
        db,
        request.session,
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
