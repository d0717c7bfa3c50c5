/**
 * /api, as DESIGN.md gives it: one module per resource. Each route declares who may call it
 * (`config.auth`), its rate-limit kind (`config.limit`) and its schema, which validates the
 * request and documents it in /api/openapi.json.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/index.js';
import { accountRoutes } from './account.js';
import { contentRoutes, textRoutes } from './content.js';
import { deviceRoutes } from './devices.js';
import { eventRoutes } from './events.js';
import { integrityRoutes } from './integrity.js';
import { feedbackRoutes } from './feedback.js';
import { logRoutes } from './logs.js';
import { sessionRoutes } from './session.js';
import { summaryRoutes } from './summary.js';
import { translationRoutes } from './translations.js';

export const apiRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: { summary: 'Is the server up and its store reachable?' },
    },
    async (_request, reply) => {
      try {
        await db.selectFrom('settings').select('key').limit(1).execute();
        return { status: 'ok' };
      } catch {
        return reply
          .code(503)
          .header('Retry-After', '5')
          .send({ error: { code: 'unavailable', message: 'The store is not reachable.' } });
      }
    },
  );
  for (const routes of [
    sessionRoutes,
    accountRoutes,
    deviceRoutes,
    eventRoutes,
    summaryRoutes,
    integrityRoutes,
    logRoutes,
    feedbackRoutes,
    translationRoutes,
    contentRoutes,
    textRoutes,
  ])
    await app.register(routes, { db });
};
