/** /api/integrity: each device's chain, whole, gapped or broken. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/index.js';
import { disclose } from '../disclosure.js';
import { integrity } from '../integrity.js';

export const integrityRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/integrity',
    {
      config: { auth: 'evidence' },
      schema: {
        summary: "Each device's chain: ok, gap or broken at a seq (admin, reviewer).",
        security: [{ session: [] }],
      },
    },
    async (request) => {
      await disclose(db, request.session!, 'integrity', {});
      return integrity(db);
    },
  );
};
