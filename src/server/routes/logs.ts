/**
 * The append-only logs, for administrators: /api/disclosures (who saw or took what) and /api/audit
 * (security events). Both are paged the same way: newest first, `limit` at a time, and `before`
 * the last id shown; a `Link: <…>; rel="next"` header (RFC 8288) gives the next page while there
 * is one. Registered by routes.ts under /api.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  DISCLOSURE_ACTIONS,
  MAX_LOG_PAGE,
  type AuditKind,
  type AuditOutcome,
  type DisclosureAction,
} from '../../schema/api.js';
import { requirePermission } from '../app.js';
import { auditLog } from '../audit.js';
import type { Db } from '../db/index.js';
import { disclosures } from '../disclosure.js';
import type { Page } from '../log-page.js';

const DAY = '^\\d{4}-\\d{2}-\\d{2}$';

/** The paging and date filters both logs take, written once. */
const logPage = {
  before: {
    type: 'string',
    pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    description:
      'The id of the last entry already shown: the page holds the entries older than it.',
  },
  from: { type: 'string', pattern: DAY, description: 'First UTC day, inclusive (YYYY-MM-DD).' },
  to: { type: 'string', pattern: DAY, description: 'Last UTC day, inclusive (YYYY-MM-DD).' },
  limit: {
    type: 'string',
    pattern: '^[1-9][0-9]{0,2}$',
    description: `Entries per page, 1 to ${MAX_LOG_PAGE}; default 100.`,
  },
} as const;

interface LogQuerystring {
  before?: string;
  from?: string;
  to?: string;
  limit?: string;
}

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
  app.get<{ Querystring: LogQuerystring & { action?: DisclosureAction } }>(
    '/disclosures',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary: 'The append-only disclosure log, a page at a time (admin).',
        description: PAGING,
        security: [{ session: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...logPage, action: { type: 'string', enum: [...DISCLOSURE_ACTIONS] } },
        },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await disclosures(db, { ...request.query, limit: limitOf(request.query.limit) }),
      ),
  );

  app.get<{ Querystring: LogQuerystring & { kind?: AuditKind; outcome?: AuditOutcome } }>(
    '/audit',
    {
      preHandler: requirePermission('administer'),
      schema: {
        summary:
          'The append-only security audit log, a page at a time (admin): sign-ins, sign-outs, enrolment codes, devices enrolled and revoked, imports, retention, content reviews, account changes.',
        description: `${PAGING} Entries never hold a password, token, code, cookie or address.`,
        security: [{ session: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...logPage,
            kind: { type: 'string', enum: [...AUDIT_KINDS] },
            outcome: { type: 'string', enum: [...AUDIT_OUTCOMES] },
          },
        },
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
