/**
 * The Fastify application, assembled from plugins that each own one job: security headers,
 * errors, rate limits, who is calling (and whether they may), the API's routes, the public
 * media, and the built app. Built by a function so the tests can make one per case against a
 * throwaway database.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { Db } from './db/index.js';
import { auth, SESSION_COOKIE } from './plugins/auth.js';
import { errors } from './plugins/errors.js';
import { DEFAULT_LIMITS, limits } from './plugins/rate-limit.js';
import { security } from './plugins/security.js';
import { staticFiles } from './plugins/static.js';
import { mediaRoute } from './routes/content.js';
import { apiRoutes } from './routes/index.js';

export { DEFAULT_LIMITS } from './plugins/rate-limit.js';

export interface AppOptions {
  db: Db;
  /** The built app to serve; omitted in API-only tests. */
  dist?: string;
  /** A live BSL interpreter service's address, offered by the kiosk when online. */
  vrsUrl?: string;
  /** How the public reports an accessibility problem, for /accessibility (from the environment). */
  accessibilityContact?: { email?: string; phone?: string; replyDays?: number };
  /** Rate limits per minute; tests lower them to see the 429. */
  limits?: Partial<typeof DEFAULT_LIMITS>;
  logger?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    // Requests are logged by method and path only: never an address (privacy rules), a token
    // or a cookie.
    logger: options.logger
      ? { level: 'info', serializers: { req: (req) => ({ method: req.method, url: req.url }) } }
      : false,
    bodyLimit: 1024 * 1024,
    // A slow client (slow-loris) holds a connection for at most this long, headers and body both.
    requestTimeout: 30_000,
    // No address is ever stored; the rate limiter alone sees it, as a keyed hash.
    trustProxy: false,
    // Long enough that any path parameter reaches its route's own check (a clear 400 or 404),
    // never a bare 414.
    routerOptions: { maxParamLength: 2048 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  // Headers trickled a byte at a time (slow-loris) hold a connection for 10 s at most.
  app.server.headersTimeout = 10_000;

  await app.register(security);
  await app.register(errors);
  // Limits before auth: its hook then runs before each route's guard, so refused calls count too.
  await app.register(limits, { db, limits: options.limits });
  await app.register(auth, { db });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Forewarn API',
        version: '1.0.0',
        description: 'Devices send signed notice events; people read aggregates. See DESIGN.md.',
      },
      components: {
        securitySchemes: {
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token a device receives at enrolment.',
          },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  // Uploads to the content library; each route reads its parts as a stream, with its own limits.
  await app.register(multipart);
  await app.register(apiRoutes, { db, prefix: '/api' });
  await app.register(mediaRoute, { db });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get(
    '/config.json',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-cache');
      return {
        ...(options.vrsUrl ? { vrsUrl: options.vrsUrl } : {}),
        ...(options.accessibilityContact
          ? { accessibilityContact: options.accessibilityContact }
          : {}),
      };
    },
  );
  await app.register(staticFiles, { dist: options.dist });
  return app;
}
