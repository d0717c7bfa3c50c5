/**
 * Devices' proof of possession and held imports: the single-use challenge a device signs to
 * enrol, and the exports from unknown devices that wait for an admin to approve their key.
 * Registered by routes.ts under /api; each route declares its schema and its guard.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { requirePermission } from '../app.js';
import type { Db } from '../db/index.js';
import { issueNonce } from '../devices.js';
import { disclose } from '../disclosure.js';
import { approveHeldImport, discardHeldImport, heldImports } from '../import.js';

const heldParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export const deviceRoutes: FastifyPluginAsync<{ db: Db }> = async (
  app: FastifyInstance,
  { db },
) => {
  app.post(
    '/devices/nonce',
    {
      schema: {
        summary:
          'A single-use challenge for one enrolment, valid for 5 minutes: the device signs it, with the code, for POST /api/devices.',
      },
    },
    async (_request, reply) => reply.code(201).send(await issueNonce(db)),
  );

  app.get(
    '/held-imports',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary:
          "Exports from devices this server does not know, held until an admin approves the device's key (admin).",
        security: [{ session: [] }],
      },
    },
    async () => heldImports(db),
  );

  app.post<{ Params: { id: string } }>(
    '/held-imports/:id/approve',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary:
          "Approve a held export's device key: the device is added (imported, with the area its events carry) and the export stored (admin).",
        description:
          'Replies as POST /api/import does. 409 if the device id was taken meanwhile by another key, 403 if the key was revoked meanwhile.',
        security: [{ session: [], csrf: [] }],
        params: heldParams,
      },
    },
    async (request) => {
      const result = await approveHeldImport(db, request.params.id);
      await disclose(db, request.session!, 'import', {
        approved: request.params.id,
        deviceId: result.deviceId,
        events: result.verified.count,
      });
      return result;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/held-imports/:id/discard',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary: 'Discard a held export: nothing of it was ever stored (admin).',
        security: [{ session: [], csrf: [] }],
        params: heldParams,
      },
    },
    async (request) => discardHeldImport(db, request.params.id),
  );
};
