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
          'Each event is checked on its own: a bad one is rejected with a code and message, and the good ones in the same batch are stored.',
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
        security: [{ session: [], csrf: [] }],
        body: { type: 'object' },
      },
    },
    async (request) => {
      const result = await audited(
        db,
        'import',
        actorOf(request),
        () => importBundle(db, request.body),
        (done) => (done ? { ...deviceDetail(done.deviceId), events: done.verified.count } : {}),
      );
      await disclose(db, request.session!, 'import', {
        deviceId: result.deviceId,
        events: result.verified.count,
      });
      return result;
    },
  );
};
