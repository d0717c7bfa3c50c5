/**
 * /api/devices, /api/enrolment-codes and /api/held-imports: enrolment with a one-time code and a
 * proof that the device holds its key, the list, revoking, and the exports from unknown devices
 * that wait for an admin to approve their key.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  DeviceParams,
  EnrolmentCodeRequest,
  EnrolRequest,
  HeldParams,
} from '../../schema/requests.js';
import { actorOf, audited, deviceDetail } from '../audit.js';
import { contentKey } from '../content.js';
import type { Db } from '../db/index.js';
import { enrol, issueEnrolmentCode, issueNonce, listDevices, revokeDevice } from '../devices.js';
import { disclose } from '../disclosure.js';
import { approveHeldImport, discardHeldImport, heldImports } from '../import.js';
import { ERROR, json } from './schema.js';

export const deviceRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/devices/nonce',
    {
      config: { auth: 'public', limit: 'enrol' },
      schema: {
        summary:
          'A single-use challenge for one enrolment, valid for 5 minutes: the device signs it, with the code, for POST /api/devices.',
      },
    },
    async (_request, reply) => reply.code(201).send(await issueNonce(db)),
  );

  app.post<{ Body: EnrolRequest }>(
    '/devices',
    {
      // The one-time code is the credential.
      config: { auth: 'public', limit: 'enrol' },
      schema: {
        summary:
          "Enrol a device's public key with a one-time code, proving it holds the private key; returns its deviceId and token.",
        description:
          'First POST /api/devices/nonce. `signature` is ECDSA P-256 with SHA-256, IEEE P1363, hex, over the RFC 8785 JSON of {"purpose":"forewarn-enrol","code":<code as sent>,"nonce":<nonce>}. The nonce is used up by any attempt. 403 bad-nonce, bad-signature or bad-code; 409 already-enrolled.',
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
          () => enrol(db, request.body),
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
        summary:
          'Revoke a device: its token stops working, and its exports are refused (admin). 400 for text that is not a device id, 404 for an unknown one.',
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

  app.get(
    '/held-imports',
    {
      config: { auth: 'administer' },
      schema: {
        summary:
          "Exports from devices this server does not know, held until an admin approves the device's key (admin).",
        security: [{ session: [] }],
      },
    },
    async () => heldImports(db),
  );

  app.post<{ Params: HeldParams }>(
    '/held-imports/:id/approve',
    {
      config: { auth: 'administer' },
      schema: {
        summary:
          "Approve a held export's device key: the device is added (imported, with the area its events carry) and the export stored (admin).",
        description:
          'Replies as POST /api/import does. 409 if the device id was taken meanwhile by another key, 403 if the key was revoked meanwhile.',
        security: [{ session: [], csrf: [] }],
        params: json(HeldParams),
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

  app.post<{ Params: HeldParams }>(
    '/held-imports/:id/discard',
    {
      config: { auth: 'administer' },
      schema: {
        summary: 'Discard a held export: nothing of it was ever stored (admin).',
        security: [{ session: [], csrf: [] }],
        params: json(HeldParams),
      },
    },
    async (request) => discardHeldImport(db, request.params.id),
  );
};
