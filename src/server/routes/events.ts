/** /api/events and /api/import: signed events from a device, by sync or from its export file. */
import type { FastifyPluginAsync } from 'fastify';
import { EventBatch } from '../../schema/requests.js';
import { actorOf, audited, deviceDetail } from '../audit.js';
import type { Db } from '../db/index.js';
import { deviceKey } from '../devices.js';
import { disclose } from '../disclosure.js';
import { importBundle } from '../import.js';
import { ingest } from '../ingest.js';
import { json } from './schema.js';

export const eventRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.post<{ Body: EventBatch }>(
    '/events',
    {
      config: { auth: 'device', limit: 'events' },
      schema: {
        summary:
          'A batch of signed NoticeEvents from one device. Repeating a batch changes nothing.',
        description:
          "Each event is checked on its own: a bad one is rejected with a code and message, and the good ones in the same batch are stored. An event whose area is not the device's enrolled area is rejected (wrong-area); event ids are unique per device.",
        security: [{ deviceToken: [] }],
        body: json(EventBatch),
      },
    },
    async (request) => {
      const device = request.device!;
      return ingest(db, device, deviceKey(device), request.body.events, {
        sentAt: request.body.sentAt,
      });
    },
  );

  app.post(
    '/import',
    {
      config: { auth: 'evidence' },
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        summary:
          "Import a device's JSON export: verified in full before anything is stored (admin, reviewer).",
        description:
          "Stored at once (200, status imported) only for a device known by the bundle's key, enrolled or approved, and not revoked; a revoked device's is refused (403 revoked), and a bundle naming a known device with another key too (409 device-conflict). An unknown device's export is held (202, status held) until an admin approves its key: POST /api/held-imports/{id}/approve.",
        security: [{ session: [], csrf: [] }],
        body: { type: 'object' },
      },
    },
    async (request, reply) => {
      const session = request.session!;
      const result = await audited(
        db,
        'import',
        actorOf(request),
        () => importBundle(db, request.body, session.user.username),
        (done) =>
          done
            ? {
                ...deviceDetail(done.status === 'held' ? done.held.deviceId : done.deviceId),
                events: done.verified.count,
                ...(done.status === 'held' ? { held: done.held.id } : {}),
              }
            : {},
      );
      if (result.status === 'held') {
        await disclose(db, session, 'import', {
          held: result.held.id,
          deviceId: result.held.deviceId,
          events: result.verified.count,
        });
        return reply.code(202).send(result);
      }
      await disclose(db, session, 'import', {
        deviceId: result.deviceId,
        events: result.verified.count,
      });
      return result;
    },
  );
};
