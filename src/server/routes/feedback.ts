/**
 * /api/feedback and /api/translations: IPAG feedback, and each translation's review status with
 * its audit trail. Registered by routes.ts under /api; each route declares its schema (which
 * also documents it in /api/openapi.json) and its guard.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { REVIEW_STATUSES, type ReviewStatus } from '../../i18n/locales.js';
import { FORMATS, NOTICE_LANGS } from '../../schema/notice-event.js';
import {
  ASSISTIVE_TECH,
  can,
  MAX_COMMENT,
  UNDERSTOOD,
  type FeedbackRequest,
} from '../../schema/api.js';
import { requirePermission } from '../app.js';
import type { Db } from '../db/index.js';
import { disclose } from '../disclosure.js';
import { addFeedback, readFeedback, type FeedbackQuery } from '../feedback.js';
import { setTranslationStatus, translationAudit, translationStatuses } from '../translations.js';

const feedbackBody = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'lang', 'understood', 'rating', 'assistiveTech'],
  properties: {
    format: { type: 'string', enum: [...FORMATS] },
    lang: {
      type: 'string',
      enum: [...NOTICE_LANGS],
      description: 'A locale tag from locales/index.json, or bfi with format bsl.',
    },
    understood: { type: 'string', enum: [...UNDERSTOOD] },
    rating: { type: 'integer', minimum: 1, maximum: 5, description: '1 (poor) to 5 (good).' },
    assistiveTech: { type: 'string', enum: [...ASSISTIVE_TECH] },
    comment: {
      type: 'string',
      maxLength: MAX_COMMENT,
      description: 'Stored trimmed, and only ever shown as text.',
    },
  },
} as const;

const feedbackQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: [...FORMATS] },
    lang: { type: 'string', enum: [...NOTICE_LANGS] },
  },
} as const;

const statusBody = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { type: 'string', enum: [...REVIEW_STATUSES] } },
} as const;

export const feedbackRoutes: FastifyPluginAsync<{ db: Db }> = async (
  app: FastifyInstance,
  { db },
) => {
  app.post<{ Body: FeedbackRequest }>(
    '/feedback',
    {
      preHandler: requirePermission('feedback'),
      schema: {
        summary: 'Leave feedback on one notice, in one format and language (any signed-in role).',
        security: [{ session: [], csrf: [] }],
        body: feedbackBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFeedback(db, request.session!, request.body)),
  );

  app.get<{ Querystring: FeedbackQuery }>(
    '/feedback',
    {
      preHandler: requirePermission('feedback'),
      schema: {
        summary:
          "Feedback with a summary per format and language: every entry for reviewers and admins, the caller's own for the ipag role.",
        description:
          'Reviewer and admin reads are recorded in the disclosure log. At most 500 entries, newest first; the summary counts all of them.',
        security: [{ session: [] }],
        querystring: feedbackQuery,
      },
    },
    async (request) => {
      const session = request.session!;
      const reply = await readFeedback(db, session, request.query);
      if (session.user.role !== 'ipag') await disclose(db, session, 'feedback', request.query);
      return reply;
    },
  );

  app.get(
    '/translations',
    {
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
      preHandler: requirePermission('evidence'),
      schema: {
        summary: 'Every change of a translation status, newest first (admin, reviewer).',
        security: [{ session: [] }],
      },
    },
    async () => translationAudit(db),
  );

  app.post<{ Params: { tag: string }; Body: { status: ReviewStatus } }>(
    '/translations/:tag',
    {
      preHandler: requirePermission('evidence'),
      schema: {
        summary: "Set a locale's review status; audited with who and when (admin, reviewer).",
        security: [{ session: [], csrf: [] }],
        params: {
          type: 'object',
          properties: { tag: { type: 'string', maxLength: 35 } },
        },
        body: statusBody,
      },
    },
    async (request) =>
      setTranslationStatus(db, request.session!, request.params.tag, request.body.status),
  );
};
