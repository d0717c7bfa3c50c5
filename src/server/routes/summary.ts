/** /api/summary and /api/export.csv: the aggregates, and the rows behind them. */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { SummaryQuery } from '../../schema/requests.js';
import type { Db } from '../db/index.js';
import { disclose } from '../disclosure.js';
import { HttpError } from '../errors.js';
import { exportCsv } from '../export.js';
import { checkQuarter, summaryFor } from '../summary.js';
import { json } from './schema.js';

function checkPeriod(q: SummaryQuery): void {
  for (const field of ['from', 'to'] as const) {
    const day = q[field];
    if (day && new Date(`${day}T00:00:00.000Z`).toISOString().slice(0, 10) !== day) {
      throw new HttpError(400, 'invalid', `${field} ${day} is not a real date.`, field);
    }
  }
  if (q.from && q.to && q.from > q.to)
    throw new HttpError(400, 'invalid', `from (${q.from}) is after to (${q.to}).`, 'from');
  checkQuarter(q);
}

export const summaryRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: SummaryQuery }>(
    '/summary',
    {
      config: { auth: 'summary' },
      schema: {
        summary:
          'Aggregates. The ipag role reads one published quarter (period, groupBy only): counts under 10, and any that would let one be worked out, are withheld.',
        security: [{ session: [] }],
        querystring: json(SummaryQuery),
      },
    },
    async (request) => {
      checkPeriod(request.query);
      const session = request.session!;
      const reply = await summaryFor(db, request.query, session.user.role);
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
      config: { auth: 'evidence' },
      schema: {
        summary: 'Every event matching the filters, as CSV (admin, reviewer).',
        security: [{ session: [] }],
        querystring: json(SummaryQuery),
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
};
