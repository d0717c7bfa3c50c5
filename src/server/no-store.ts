/**
 * `Cache-Control: no-store` on every reply to a signed-in person or an enrolled device, and on
 * every other /api reply that has not chosen its own caching (the sign-in reply carries the
 * CSRF token and sets the cookie before a session exists). A shared computer's browser cache, or
 * a proxy's, then never keeps what only that account could see. Public files keep their own
 * caching: they never see a session, which is read for /api alone.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export async function noStore(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session || request.device) reply.header('Cache-Control', 'no-store');
  else if (request.routeOptions.url?.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
    reply.header('Cache-Control', 'no-store');
}
