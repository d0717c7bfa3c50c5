/** /api/devices and /api/enrolment-codes: enrolment with a one-time code, the list, revoking. */
import type { FastifyPluginAsync } from 'fastify';
import { DeviceParams, EnrolmentCodeRequest, EnrolRequest } from '../../schema/requests.js';
import { actorOf, audited, deviceDetail } from '../audit.js';
import { contentKey } from '../content.js';
import type { Db } from '../db/index.js';
import { enrol, issueEnrolmentCode, listDevices, revokeDevice } from '../devices.js';
import { ERROR, json } from './schema.js';

export const deviceRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.post<{ Body: EnrolRequest }>(
    '/devices',
    {
      // The one-time code is the credential.
      config: { auth: 'public', limit: 'enrol' },
      schema: {
        summary:
          "Enrol a device's public key with a one-time code; returns its deviceId and token.",
        body: json(EnrolRequest),
        response: { 403: ERROR, 409: ERROR },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        ...(await audited(
          db,
          'device-enrol',
          (enrolled) => (enrolled ? { type: 'device', id: enrolled.deviceId } : actorOf(request)),
          () => enrol(db, request.body.code, request.body.publicKey),
          (enrolled) => (enrolled?.area ? { area: enrolled.area } : {}),
        )),
        contentKey: await contentKey(db),
      }),
  );

  app.get(
    '/devices',
    {
      config: { auth: 'administer' },
      schema: { summary: 'Every device (admin).', security: [{ session: [] }] },
    },
    async () => listDevices(db),
  );

  app.post<{ Params: DeviceParams }>(
    '/devices/:deviceId/revoke',
    {
      config: { auth: 'administer' },
      schema: {
        summary: 'Revoke a device: its token stops working (admin).',
        security: [{ session: [], csrf: [] }],
        params: json(DeviceParams),
      },
    },
    async (request, reply) => {
      const { deviceId } = request.params;
      await audited(
        db,
        'device-revoke',
        actorOf(request),
        () => revokeDevice(db, deviceId),
        () => deviceDetail(deviceId),
      );
      return reply.code(204).send();
    },
  );

  app.post<{ Body: EnrolmentCodeRequest | undefined }>(
    '/enrolment-codes',
    {
      config: { auth: 'administer' },
      schema: {
        summary: 'Issue a one-time enrolment code, with the area the device will record (admin).',
        security: [{ session: [], csrf: [] }],
        body: json(EnrolmentCodeRequest),
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await audited(
          db,
          'enrolment-code',
          actorOf(request),
          () => issueEnrolmentCode(db, request.session!.user.username, request.body ?? {}),
          // Never the code itself: when it was issued, for where, and until when.
          (code) =>
            code ? { expiresAt: code.expiresAt, ...(code.area ? { area: code.area } : {}) } : {},
        ),
      ),
  );
};
