/** /api/integrity and /api/disclosures: each device's chain, and who has seen what. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/index.js';
import { disclose, disclosures } from '../disclosure.js';
import { integrity } from '../integrity.js';

export const evidenceRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
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

  app.get(
    '/disclosures',
    {
      config: { auth: 'administer' },
      schema: { summary: 'The append-only disclosure log (admin).', security: [{ session: [] }] },
    },
    async () => disclosures(db),
  );
};
