/** /api/translations: each locale's review status, and its audit trail. */
import type { FastifyPluginAsync } from 'fastify';
import { LangParams, TranslationStatusRequest } from '../../schema/requests.js';

import { can } from '../../schema/api.js';
import type { Db } from '../db/index.js';
import { setTranslationStatus, translationAudit, translationStatuses } from '../translations.js';
import { json } from './schema.js';

export const translationRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/translations',
    {
      config: { auth: 'public' },
      schema: {
        summary:
          "Every locale's review status (draft or reviewed), and when it last changed. Open to anyone; who changed it (changedBy) only to a reviewer or admin, never to the public.",
      },
    },
    async (request) =>
      translationStatuses(db, {
        names: !!request.session && can(request.session.user.role, 'evidence'),
      }),
  );

  app.get(
    '/translations/audit',
    {
      config: { auth: 'evidence' },
      schema: {
        summary: 'Every change of a translation status, newest first (admin, reviewer).',
        security: [{ session: [] }],
      },
    },
    async () => translationAudit(db),
  );

  app.post<{ Params: LangParams; Body: TranslationStatusRequest }>(
    '/translations/:lang',
    {
      config: { auth: 'evidence' },
      schema: {
        summary: "Set a locale's review status; audited with who and when (admin, reviewer).",
        security: [{ session: [], csrf: [] }],
        params: json(LangParams),
        body: json(TranslationStatusRequest),
      },
    },
    async (request) =>
      setTranslationStatus(db, request.session!, request.params.lang, request.body.status),
  );
};
