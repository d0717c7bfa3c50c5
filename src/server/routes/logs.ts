/**
 * The append-only logs, for administrators: /api/disclosures (who saw or took what) and /api/audit
 * (security events). Both are paged the same way: newest first, `limit` at a time, and `before`
 * the last id shown; a `Link: <…>; rel="next"` header (RFC 8288) gives the next page while there
 * is one.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AuditQuery, DisclosureQuery } from '../../schema/requests.js';
import { auditLog } from '../audit.js';
import type { Db } from '../db/index.js';
import { disclosures } from '../disclosure.js';
import type { Page } from '../log-page.js';
import { json } from './schema.js';

const PAGING =
  'Newest first. While older entries remain, a Link header with rel="next" gives the next page; or pass the last id shown as before.';

/** Sends a page as its entries, with the next page's address in a Link header. */
function sendPage<T>(request: FastifyRequest, reply: FastifyReply, page: Page<T>) {
  if (page.next) {
    const [path, search] = request.url.split('?');
    const params = new URLSearchParams(search);
    params.set('before', page.next);
    reply.header('Link', `<${path}?${params}>; rel="next"`);
  }
  return page.entries;
}

const limitOf = (limit?: string) => (limit === undefined ? undefined : Number(limit));

export const logRoutes: FastifyPluginAsync<{ db: Db }> = async (app: FastifyInstance, { db }) => {
  app.get<{ Querystring: DisclosureQuery }>(
    '/disclosures',
    {
      config: { auth: 'administer' },
      schema: {
        summary: 'The append-only disclosure log, a page at a time (admin).',
        description: PAGING,
        security: [{ session: [] }],
        querystring: json(DisclosureQuery),
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await disclosures(db, { ...request.query, limit: limitOf(request.query.limit) }),
      ),
  );

  app.get<{ Querystring: AuditQuery }>(
    '/audit',
    {
      config: { auth: 'administer' },
      schema: {
        summary:
          'The append-only security audit log, a page at a time (admin): sign-ins, sign-outs, enrolment codes, devices enrolled and revoked, imports, retention, content reviews, account changes.',
        description: `${PAGING} Entries never hold a password, token, code, cookie or address.`,
        security: [{ session: [] }],
        querystring: json(AuditQuery),
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await auditLog(db, { ...request.query, limit: limitOf(request.query.limit) }),
      ),
  );
};
