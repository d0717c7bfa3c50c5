/** /api/feedback: IPAG testers leave feedback on one notice; reviewers and admins read it all. */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { FeedbackQuery, FeedbackRequest } from '../../schema/requests.js';
import type { Db } from '../db/index.js';
import { disclose } from '../disclosure.js';
import { addFeedback, readFeedback } from '../feedback.js';
import { json } from './schema.js';

export const feedbackRoutes: FastifyPluginAsync<{ db: Db }> = async (
  app: FastifyInstance,
  { db },
) => {
  app.post<{ Body: FeedbackRequest }>(
    '/feedback',
    {
      config: { auth: 'feedback' },
      schema: {
        summary: 'Leave feedback on one notice, in one format and language (any signed-in role).',
        security: [{ session: [], csrf: [] }],
        body: json(FeedbackRequest),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFeedback(db, request.session!, request.body)),
  );

  app.get<{ Querystring: FeedbackQuery }>(
    '/feedback',
    {
      config: { auth: 'feedback' },
      schema: {
        summary:
          "Feedback with a summary per format and language: every entry for reviewers and admins, the caller's own for the ipag role.",
        description:
          'Reviewer and admin reads are recorded in the disclosure log. At most 500 entries, newest first; the summary counts all of them.',
        security: [{ session: [] }],
        querystring: json(FeedbackQuery),
      },
    },
    async (request) => {
      const session = request.session!;
      const reply = await readFeedback(db, session, request.query);
      if (session.user.role !== 'ipag') await disclose(db, session, 'feedback', request.query);
      return reply;
    },
  );
};
