/**
 * /api, as DESIGN.md gives it. Each route declares its schema (which also makes the OpenAPI
 * document) and its guard; the work is done by the modules beside this one.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CIRCUMSTANCES, FORMATS, NOTICE_LANGS, OUTCOMES } from '../schema/notice-event.js';
import { GROUP_BY, MAX_BATCH, type EventBatch, type SummaryQuery } from '../schema/api.js';
import { endSession, sessionReply, signIn } from './accounts.js';
import type { Db } from './db/index.js';
import { deviceKey, enrol, issueEnrolmentCode, listDevices, revokeDevice } from './devices.js';
import { disclose, disclosures } from './disclosure.js';
import { exportCsv } from './export.js';
import { importBundle } from './import.js';
import { ingest } from './ingest.js';
import { integrity } from './integrity.js';
import { summarise } from './summary.js';
import { feedbackRoutes } from './routes/feedback.js';
import { accountRoutes } from './routes/account.js';
import { contentRoutes, textRoutes } from './routes/content.js';
import { contentKey } from './content.js';
import { requireDevice, requirePermission, SESSION_COOKIE } from './app.js';
import { HttpError } from './errors.js';
import { addressKey } from './rate-limit.js';

const ISO_MS = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
const error = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string' },
      },
      required: ['code', 'message'],
    },
  },
} as const;

const filters = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: DAY, description: 'First UTC day, inclusive (YYYY-MM-DD).' },
    to: { type: 'string', pattern: DAY, description: 'Last UTC day, inclusive (YYYY-MM-DD).' },
    area: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,15}$' },
    circumstance: { type: 'string', enum: [...CIRCUMSTANCES] },
    format: { type: 'string', enum: [...FORMATS] },
    lang: { type: 'string', enum: [...NOTICE_LANGS] },
    outcome: { type: 'string', enum: [...OUTCOMES] },
    groupBy: { type: 'string', enum: [...GROUP_BY] },
    view: { type: 'string', enum: ['review', 'report'] },
  },
} as const;

function checkPeriod(q: SummaryQuery): void {
  for (const field of ['from', 'to'] as const) {
    const day = q[field];
    if (day && new Date(`${day}T00:00:00.000Z`).toISOString().slice(0, 10) !== day) {
      throw new HttpError(400, 'invalid', `${field} ${day} is not a real date.`, field);
    }
  }
  if (q.from && q.to && q.from > q.to)
    throw new HttpError(400, 'invalid', `from (${q.from}) is after to (${q.to}).`, 'from');
}

export const apiRoutes: FastifyPluginAsync<{ db: Db }> = async (app: FastifyInstance, { db }) => {
  app.get(
    '/health',
    { schema: { summary: 'Is the server up and its store reachable?' } },
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

  // ── People ──────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/session',
    {
      schema: {
        summary:
          'Who is signed in, with the CSRF token for changes and when the sign-in ends (expiresAt).',
        security: [{ session: [] }],
      },
    },
    async (request) => {
      if (!request.session) throw new HttpError(401, 'signed-out', 'Nobody is signed in.');
      return sessionReply(request.session);
    },
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/session',
    {
      schema: {
        summary:
          'Sign in: the reply gives the CSRF token and when the sign-in ends (expiresAt, 8 hours on). An unknown username and a wrong password get the same 401. After 5 wrong passwords for one username from one address, further attempts from there wait (429 slow-down, with Retry-After), doubling up to 15 minutes; other addresses are not slowed. With a one-time password (made by the CLI or an admin) the reply adds mustChangePassword: true, and until PUT /api/session/password succeeds every other route answers 403 password-change-required. Someone with a passkey gets only { mfaRequired: true, csrfToken }: the session is not signed in until POST /api/session/mfa (or /api/session/recovery) confirms it. Where passkeys are required (admin, reviewer, editor with NODE_ENV=production or REQUIRE_MFA=1) and there is none yet, the reply adds mfaRequired and enrolPasskey: true, and every route but adding a first passkey answers 403 passkey-required.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 256 },
          },
        },
        response: { 401: error, 429: error },
      },
    },
    async (request, reply) => {
      const session = await signIn(
        db,
        request.body.username.trim().toLowerCase(),
        request.body.password,
        addressKey(request.ip),
      ).catch((error: Error & { retryAfter?: number }) => {
        if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
        throw error;
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        expires: session.expiresAt,
      });
      return sessionReply(session);
    },
  );

  app.delete(
    '/session',
    { schema: { summary: 'Sign out.', security: [{ session: [], csrf: [] }] } },
    async (request, reply) => {
      if (request.session) await endSession(db, request.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  // ── Devices ─────────────────────────────────────────────────────────────────────────────────
  app.post<{ Body: { code: string; publicKey: JsonWebKey } }>(
    '/devices',
    {
      schema: {
        summary:
          "Enrol a device's public key with a one-time code; returns its deviceId and token.",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'publicKey'],
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 32 },
            publicKey: { type: 'object' },
          },
        },
        response: { 403: error, 409: error },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        ...(await enrol(db, request.body.code, request.body.publicKey)),
        contentKey: await contentKey(db),
      }),
  );

  app.get(
    '/devices',
    {
      preHandler: requirePermission('administer'),
      schema: { summary: 'Every device (admin).', security: [{ session: [] }] },
    },
    async () => listDevices(db),
  );

  app.post<{ Params: { deviceId: string } }>(
    '/devices/:deviceId/revoke',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary: 'Revoke a device: its token stops working (admin).',
        security: [{ session: [], csrf: [] }],
        params: { type: 'object', properties: { deviceId: { type: 'string', maxLength: 80 } } },
      },
    },
    async (request, reply) => {
      await revokeDevice(db, request.params.deviceId);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { area?: string; days?: number } }>(
    '/enrolment-codes',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary: 'Issue a one-time enrolment code, with the area the device will record (admin).',
        security: [{ session: [], csrf: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { area: { type: 'string', maxLength: 16 }, days: { type: 'integer' } },
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await issueEnrolmentCode(db, request.session!.user.username, request.body ?? {})),
  );

  // ── Events ──────────────────────────────────────────────────────────────────────────────────
  app.post<{ Body: EventBatch }>(
    '/events',
    {
      preHandler: requireDevice,
      schema: {
        summary:
          'A batch of signed NoticeEvents from one device. Repeating a batch changes nothing.',
        description:
          'Each event is checked on its own: a bad one is rejected with a code and message, and the good ones in the same batch are stored.',
        security: [{ deviceToken: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['sentAt', 'events'],
          properties: {
            sentAt: {
              type: 'string',
              pattern: ISO_MS,
              description: "The device's clock when it sent the batch.",
            },
            events: { type: 'array', maxItems: MAX_BATCH, items: {} },
          },
        },
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
      preHandler: requirePermission('evidence'),
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        summary:
          "Import a device's JSON export: verified in full before anything is stored (admin, reviewer).",
        security: [{ session: [], csrf: [] }],
        body: { type: 'object' },
      },
    },
    async (request) => {
      const result = await importBundle(db, request.body);
      await disclose(db, request.session!, 'import', {
        deviceId: result.deviceId,
        events: result.verified.count,
      });
      return result;
    },
  );

  // ── Reading ─────────────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: SummaryQuery }>(
    '/summary',
    {
      preHandler: requirePermission('summary'),
      schema: {
        summary: 'Aggregates; for the ipag role every count under 10 is null.',
        security: [{ session: [] }],
        querystring: filters,
      },
    },
    async (request) => {
      checkPeriod(request.query);
      const session = request.session!;
      const reply = await summarise(db, request.query, session.user.role === 'ipag');
      await disclose(
        db,
        session,
        request.query.view === 'report' ? 'report' : 'summary',
        request.query,
      );
      return reply;
    },
  );

  app.get<{ Querystring: SummaryQuery }>(
    '/export.csv',
    {
      preHandler: requirePermission('evidence'),
      schema: {
        summary: 'Every event matching the filters, as CSV (admin, reviewer).',
        security: [{ session: [] }],
        querystring: filters,
      },
    },
    async (request, reply) => {
      checkPeriod(request.query);
      await disclose(db, request.session!, 'export', request.query);
      const name = `forewarn-events-${request.query.from ?? 'start'}-to-${request.query.to ?? 'now'}.csv`;
      reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Cache-Control', 'no-store');
      return reply.send(Readable.from(exportCsv(db, request.query)));
    },
  );

  app.get(
    '/integrity',
    {
      preHandler: requirePermission('evidence'),
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
      preHandler: requirePermission('administer'),
      schema: { summary: 'The append-only disclosure log (admin).', security: [{ session: [] }] },
    },
    async () => disclosures(db),
  );

  // ── IPAG feedback and translation review ───────────────────────────────────────────────────────
  await app.register(feedbackRoutes, { db });
  await app.register(accountRoutes, { db });
  await app.register(contentRoutes, { db });
  await app.register(textRoutes, { db });
};
